"""A trend as one self-contained HTML page: the overall stage, each area's stage and each
principle's score over time as line charts, each beside a table with the same numbers. It shares
the report's templates, and says every date one way, as the report does ("19 November 2026").

Each line is drawn on a small chart of its own (small multiples) when there are more than a few,
and on one chart together when there are few; a provisional point is drawn hollow, as the report
draws a provisional placement. Every chart is drawn for the width it is shown at, so its labels
read at the size of the text around it on a phone as on a wide screen."""

import math
from dataclasses import dataclass
from typing import Any

from coprod_check.render.report.html_format import environment
from coprod_check.render.report.words import date_words
from coprod_check.render.trend_words import PRINCIPLES, moved, rows, score_words
from coprod_check.render.words import NOT_PLACED, marked
from coprod_check.views.trend import Trend, TrendPoint

FEW = 3
"""The most lines drawn on one chart; more are drawn one to a chart."""

CHART_WIDTH = 300
"""The width the line charts are drawn for (see ``charts.html.j2``)."""
CHART_RIGHT = 14
"""The room the line charts leave on their right."""
CHARACTER = 8.2
"""About how wide a character of a chart's labels is (13 units of a wide sans-serif font): a
little more than most, so that a label thought to fit always does."""


@dataclass(frozen=True)
class XLabel:
    """A point's label along the bottom of a chart: its lines, whether it is written (labels
    that would run into each other are not; the last always is), and where, inside the chart."""

    lines: list[str]
    shown: bool
    x: float
    anchor: str


@dataclass(frozen=True)
class XAxis:
    """The bottom of a chart: where its plot starts (``left``), each point's label, whether they
    are tilted (when they would not fit side by side), and the room they take below the plot."""

    left: float
    labels: list[XLabel]
    tilted: bool
    height: float


TILT = 35
"""How far labels are tilted, in degrees, when they do not fit side by side."""
LINE = 16
"""The height of a line of a chart's labels."""


def html(trend: Trend) -> str:
    labels = [date_words(point.date) for point in trend.points]
    table = rows(trend)
    split = next(i for i, (name, _) in enumerate([*table, (PRINCIPLES, [])]) if name == PRINCIPLES)
    stage_ticks = [(stage.index, stage.title) for stage in trend.stages]
    score_ticks = [(value, str(value)) for value in (0, 25, 50, 75, 100)]
    lines = [_stage_series(trend, labels, None, "Overall")]
    lines += [_stage_series(trend, labels, area.id, area.title) for area in trend.areas]
    stages = [one for one in lines if any(value is not None for value in one["values"])]
    every = [_score_series(trend, labels, label.id, label.title) for label in trend.principles]
    scored = [one for one in every if any(value is not None for value in one["values"])]
    return (
        environment()
        .get_template("trend.html.j2")
        .render(
            trend=trend,
            labels=labels,
            moved=moved(trend, lambda point: date_words(point.date)),
            provisional=_any_provisional(trend),
            stage_charts=_charts(stages),
            unplaced=[one["name"] for one in lines if one not in stages],
            stage_ticks=stage_ticks,
            stage_axis=x_axis(labels, _room([title for _, title in stage_ticks])),
            score_charts=_charts(scored),
            unscored=[one["name"] for one in every if one not in scored],
            score_ticks=score_ticks,
            score_axis=x_axis(labels, _room([title for _, title in score_ticks])),
            stage_hollow=_hollow(stages),
            score_hollow=_hollow(scored),
            stage_rows=table[:split],
            score_rows=table[split + 1 :],
        )
    )


def _charts(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The charts to draw: all the lines on one when they are few, else one chart each."""
    if not series:
        return []
    if len(series) <= FEW:
        names = " and ".join(one["name"] for one in series) if len(series) > 1 else ""
        return [
            {
                "name": names or series[0]["name"],
                "series": series,
                "description": " ".join(one["description"] for one in series),
                "legend": len(series) > 1,
            }
        ]
    return [
        {"name": one["name"], "series": [one], "description": one["description"], "legend": False}
        for one in series
    ]


def _stage_series(trend: Trend, labels: list[str], area: str | None, name: str) -> dict[str, Any]:
    """One line of stages, for an area or (``area`` None) the overall stage."""

    def stage_of(point: TrendPoint) -> str | None:
        return point.overall if area is None else point.areas.get(area)

    def provisional(point: TrendPoint) -> bool:
        return point.provisional if area is None else point.areas_provisional.get(area, False)

    words = [
        f"{label}, " + marked(trend.stage_title(stage_of(point)) or NOT_PLACED, provisional(point))
        for label, point in zip(labels, trend.points, strict=True)
    ]
    return {
        "name": name,
        "values": [trend.stage_index(stage_of(point)) for point in trend.points],
        "provisional": [provisional(point) for point in trend.points],
        "description": f"{name}'s stage in each result, oldest first: " + "; ".join(words) + ".",
    }


def _score_series(trend: Trend, labels: list[str], dimension: str, name: str) -> dict[str, Any]:
    """One line of a principle's scores."""
    values = [point.scores.get(dimension) for point in trend.points]
    flags = [point.scores_provisional.get(dimension, False) for point in trend.points]
    words = [
        f"{label}, {marked(score_words(value), flag)}"
        for label, value, flag in zip(labels, values, flags, strict=True)
    ]
    return {
        "name": name,
        "values": values,
        "provisional": flags,
        "description": f"{name}'s score from 0 to 100 in each result, oldest first: "
        + "; ".join(words)
        + ".",
    }


def _hollow(series: list[dict[str, Any]]) -> bool:
    """Whether any point drawn is provisional, and so hollow."""
    return any(
        flag and value is not None
        for one in series
        for value, flag in zip(one["values"], one["provisional"], strict=True)
    )


def _any_provisional(trend: Trend) -> bool:
    return any(
        point.provisional
        or any(point.areas_provisional.values())
        or any(point.scores_provisional.values())
        for point in trend.points
    )


def _room(ticks: list[str]) -> float:
    """The room on a chart's left for its longest tick label, and a little more."""
    return max(len(tick) for tick in ticks) * CHARACTER + 12 if ticks else 40


def x_axis(labels: list[str], left: float) -> XAxis:
    """The dates along the bottom of a chart whose tick labels need ``left``: side by side, the
    day and month over the year, when they fit; else each on one line, tilted, and as many of
    them as have room (always the last). Each stays inside the chart."""
    count = max(len(labels), 1)
    split = [_date_lines(label) for label in labels]
    widest = max((len(line) for lines in split for line in lines), default=1) * CHARACTER
    step = (CHART_WIDTH - left - CHART_RIGHT) / count
    if widest + 8 <= step:
        placed = []
        for index, lines in enumerate(split):
            x, anchor = left + step * (index + 0.5), "middle"
            if x + widest / 2 > CHART_WIDTH - 2:
                x, anchor = CHART_WIDTH - 2, "end"
            placed.append(XLabel(lines=lines, shown=True, x=x, anchor=anchor))
        rows = max((len(lines) for lines in split), default=1)
        return XAxis(left=left, labels=placed, tilted=False, height=LINE * rows + 10)
    across = max((len(label) for label in labels), default=1) * CHARACTER
    cos, sin = math.cos(math.radians(TILT)), math.sin(math.radians(TILT))
    # The first label runs down to the left of its point: its length across, and its height
    # up. Start the plot far enough in for it (the point is half a step in from the start).
    reach, half = across * cos + LINE * sin + 2, 1 / (2 * count)
    wanted = (reach - (CHART_WIDTH - CHART_RIGHT) * half) / (1 - half)
    left = max(left, min(wanted, CHART_WIDTH / 2))
    step = (CHART_WIDTH - left - CHART_RIGHT) / count
    every = max(1, math.ceil((LINE / sin) / step))
    last = len(labels) - 1
    shown = {index for index in range(0, last + 1, every) if last - index >= every} | {last}
    placed = [
        XLabel(lines=[label], shown=index in shown, x=left + step * (index + 0.5), anchor="end")
        for index, label in enumerate(labels)
    ]
    return XAxis(left=left, labels=placed, tilted=True, height=across * sin + LINE * cos + 10)


def _date_lines(label: str) -> list[str]:
    """A date as the chart writes it: "19 November" over "2026"."""
    day_month, _, year = label.rpartition(" ")
    return [day_month, year] if day_month and year.isdigit() else [label]
