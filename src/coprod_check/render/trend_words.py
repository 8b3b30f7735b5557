"""The words every trend format shares: each measure's row, and how the overall stage moved."""

from collections.abc import Callable

from coprod_check.render.report.words import points
from coprod_check.render.words import (
    NOT_PLACED,
    against_target,
    marked,
    moved_words,
    not_compared,
)
from coprod_check.views.trend import Trend, TrendPoint


def date_of(point: TrendPoint) -> str:
    """The day a result was last changed."""
    return point.date[:10]


def _stage(trend: Trend, stage_id: str | None) -> str:
    return trend.stage_title(stage_id) or NOT_PLACED


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
            lambda p: marked(_stage(trend, p.overall), p.provisional),
        )
    )
    usual = trend.points[-1].overall_target
    for area in trend.areas:  # an area's aim is named where it is not the project's
        aim = trend.points[-1].targets.get(area.id)
        name = f"{area.title} (aim: {_stage(trend, aim)})" if aim and aim != usual else area.title
        out.append(line(name, lambda p, a=area.id, aim=aim: _area_cell(trend, p, a, aim)))  # type: ignore[misc]
    if trend.principles:
        out.append((PRINCIPLES, []))
    out += [
        line(d.title, lambda p, d=d: score_words(p.scores.get(d.id)))  # type: ignore[misc]
        for d in trend.principles
    ]
    return out


def _area_cell(trend: Trend, point: TrendPoint, area: str, aim: str | None) -> str:
    """An area's stage at one point, with the target it had then when that is not the latest."""
    stage = _stage(trend, point.areas.get(area))
    then = point.targets.get(area)
    return f"{stage} (aim: {_stage(trend, then)})" if then and then != aim else stage


def moved(trend: Trend) -> str:
    first, last = trend.points[0], trend.points[-1]
    if len(trend.points) < 2:
        return "One result so far: add a later one to see movement."
    if first.overall_index is None or last.overall_index is None:
        return not_compared("The overall stage")
    steps = last.overall_index - first.overall_index
    words = f"Overall, {moved_words(steps)} since {date_of(first)}"
    if steps != 0:
        words += f": from {_stage(trend, first.overall)} to {_stage(trend, last.overall)}"
    aim = trend.stage_index(last.overall_target)
    if aim is None:
        return words + "."
    target = _stage(trend, last.overall_target)
    return f"{words}; now {against_target(aim - last.overall_index, target)}."
