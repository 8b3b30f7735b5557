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

import textwrap
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
    target_words,
)
from coprod_check.render.words import from_to, marked, unplaced
from coprod_check.text import safe_text
from coprod_check.views.report import KIND_HEADINGS, AreaRow, Report, ScoreRow

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
class ChartRow:
    """One row of the pathway picture: where an area sits, as stage positions from 0."""

    label: str
    index: int | None
    low: int | None
    high: int | None
    provisional: bool
    words: str
    """The row in words: its stage, or why it has none."""


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
        score=score_words, percent=percent, date=date_words, lines=lines, stage=stage_words
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
        bar_description=bar_description(principles),
        rows=[report.overall, *report.areas],
        chart_rows=chart_rows(report),
        chart_description=chart_description(report),
        provisional=has_provisional(report),
        stage_titles={stage.id: stage.title for stage in report.stages},
        target_words=target_words,
        rule_heading=rule_heading,
        rule_texts=rule_texts,
        rules_intro=RULES_INTRO,
        others=others_words(report),
    )


def score_words(value: float | None) -> str:
    """A score from 0 to 100 as a whole number, or "no score yet"."""
    return "no score yet" if value is None else points(value)


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def lines(text: str, width: int) -> list[str]:
    """Text broken into lines of at most ``width`` characters, for labels inside charts."""
    return textwrap.wrap(
        text, width=max(width, 1), break_long_words=False, break_on_hyphens=False
    ) or [""]


def stage_words(row: AreaRow) -> str:
    """Where a row is placed, in words: its stage's title, or why it is not placed."""
    if row.status != "placed" or row.stage_title is None:
        words = unplaced(row.status)
        return words[0].upper() + words[1:]
    return row.stage_title


def chart_rows(report: Report) -> list[ChartRow]:
    """The overall placement and each area's, as positions on the pathway."""
    index = {stage.id: stage.index for stage in report.stages}

    def position(stage_id: str | None) -> int | None:
        return index.get(stage_id) if stage_id else None

    return [
        ChartRow(
            label=row.title,
            index=row.index if row.status == "placed" else None,
            low=position(row.low),
            high=position(row.high),
            provisional=row.provisional,
            words=stage_words(row),
        )
        for row in [report.overall, *report.areas]
    ]


def chart_description(report: Report) -> str:
    """What the pathway picture shows, in sentences, for people who cannot see it."""
    stages = report.stages
    text = (
        f"The stages of {report.pathway_title}, from {stages[0].title} (lowest) on the left to "
        f"{stages[-1].title} (highest) on the right, with a marker where each area stands. "
        if stages
        else f"Where each area stands on {report.pathway_title}. "
    )
    sentences = []
    for row in [report.overall, *report.areas]:
        sentence = f"{row.title}: {stage_words(row)}"
        if row.status == "placed" and row.low_title and row.high_title:
            sentence += f", ranging {from_to(row.low_title, row.high_title)}"
        sentences.append(marked(sentence, row.provisional) + ".")
    return text + " ".join(sentences)


def bar_description(scores: list[ScoreRow]) -> str:
    """What the principle chart shows, in sentences."""
    parts = []
    for score in scores:
        part = f"{score.title}: {score_words(score.score)}"
        parts.append(marked(part, score.provisional and score.score is not None) + ".")
    return "Each principle's score, as a bar from 0 to 100. " + " ".join(parts)
