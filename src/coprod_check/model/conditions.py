"""Conditions written as data (``when:``), parsed into typed values and evaluated without ``eval``.

A condition is a small mapping: ``{answer: design-timing, is: after-decisions}``,
``{score: reciprocity, below: 50}``, ``{stage: design, below: {arnstein: partnership}}``, or
``{all: [...]}``, ``{any: [...]}``, ``{not: ...}`` around others.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from msgspec import Struct

from coprod_check.io.yaml_file import KeyPath


class AnswerIs(Struct, frozen=True, tag=True):
    """The answer to ``question`` is one of ``choices`` (or, negated, answered and none of them)."""

    question: str
    choices: tuple[str, ...]
    negated: bool = False


class Answered(Struct, frozen=True, tag=True):
    """The question was answered: not skipped and not "does not apply"."""

    question: str


class ScoreCompare(Struct, frozen=True, tag=True):
    """A dimension's score is below, or at least, a value."""

    dimension: str
    at_least: bool
    value: float


class StageCompare(Struct, frozen=True, tag=True):
    """An area's (or the overall) placement is below, or at least, a stage of the pathway in use."""

    area: str
    at_least: bool
    stages: tuple[tuple[str, str], ...]

    def stage_for(self, pathway: str) -> str | None:
        return dict(self.stages).get(pathway)


class AllOf(Struct, frozen=True, tag=True):
    items: tuple[Condition, ...]


class AnyOf(Struct, frozen=True, tag=True):
    items: tuple[Condition, ...]


class Not(Struct, frozen=True, tag=True):
    item: Condition


Condition = AnswerIs | Answered | ScoreCompare | StageCompare | AllOf | AnyOf | Not

OVERALL = "overall"
"""The name a stage condition uses for the project's overall placement."""

_FORMS = (
    "{answer: QUESTION, is: CHOICE}, {answer: QUESTION, is_not: CHOICE}, {answered: QUESTION}, "
    "{score: DIMENSION, below: N}, {stage: AREA, below: {PATHWAY: STAGE}}, "
    "{all: [...]}, {any: [...]} or {not: ...}"
)


class ConditionError(ValueError):
    """A condition that cannot be understood; ``path`` is where, relative to the condition."""

    def __init__(self, message: str, path: KeyPath = (), hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint


def parse(raw: Any, path: KeyPath = ()) -> Condition:
    """Turn the data of a ``when:`` into a :data:`Condition`, or raise :class:`ConditionError`."""
    if not isinstance(raw, Mapping):
        raise ConditionError("a condition must be a mapping", path, f"write one of {_FORMS}")
    keys = set(raw)
    if keys in ({"all"}, {"any"}):
        (name,) = keys
        items = raw[name]
        if not isinstance(items, list) or not items:
            raise ConditionError(f"'{name}' needs a list of conditions", (*path, name))
        parsed = tuple(parse(item, (*path, name, index)) for index, item in enumerate(items))
        return AllOf(parsed) if name == "all" else AnyOf(parsed)
    if keys == {"not"}:
        return Not(parse(raw["not"], (*path, "not")))
    if keys == {"answered"}:
        return Answered(_name(raw, "answered", path))
    if "answer" in keys:
        return _answer(raw, path)
    if "score" in keys:
        return _score(raw, path)
    if "stage" in keys:
        return _stage(raw, path)
    unknown = ", ".join(sorted(str(key) for key in keys)) or "nothing"
    raise ConditionError(
        f"this condition is not understood (it has {unknown})", path, f"write one of {_FORMS}"
    )


def _name(raw: Mapping[str, Any], key: str, path: KeyPath) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value:
        raise ConditionError(f"'{key}' needs an id", (*path, key))
    return value


def _only(raw: Mapping[str, Any], allowed: set[str], path: KeyPath, form: str) -> None:
    for key in raw:
        if key not in allowed:
            raise ConditionError(f"unexpected key {key!r} in this condition", (*path, key), form)


def _answer(raw: Mapping[str, Any], path: KeyPath) -> AnswerIs:
    form = "write {answer: QUESTION, is: CHOICE} or {answer: QUESTION, is_not: [CHOICE, ...]}"
    _only(raw, {"answer", "is", "is_not"}, path, form)
    question = _name(raw, "answer", path)
    if ("is" in raw) == ("is_not" in raw):
        raise ConditionError(
            "an answer condition needs exactly one of 'is' or 'is_not'", path, form
        )
    key = "is" if "is" in raw else "is_not"
    value = raw[key]
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(item, str) and item for item in values):
        raise ConditionError(f"'{key}' needs a choice id or a list of them", (*path, key), form)
    return AnswerIs(question, tuple(values), negated=key == "is_not")


def _comparison(raw: Mapping[str, Any], subject: str, path: KeyPath, form: str) -> tuple[bool, Any]:
    _only(raw, {subject, "below", "at_least"}, path, form)
    if ("below" in raw) == ("at_least" in raw):
        raise ConditionError(
            f"a {subject} condition needs exactly one of 'below' or 'at_least'", path, form
        )
    key = "at_least" if "at_least" in raw else "below"
    return key == "at_least", raw[key]


def _score(raw: Mapping[str, Any], path: KeyPath) -> ScoreCompare:
    form = "write {score: DIMENSION, below: N} or {score: DIMENSION, at_least: N}, N from 0 to 100"
    at_least, value = _comparison(raw, "score", path, form)
    key = "at_least" if at_least else "below"
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ConditionError("a score is a number from 0 to 100", (*path, key), form)
    return ScoreCompare(_name(raw, "score", path), at_least, float(value))


def _stage(raw: Mapping[str, Any], path: KeyPath) -> StageCompare:
    form = "write {stage: AREA, below: {PATHWAY: STAGE, ...}}"
    at_least, value = _comparison(raw, "stage", path, form)
    key = "at_least" if at_least else "below"
    if not isinstance(value, Mapping) or not value:
        raise ConditionError("name a stage for each pathway: {PATHWAY: STAGE}", (*path, key), form)
    for pathway, stage in value.items():
        if not isinstance(stage, str) or not stage:
            raise ConditionError("a stage is given by its id", (*path, key, pathway), form)
    stages = tuple((str(pathway), str(stage)) for pathway, stage in value.items())
    return StageCompare(_name(raw, "stage", path), at_least, stages)


def walk(condition: Condition, path: KeyPath = ()) -> Iterator[tuple[Condition, KeyPath]]:
    """Every condition inside ``condition`` (itself included), with its path."""
    yield condition, path
    if isinstance(condition, AllOf | AnyOf):
        name = "all" if isinstance(condition, AllOf) else "any"
        for index, item in enumerate(condition.items):
            yield from walk(item, (*path, name, index))
    elif isinstance(condition, Not):
        yield from walk(condition.item, (*path, "not"))


class Facts(Protocol):
    """What a condition can be asked about: answers given, scores and placements worked out."""

    pathway: str

    def chosen(self, question: str) -> frozenset[str] | None:
        """The choices picked for ``question``; ``None`` when it was skipped or not asked."""

    def score(self, dimension: str) -> float | None:
        """The dimension's score from 0 to 100; ``None`` when unknown."""

    def stage_index(self, area: str) -> int | None:
        """Where the area (or ``overall``) is placed on the pathway; ``None`` when unknown."""

    def index_of(self, stage: str) -> int | None:
        """The position of a stage of the pathway in use."""

    def target_index(self, area: str) -> int | None:
        """The position of the stage the area aims for; ``None`` when it aims for none."""


def holds(condition: Condition, facts: Facts) -> bool:
    """Whether ``condition`` is true of ``facts``. Unknown scores and placements make it false."""
    if isinstance(condition, AllOf):
        return all(holds(item, facts) for item in condition.items)
    if isinstance(condition, AnyOf):
        return any(holds(item, facts) for item in condition.items)
    if isinstance(condition, Not):
        return not holds(condition.item, facts)
    if isinstance(condition, Answered):
        chosen = facts.chosen(condition.question)
        return bool(chosen) and chosen != frozenset({"not-applicable"})
    if isinstance(condition, AnswerIs):
        chosen = facts.chosen(condition.question)
        if chosen is None:
            return False
        hit = bool(chosen.intersection(condition.choices))
        if condition.negated:  # "answered, and none of these": "does not apply" is not an answer
            return not hit and bool(chosen) and chosen != frozenset({"not-applicable"})
        return hit
    if isinstance(condition, ScoreCompare):
        score = facts.score(condition.dimension)
        if score is None:
            return False
        return score >= condition.value if condition.at_least else score < condition.value
    stage = condition.stage_for(facts.pathway)
    current = facts.stage_index(condition.area)
    target = facts.index_of(stage) if stage is not None else None
    if current is None or target is None:
        return False
    if condition.at_least:
        return current >= target
    aim = facts.target_index(condition.area)
    # "Below a stage" never counts a stage past the area's own target: advice stops there.
    return current < (target if aim is None else min(target, aim))
