"""A trend in every format: a table in the terminal and in Markdown, a chart beside a table in
HTML, and the data itself as JSON or TOML. Every format lays out the same ``Trend``, and none
shows a control character or a mark that reorders text from a results file (see ``safe_text``)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import tomli_w

from coprod_check.files.results import drop_none
from coprod_check.render import colour
from coprod_check.render.formats import ReportFormat
from coprod_check.render.report.markdown_format import escape
from coprod_check.render.report.words import TRAILING
from coprod_check.render.trend_words import PRINCIPLES, Movement, date_of, moved, movements, rows
from coprod_check.text import escape_unsafe, safe_data, wrap
from coprod_check.views.trend import Trend, trend_data

if TYPE_CHECKING:
    from rich.console import Console


def _heading(trend: Trend) -> str:
    count = len(trend.points)
    return (
        f"How {trend.project} moved over {count} result{'s' if count != 1 else ''}, "
        f"oldest first, on {trend.pathway_title}"
    )


ARROWS = {1: "\u2191", -1: "\u2193", 0: "\u2192"}
"""Which way a measure went from the first result to the last: up, down, or level."""
NO_ARROW = "\u00b7"
"""For a measure that cannot be compared (not placed, or no score, at one end)."""
BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
"""A sparkline's heights, lowest first; a point with nothing to show is a space."""


def arrow(movement: Movement) -> str:
    change = movement.change()
    if change is None:
        return NO_ARROW
    return ARROWS[(change > 0) - (change < 0)]


def sparkline(movement: Movement) -> str:
    """One bar for each result, oldest first, as high as the measure stood."""
    top = len(BARS) - 1
    return "".join(
        " " if value is None else BARS[round(max(0.0, min(value / movement.top, 1.0)) * top)]
        for value in movement.values
    )


def _change(movement: Movement | None) -> str:
    return "" if movement is None else f"{arrow(movement)} {sparkline(movement)}"


def _plain(trend: Trend, width: int) -> str:
    out = wrap(_heading(trend), width)
    out += ["", *wrap(moved(trend), width)]
    dates = [date_of(point) for point in trend.points]
    many = len(trend.points) > 1
    for (name, values), movement in zip(rows(trend), movements(trend), strict=True):
        if name == PRINCIPLES:
            out += ["", *wrap(f"{name}:", width)]
            continue
        heading = f"{name}: {movement.words()}" if movement is not None and many else name
        out += ["", *wrap(heading, width, "", "  ")]
        for date, value in zip(dates, values, strict=True):
            out += wrap(f"{date}: {value}", width, "  ", "    ")
    return "\n".join(out) + "\n"


def _longest_word(cells: list[str]) -> int:
    return max((len(word) for cell in cells for word in cell.split()), default=0)


def _fits(columns: list[list[str]], width: int) -> bool:
    """Whether a table of these columns (each its heading and cells) fits ``width`` with no word
    cut: each at least as wide as its longest word, with rich's padding and rules."""
    return sum(_longest_word(cells) for cells in columns) + 3 * len(columns) - 1 <= width


def terminal(trend: Trend, *, width: int = 80, plain: bool = False) -> str:
    """The trend in the terminal: a table of each measure at each result, with which way it
    went and a small chart of its path, or where that does not fit, the same measure by
    measure; with ``plain``, lines of words alone."""
    if plain:
        return _plain(trend, width)

    from rich.console import Console  # noqa: PLC0415 — rich: not for --plain
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system=colour.colour_system(),
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(Text(_heading(trend), style="bold"))
    console.print(Text(moved(trend)))
    measured = list(zip(rows(trend), movements(trend), strict=True))
    if len(trend.points) < 2:  # nothing has moved yet
        measured = [(row, None) for row, _ in measured]
    dates = [date_of(point) for point in trend.points]
    columns = [["Measure", *(name for (name, _), _ in measured)]]
    for n, date in enumerate(dates):
        columns.append([date, *(cells[n] for (_, cells), _ in measured if cells)])
    if len(trend.points) > 1:
        columns.append(["Change", *(_change(movement) for _, movement in measured)])
    if _fits(columns, width):
        _table(console, measured, columns)
    else:
        _by_measure(console, measured, dates, width)
    return _trimmed(buffer.getvalue())


Measured = list[tuple[tuple[str, list[str]], Movement | None]]
"""Each of the rows, with how its measure moved (None: not a measure, or nothing moved yet)."""


def _table(console: Console, measured: Measured, columns: list[list[str]]) -> None:
    """The rows as a table, each column at least as wide as its longest word."""
    from rich.table import Table  # noqa: PLC0415 — rich: not for --plain
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    table = Table(show_edge=False, header_style="bold")
    for cells in columns:
        table.add_column(cells[0], min_width=_longest_word(cells))
    for (name, values), movement in measured:
        if name == PRINCIPLES:
            table.add_section()
            table.add_row(Text(name, style="bold"))
            continue
        change = [Text(_change(movement))] if len(columns) > len(values) + 1 else []
        table.add_row(Text(name), *(Text(value) for value in values), *change)
    console.print(table)


def _by_measure(console: Console, measured: Measured, dates: list[str], width: int) -> None:
    """The rows one measure at a time, for a terminal too narrow for the table: its name and
    which way it went, then its value at each result."""
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    for (name, cells), movement in measured:
        console.print()
        if name == PRINCIPLES:  # a heading, with no values of its own
            console.print(Text("\n".join(wrap(name, width)), style="bold"))
            continue
        change = _change(movement)
        if not change or len(name) + 2 + len(change) > width:
            console.print(Text("\n".join(wrap(name, width)), style="bold"))
            if change:
                console.print(Text(f"  {change}"))
        else:
            console.print(Text.assemble((name, "bold"), "  ", change))
        for date, value in zip(dates, cells, strict=True):
            console.print(Text("\n".join(wrap(f"{date}: {value}", width, "  ", "    "))))


def _trimmed(text: str) -> str:
    """What rich printed, without the spaces it pads lines with."""
    return "\n".join(TRAILING.sub(r"\1", line) for line in text.splitlines()) + "\n"


def _cell(text: str) -> str:
    return escape(text).replace("|", "\\|")


def markdown(trend: Trend) -> str:
    out = [f"# {_cell(_heading(trend))}", "", moved(trend), ""]
    out.append("| Measure | " + " | ".join(date_of(p) for p in trend.points) + " |")
    out.append("|---" * (len(trend.points) + 1) + "|")
    for name, values in rows(trend):
        if name == PRINCIPLES:
            out.append(f"| **{name}** |" + " |" * len(trend.points))
            continue
        out.append(f"| {_cell(name)} | " + " | ".join(_cell(v) for v in values) + " |")
    out += ["", "Files, oldest first: " + ", ".join(f"`{p.file}`" for p in trend.points), ""]
    return "\n".join(out)


def _json(trend: Trend) -> str:
    return escape_unsafe(json.dumps(trend_data(trend), indent=2, ensure_ascii=False)) + "\n"


def _toml(trend: Trend) -> str:
    return escape_unsafe(tomli_w.dumps(drop_none(trend_data(trend)), multiline_strings=False))


def _html(trend: Trend) -> str:
    from coprod_check.render.trend_html import html  # noqa: PLC0415 — jinja2: html only

    return html(trend)


RENDERERS: dict[ReportFormat, Callable[[Trend, int, bool], str]] = {
    ReportFormat.terminal: lambda trend, width, plain: terminal(trend, width=width, plain=plain),
    ReportFormat.markdown: lambda trend, width, plain: markdown(trend),
    ReportFormat.html: lambda trend, width, plain: _html(trend),
    ReportFormat.json: lambda trend, width, plain: _json(trend),
    ReportFormat.toml: lambda trend, width, plain: _toml(trend),
}
"""Each report format, for a trend. JSON and TOML keep the text exactly (with escapes); the others
show it through ``safe_text``."""


def render(
    trend: Trend, output_format: ReportFormat | str, *, width: int = 80, plain: bool = False
) -> str:
    """The trend in one of the report formats."""
    chosen = ReportFormat(output_format)
    if chosen not in (ReportFormat.json, ReportFormat.toml):
        trend = safe_data(trend)
    return RENDERERS[chosen](trend, width, plain)
