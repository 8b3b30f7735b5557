"""The rules that relate one framework item to another: unique ids and references that resolve.

Structure and types are checked when each file is loaded (``convert.py``); this module checks the
whole set together and reports every problem at once, each at its file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from coprod_check.errors import CoprodError, ManyErrors, ValidationError, did_you_mean
from coprod_check.io.yaml_file import Document, KeyPath
from coprod_check.model import conditions as cond
from coprod_check.model.catalog import Catalog, Loaded
from coprod_check.model.framework import NOT_APPLICABLE, Framework, Guardrail, Question, grade_key

_KIND_SECTION = {
    "pathway": "pathway",
    "questions": "questions",
    "recommendations": "recommendations",
    "glossary": "glossary",
}


def build_catalog(parsed: Iterable[tuple[Loaded, Document]]) -> Catalog:
    """Index the frameworks (each with the document it was read from, to point at problems) and
    check every cross-reference, raising all problems together."""
    pairs = list(parsed)
    documents = {item.path: document for item, document in pairs}
    checker = _Checker([item for item, _ in pairs], documents)
    checker.run()
    if checker.errors:
        raise ManyErrors(checker.errors) if len(checker.errors) > 1 else checker.errors[0]
    return checker.catalog


class _Checker:
    def __init__(self, loaded: list[Loaded], documents: dict[str, Document]) -> None:
        self.catalog = Catalog(frameworks=loaded)
        self.documents = documents
        self.errors: list[CoprodError] = []
        self.current: Loaded = loaded[0] if loaded else None  # type: ignore[assignment]

    # -- reporting -------------------------------------------------------------------------

    def error(self, message: str, path: KeyPath, hint: str = "", *, key: bool = False) -> None:
        location = self.documents[self.current.path].locate(path, key=key)
        self.errors.append(ValidationError(message, location, hint))

    # -- the passes ------------------------------------------------------------------------

    def run(self) -> None:
        self._index()
        for item in self.catalog.frameworks:
            self.current = item
            self._check_framework(item.framework)

    def _index(self) -> None:
        """Register every id, reporting duplicates across all loaded frameworks."""
        seen_frameworks: dict[str, Loaded] = {}
        things: dict[str, tuple[str, Loaded, KeyPath]] = {}
        terms: dict[str, Loaded] = {}
        catalog = self.catalog
        for item in catalog.frameworks:
            self.current = item
            framework = item.framework
            if framework.id in seen_frameworks:
                other = seen_frameworks[framework.id]
                self.error(
                    f"framework id {framework.id!r} is already used by {_where(other)}",
                    ("id",),
                    "give each framework its own id",
                )
            seen_frameworks[framework.id] = item

            def register(kind: str, thing_id: str, path: KeyPath, item: Loaded = item) -> bool:
                if thing_id in things:
                    other_kind, other, other_path = things[thing_id]
                    first = self.documents[other.path].locate(other_path)
                    self.error(
                        f"id {thing_id!r} is already used by a {other_kind} at {first}",
                        path,
                        "ids must be unique across every loaded framework",
                    )
                    return False
                things[thing_id] = (kind, item, path)
                catalog.owner[thing_id] = item.framework.id
                return True

            if framework.pathway is not None:
                pathway = framework.pathway
                if register("pathway", pathway.id, ("pathway", "id")):
                    catalog.pathways[pathway.id] = pathway
            _index_each(register, "dimension", framework.dimensions, catalog.dimensions)
            _index_each(register, "question", framework.questions, catalog.questions)
            _index_each(register, "guardrail", framework.guardrails, catalog.guardrails)
            _index_each(
                register,
                "consistency check",
                framework.consistency,
                catalog.consistency,
                "consistency",
            )
            _index_each(
                register, "recommendation", framework.recommendations, catalog.recommendations
            )
            for index, role in enumerate(framework.roles):
                if role.id in catalog.roles:
                    self.error(f"role {role.id!r} is already defined", ("roles", index, "id"))
                    continue
                catalog.roles[role.id] = role
            for index, term in enumerate(framework.glossary):
                if term.id in terms:
                    self.error(
                        f"glossary term {term.id!r} is already defined in {_where(terms[term.id])}",
                        ("glossary", index, "id"),
                        "define each term once",
                    )
                    continue
                terms[term.id] = item
                catalog.glossary[term.id] = term

    def _check_framework(self, framework: Framework) -> None:
        section = _KIND_SECTION[framework.kind]
        if not getattr(framework, section):
            self.error(
                f"a {framework.kind} framework needs a '{section}' section",
                ("kind",),
                f"add '{section}:' or change the kind",
            )
        if framework.pathway is not None:
            self._check_pathway(framework)
        for index, dimension in enumerate(framework.dimensions):
            path: KeyPath = ("dimensions", index)
            if dimension.kind == "part":
                parent = self.catalog.dimensions.get(dimension.parent or "")
                if dimension.parent is None:
                    self.error("a part needs a 'parent' area", path, "add 'parent: AREA-ID'")
                elif parent is None:
                    self._unknown("dimension", dimension.parent, (*path, "parent"))
                elif parent.kind != "area":
                    self.error(
                        f"the parent of a part must be an area, not a {parent.kind}",
                        (*path, "parent"),
                    )
            elif dimension.parent is not None:
                self.error("only a part has a 'parent'", (*path, "parent"), key=True)
            if dimension.target is not None:
                if dimension.kind != "area":
                    self.error("only an area has a 'target'", (*path, "target"), key=True)
                self._stage_map(dimension.target, (*path, "target"))
        asked: dict[str, Question] = {}
        for index, question in enumerate(framework.questions):
            self._check_question(question, ("questions", index), asked)
            asked[question.id] = question
        for index, guardrail in enumerate(framework.guardrails):
            self._check_guardrail(guardrail, ("guardrails", index))
        for index, check in enumerate(framework.consistency):
            path = ("consistency", index)
            self._area(check.area, (*path, "area"))
            self._condition(f"{check.id}#claim", check.claim, (*path, "claim"), answers_only=True)
            self._condition(f"{check.id}#when", check.when, (*path, "when"), answers_only=True)
            self._stage_map(check.supports, (*path, "supports"))
        for index, recommendation in enumerate(framework.recommendations):
            path = ("recommendations", index)
            for position, dimension_id in enumerate(recommendation.dimensions):
                self._dimension(dimension_id, (*path, "dimensions", position))
            self._condition(recommendation.id, recommendation.when, (*path, "when"))
        with_questions = [
            item.framework.id for item in self.catalog.frameworks if item.framework.questions
        ]
        for index, role in enumerate(framework.roles):
            if role.voice is not None and role.voice not in self.catalog.roles:
                self._unknown("role", role.voice, ("roles", index, "voice"), self.catalog.roles)
            for position, framework_id in enumerate(role.frameworks):
                if framework_id not in with_questions:
                    self._unknown(
                        "framework with questions",
                        framework_id,
                        ("roles", index, "frameworks", position),
                        with_questions,
                    )
        for index, term in enumerate(framework.glossary):
            for position, form in enumerate(term.also):
                if not form.strip():
                    self.error(
                        "an 'also' form may not be blank", ("glossary", index, "also", position)
                    )

    def _check_guardrail(self, guardrail: Guardrail, path: KeyPath) -> None:
        for position, area in enumerate(guardrail.areas or []):
            self._area(area, (*path, "areas", position))
        if guardrail.grades:
            for key in ("when", "highest"):
                if getattr(guardrail, key) is not None:
                    self.error(
                        f"a guardrail with 'grades' gives '{key}' in each grade, not beside them",
                        (*path, key),
                        f"move '{key}' into the grades",
                        key=True,
                    )
            levels = [((*path, "grades", n), grade) for n, grade in enumerate(guardrail.grades)]
        elif guardrail.when is None:
            self.error(
                "a guardrail needs a 'when' (or 'grades')", path, "add 'when:' with its condition"
            )
            return
        else:
            levels = [(path, guardrail.levels()[0])]
        for position, (where, grade) in enumerate(levels):
            self._condition(
                grade_key(guardrail.id, position), grade.when, (*where, "when"), answers_only=True
            )
            if grade.highest is not None:
                if grade.severity == "warns":
                    self.error(
                        "a guardrail that only warns holds nothing back, so it has no 'highest'",
                        (*where, "highest"),
                        "remove 'highest', or make it 'severity: holds-back'",
                        key=True,
                    )
                self._stage_map(grade.highest, (*where, "highest"))
            elif grade.severity == "holds-back":
                self.error(
                    "a guardrail that holds back needs 'highest': the highest stage it allows",
                    where,
                    "add 'highest: {PATHWAY: STAGE}', or make it 'severity: warns'",
                )

    def _check_pathway(self, framework: Framework) -> None:
        pathway = framework.pathway
        assert pathway is not None
        groups: set[str] = set()
        for index, group in enumerate(pathway.groups):
            if group.id in groups:
                self.error(
                    f"group id {group.id!r} is used twice", ("pathway", "groups", index, "id")
                )
            groups.add(group.id)
        stages: set[str] = set()
        used: set[str] = set()
        for index, stage in enumerate(pathway.stages):
            path: KeyPath = ("pathway", "stages", index)
            if stage.id in stages:
                self.error(f"stage id {stage.id!r} is used twice", (*path, "id"))
            stages.add(stage.id)
            if stage.group not in groups:
                self._unknown("group", stage.group, (*path, "group"), sorted(groups))
            used.add(stage.group)
        if pathway.target is not None and pathway.target not in stages:
            self._unknown("stage", pathway.target, ("pathway", "target"), sorted(stages))
        for index, group in enumerate(pathway.groups):
            if group.id not in used:
                self.error(
                    f"no stage belongs to group {group.id!r}",
                    ("pathway", "groups", index, "id"),
                    "remove the group or put a stage in it",
                )

    def _check_question(
        self, question: Question, path: KeyPath, asked: dict[str, Question]
    ) -> None:
        for position, dimension_id in enumerate(question.dimensions):
            self._dimension(dimension_id, (*path, "dimensions", position))
        kind = question.type
        if kind in ("single", "multiple") and len(question.choices) < 2:
            self.error(f"a {kind} question needs at least two choices", path, "add 'choices:'")
        if kind in ("yes-no", "scale", "text") and question.choices:
            self.error(
                f"a {kind} question gets its choices automatically",
                (*path, "choices"),
                "remove 'choices:' or change the type to single",
                key=True,
            )
        if question.reverse and kind not in ("yes-no", "scale"):
            self.error(
                "'reverse' only applies to yes-no and scale questions", (*path, "reverse"), key=True
            )
        if kind == "text" and question.not_applicable:
            self.error(
                "a text question can be skipped; it needs no 'not_applicable'",
                (*path, "not_applicable"),
                key=True,
            )
        seen: set[str] = set()
        for index, choice in enumerate(question.choices):
            choice_path: KeyPath = (*path, "choices", index)
            if choice.id in seen:
                self.error(
                    f"choice id {choice.id!r} is used twice in this question", (*choice_path, "id")
                )
            seen.add(choice.id)
            if choice.exclusive and kind != "multiple":
                self.error(
                    "only a multiple-choice question has exclusive choices",
                    (*choice_path, "exclusive"),
                    key=True,
                )
            if choice.id == NOT_APPLICABLE:
                self.error(
                    f"{NOT_APPLICABLE!r} is kept for the 'does not apply' choice",
                    (*choice_path, "id"),
                    "use 'not_applicable: true' on the question instead",
                )
        if question.places is not None:
            self._check_placing(question, path)
        else:
            for index, choice in enumerate(question.choices):
                choice_path = (*path, "choices", index)
                if choice.stage is not None:
                    self.error(
                        "only a question that places an area gives stages",
                        (*choice_path, "stage"),
                        "give a 'score' from 0 to 100, or add 'places: AREA' to the question",
                        key=True,
                    )
                elif choice.score is None:
                    self.error(
                        f"choice {choice.id!r} has no score",
                        choice_path,
                        "add 'score:' with a number from 0 to 100",
                    )
        self._check_voices(question, path)
        words = "\n".join(
            [question.text, question.help]
            + [
                f"{wording.text or ''}\n{wording.help or ''}"
                for wording in question.voices.values()
            ]
        )
        for position, term_id in enumerate(question.terms):
            term = self.catalog.glossary.get(term_id)
            term_path: KeyPath = (*path, "terms", position)
            if term is None:
                self._unknown("glossary term", term_id, term_path, list(self.catalog.glossary))
            elif not _mentions(words, [term.term, *term.also]):
                self.error(
                    f"the term {term.term!r} does not appear in this question's text or help",
                    term_path,
                    "remove it from 'terms', or add the word it names to 'also' in the glossary",
                )
        if question.when is not None:
            self._condition(question.id, question.when, (*path, "when"), asked=asked)

    def _check_voices(self, question: Question, path: KeyPath) -> None:
        """Every role named is defined, and a voice relabels only the question's own choices."""
        roles = self.catalog.roles
        for position, role_id in enumerate(question.roles):
            if role_id not in roles:
                self._unknown("role", role_id, (*path, "roles", position), roles)
        choice_ids = [choice.id for choice in question.options()]
        for voice, wording in question.voices.items():
            voice_path: KeyPath = (*path, "voices", voice)
            if voice not in roles:
                self.error(
                    f"unknown role {voice!r}", voice_path, did_you_mean(voice, roles), key=True
                )
            for choice_id in wording.choices:
                if choice_id not in choice_ids:
                    self.error(
                        f"unknown choice {choice_id!r}",
                        (*voice_path, "choices", choice_id),
                        did_you_mean(choice_id, choice_ids),
                        key=True,
                    )

    def _check_placing(self, question: Question, path: KeyPath) -> None:
        assert question.places is not None
        self._area(question.places, (*path, "places"))
        if question.type != "single":
            self.error(
                "a question that places an area must be a single-choice question", (*path, "type")
            )
        pathways: set[str] | None = None
        for index, choice in enumerate(question.choices):
            choice_path: KeyPath = (*path, "choices", index)
            if choice.score is not None:
                self.error(
                    "a choice that places an area gives a 'stage', not a 'score'",
                    (*choice_path, "score"),
                    key=True,
                )
            if choice.stage is None:
                self.error(
                    f"choice {choice.id!r} gives no stage",
                    choice_path,
                    "add 'stage: {PATHWAY: STAGE}' for each pathway",
                )
                continue
            self._stage_map(choice.stage, (*choice_path, "stage"))
            if pathways is None:
                pathways = set(choice.stage)
            elif set(choice.stage) != pathways:
                self.error(
                    "every choice of this question must name a stage for the same pathways "
                    f"({', '.join(sorted(pathways))})",
                    (*choice_path, "stage"),
                )

    # -- references ------------------------------------------------------------------------

    def _unknown(self, kind: str, name: str, path: KeyPath, known: Iterable[str] = ()) -> None:
        self.error(f"unknown {kind} {name!r}", path, did_you_mean(name, known))

    def _dimension(self, dimension_id: str, path: KeyPath) -> None:
        if dimension_id not in self.catalog.dimensions:
            self._unknown("dimension", dimension_id, path, self.catalog.dimensions)

    def _area(self, area_id: str, path: KeyPath, *, overall: bool = False) -> None:
        if overall and area_id == cond.OVERALL:
            return
        dimension = self.catalog.dimensions.get(area_id)
        areas = [d.id for d in self.catalog.dimensions.values() if d.kind == "area"]
        if dimension is None:
            self._unknown("area", area_id, path, areas)
        elif dimension.kind != "area":
            self.error(
                f"{area_id!r} is a {dimension.kind}, not an area",
                path,
                "areas are: " + ", ".join(areas),
            )

    def _stage_map(self, stages: dict[str, str], path: KeyPath) -> None:
        for pathway_id, stage_id in stages.items():
            pathway = self.catalog.pathways.get(pathway_id)
            if pathway is None:
                self._unknown("pathway", pathway_id, (*path, pathway_id), self.catalog.pathways)
                continue
            known = [stage.id for stage in pathway.stages]
            if stage_id not in known:
                self._unknown(f"stage of {pathway_id}", stage_id, (*path, pathway_id), known)

    def _condition(
        self,
        owner: str,
        raw: dict[str, object],
        path: KeyPath,
        *,
        asked: dict[str, Question] | None = None,
        answers_only: bool = False,
    ) -> None:
        try:
            parsed = cond.parse(raw)
        except cond.ConditionError as error:
            self.error(error.message, (*path, *error.path), error.hint)
            return
        self.catalog.conditions[owner] = parsed
        for item, inner in cond.walk(parsed):
            where = (*path, *inner)
            if isinstance(item, cond.AnswerIs | cond.Answered):
                self._answer_reference(item, where, asked)
            elif asked is not None or answers_only:
                self.error(
                    "only answer conditions can be used here",
                    where,
                    "a question can depend on earlier answers, not on scores or stages",
                )
            elif isinstance(item, cond.ScoreCompare):
                self._dimension(item.dimension, (*where, "score"))
            elif isinstance(item, cond.StageCompare):
                self._area(item.area, (*where, "stage"), overall=True)
                key = "at_least" if item.at_least else "below"
                self._stage_map(dict(item.stages), (*where, key))

    def _answer_reference(
        self,
        item: cond.AnswerIs | cond.Answered,
        where: KeyPath,
        asked: dict[str, Question] | None,
    ) -> None:
        key = "answered" if isinstance(item, cond.Answered) else "answer"
        pool = asked if asked is not None else self.catalog.questions
        question = pool.get(item.question)
        if question is None:
            if asked is not None and item.question in self.catalog.questions:
                self.error(
                    f"question {item.question!r} is not asked before this one in this framework",
                    (*where, key),
                    "a question can only depend on earlier questions of its own framework",
                )
            else:
                self._unknown("question", item.question, (*where, key), pool)
            return
        if isinstance(item, cond.AnswerIs):
            if question.type == "text":
                self.error(
                    f"question {question.id!r} is a text question and has no choices",
                    (*where, key),
                    "use {answered: QUESTION} instead",
                )
                return
            known = [choice.id for choice in question.options()]
            field_name = "is_not" if item.negated else "is"
            for position, choice_id in enumerate(item.choices):
                if choice_id not in known:
                    value = raw_index(item.choices, position)
                    self._unknown(
                        f"choice of {question.id}", choice_id, (*where, field_name, *value), known
                    )


def raw_index(choices: tuple[str, ...], position: int) -> KeyPath:
    """The path of one choice in ``is:``; a single choice is written without a list."""
    return (position,) if len(choices) > 1 else ()


_WORD = re.compile(r"[a-z0-9']+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _mentions(text: str, forms: Iterable[str]) -> bool:
    """Whether any form appears in ``text`` as whole words (a plural ending is allowed)."""
    padded = f" {' '.join(_words(text))} "
    for form in forms:
        wanted = " ".join(_words(form))
        if wanted and any(f" {wanted}{end} " in padded for end in ("", "s", "es")):
            return True
    return False


def _where(item: Loaded) -> str:
    return item.path


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Thing = TypeVar("_Thing", bound=_HasId)


def _index_each(
    register: Callable[[str, str, KeyPath], bool],
    kind: str,
    things: Sequence[_Thing],
    into: dict[str, _Thing],
    section: str = "",
) -> None:
    """Index each of a framework's ``kind`` whose id is new; they are listed under ``section``
    (by default ``kind`` + s)."""
    for index, thing in enumerate(things):
        if register(kind, thing.id, (section or f"{kind}s", index, "id")):
            into[thing.id] = thing
