"""The report as one self-contained, accessible HTML page to share: no scripts, no fonts, no
images and no links to anywhere else, so it opens the same offline, in an email or printed.

The page comes from the Jinja templates in ``coprod_check/templates`` with autoescaping on, so
everything people typed (the project, names, notes) is shown as text and never runs; before it is
escaped, every value shown passes through ``safe_text``, so control characters and the marks that
reorder text show as U+FFFD. ``environment``
is shared with the other HTML pages, which extend ``base.html.j2`` and use the charts in
``charts.html.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import markupsafe

from coprod_check import __version__
from coprod_check.render.report.words import (
    RULES_INTRO,
    date_words,
    has_provisional,
    others_words,
    points,
    rule_heading,
    rule_texts,
    stage_groups,
    target_words,
)
from coprod_check.render.words import from_to, marked, unplaced
from coprod_check.text import safe_text
from coprod_check.views.report import KIND_HEADINGS, AreaRow, Report

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

ROW_HEADINGS = {
    "essential": "Essential",
    "tip": "Tip",
    "area": "Area",
    "part": "Part",
    "practice": "Practice",
}
"""The heading over the first column of each kind's score table."""


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart: a score from 0 to 100, or None for no score yet."""

    label: str
    value: float | None
    provisional: bool


@dataclass(frozen=True)
class Band:
    """One group of the pathway's stages, as a stretch of the pathway picture, in per cent."""

    title: str
    start: float
    width: float


@dataclass(frozen=True)
class ChartRow:
    """One row of the pathway picture: where an area sits, as the centre of its stage (and of
    the ends of its range) in per cent of the pathway's width, or None."""

    label: str
    at: float | None
    low_at: float | None
    high_at: float | None
    provisional: bool
    words: str
    """The row in words: its stage and group, or why it has none, and its range."""


@cache
def environment() -> jinja2.Environment:
    """The templates, with autoescaping on, every value shown made safe, and the few filters
    they use."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_shown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        score=score_words, percent=percent, date=date_words, stage=stage_words, sentence=sentence
    )
    env.globals["version"] = __version__
    return env


def _shown(value: Any) -> Any:
    """A value as the page shows it: text through ``safe_text`` (escaped after, as before)."""
    if not isinstance(value, str):
        return value

    cleaned = safe_text(value)
    return markupsafe.Markup(cleaned) if isinstance(value, markupsafe.Markup) else cleaned


def render(report: Report, *, width: int = 80, plain: bool = False) -> str:
    principles = report.scores_of("principle")
    template = environment().get_template("report.html.j2")
    return template.render(
        report=report,
        kinds=[
            (kind, heading, ROW_HEADINGS.get(kind, heading))
            for kind, heading in KIND_HEADINGS
            if kind != "principle" and report.scores_of(kind)
        ],
        bars=[Bar(score.title, score.score, score.provisional) for score in principles],
        rows=[report.overall, *report.areas],
        chart_rows=chart_rows(report),
        bands=bands(report),
        provisional=has_provisional(report),
        stage_titles={stage.id: stage.title for stage in report.stages},
        target_words=target_words,
        rule_heading=rule_heading,
        rule_texts=rule_texts,
        rules_intro=RULES_INTRO,
        others=others_words(report),
        role_columns=lambda kind: [
            (role.title, kind) for role in (report.combined.roles if report.combined else [])
        ],
    )


def score_words(value: float | None) -> str:
    """A score from 0 to 100 as a whole number, or "no score yet"."""
    return "no score yet" if value is None else points(value)


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def sentence(text: str) -> str:
    """Text that starts a sentence or a cell: its first letter a capital, the rest as it is
    (a stage's title keeps its own capitals)."""
    return text[:1].upper() + text[1:]


def stage_words(row: AreaRow) -> str:
    """Where a row is placed, in words: its stage's title, or why it is not placed."""
    if row.status != "placed" or row.stage_title is None:
        words = unplaced(row.status)
        return words[0].upper() + words[1:]
    return row.stage_title


def chart_rows(report: Report) -> list[ChartRow]:
    """The overall placement and each area's, as places on the pathway."""
    count = max(len(report.stages), 1)
    index = {stage.id: stage.index for stage in report.stages}

    def at(position: int | None) -> float | None:
        return None if position is None else round((position + 0.5) * 100 / count, 3)

    def position(stage_id: str | None) -> int | None:
        return index.get(stage_id) if stage_id else None

    return [
        ChartRow(
            label=row.title,
            at=at(row.index if row.status == "placed" else None),
            low_at=at(position(row.low)),
            high_at=at(position(row.high)),
            provisional=row.provisional and row.status == "placed",
            words=row_words(report, row),
        )
        for row in [report.overall, *report.areas]
    ]


def row_words(report: Report, row: AreaRow) -> str:
    """Where a row stands, in the words the pathway picture gives it: "Placation (Tokenism),
    provisional; ranging from Consultation to Placation"."""
    words = stage_words(row)
    if row.status == "placed" and row.index is not None and row.index < len(report.stages):
        group = report.stages[row.index].group_title
        words = f"{words} ({group})" if group else words
    words = marked(words, row.provisional and row.status == "placed")
    if row.status == "placed" and row.low_title and row.high_title and row.low != row.high:
        words += f"; ranging {from_to(row.low_title, row.high_title)}"
    return words


def bands(report: Report) -> list[Band]:
    """The pathway's groups of stages, lowest first, as stretches of its width in per cent."""
    count = max(len(report.stages), 1)
    out: list[Band] = []
    start = 0
    for title, stages in stage_groups(report):
        out.append(
            Band(
                title=title,
                start=round(start * 100 / count, 3),
                width=round(len(stages) * 100 / count, 3),
            )
        )
        start += len(stages)
    return out
