"""Counting many respondents' results, ready to combine: how many gave each placement, score,
answer and recommendation, in groups that share a pathway and framework versions.

Counts of values, not lists in the order the files came: so the combined result cannot depend on
that order, the counts of worker processes add up, and the memory needed grows with the number of
different answers rather than with the number of files. ``combine.py`` turns the counts into the
combined result.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, NamedTuple

import msgspec
from msgspec import Struct, field

from coprod_check.catalog import Catalog
from coprod_check.errors import CoprodError, Location, ValidationError
from coprod_check.results import (
    RESULT_SCHEMA,
    Combined,
    FrameworkUsed,
    Meta,
    Results,
    Summary,
    _StoredAnswer,
    from_data,
    summarise,
)
from coprod_check.scoring import assess

OVERALL = "overall"
"""The key under which the project's overall placement is counted beside the areas'."""
UNKNOWN_ROLE = "unknown"
"""The role of respondents who did not give one."""

Placed = tuple[str, str, str, int, bool, float, int, tuple[str, ...]]
"""One respondent's placement of an area (or of the project, ``overall``): the area, the role,
the status, the stage's position on the pathway (-1: not placed), whether it is provisional, the
coverage, the position of the stage the answers claimed (-1: none), and the guardrails that held
it back. Plain tuples, not named ones: they are made for every area of every file."""

Scored = tuple[str, str, tuple[float | None, int, int, bool]]
"""One respondent's score of a dimension: the dimension, the role, and the score, the questions
answered, the questions counted, and whether it is provisional."""

_SCORE_PARTS = attrgetter("score", "answered", "total", "provisional")
_CHOICE = attrgetter("choice")


_COUNTS = ("projects", "roles", "placements", "scores", "answers", "raised")


class GroupKey(NamedTuple):
    """What results must share to be combined: the pathway, and each framework's version."""

    pathway: str
    frameworks: tuple[tuple[str, str], ...]
    """(framework id, version) pairs, sorted."""


class Tally:
    """The results of respondents who share a pathway and framework versions, counted up.

    Every count is of values (how many respondents gave each), so two tallies add up in any order,
    as those of worker processes do, and the combined result cannot depend on the files' order.
    """

    def __init__(self) -> None:
        self.files: list[str] = []
        self.projects: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()
        self.names: set[str] = set()
        self.created: str | None = None
        self.updated: str | None = None
        self.complete = True
        self.placements: Counter[Placed] = Counter()
        self.scores: Counter[Scored] = Counter()
        self.answers: Counter[tuple[str, str, str | tuple[str, ...] | None]] = Counter()
        """(question, role, choice or choices), None for an answer skipped: scored at the end,
        once for each different answer rather than once for each file."""
        self.raised: Counter[tuple[str, int]] = Counter()
        """(recommendation, its place in the respondent's list from 0)."""

    def merge(self, other: Tally) -> None:
        """Add another tally of the same group to this one."""
        self.files.extend(other.files)
        self.names |= other.names
        self.created = _first(self.created, other.created, min)
        self.updated = _first(self.updated, other.updated, max)
        self.complete = self.complete and other.complete
        for counts in _COUNTS:
            mine: Counter[Any] = getattr(self, counts)
            mine.update(getattr(other, counts))


def _first(mine: str | None, theirs: str | None, pick: Callable[[str, str], str]) -> str | None:
    """The earlier (``min``) or later (``max``) of two times, either of which may be missing."""
    if mine is None or theirs is None:
        return mine if theirs is None else theirs
    return pick(mine, theirs)


class Gathering:
    """Results read so far, grouped so that only like is combined with like, and the files that
    cannot be combined at all (with the error saying why)."""

    def __init__(self) -> None:
        self.groups: dict[GroupKey, Tally] = {}
        self.broken: list[tuple[str, CoprodError]] = []

    def merge(self, other: Gathering) -> None:
        for key, tally in other.groups.items():
            if key in self.groups:
                self.groups[key].merge(tally)
            else:
                self.groups[key] = tally
        self.broken.extend(other.broken)

    @property
    def files(self) -> int:
        return sum(len(tally.files) for tally in self.groups.values()) + len(self.broken)


class _StoredResults(Struct, kw_only=True):
    """A whole results file, for reading many quickly; checked as strictly as ``from_data``."""

    schema: str
    complete: bool = False
    meta: Meta
    answers: dict[str, _StoredAnswer] = field(default_factory=dict)
    results: Summary | None = None
    combined: Combined | None = None


class Gatherer:
    """Counts respondents' results into a gathering, checking each against the loaded frameworks."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._keys: dict[tuple[str, tuple[FrameworkUsed, ...]], GroupKey] = {}
        self._stages = {
            pathway.id: {stage.id: index for index, stage in enumerate(pathway.stages)}
            for pathway in catalog.pathways.values()
        }

    def add(self, gathering: Gathering, name: str, results: Results) -> None:
        """Count in one respondent's results; raises a located error when they cannot be used."""
        if results.combined is not None:
            raise _already_combined(name)
        summary = results.summary
        if summary is None:
            summary = summarise(assess(self.catalog, results.answers, results.meta.pathway))
        answers = results.answers
        self._count(
            gathering,
            name,
            meta=results.meta,
            complete=results.complete,
            summary=summary,
            questions=answers.keys(),
            choices=[a.choices[0] if len(a.choices) == 1 else None for a in answers.values()],
            multiple=[(q, a.choices) for q, a in answers.items() if len(a.choices) > 1],
        )

    def add_data(
        self, gathering: Gathering, name: str, data: dict[str, Any], text: str = ""
    ) -> None:
        """Count in a results file parsed from TOML, without building the full results: much
        quicker for many files. Anything unusual goes through :func:`results.from_data`, which
        gives the same results or the same located error as reading the file on its own."""
        try:
            stored: _StoredResults | None = msgspec.convert(data, _StoredResults, strict=True)
        except msgspec.ValidationError:
            stored = None
        if stored is None or stored.schema != RESULT_SCHEMA or stored.results is None:
            self.add(gathering, name, from_data(data, name, text))
            return
        if stored.combined is not None:
            raise _already_combined(name)
        answers = stored.answers
        self._count(
            gathering,
            name,
            meta=stored.meta,
            complete=stored.complete,
            summary=stored.results,
            questions=answers.keys(),
            choices=map(_CHOICE, answers.values()),
            multiple=[
                (q, tuple(a.choices)) for q, a in answers.items() if a.choice is None and a.choices
            ],
        )

    def _count(
        self,
        gathering: Gathering,
        name: str,
        *,
        meta: Meta,
        complete: bool,
        summary: Summary,
        questions: Iterable[str],
        choices: Iterable[str | None],
        multiple: Iterable[tuple[str, tuple[str, ...]]],
    ) -> None:
        """Count one respondent in. Answers come as each question with its choice (None when
        skipped or when several were chosen), and the questions with several choices; most of
        the counting is then done by ``Counter.update``, which runs at the speed of C."""
        pathway = self.catalog.pathways.get(summary.pathway)
        if pathway is None:
            raise ValidationError(
                f"this result is placed on the pathway {summary.pathway!r}, which is not loaded",
                Location(name),
                "load the frameworks it was made with (--frameworks-dir)",
            )
        index_of = self._stages[pathway.id]
        role = meta.role or UNKNOWN_ROLE
        placed: list[Placed] = []
        for area, record in (OVERALL, summary.overall), *summary.areas.items():
            stage, claimed = record.stage, record.claimed
            for wanted in (stage, claimed):  # checked before counting, so nothing half counts
                if wanted is not None and wanted not in index_of:
                    raise ValidationError(
                        f"the stage {wanted!r} is not on the {pathway.id} pathway loaded now",
                        Location(name),
                        "load the frameworks this result was made with (--frameworks-dir)",
                    )
            placed.append(
                (
                    area,
                    role,
                    record.status,
                    -1 if stage is None else index_of[stage],
                    record.provisional,
                    record.coverage,
                    -1 if claimed is None else index_of[claimed],
                    tuple(record.held_back_by),
                )
            )
        key = self._keys.get((pathway.id, meta.frameworks))
        if key is None:
            key = GroupKey(pathway.id, tuple(sorted((f.id, f.version) for f in meta.frameworks)))
            self._keys[pathway.id, meta.frameworks] = key
        tally = gathering.groups.get(key)
        if tally is None:
            tally = gathering.groups[key] = Tally()
        tally.files.append(name)
        tally.projects[meta.project] += 1
        tally.roles[role] += 1
        if meta.respondent:
            tally.names.add(meta.respondent)
        if tally.created is None or meta.created < tally.created:
            tally.created = meta.created
        if tally.updated is None or meta.updated > tally.updated:
            tally.updated = meta.updated
        tally.complete = tally.complete and complete
        placements = tally.placements
        for item in placed:
            placements[item] += 1
        tally.scores.update(
            zip(
                summary.scores.keys(),
                itertools.repeat(role),
                map(_SCORE_PARTS, summary.scores.values()),
            )
        )
        tally.answers.update(zip(questions, itertools.repeat(role), choices))
        for question, chosen in multiple:
            tally.answers[question, role, chosen] += 1
        tally.raised.update(zip(summary.recommendations, itertools.count()))


def _already_combined(name: str) -> CoprodError:
    return ValidationError(
        "this is already a combined result",
        Location(name),
        "combine the respondents' own files",
    )


__all__ = ["OVERALL", "UNKNOWN_ROLE", "Gatherer", "Gathering", "GroupKey", "Tally"]
