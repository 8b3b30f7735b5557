"""A trend in every format: a table in the terminal and in Markdown, a chart beside a table in
HTML, and the data itself as JSON or TOML. Every format lays out the same ``Trend``, and none
shows a control character or a mark that reorders text from a results file (see ``safe_text``)."""

import io
import json
import sys
from collections.abc import Callable

from coprod_check.render.report.words import points
from coprod_check.render.safe_text import escape_unsafe, safe_data
from coprod_check.render.text import wrap
from coprod_check.trend import Trend, TrendPoint, trend_data


def _date(point: TrendPoint) -> str:
    return point.date[:10]


def _stage(trend: Trend, stage_id: str | None) -> str:
    return trend.stage_title(stage_id) or "not placed"


def score_words(value: float | None) -> str:
    return "no score" if value is None else points(value)


PRINCIPLES = "Principles (0 to 100)"
"""A heading row: the rows after it are principle scores."""


def rows(trend: Trend) -> list[tuple[str, list[str]]]:
    """Each measure's name and its value at every point, oldest first."""

    def line(name: str, value: Callable[[TrendPoint], str]) -> tuple[str, list[str]]:
        return name, [value(point) for point in trend.points]

    out = [line("Who answered", lambda p: p.who)]
    out.append(
        line(
            "Overall",
            lambda p: _stage(trend, p.overall) + (", provisional" if p.provisional else ""),
        )
    )
    out += [line(a.title, lambda p, a=a: _stage(trend, p.areas.get(a.id))) for a in trend.areas]  # type: ignore[misc]
    if trend.principles:
        out.append((PRINCIPLES, []))
    out += [
        line(d.title, lambda p, d=d: score_words(p.scores.get(d.id)))  # type: ignore[misc]
        for d in trend.principles
    ]
    return out


def _heading(trend: Trend) -> str:
    count = len(trend.points)
    return (
        f"How {trend.project} moved over {count} result{'s' if count != 1 else ''}, "
        f"oldest first, on {trend.pathway_title}"
    )


def moved(trend: Trend) -> str:
    first, last = trend.points[0], trend.points[-1]
    if len(trend.points) < 2:
        return "One result so far: add a later one to see movement."
    if first.overall_index is None or last.overall_index is None:
        return "The overall stage cannot be compared: one of the results is not placed."
    steps = last.overall_index - first.overall_index
    if steps == 0:
        return f"Overall, no change since {_date(first)}."
    word = "up" if steps > 0 else "down"
    return (
        f"Overall, {word} {abs(steps)} stage{'s' if abs(steps) != 1 else ''} "
        f"since {_date(first)}: from {_stage(trend, first.overall)} "
        f"to {_stage(trend, last.overall)}."
    )


def terminal(trend: Trend, *, width: int = 80, plain: bool = False) -> str:
    if plain:
        out = wrap(_heading(trend), width)
        out += ["", *wrap(moved(trend), width)]
        dates = [_date(point) for point in trend.points]
        for name, values in rows(trend):
            if name == PRINCIPLES:
                out += ["", *wrap(f"{name}:", width)]
                continue
            out += ["", *wrap(name, width)]
            for date, value in zip(dates, values, strict=True):
                out += wrap(f"{date}: {value}", width, "  ", "    ")
        return "\n".join(out) + "\n"

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="standard" if sys.stdout.isatty() else None,
        highlight=False,
    )
    console.print(Text(_heading(trend), style="bold"))
    console.print(Text(moved(trend)))
    table = Table(show_edge=False, header_style="bold")
    table.add_column("Measure")
    for point in trend.points:
        table.add_column(_date(point))
    for name, values in rows(trend):
        if name == PRINCIPLES:
            table.add_section()
            table.add_row(Text(name, style="bold"))
            continue
        table.add_row(Text(name), *(Text(value) for value in values))
    console.print(table)
    return buffer.getvalue()


def _cell(text: str) -> str:
    from coprod_check.render.report.markdown_format import escape

    return escape(text).replace("|", "\\|")


def markdown(trend: Trend) -> str:
    out = [f"# {_cell(_heading(trend))}", "", moved(trend), ""]
    out.append("| Measure | " + " | ".join(_date(p) for p in trend.points) + " |")
    out.append("|---" * (len(trend.points) + 1) + "|")
    for name, values in rows(trend):
        if name == PRINCIPLES:
            out.append(f"| **{name}** |" + " |" * len(trend.points))
            continue
        out.append(f"| {_cell(name)} | " + " | ".join(_cell(v) for v in values) + " |")
    out += ["", "Files, oldest first: " + ", ".join(f"`{p.file}`" for p in trend.points), ""]
    return "\n".join(out)


def render(trend: Trend, output_format: str, *, width: int = 80, plain: bool = False) -> str:
    """The trend in one of the report formats."""
    if output_format == "json":
        return escape_unsafe(json.dumps(trend_data(trend), indent=2, ensure_ascii=False)) + "\n"
    if output_format == "toml":
        import tomli_w

        from coprod_check.results import drop_none

        return escape_unsafe(tomli_w.dumps(drop_none(trend_data(trend)), multiline_strings=False))
    trend = safe_data(trend)
    if output_format == "terminal":
        return terminal(trend, width=width, plain=plain)
    if output_format == "markdown":
        return markdown(trend)
    from coprod_check.render.trend_html import html

    return html(trend)
