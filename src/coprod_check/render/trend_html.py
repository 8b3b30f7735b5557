"""A trend as one self-contained HTML page: the overall stage and each principle's score over time
as line charts, each beside a table with the same numbers. It shares the report's templates."""

from typing import Any

from coprod_check.render.report.html_format import environment
from coprod_check.render.report.words import date_words
from coprod_check.render.trend_words import PRINCIPLES, moved, rows, score_words
from coprod_check.render.words import NOT_PLACED
from coprod_check.views.trend import Trend

STYLES = 6
"""How many lines one chart can tell apart by marker and dash; more are drawn in further charts."""


def html(trend: Trend) -> str:
    labels = [date_words(point.date) for point in trend.points]
    table = rows(trend)
    split = next(i for i, (name, _) in enumerate([*table, (PRINCIPLES, [])]) if name == PRINCIPLES)
    overall = [point.overall_index for point in trend.points]
    every: list[dict[str, Any]] = [
        {"name": label.title, "values": [point.scores.get(label.id) for point in trend.points]}
        for label in trend.principles
    ]
    series = [item for item in every if any(v is not None for v in item["values"])]
    charts = [series[start : start + STYLES] for start in range(0, len(series), STYLES)]
    stage_description = "The overall stage of each result, oldest first: " + "; ".join(
        f"{label}, {trend.stage_title(point.overall) or NOT_PLACED}"
        for label, point in zip(labels, trend.points, strict=True)
    )
    score_description = "Each principle's score from 0 to 100 over time. " + " ".join(
        f"{item['name']}: " + ", then ".join(map(score_words, item["values"])) + "."
        for item in every
    )
    return (
        environment()
        .get_template("trend.html.j2")
        .render(
            trend=trend,
            labels=labels,
            moved=moved(trend),
            provisional=any(point.provisional for point in trend.points),
            overall=overall,
            stage_ticks=[(stage.index, stage.title) for stage in trend.stages],
            stage_rows=table[:split],
            score_rows=table[split + 1 :],
            principle_charts=charts,
            stage_description=stage_description,
            score_description=score_description,
        )
    )
