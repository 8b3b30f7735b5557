"""The results file: answers with their notes, who gave them, and what the scorer concluded.

A TOML file the people who answered own. It is versioned (``schema = "coprod-check/result/1"``),
written atomically after every answer (so an interrupted workshop loses nothing), marked
``complete = false`` until the last question, and read back with clear errors when it is damaged or
from a newer version. See ``docs/results.md``.
"""

import datetime as _dt
import tomllib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec
import tomli_w
from msgspec import Struct, field

from coprod_check import __version__
from coprod_check.errors import FileError, Location, ValidationError
from coprod_check.io import stdin
from coprod_check.io import toml_file as tomlio
from coprod_check.io.toml_file import TomlDocument
from coprod_check.io.versions import check_version, schema_id
from coprod_check.io.writing import write_text
from coprod_check.io.yaml_file import decode, read_input
from coprod_check.model.answers import Answer
from coprod_check.model.assessment import (
    Assessment,
    PlacementBrief,
    RuleBrief,
    ScoreBrief,
    brief,
)

if TYPE_CHECKING:
    pass

T = TypeVar("T")

RESULT_SCHEMA = schema_id("result")
_PREFIX = "coprod-check/result/"


class FrameworkUsed(Struct, frozen=True, kw_only=True):
    id: str
    version: str


class Meta(Struct, frozen=True, kw_only=True):
    """Who answered, for which project, when, and with which frameworks."""

    project: str
    pathway: str
    created: str
    updated: str
    tool: str = f"coprod-check {__version__}"
    respondent: str | None = None
    role: str | None = None
    frameworks: tuple[FrameworkUsed, ...] = ()


class RuleRecord(RuleBrief, frozen=True, kw_only=True):
    """A guardrail that held, as a results file keeps it: in brief, with the questions behind it."""

    answers: tuple[str, ...] = ()
    """The questions whose answers made it hold."""
    raised_for: int | None = None
    """For a combined result: how many respondents it held for."""


class Summary(Struct, frozen=True, kw_only=True):
    """The conclusions kept in a results file: compact, so that many files read quickly. The
    reasons behind them are worked out again from the answers by ``coprod-check explain``."""

    pathway: str
    overall: PlacementBrief
    areas: dict[str, PlacementBrief]
    scores: dict[str, ScoreBrief]
    recommendations: list[str] = field(default_factory=list)
    """Recommendation ids, best first."""
    rules: list[RuleRecord] = field(default_factory=list)
    """Every guardrail that held, whether or not it changed a placement."""
    contested: dict[str, list[str]] = field(default_factory=dict)
    """For each contested area: the consistency checks its answers failed."""


def summarise(assessment: Assessment) -> Summary:
    """The brief record of an assessment that goes into a results file."""
    contested: dict[str, list[str]] = {}
    for item in assessment.contradictions:
        contested.setdefault(item.area, []).append(item.id)
    return Summary(
        pathway=assessment.pathway,
        overall=brief(assessment.overall, PlacementBrief),
        areas={placement.area: brief(placement, PlacementBrief) for placement in assessment.areas},
        scores={score.dimension: brief(score, ScoreBrief) for score in assessment.scores},
        recommendations=[advice.id for advice in assessment.recommendations],
        rules=[
            RuleRecord(
                **msgspec.structs.asdict(brief(rule, RuleBrief)),
                answers=tuple(evidence.question for evidence in rule.because),
            )
            for rule in assessment.rules
        ],
        contested=contested,
    )


class LeftOut(Struct, frozen=True, kw_only=True):
    """A file a combined result leaves out, and why."""

    file: str
    reason: str


class Difference(Struct, frozen=True, kw_only=True):
    """A question or dimension on which roles see things differently: each role's middle score
    and the gap between the highest and lowest of them."""

    kind: str
    """``question`` or ``dimension``."""
    id: str
    gap: float
    values: dict[str, float]
    """Each role's middle score, 0 to 100."""


class RoleView(Struct, frozen=True, kw_only=True):
    """How one role's respondents saw things: their count, and the middle of their placements
    and scores."""

    respondents: int
    areas: dict[str, str | None] = field(default_factory=dict)
    """Each area's middle stage for this role (None: not placed by anyone in the role)."""
    overall: str | None = None
    scores: dict[str, float | None] = field(default_factory=dict)


class Combined(Struct, frozen=True, kw_only=True):
    """What a combined result adds: who took part, per role, and where their views differ.

    The ``[results]`` of a combined file hold the middle of the respondents' placements and scores
    (with their range); recommendations are ordered by how many respondents they were raised for.
    """

    respondents: int
    by: str = "role"
    threshold: float
    """The smallest gap, in points out of 100, counted as voices differing."""
    roles: dict[str, RoleView] = field(default_factory=dict)
    differ: list[Difference] = field(default_factory=list)
    """Biggest gap first."""
    raised: dict[str, int] = field(default_factory=dict)
    """For each recommendation: how many respondents it was raised for."""
    names: list[str] = field(default_factory=list)
    """The respondents' names; empty unless asked for (``combine --names``)."""
    files: int = 0
    left_out: list[LeftOut] = field(default_factory=list)


class Results(Struct, frozen=True, kw_only=True):
    """Everything a results file holds. ``assessment`` is the full assessment while it is in
    memory; the file keeps its ``summary``."""

    meta: Meta
    answers: dict[str, Answer] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    """The stage each area aims for now, where the people answering set one."""
    complete: bool = False
    assessment: Assessment | None = None
    summary: Summary | None = None
    combined: Combined | None = None
    """Set for a combined result (``coprod-check combine``); its answers are then empty."""


def now() -> str:
    """The current time, to the second, in UTC, as ISO 8601."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def drop_none(value: Any) -> Any:
    """TOML has no null: leave out keys whose value is None, and empty optional tables."""
    if isinstance(value, dict):
        return {key: drop_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [drop_none(item) for item in value]
    return value


def to_toml(results: Results) -> str:
    """The results as TOML text."""
    return tomli_w.dumps(document(results), multiline_strings=False)


def document(results: Results) -> dict[str, Any]:
    """The results as the data of a results file, ready for TOML (no None anywhere)."""
    answers: dict[str, Any] = {}
    for question_id, answer in results.answers.items():
        entry: dict[str, Any] = {}
        if len(answer.choices) == 1:
            entry["choice"] = answer.choices[0]
        elif answer.choices:
            entry["choices"] = list(answer.choices)
        if answer.text is not None:
            entry["text"] = answer.text
        if answer.skipped:
            entry["skipped"] = True
        if answer.note:
            entry["note"] = answer.note
        answers[question_id] = entry
    data: dict[str, Any] = {
        "schema": RESULT_SCHEMA,
        "complete": results.complete,
        "meta": drop_none(msgspec.to_builtins(results.meta)),
        "answers": answers,
    }
    if results.targets:
        data["targets"] = dict(results.targets)
    summary = results.summary
    if summary is None and results.assessment is not None:
        summary = summarise(results.assessment)
    if summary is not None:
        data["results"] = drop_none(msgspec.to_builtins(summary))
    if results.combined is not None:
        data["combined"] = drop_none(msgspec.to_builtins(results.combined))
    return data


def write(path: Path, results: Results, *, force: bool = True) -> None:
    """Write the results file in one step (a temporary file, then a rename)."""
    write_text(path, to_toml(results), force=force)


def read(path: Path) -> Results:
    """Read a results file, refusing damaged files and newer versions with a clear message.
    (``matching.read`` also holds it against the loaded frameworks.)"""
    return load(path)[0]


def load(path: Path) -> tuple[Results, TomlDocument]:
    """A results file and the located document it was read from, to point at its lines
    (``-``: standard input)."""
    name = stdin.shown(path)
    text = decode(read_input(path, name), name)
    data = parse(text, name)
    return from_data(data, name, text), TomlDocument(name, data, text)


def parse(text: str, name: str) -> dict[str, Any]:
    """A results file's text as data, or a located error saying why it cannot be."""
    try:
        return tomlio.parse(text, name)
    except tomllib.TOMLDecodeError as error:
        if _PREFIX not in text[:4096]:
            raise ValidationError(
                "this is not a coprod-check results file",
                Location(name, 1, 1),
                "give a results file made by 'coprod-check assess' or 'coprod-check combine'",
            ) from None
        line, column = tomlio.error_position(error, text)
        raise FileError(
            f"this results file is damaged: {tomlio.error_message(error)}",
            Location(name, line, column),
            _RESTORE,
        ) from None


_RESTORE = "restore it from a copy, or start again with a new --output file"


def from_data(data: dict[str, Any], name: str, text: str = "") -> Results:
    """Build results from the parsed TOML, checking its version and shape. A ``[report]``
    table (what ``report --format toml`` adds to the results file it exports) is left alone:
    it records what a report said, and nothing is worked out from it."""
    document = TomlDocument(name, data, text)

    def where(*path: str) -> Location:
        """Where a key or table is: worked out only for an error, as it looks through the text."""
        return document.locate(path, key=True)

    if not data:
        raise ValidationError(
            "this file is empty",
            Location(name, 1, 1),
            "give a results file made by 'coprod-check assess' or 'coprod-check combine'",
        )
    schema = data.get("schema")
    if not isinstance(schema, str) or not schema.startswith(_PREFIX):
        raise ValidationError(
            "this is not a coprod-check results file",
            where("schema"),
            f"a results file starts with 'schema = \"{RESULT_SCHEMA}\"'",
        )
    check_version(schema, "result", "results file", where("schema"))
    for key in ("meta", "answers", "targets", "results", "combined"):
        if key in data and not isinstance(data[key], dict):
            raise ValidationError(
                f"this results file is damaged: '{key}' should be a table, not {_kind(data[key])}",
                where(key),
                _RESTORE,
            )
    if "meta" not in data:
        raise ValidationError(
            "this results file is damaged: it has no [meta] table (who answered, and for which "
            "project)",
            Location(name),
            _RESTORE,
        )
    meta = _part(data["meta"], Meta, lambda: where("meta"))
    answers = {}
    for question_id, raw in data.get("answers", {}).items():
        entry = _part(raw, _StoredAnswer, partial(where, "answers", question_id))
        several = given_parts(entry)
        if len(several) > 1:
            raise ValidationError(
                f"this answer gives {' and '.join(several)}: an answer is one of choice, "
                "choices, text or skipped",
                where("answers", question_id),
                "keep the one that is meant and remove the others",
            )
        choices = (entry.choice,) if entry.choice is not None else tuple(entry.choices)
        answers[question_id] = Answer(
            question=question_id, choices=choices, text=entry.text, note=entry.note
        )
    targets = _part(data.get("targets", {}), dict[str, str], lambda: where("targets"))
    summary = (
        _part(data["results"], Summary, lambda: where("results")) if "results" in data else None
    )
    combined = (
        _part(data["combined"], Combined, lambda: where("combined")) if "combined" in data else None
    )
    complete = data.get("complete", False)
    if not isinstance(complete, bool):
        raise ValidationError("'complete' should be true or false", where("complete"))
    return Results(
        meta=meta,
        answers=answers,
        targets=targets,
        complete=complete,
        summary=summary,
        combined=combined,
    )


def _kind(value: Any) -> str:
    """What a TOML value is, in words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return "a number"
    return "a date or time"


def _part(raw: Any, cls: type[T], location: Callable[[], Location]) -> T:
    """One part of the file as ``cls``, or a located error saying the file is damaged (where it
    is, worked out only then: looking through the text for every part would be slow)."""
    try:
        return msgspec.convert(raw, cls, strict=True)
    except msgspec.ValidationError as error:
        detail = str(error)
        raise ValidationError(
            f"this results file is damaged: {detail[:1].lower()}{detail[1:]}",
            location(),
            _RESTORE,
        ) from None


class _StoredAnswer(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    choice: str | None = None
    choices: list[str] = field(default_factory=list)
    text: str | None = None
    note: str | None = None
    skipped: bool = False


def given_parts(answer: _StoredAnswer) -> list[str]:
    """Which of choice, choices, text and skipped a stored answer gives. An empty text beside
    ``skipped`` is how an answer left blank is written, so it does not count."""
    return [
        part
        for part, given in (
            ("a choice", answer.choice is not None),
            ("choices", bool(answer.choices)),
            ("text", bool(answer.text)),
            ("skipped", answer.skipped),
        )
        if given
    ]
