"""A trend in every format: a table in the terminal and in Markdown, a chart beside a table in
HTML, and the data itself as JSON or TOML. Every format lays out the same ``Trend``, and none
shows a control character or a mark that reorders text from a results file (see ``safe_text``)."""

import io
import json
from collections.abc import Callable

import tomli_w

from coprod_check.files.results import drop_none
from coprod_check.render import colour
from coprod_check.render.formats import ReportFormat
from coprod_check.render.report.markdown_format import escape
from coprod_check.render.trend_words import PRINCIPLES, date_of, moved, rows
from coprod_check.text import escape_unsafe, safe_data, wrap
from coprod_check.views.trend import Trend, trend_data


def _heading(trend: Trend) -> str:
    count = len(trend.points)
    return (
        f"How {trend.project} moved over {count} result{'s' if count != 1 else ''}, "
        f"oldest first, on {trend.pathway_title}"
    )


def terminal(trend: Trend, *, width: int = 80, plain: bool = False) -> str:
    if plain:
        out = wrap(_heading(trend), width)
        out += ["", *wrap(moved(trend), width)]
        dates = [date_of(point) for point in trend.points]
        for name, values in rows(trend):
            if name == PRINCIPLES:
                out += ["", *wrap(f"{name}:", width)]
                continue
            out += ["", *wrap(name, width)]
            for date, value in zip(dates, values, strict=True):
                out += wrap(f"{date}: {value}", width, "  ", "    ")
        return "\n".join(out) + "\n"

    from rich.console import Console  # noqa: PLC0415 — rich: not for --plain
    from rich.table import Table  # noqa: PLC0415 — rich: not for --plain
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system=colour.colour_system(),
        highlight=False,
    )
    console.print(Text(_heading(trend), style="bold"))
    console.print(Text(moved(trend)))
    table = Table(show_edge=False, header_style="bold")
    table.add_column("Measure")
    for point in trend.points:
        table.add_column(date_of(point))
    for name, values in rows(trend):
        if name == PRINCIPLES:
            table.add_section()
            table.add_row(Text(name, style="bold"))
            continue
        table.add_row(Text(name), *(Text(value) for value in values))
    console.print(table)
    return buffer.getvalue()


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
