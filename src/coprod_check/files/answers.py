"""Answers: what a person or group chose for each question, with an optional note on why.

An answers file lets people answer without a terminal (in CI, or prepared before a workshop).
In YAML:

    schema: coprod-check/answers/1
    answers:
      design-stage: design-together              # one choice
      delivery-roles: [peer-mentors, greeters]   # several choices
      design-timing:
        choice: while-options-open
        note: We join planning once the first ideas are out.
      do-differently:
        text: Meet in the evening as well as the day.
      research-stage: not-applicable            # "does not apply to us"
      voice-stage: {skip: true}                  # skipped for now
    targets:                                     # optional: the stage right for an area now
      delivery: consultation                     # (others keep the framework's own target)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, TypeVar

from msgspec import UNSET, Meta, Struct, UnsetType, field

from coprod_check.errors import CoprodError, Location, ManyErrors, ValidationError, did_you_mean
from coprod_check.io.versions import check_version, schema_id
from coprod_check.io.yaml_file import Document, KeyPath
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway, Question

T = TypeVar("T")

ANSWERS_SCHEMA = schema_id("answers")
ANSWERS_KEYS = ("schema", "project", "respondent", "role", "pathway", "answers", "targets")


_Choice = Annotated[str, Meta(description="The id of the choice picked.")]
_Choices = Annotated[list[str], Meta(description="The ids of the choices picked.")]
_Text = Annotated[str, Meta(description="The answer to a question that asks for text.")]
_Note = Annotated[str, Meta(description="Why this answer, in a few words.")]
_Skip = Annotated[bool, Meta(description="true: skipped for now.")]


class AnswerEntry(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One answer written out in full, rather than as a choice id or a list of them; a key left
    out is UNSET."""

    choice: _Choice | UnsetType = UNSET
    choices: _Choices | UnsetType = UNSET
    text: _Text | UnsetType = UNSET
    note: _Note | UnsetType = UNSET
    skip: _Skip | UnsetType = UNSET


ANSWER_KEYS = AnswerEntry.__struct_fields__


class AnswersFile(Struct, frozen=True, kw_only=True):
    """An answers file: who answered, for which project, on which pathway, the answers, and the
    stage that is right for each area now where the file sets one."""

    answers: dict[str, Answer]
    project: str | None = None
    respondent: str | None = None
    role: str | None = None
    pathway: str | None = None
    targets: dict[str, str] = field(default_factory=dict)
    """Area id to stage id, each checked against the file's pathway (or the default one)."""


def read_answers_file(
    document: Document, catalog: Catalog, *, pathway: str | None = None
) -> AnswersFile:
    """Read a whole answers file, checking its keys, every question and choice id, and every
    target's area and stage: a stage of the file's pathway, or when it names none, of
    ``pathway`` (the one the command places on), or else of the default pathway."""
    data = document.data
    if not isinstance(data, dict):
        raise ValidationError(
            "an answers file must be a mapping", document.locate(()), "start with 'answers:'"
        )
    for key in data:
        if key not in ANSWERS_KEYS:
            raise ValidationError(
                f"unknown key {key!r}",
                document.locate((key,), key=True),
                did_you_mean(str(key), ANSWERS_KEYS, otherwise="keys: " + ", ".join(ANSWERS_KEYS)),
            )
    schema = data.get("schema", ANSWERS_SCHEMA)
    check_version(schema, "answers", "answers file", document.locate(("schema",)))
    details: dict[str, str | None] = {}
    for key in ("project", "respondent", "role", "pathway"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise ValidationError(f"'{key}' should be text", document.locate((key,)))
        details[key] = value
    _check_known(document, "role", details["role"], catalog.roles, "roles")
    _check_known(document, "pathway", details["pathway"], catalog.pathways, "pathways")
    errors: list[CoprodError] = []
    answers: dict[str, Answer] = _gathering(errors, lambda: read_answers(document, catalog), {})
    targets: dict[str, str] = _gathering(
        errors, lambda: read_targets(document, catalog, details["pathway"] or pathway), {}
    )
    if errors:
        raise ManyErrors(errors) if len(errors) > 1 else errors[0]
    return AnswersFile(answers=answers, targets=targets, **details)


def _gathering(errors: list[CoprodError], read: Callable[[], T], otherwise: T) -> T:
    """What ``read`` gives, or ``otherwise`` with its errors added to ``errors``, so that every
    problem in a file is reported at once."""
    try:
        return read()
    except ManyErrors as many:
        errors.extend(many.errors)
    except CoprodError as error:
        errors.append(error)
    return otherwise


def read_targets(document: Document, catalog: Catalog, pathway_id: str | None) -> dict[str, str]:
    """The ``targets:`` mapping of area ids to stage ids, each a stage of the pathway called
    ``pathway_id`` (None: the default pathway)."""
    data = document.data
    raw = data.get("targets") if isinstance(data, dict) else None
    if raw is None:
        return {}
    where = document.locate(("targets",))
    if not isinstance(raw, dict):
        raise ValidationError(
            "'targets' should map each area to the stage that is right for it now",
            where,
            "for example:  targets: {delivery: consultation}",
        )
    if not catalog.pathways:
        raise ValidationError("no pathway is loaded to set targets on", where)
    pathway = catalog.pathway_for(pathway_id)
    areas = [area.id for area in catalog.dimensions.values() if area.kind == "area"]
    errors: list[CoprodError] = []
    targets: dict[str, str] = {}
    for area, stage in raw.items():
        if area not in areas:
            errors.append(_unknown_area(catalog, document, area, areas))
        elif not isinstance(stage, str) or stage not in {s.id for s in pathway.stages}:
            errors.append(_unknown_stage(catalog, document, (area, stage), pathway))
        else:
            targets[area] = stage
    if errors:
        raise ManyErrors(errors) if len(errors) > 1 else errors[0]
    return targets


def _unknown_area(
    catalog: Catalog, document: Document, area: Any, areas: list[str]
) -> ValidationError:
    """No area called ``area``: say so at its key, naming the area it is part of, if any."""
    part = catalog.dimensions.get(area) if isinstance(area, str) else None
    if part is not None and part.parent in areas:
        hint = f"{area!r} is part of {part.parent!r}: set the target for {part.parent!r}"
    else:
        hint = _with_close(str(area), areas, "areas: " + ", ".join(areas))
    return ValidationError(
        f"unknown area {area!r}", document.locate(("targets", area), key=True), hint
    )


def _unknown_stage(
    catalog: Catalog, document: Document, target: tuple[str, object], pathway: Pathway
) -> ValidationError:
    """A target that is not one of ``pathway``'s stages: say so at the stage, naming the other
    pathway it is a stage of, if any, and the stages there are."""
    area, stage = target
    where = document.locate(("targets", area))
    stages = [item.id for item in pathway.stages]
    listing = f"stages of {pathway.id!r}, lowest first: " + ", ".join(stages)
    if not isinstance(stage, str):
        return ValidationError(f"the target for {area!r} should be one stage", where, listing)
    elsewhere = next(
        (
            other.id
            for other in catalog.pathways.values()
            if other.id != pathway.id and any(item.id == stage for item in other.stages)
        ),
        None,
    )
    if elsewhere is not None:
        listing = f"{stage!r} is a stage of the pathway {elsewhere!r}; {listing}"
    return ValidationError(
        f"no stage called {stage!r} on the pathway {pathway.id!r}",
        where,
        _with_close(stage, stages, listing),
    )


def _check_known(
    document: Document, key: str, value: str | None, known: Mapping[str, object], what: str
) -> None:
    """Refuse a role or pathway the loaded frameworks do not have (any is fine when they have
    none at all)."""
    if value is None or not known or value in known:
        return
    raise ValidationError(
        f"no {key} called {value!r}",
        document.locate((key,)),
        _with_close(value, known, f"{what}: " + ", ".join(known)),
    )


def _with_close(name: str, known: Iterable[str], listing: str) -> str:
    """A hint: the known name closest to ``name``, if one is close, then what they all are."""
    close = did_you_mean(name, known, cutoff=0.5)
    return f"{close} {listing}" if close else listing


def read_answers(
    document: Document, catalog: Catalog, at: KeyPath = ("answers",)
) -> dict[str, Answer]:
    """Read the mapping of question ids to answers found at ``at`` in a document."""
    raw: Any = document.data
    for part in at:
        raw = raw.get(part) if isinstance(raw, dict) else None
    if not isinstance(raw, dict):
        raise ValidationError(
            "expected an 'answers:' mapping of question ids to choices", document.locate(at)
        )
    errors: list[CoprodError] = []
    answers: dict[str, Answer] = {}
    for question_id, value in raw.items():
        path: KeyPath = (*at, question_id)
        try:
            answer = _one(document, catalog, question_id, value, path)
        except CoprodError as error:
            errors.append(error)
            continue
        if answer is not None:
            answers[question_id] = answer
    if errors:
        raise ManyErrors(errors) if len(errors) > 1 else errors[0]
    return answers


def _one(
    document: Document, catalog: Catalog, question_id: str, value: Any, path: KeyPath
) -> Answer | None:
    question = known_question(catalog, question_id, document.locate(path, key=True))
    note: str | None = None
    if isinstance(value, dict):
        for key in value:
            if key not in ANSWER_KEYS:
                raise ValidationError(
                    f"unknown key {key!r} in this answer",
                    document.locate((*path, key), key=True),
                    _with_close(
                        str(key), sorted(ANSWER_KEYS), "use choice, choices, text, note or skip"
                    ),
                )
        note = value.get("note")
        if note is not None and not isinstance(note, str):
            raise ValidationError("a note is text", document.locate((*path, "note")))
        if value.get("skip") is True:
            return Answer(question=question_id, note=note)
        given = [key for key in ("choice", "choices", "text") if key in value]
        if len(given) != 1:
            raise ValidationError(
                "give exactly one of choice, choices or text (or skip: true)",
                document.locate(path),
            )
        path = (*path, given[0])
        value = value[given[0]]
    if question.type == "text":
        if not isinstance(value, str):
            raise ValidationError(
                f"question {question_id!r} asks for text", document.locate(path), "quote the text"
            )
        return Answer(question=question_id, text=value, note=note)
    values = value if isinstance(value, list) else [value]
    check_choices(
        question,
        values,
        lambda index: document.locate(
            path if index is None or not isinstance(value, list) else (*path, index)
        ),
    )
    if not values:
        return Answer(question=question_id, note=note)
    return Answer(question=question_id, choices=tuple(values), note=note)


def known_question(catalog: Catalog, question_id: str, where: Location) -> Question:
    """The loaded question called ``question_id``, or an error at ``where`` naming the closest."""
    question = catalog.questions.get(question_id)
    if question is None:
        raise ValidationError(
            f"unknown question {question_id!r}",
            where,
            did_you_mean(
                question_id, catalog.questions, otherwise="see 'coprod-check frameworks show'"
            ),
        )
    return question


def check_choices(
    question: Question, values: list[Any], where: Callable[[int | None], Location]
) -> None:
    """Refuse choices the question does not have, several for a question that takes one, and an
    exclusive choice ("does not apply") with others. ``where(index)`` is the place of one choice
    (``None``: of the whole answer)."""
    known = {choice.id for choice in question.options()}
    for index, choice in enumerate(values):
        if not isinstance(choice, str) or choice not in known:
            raise ValidationError(
                f"{choice!r} is not a choice of question {question.id!r}",
                where(index),
                _with_close(str(choice), sorted(known), "choices: " + ", ".join(sorted(known))),
            )
    if len(values) > 1 and question.type != "multiple":
        raise ValidationError(f"question {question.id!r} takes one choice", where(None))
    alone = [c.id for c in question.options() if c.exclusive and c.id in values]
    if alone and len(values) > 1:
        raise ValidationError(f"{alone[0]!r} cannot be chosen with other choices", where(None))


def check_answer(catalog: Catalog, answer: Answer, document: Document, at: KeyPath) -> None:
    """Refuse an answer (kept at ``at`` in ``document``, as a results file keeps it) that names
    a question or choice the loaded frameworks do not have, or does not fit its question."""
    question = known_question(catalog, answer.question, document.locate(at, key=True))
    raw = document.data
    for part in at:
        raw = raw.get(part) if isinstance(raw, dict) else None
    given = raw if isinstance(raw, dict) else {}
    if question.type == "text":
        if answer.choices:
            key = "choice" if "choice" in given else "choices"
            raise ValidationError(
                f"question {question.id!r} asks for text, not a choice",
                document.locate((*at, key)),
                'give its answer as text = "..."',
            )
        return
    if answer.text:
        raise ValidationError(
            f"question {question.id!r} takes a choice, not text",
            document.locate((*at, "text")),
            "choices: " + ", ".join(sorted(choice.id for choice in question.options())),
        )
    key = "choice" if "choice" in given else "choices"
    check_choices(question, list(answer.choices), lambda _: document.locate((*at, key)))
