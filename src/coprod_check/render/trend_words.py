"""The words every trend format shares: each measure's row, how each row moved, and how the
overall stage moved."""

from collections.abc import Callable
from typing import NamedTuple

from coprod_check.render.report.words import points
from coprod_check.render.words import (
    NOT_PLACED,
    PROVISIONAL_MARK,
    against_target,
    marked,
    marked_aside,
    moved_words,
    not_compared,
    points_moved_words,
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
        line(d.title, lambda p, d=d: _score_cell(p, d.id))  # type: ignore[misc]
        for d in trend.principles
    ]
    return out


def _score_cell(point: TrendPoint, dimension: str) -> str:
    """A principle's score at one point, marked when it is provisional."""
    provisional = point.scores_provisional.get(dimension, False)
    return marked(score_words(point.scores.get(dimension)), provisional)


def _area_cell(trend: Trend, point: TrendPoint, area: str, aim: str | None) -> str:
    """An area's stage at one point (marked when it is provisional), with the target it had
    then when that is not the latest."""
    stage = marked(_stage(trend, point.areas.get(area)), point.areas_provisional.get(area, False))
    then = point.targets.get(area)
    return f"{stage} (aim: {_stage(trend, then)})" if then and then != aim else stage


def moved(trend: Trend, dated: Callable[[TrendPoint], str] = date_of) -> str:
    """How the overall stage moved from the first point to the last, each end marked when it
    is provisional; ``dated`` says a point's date."""
    first, last = trend.points[0], trend.points[-1]
    if len(trend.points) < 2:
        return "One result so far: add a later one to see movement."
    if first.overall_index is None or last.overall_index is None:
        return not_compared("The overall stage")
    steps = last.overall_index - first.overall_index
    words = f"Overall, {moved_words(steps)} since {dated(first)}"
    if steps != 0:
        old = marked_aside(_stage(trend, first.overall), first.provisional)
        new = marked_aside(_stage(trend, last.overall), last.provisional)
        words += f": from {old} to {new}"
    elif first.provisional or last.provisional:
        words += f" ({PROVISIONAL_MARK})"
    aim = trend.stage_index(last.overall_target)
    if aim is None:
        return words + "."
    target = _stage(trend, last.overall_target)
    return f"{words}; now {against_target(aim - last.overall_index, target)}."


class Movement(NamedTuple):
    """Where one measure stood at each point, oldest first, as numbers a chart can draw: a stage's
    place on the pathway (0 for the lowest), or a score; None where it was not placed or had no
    score."""

    values: list[float | None]
    top: float
    """The highest value there can be: the top stage's place, or 100."""
    stages: bool
    """Whether the values are stages (else scores)."""

    def change(self) -> float | None:
        """How far it moved from the first point to the last; None when either is missing."""
        first, last = self.values[0], self.values[-1]
        return None if first is None or last is None else last - first

    def words(self) -> str:
        """How far it moved, in words: "up 1 stage", "down 20 points", "no change"."""
        change = self.change()
        if self.stages:
            return moved_words(None if change is None else round(change))
        return points_moved_words(change)


def movements(trend: Trend) -> list[Movement | None]:
    """For each of :func:`rows`, in the same order, how its measure moved (None for the rows
    with nothing to measure: who answered, and the principles' heading)."""
    top = float(max(len(trend.stages) - 1, 1))

    def stage_movement(place: Callable[[TrendPoint], int | None]) -> Movement:
        values = [place(point) for point in trend.points]
        return Movement([None if v is None else float(v) for v in values], top, stages=True)

    out: list[Movement | None] = [None, stage_movement(lambda p: p.overall_index)]
    out += [
        stage_movement(lambda p, a=area.id: trend.stage_index(p.areas.get(a)))  # type: ignore[misc]
        for area in trend.areas
    ]
    if trend.principles:
        out.append(None)
    out += [
        Movement([p.scores.get(d.id) for p in trend.points], 100.0, stages=False)
        for d in trend.principles
    ]
    return out
