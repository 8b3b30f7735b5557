"""The plan file: how a project means to involve the people it is for, kept in its repository.

    schema: coprod-check/plan/1
    project: Riverside family hub
    people: Parents of children under four in Riverside.
    pathway: arnstein
    areas:
      design:
        stage: partnership
        how: Parents and staff design new sessions together each month.
      research:
        applies: false
        how: We do no research of our own.
    answers:
      design-timing:
        choice: before-anything-decided
        evidence: Minutes of the March planning group.
      recognition-of-time: pay-or-reward
    policy:
      min_stage: {overall: consultation, design: partnership}
      min_score: {reciprocity: 60}
      disable:
        - rule: CP107
          reason: We are all volunteers; we thank people at every meeting.

Structure (wrong types, syntax, duplicate keys) is checked here, and is an error that stops the
check; unknown keys are kept as :class:`UnknownKey` so the check can report them as findings.
"""

from pathlib import Path
from typing import Annotated, Any, Literal

from msgspec import UNSET, Meta, Struct, UnsetType, field

from coprod_check.errors import Location, Problems, ValidationError, did_you_mean
from coprod_check.files.answers import AnswerEntry, read_answers
from coprod_check.io.toml_file import load_data_file
from coprod_check.io.versions import check_version, schema_id
from coprod_check.io.yaml_file import Document, KeyPath
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import NOT_APPLICABLE, Pathway

PLAN_SCHEMA = schema_id("plan")


class Disabled(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A rule turned off, and why."""

    rule: Annotated[str, Meta(pattern="^CP[0-9]{3}$", description="The rule's id, as CP107.")]
    reason: Annotated[
        str, Meta(min_length=1, description="Why it does not apply, for everyone to read.")
    ]


_Score = Annotated[float, Meta(ge=0, le=100)]


class Policy(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The bar the team set for itself."""

    min_stage: Annotated[
        dict[str, str], Meta(description="The lowest stage allowed, by area or 'overall'.")
    ] = field(default_factory=dict)
    min_score: Annotated[
        dict[str, _Score], Meta(description="The lowest score allowed, by dimension.")
    ] = field(default_factory=dict)
    disable: Annotated[list[Disabled], Meta(description="Rules turned off, each with why.")] = (
        field(default_factory=list)
    )


# The plan file as it is written, for its JSON Schema and the keys the reader knows. A key that
# may be left out is UNSET when it is: the schema lets it be missing, but not empty (null).

_Stage = Annotated[str, Meta(description="The stage on the pathway you plan to work at.")]
_Target = Annotated[
    str,
    Meta(
        description=(
            "The stage that is right for this area now, if not the pathway's own (partnership "
            "on arnstein): scores count up to it, and no advice pushes past it."
        )
    ),
]
_Applies = Annotated[bool, Meta(description="false when the area does not apply.")]
_How = Annotated[str, Meta(description="How you will involve people, in plain words.")]
_Evidence = Annotated[str, Meta(description="Where the answer can be seen to be true.")]
_Choice = Annotated[str, Meta(description="A choice id.")]
_Choices = Annotated[list[str], Meta(description="Several choice ids.")]


class PlannedArea(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What the plan says about one area."""

    stage: _Stage | UnsetType = UNSET
    target: _Target | UnsetType = UNSET
    applies: _Applies | UnsetType = UNSET
    how: _How | UnsetType = UNSET


class PlannedAnswer(AnswerEntry, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An answer written out in full, with where it can be seen to be true."""

    evidence: _Evidence | UnsetType = UNSET


_Schema = Annotated[
    Literal["coprod-check/plan/1"], Meta(description="Which kind of file this is, and its version.")
]
_Project = Annotated[str, Meta(description="The project's name.")]
_People = Annotated[str, Meta(description="Who the project is for.")]
_Pathway = Annotated[str, Meta(description="arnstein (default) or tlap-ladder.")]
_Areas = Annotated[
    dict[str, PlannedArea],
    Meta(description="design, decision-making, delivery, research and voice."),
]
_Answers = Annotated[
    dict[str, _Choice | _Choices | PlannedAnswer],
    Meta(description="Answers to framework questions, by question id."),
]


class PlanFile(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A plan file: how a project means to involve the people it is for."""

    schema: _Schema
    project: _Project
    people: _People | UnsetType = UNSET
    pathway: _Pathway | UnsetType = UNSET
    areas: _Areas | UnsetType = UNSET
    answers: _Answers | UnsetType = UNSET
    policy: Policy | UnsetType = UNSET


TOP_KEYS = PlanFile.__struct_fields__
AREA_KEYS = PlannedArea.__struct_fields__
POLICY_KEYS = Policy.__struct_fields__


class AreaIntent(Struct, frozen=True, kw_only=True):
    """What the plan says about one area."""

    area: str
    stage: str | None = None
    target: str | None = None
    applies: bool = True
    how: str | None = None


class UnknownKey(Struct, frozen=True, kw_only=True):
    key: str
    path: tuple[str | int, ...]
    known: tuple[str, ...]


class Plan(Struct, frozen=True, kw_only=True):
    """A plan file, read and checked for shape."""

    document: Document
    project: str
    people: str | None
    pathway: str | None
    areas: dict[str, AreaIntent]
    answers: dict[str, Answer]
    evidence: dict[str, str]
    policy: Policy
    unknown: list[UnknownKey] = field(default_factory=list)

    def locate(self, *path: str | int, key: bool = True) -> Location:
        """Where a key is in the plan file (or its nearest parent that is there)."""
        return self.document.locate(tuple(path), key=key)


MAX_ERRORS = 20
"""The most errors one plan file reports at once; past it, a last line says how many more."""


def _fail(document: Document, path: KeyPath, message: str, hint: str = "") -> ValidationError:
    return ValidationError(message, document.locate(path), hint)


def _mapping(document: Document, value: Any, path: KeyPath, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(document, path, f"{what} should be a mapping of keys to values")
    return value


def _text(document: Document, value: Any, path: KeyPath, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(document, path, f"{what} should be text", "put quotes around it")
    return value


class _Reader:
    """Reads one plan document: every problem it has is noted in ``problems``, and unknown keys
    in ``unknown`` (for the check to report as findings)."""

    def __init__(self, document: Document, catalog: Catalog) -> None:
        self.document = document
        self.catalog = catalog
        self.problems = Problems(document.path)
        self.unknown: list[UnknownKey] = []
        self.pathway: Pathway | None = None
        """The plan's pathway, to check stages against; None when the plan names one that is
        not loaded (its stages then cannot be checked)."""

    def fail(self, path: KeyPath, message: str, hint: str = "") -> None:
        self.problems.add(_fail(self.document, path, message, hint))

    def mapping(self, value: Any, path: KeyPath, what: str) -> dict[str, Any] | None:
        """``value`` as a mapping (``{}`` when it is left out), or None when it is not one."""
        return self.problems.attempt(lambda: _mapping(self.document, value, path, what), None)

    def text(self, value: Any, path: KeyPath, what: str) -> str | None:
        return self.problems.attempt(lambda: _text(self.document, value, path, what), None)

    def note_unknown(self, mapping: dict[str, Any], path: KeyPath, known: tuple[str, ...]) -> None:
        for key in mapping:
            if key not in known:
                self.unknown.append(UnknownKey(key=str(key), path=(*path, key), known=known))

    def stage(self, value: Any, path: KeyPath, what: str) -> str | None:
        """A stage of the plan's pathway, or None (left out, or wrong: the error is noted)."""
        given = self.text(value, path, what)
        if given is None or self.pathway is None:
            return given
        pathway = self.pathway
        checked = self.problems.attempt(
            lambda: _check_stage(self.document, path, given, pathway), False
        )
        return given if checked is not False else None


def read_plan(document: Document, catalog: Catalog) -> Plan:
    """Check a plan document's shape and build the :class:`Plan`. Every problem the file has is
    raised together (up to :data:`MAX_ERRORS`); one alone is raised as it is."""
    data = _mapping(document, document.data, (), "a plan file")
    schema = data.get("schema")
    if schema is None:
        raise _fail(
            document,
            ("schema",),
            f"a plan file starts with 'schema: {PLAN_SCHEMA}'",
            f"add 'schema: {PLAN_SCHEMA}' at the top",
        )
    check_version(schema, "plan", "plan", document.locate(("schema",)))
    if catalog.default_pathway is None:
        raise _fail(document, (), "no pathway is loaded", "load a framework that has a pathway")
    reader = _Reader(document, catalog)
    reader.note_unknown(data, (), TOP_KEYS)
    project = reader.text(data.get("project"), ("project",), "'project'")
    if data.get("project") in (None, ""):
        reader.fail(("project",), "the plan needs a 'project' name", "add 'project: NAME'")
    pathway = reader.text(data.get("pathway"), ("pathway",), "'pathway'")
    reader.pathway = catalog.default_pathway
    if pathway is not None and pathway not in catalog.pathways:
        known = "pathways: " + ", ".join(catalog.pathways)
        reader.fail(("pathway",), f"no pathway called {pathway!r}", known)
        reader.pathway = None
    elif pathway is not None:
        reader.pathway = catalog.pathways[pathway]
    areas = _areas(reader, data.get("areas"))
    answers, evidence = _answers(reader, data)
    policy = _policy(reader, data.get("policy"))
    people = reader.text(data.get("people"), ("people",), "'people'")
    reader.problems.raise_any(limit=MAX_ERRORS)
    assert project is not None
    return Plan(
        document=document,
        project=project,
        people=people,
        pathway=pathway,
        areas=areas,
        answers=answers,
        evidence=evidence,
        policy=policy,
        unknown=reader.unknown,
    )


def _areas(reader: _Reader, raw_areas: Any) -> dict[str, AreaIntent]:
    """The plan's areas: each a known area, with a stage of the pathway and a bool ``applies``."""
    catalog = reader.catalog
    areas: dict[str, AreaIntent] = {}
    for area_id, raw in (reader.mapping(raw_areas, ("areas",), "'areas'") or {}).items():
        path: KeyPath = ("areas", area_id)
        dimension = catalog.dimensions.get(area_id)
        if dimension is None or dimension.kind != "area":
            known = tuple(d.id for d in catalog.dimensions.values() if d.kind == "area")
            reader.unknown.append(UnknownKey(key=str(area_id), path=path, known=known))
            continue
        entry = reader.mapping(raw, path, f"area {area_id!r}")
        if entry is None:
            continue
        reader.note_unknown(entry, path, AREA_KEYS)
        applies = entry.get("applies", True)
        if not isinstance(applies, bool):
            reader.fail((*path, "applies"), "'applies' should be true or false")
            applies = True
        areas[area_id] = AreaIntent(
            area=area_id,
            stage=reader.stage(entry.get("stage"), (*path, "stage"), "'stage'"),
            target=reader.stage(entry.get("target"), (*path, "target"), "'target'"),
            applies=applies,
            how=reader.text(entry.get("how"), (*path, "how"), "'how'"),
        )
    return areas


def _answers(reader: _Reader, data: dict[str, Any]) -> tuple[dict[str, Answer], dict[str, str]]:
    """The plan's answers to known questions (others are noted as unknown keys), and the evidence
    given for each."""
    catalog, document = reader.catalog, reader.document
    answers_data = reader.mapping(data.get("answers"), ("answers",), "'answers'") or {}
    questions = tuple(catalog.questions)
    for question_id in answers_data:
        if question_id not in catalog.questions:
            reader.unknown.append(
                UnknownKey(key=str(question_id), path=("answers", question_id), known=questions)
            )
    answers_data = {k: v for k, v in answers_data.items() if k in catalog.questions}
    evidence: dict[str, str] = {}
    for question_id, raw in answers_data.items():
        if isinstance(raw, dict) and "evidence" in raw:
            path = ("answers", question_id, "evidence")
            given = reader.text(raw["evidence"], path, "evidence")
            if given:
                evidence[str(question_id)] = given
    if not answers_data:
        return {}, evidence
    known = _without_evidence(document, answers_data)
    return reader.problems.attempt(lambda: read_answers(known, catalog), {}), evidence


def _without_evidence(document: Document, known: dict[str, Any]) -> Document:
    """The known answers, each with its ``evidence`` taken out, for the answers reader."""
    data = dict(document.data)
    answers = {}
    for question_id, raw in known.items():
        answers[question_id] = (
            {k: v for k, v in raw.items() if k != "evidence"} if isinstance(raw, dict) else raw
        )
    data["answers"] = answers
    return document.with_data(data)


def _check_stage(document: Document, path: KeyPath, stage: str, pathway: Pathway) -> bool:
    """Refuse a stage that is not on the plan's pathway, naming the closest one."""
    stages = [s.id for s in pathway.stages]
    if stage not in stages:
        raise _fail(
            document,
            path,
            f"{stage!r} is not a stage of this plan's pathway",
            did_you_mean(stage, stages, otherwise="stages: " + ", ".join(stages)),
        )
    return True


def _policy(reader: _Reader, raw: Any) -> Policy:
    policy = reader.mapping(raw, ("policy",), "'policy'") or {}
    reader.note_unknown(policy, ("policy",), POLICY_KEYS)
    return Policy(
        min_stage=_min_stage(reader, policy.get("min_stage")),
        min_score=_min_score(reader, policy.get("min_score")),
        disable=_disable(reader, policy.get("disable")),
    )


def _min_stage(reader: _Reader, raw: Any) -> dict[str, str]:
    dimensions = reader.catalog.dimensions
    min_stage: dict[str, str] = {}
    at: KeyPath = ("policy", "min_stage")
    for area, stage in (reader.mapping(raw, at, "'min_stage'") or {}).items():
        path: KeyPath = (*at, area)
        if area != "overall" and (area not in dimensions or dimensions[area].kind != "area"):
            reader.fail(path, f"{area!r} is not an area", "use an area id or 'overall'")
            continue
        given = reader.stage("" if stage is None else stage, path, "a stage")
        if given is not None:
            min_stage[area] = given
    return min_stage


def _min_score(reader: _Reader, raw: Any) -> dict[str, float]:
    min_score: dict[str, float] = {}
    at: KeyPath = ("policy", "min_score")
    for dimension, value in (reader.mapping(raw, at, "'min_score'") or {}).items():
        path: KeyPath = (*at, dimension)
        if dimension not in reader.catalog.dimensions:
            reader.fail(path, f"unknown dimension {dimension!r}")
        elif isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            reader.fail(path, "a minimum score is a number from 0 to 100")
        else:
            min_score[dimension] = float(value)
    return min_score


def _disable(reader: _Reader, raw: Any) -> list[Disabled]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        reader.fail(("policy", "disable"), "'disable' should be a list")
        return []
    disable = []
    for index, item in enumerate(raw):
        path: KeyPath = ("policy", "disable", index)
        entry = reader.mapping(item, path, "each 'disable' entry")
        if entry is None:
            continue
        rule = reader.text(entry.get("rule"), (*path, "rule"), "'rule'")
        reason = reader.text(entry.get("reason"), (*path, "reason"), "'reason'")
        if not rule or not reason:
            reader.fail(
                path,
                "turning a rule off needs the rule and a reason",
                "write '- rule: CP107' and 'reason: why it does not apply to you'",
            )
            continue
        disable.append(Disabled(rule=rule, reason=reason))
    return disable


def plan_targets(plan: Plan) -> dict[str, str]:
    """The stage each area of the plan aims for now, where the plan sets one."""
    return {area: intent.target for area, intent in plan.areas.items() if intent.target}


def plan_answers(plan: Plan, catalog: Catalog, pathway: str) -> dict[str, Answer]:
    """The plan's answers, plus an answer to each area's placing question from its intended
    stage, so the plan is scored by the same scorer as a questionnaire."""
    answers = dict(plan.answers)
    for intent in plan.areas.values():
        for question in catalog.questions.values():
            if question.places != intent.area or question.id in answers:
                continue
            if not intent.applies:
                if question.not_applicable:
                    answers[question.id] = Answer(question=question.id, choices=(NOT_APPLICABLE,))
                continue
            choice = _choice_for(catalog, question.id, pathway, intent.stage)
            if choice is not None:
                answers[question.id] = Answer(question=question.id, choices=(choice,))
    return answers


def _choice_for(
    catalog: Catalog, question_id: str, pathway_id: str, stage: str | None
) -> str | None:
    """The placing choice for a stage: the exact one, or the highest below it."""
    if stage is None:
        return None
    pathway = catalog.pathways[pathway_id]
    try:
        wanted = pathway.index(stage)
    except KeyError:
        return None
    best: tuple[int, str] | None = None
    for choice in catalog.questions[question_id].choices:
        given = (choice.stage or {}).get(pathway_id)
        if given is None:
            continue
        position = pathway.index(given)
        if position <= wanted and (best is None or position > best[0]):
            best = (position, choice.id)
    return best[1] if best else None


def load_plan(path: Path, catalog: Catalog) -> Plan:
    """Read a plan file (YAML, or TOML for a .toml file)."""
    return read_plan(load_data_file(path), catalog)
