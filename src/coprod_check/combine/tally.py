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
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

import msgspec
from msgspec import Struct, field

from coprod_check.errors import CoprodError, Location, ValidationError
from coprod_check.files.matching import FrameworksDiffer, KnownIds, check_results, explained
from coprod_check.files.results import (
    RESULT_SCHEMA,
    Combined,
    Meta,
    Results,
    Summary,
    _StoredAnswer,
    from_data,
    given_parts,
    summarise,
)
from coprod_check.io.toml_file import TomlDocument
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.score.assess import assess

OVERALL = "overall"
"""The key under which the project's overall placement is counted beside the areas'."""
UNKNOWN_ROLE = "unknown"
"""The role of respondents who did not give one."""

Placed = tuple[str, str, str, int, bool, float, int, tuple[str, ...], int, bool]
"""One respondent's placement of an area (or of the project, ``overall``): the area, the role,
the status, the stage's position on the pathway (-1: not placed), whether it is provisional, the
coverage, the position of the stage the answers claimed (-1: none), the guardrails that held it
back, the position of its target (-1: none) and whether it is contested. Plain tuples, not named
ones: they are made for every area of every file."""

Placement = tuple[str, str, str | None, str | None, bool, float, tuple[str, ...], str | None, bool]
"""A placement as a results file gives it: the area, status, stage, claimed stage, whether it
is provisional, coverage, guardrails that held it back, target stage and whether it is contested."""

RuleHeld = tuple[
    str, str, str, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]
]
"""A rule that held, as a results file gives it: its id, severity, effect, the highest stage it
allows (None: none), and the areas it is about, lowered, kept below their target, and the
questions whose answers made it hold."""

RuleCounted = tuple[
    str, str, str, int, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]
]
"""A rule that held, as it is counted: as :data:`RuleHeld`, with the highest stage's position on
the pathway (-1: none)."""

Counts = tuple[int, int, bool] | tuple[str, str, str]
"""How many of a dimension's questions were answered and counted, and whether its score is
provisional: as numbers, or as the text of them in the file (read quickly; see :func:`numbers`)."""


def number(score: float | str | None) -> float | None:
    """A score as a number. ``quickread`` leaves numbers as the text in the file ("" for none),
    to be turned into numbers once for each different value rather than once for each file."""
    if isinstance(score, str):
        return float(score) if score else None
    return score


def numbers(counts: Counts) -> tuple[int, int, bool]:
    """A score's counts as numbers (see :func:`number`)."""
    answered, total, provisional = counts
    if isinstance(answered, str):
        return int(answered), int(total), provisional == "true"
    return counts  # type: ignore[return-value]


_SCORE = attrgetter("score")
_COUNTS_OF = attrgetter("answered", "total", "provisional")
_CHOICE = attrgetter("choice")
_CHOSEN = itemgetter(2)


_COUNTS = (
    "projects",
    "roles",
    "placements",
    "scores",
    "counts",
    "answers",
    "raised",
    "rules",
    "contested",
)


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
        self.scores: Counter[tuple[str, str, float | str | None]] = Counter()
        """(dimension, role, score)."""
        self.counts: Counter[tuple[str, Counts]] = Counter()
        """(dimension, (questions answered, questions counted, provisional)). Apart from the
        scores, as these have few different values: the memory needed stays small."""
        self.answers: Counter[tuple[str, str, str | tuple[str, ...] | None]] = Counter()
        """(question, role, choice or choices; None or "" for none): scored at the end, once for
        each different answer rather than once for each file."""
        self.raised: Counter[tuple[str, int]] = Counter()
        """(recommendation, its place in the respondent's list from 0)."""
        self.rules: Counter[RuleCounted] = Counter()
        """Each rule that held, as each respondent's file gives it: few different values, as the
        same answers make a rule hold the same way."""
        self.contested: Counter[tuple[str, str]] = Counter()
        """(area, consistency check its answers failed)."""

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
        self.unmatched: list[tuple[str, FrameworksDiffer]] = []
        """Files made with other versions of the frameworks that name something the loaded
        ones do not have, and why: left out, as files of another group are."""

    def merge(self, other: Gathering) -> None:
        for key, tally in other.groups.items():
            if key in self.groups:
                self.groups[key].merge(tally)
            else:
                self.groups[key] = tally
        self.broken.extend(other.broken)
        self.unmatched.extend(other.unmatched)

    @property
    def files(self) -> int:
        groups = sum(len(tally.files) for tally in self.groups.values())
        return groups + len(self.broken) + len(self.unmatched)


class _StoredResults(Struct, kw_only=True):
    """A whole results file, for reading many quickly; checked as strictly as ``from_data``."""

    schema: str
    complete: bool = False
    meta: Meta
    answers: dict[str, _StoredAnswer] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    results: Summary | None = None
    combined: Combined | None = None


class Response(NamedTuple):
    """One respondent's results as counting needs them, however the file was read: plain values.

    ``placements`` has the project's overall placement first, then each area's (see
    :data:`Placement`). Answers come as the questions with, in step, each one's choice (None when
    skipped, or when several were chosen), and separately the answers with several choices."""

    pathway: str
    frameworks: tuple[tuple[str, str], ...]
    project: str
    created: str
    updated: str
    respondent: str | None
    role: str | None
    complete: bool
    placements: list[Placement]
    dimensions: Iterable[str]
    scores: Iterable[float | str | None]
    """In step with ``dimensions``: each score."""
    counts: Iterable[Counts]
    """In step with ``dimensions``: the questions answered and counted, and provisional."""
    questions: Iterable[str]
    choices: Iterable[str | None]
    """In step with ``questions``: the choice, or None or "" when skipped or several chosen."""
    texts: Iterable[str]
    """The questions answered with text."""
    multiple: Iterable[tuple[str, tuple[str, ...]]]
    recommendations: Sequence[str]
    rules: Iterable[RuleHeld] = ()
    """Every rule that held (see :data:`RuleHeld`)."""
    contested: Iterable[tuple[str, tuple[str, ...]]] = ()
    """Each contested area, with the consistency checks its answers failed."""


NO_SUCH_CHOICE = "\x00"
"""What a stored ``choice = ""`` becomes: a choice no question has, so the file is explained."""


def response_of(
    meta: Meta, complete: bool, summary: Summary, answers: Mapping[str, Any]
) -> Response:
    """The response in a results file's parts (``answers`` as stored: each with ``choice`` and
    ``choices``, or as :class:`Answer`, with ``choices``)."""
    values = list(answers.values())
    if values and isinstance(values[0], Answer):
        choices: list[str | None] = [a.choices[0] if len(a.choices) == 1 else None for a in values]
        multiple = [(q, tuple(a.choices)) for q, a in answers.items() if len(a.choices) > 1]
    else:
        choices = list(map(_CHOICE, values))
        multiple = [
            (q, tuple(a.choices)) for q, a in answers.items() if a.choice is None and a.choices
        ]
    # A choice written as "" names no choice of any question: unlike the quick reader's "" (no
    # choice there at all), it must not pass as skipped, so it is made one no question has.
    choices = [NO_SUCH_CHOICE if choice == "" else choice for choice in choices]
    return Response(
        pathway=summary.pathway,
        frameworks=tuple((used.id, used.version) for used in meta.frameworks),
        project=meta.project,
        created=meta.created,
        updated=meta.updated,
        respondent=meta.respondent,
        role=meta.role,
        complete=complete,
        placements=[
            (
                area,
                record.status,
                record.stage,
                record.claimed,
                record.provisional,
                record.coverage,
                tuple(record.held_back_by),
                record.target,
                record.contested,
            )
            for area, record in ((OVERALL, summary.overall), *summary.areas.items())
        ],
        dimensions=summary.scores.keys(),
        scores=map(_SCORE, summary.scores.values()),
        counts=map(_COUNTS_OF, summary.scores.values()),
        questions=answers.keys(),
        choices=choices,
        texts=[question for question, answer in answers.items() if answer.text],
        multiple=multiple,
        recommendations=summary.recommendations,
        rules=[
            (
                rule.id,
                rule.severity,
                rule.effect,
                rule.highest,
                tuple(rule.areas),
                tuple(rule.lowered),
                tuple(rule.below_target),
                tuple(rule.answers),
            )
            for rule in summary.rules
        ],
        contested=[(area, tuple(checks)) for area, checks in summary.contested.items()],
    )


class Gatherer:
    """Counts respondents' results into a gathering, checking each against the loaded frameworks."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._keys: dict[tuple[str, tuple[tuple[str, str], ...]], GroupKey] = {}
        self._stages: dict[str, dict[str | None, int]] = {
            pathway.id: {
                None: -1,
                **{stage.id: index for index, stage in enumerate(pathway.stages)},
            }
            for pathway in catalog.pathways.values()
        }
        """Each pathway's stages by id, with their positions on it; and None, for no stage, -1."""
        self._roles: dict[str, str] = {}
        self._known = KnownIds(catalog)

    def add(self, gathering: Gathering, name: str, results: Results) -> None:
        """Count in one respondent's results; raises a located error when they cannot be used."""
        if results.combined is not None:
            raise _already_combined(name)
        summary = results.summary
        if summary is None:
            summary = summarise(
                assess(
                    self.catalog,
                    results.answers,
                    results.meta.pathway,
                    targets=results.targets,
                    role=results.meta.role,
                )
            )
        self.count(
            gathering,
            name,
            response_of(results.meta, results.complete, summary, results.answers),
            results,
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
        if (
            stored is None
            or stored.schema != RESULT_SCHEMA
            or stored.results is None
            or any(len(given_parts(answer)) > 1 for answer in stored.answers.values())
        ):
            results = from_data(data, name, text)
            check_results(self.catalog, results, TomlDocument(name, data, text))
            self.add(gathering, name, results)
            return
        if stored.combined is not None:
            raise _already_combined(name)
        self.count(
            gathering,
            name,
            response_of(stored.meta, stored.complete, stored.results, stored.answers),
        )

    def count(
        self, gathering: Gathering, name: str, response: Response, results: Results | None = None
    ) -> None:
        """Count one respondent in, with those who share the pathway and framework versions.
        Most of the counting is done by ``Counter.update``, which runs at the speed of C.

        ``results`` are the respondent's results when they are in memory; without them, an
        answer the loaded frameworks do not have is explained by reading the file again."""
        pathway = self.catalog.pathways.get(response.pathway)
        if pathway is None:
            raise explained(
                self.catalog,
                name,
                results,
                ValidationError(
                    f"this result is placed on the pathway {response.pathway!r}, "
                    "which is not loaded",
                    Location(name),
                    "load the frameworks it was made with (--frameworks-dir)",
                ),
            )
        positions = self._stages[pathway.id]
        role = response.role or UNKNOWN_ROLE
        role = self._roles.setdefault(role, role)  # one string for all: quicker to count by
        try:  # every stage checked before anything is counted, so that nothing half counts
            placed: list[Placed] = [
                (
                    area,
                    role,
                    status,
                    positions[stage],
                    provisional,
                    coverage,
                    positions[claimed],
                    held,
                    positions[target],
                    contested,
                )
                for (
                    area,
                    status,
                    stage,
                    claimed,
                    provisional,
                    coverage,
                    held,
                    target,
                    contested,
                ) in response.placements
            ]
            rules: list[RuleCounted] = [
                (rule, severity, effect, positions[highest], about, lowered, below, behind)
                for rule, severity, effect, highest, about, lowered, below, behind in response.rules
            ]
        except KeyError as unknown:
            raise explained(
                self.catalog,
                name,
                results,
                ValidationError(
                    f"the stage {unknown.args[0]!r} is not on the {pathway.id} pathway loaded now",
                    Location(name),
                    "load the frameworks this result was made with (--frameworks-dir)",
                ),
            ) from None
        questions = list(response.questions)
        choices = list(response.choices)
        multiple = list(response.multiple)
        if not self._known.fits(response.role, questions, choices, response.texts, multiple):
            raise explained(self.catalog, name, results)
        key = self._keys.get((pathway.id, response.frameworks))
        if key is None:
            key = GroupKey(pathway.id, tuple(sorted(response.frameworks)))
            self._keys[pathway.id, response.frameworks] = key
        tally = gathering.groups.get(key)
        if tally is None:
            tally = gathering.groups[key] = Tally()
        tally.files.append(name)
        tally.projects[response.project] += 1
        tally.roles[role] += 1
        if response.respondent:
            tally.names.add(response.respondent)
        if tally.created is None or response.created < tally.created:
            tally.created = response.created
        if tally.updated is None or response.updated > tally.updated:
            tally.updated = response.updated
        tally.complete = tally.complete and response.complete
        tally.placements.update(placed)
        dimensions = list(response.dimensions)
        tally.scores.update(zip(dimensions, itertools.repeat(role), response.scores))
        tally.counts.update(zip(dimensions, response.counts, strict=True))
        tally.answers.update(  # not the skipped: the filter runs in C, counting does not
            filter(_CHOSEN, zip(questions, itertools.repeat(role), choices))
        )
        for question, chosen in multiple:
            tally.answers[question, role, chosen] += 1
        tally.raised.update(zip(response.recommendations, itertools.count()))
        tally.rules.update(rules)
        for area, checks in response.contested:
            tally.contested.update(zip(itertools.repeat(area), dict.fromkeys(checks)))


def _already_combined(name: str) -> CoprodError:
    return ValidationError(
        "this is already a combined result",
        Location(name),
        "combine the respondents' own files, or move this one out of the folder",
    )


__all__ = [
    "OVERALL",
    "UNKNOWN_ROLE",
    "Gatherer",
    "Gathering",
    "GroupKey",
    "Placement",
    "Response",
    "RuleHeld",
    "Tally",
    "response_of",
]
