"""Everything loaded from a set of frameworks, indexed by id, for the questionnaire and scorer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct, field

from coprod_check.errors import UsageError, did_you_mean
from coprod_check.model.conditions import Condition
from coprod_check.model.framework import (
    Consistency,
    Dimension,
    Framework,
    Guardrail,
    Pathway,
    Question,
    Recommendation,
    Role,
    Term,
)

BUNDLED = "bundled"


class Loaded(Struct, frozen=True):
    """A framework, the name of the file it came from, and where that file was found."""

    framework: Framework
    path: str
    """The file's name as messages show it (``frameworks/NAME.yaml`` for a bundled one)."""
    origin: str = BUNDLED

    @property
    def bundled(self) -> bool:
        return self.origin == BUNDLED


class CatalogCore(Struct, frozen=True, array_like=True):
    """What a catalog is made of; the rest is an index over it (:meth:`Catalog.indexed`)."""

    frameworks: list[Loaded]
    conditions: dict[str, Condition]


class Catalog(Struct):
    """The merged view of every loaded framework. Build it with :func:`validate.build_catalog`."""

    frameworks: list[Loaded]
    pathways: dict[str, Pathway] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    guardrails: dict[str, Guardrail] = field(default_factory=dict)
    consistency: dict[str, Consistency] = field(default_factory=dict)
    recommendations: dict[str, Recommendation] = field(default_factory=dict)
    glossary: dict[str, Term] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    conditions: dict[str, Condition] = field(default_factory=dict)
    """The parsed ``when`` of each question and recommendation by its id; of each guardrail's
    grade by ``grade_key``; of each consistency check by ``ID#claim`` and ``ID#when``."""
    owner: dict[str, str] = field(default_factory=dict)
    """The id of the framework that defines each pathway, dimension, question and so on."""

    @classmethod
    def indexed(cls, frameworks: list[Loaded], conditions: dict[str, Condition]) -> Catalog:
        """The catalog of frameworks already checked together (see ``frameworks/validate.py``,
        which builds it the same way while checking), indexed again: how the cache stores it."""
        catalog = cls(frameworks=frameworks, conditions=conditions)
        for item in frameworks:
            framework = item.framework
            owned: list[tuple[dict[str, Any], Any]] = [
                (catalog.pathways, framework.pathway),
                *((catalog.dimensions, dimension) for dimension in framework.dimensions),
                *((catalog.questions, question) for question in framework.questions),
                *((catalog.guardrails, guardrail) for guardrail in framework.guardrails),
                *((catalog.consistency, check) for check in framework.consistency),
                *((catalog.recommendations, advice) for advice in framework.recommendations),
            ]
            for index, thing in owned:
                if thing is not None and thing.id not in catalog.owner:
                    index[thing.id] = thing
                    catalog.owner[thing.id] = framework.id
            for role in framework.roles:
                catalog.roles.setdefault(role.id, role)
            for term in framework.glossary:
                catalog.glossary.setdefault(term.id, term)
        return catalog

    def pathway_for(self, pathway_id: str | None) -> Pathway:
        """The pathway that applies: the one called ``pathway_id``, or with none named, the
        default one. The one place that decides it, for every command."""
        if pathway_id is None:
            pathway = self.default_pathway
            if pathway is None:
                raise UsageError("no pathway is loaded", None, "load a framework with a pathway")
            return pathway
        if pathway_id not in self.pathways:
            loaded = f"pathways loaded: {', '.join(self.pathways) or 'none'}"
            close = did_you_mean(pathway_id, self.pathways)
            hint = f"{close} ({loaded})" if close else loaded
            raise UsageError(f"no pathway called {pathway_id!r}", None, hint)
        return self.pathways[pathway_id]

    @property
    def default_pathway(self) -> Pathway | None:
        """The last loaded pathway marked ``default: true``, else the first loaded pathway."""
        marked = [pathway for pathway in self.pathways.values() if pathway.default]
        if marked:
            return marked[-1]
        return next(iter(self.pathways.values()), None)

    @property
    def framework_files(self) -> list[Path]:
        """The framework files read from disk (not the bundled ones): a command's inputs too."""
        return [Path(item.origin) for item in self.frameworks if not item.bundled]

    def target_for(self, area: str, pathway: Pathway) -> str:
        """The stage an area aims for by default on ``pathway``: the area's own, else the
        pathway's."""
        dimension = self.dimensions.get(area)
        if dimension is not None and dimension.target and pathway.id in dimension.target:
            return dimension.target[pathway.id]
        return pathway.default_target

    def voice_of(self, role: str | None) -> str | None:
        """The voice a role reads questions in: the role's ``voice``, else its own id (``None``:
        no role given, so the questions' own words)."""
        if role is None:
            return None
        known = self.roles.get(role)
        return known.voice if known is not None and known.voice else role

    def questions_for(self, role: str | None, frameworks: set[str] | None = None) -> list[Question]:
        """The questions a respondent in ``role`` is asked, in their voice and the frameworks'
        order: every framework's, or those of ``frameworks``."""
        voice = self.voice_of(role)
        return [
            question.in_voice(voice)
            for question in self.questions.values()
            if self.asks(question, role)
            and (frameworks is None or self.owner[question.id] in frameworks)
        ]

    def asks(self, question: Question, role: str | None) -> bool:
        """Whether a respondent in ``role`` is asked ``question``: it is asked of the role (see
        ``Question.asked_of``), in a framework the role answers (``Role.frameworks``)."""
        answers = self.frameworks_for(role)
        if answers and self.owner[question.id] not in answers:
            return False
        return question.asked_of(role)

    def frameworks_for(self, role: str | None) -> list[str]:
        """The frameworks a respondent in ``role`` answers when none are named: the role's own,
        or every one (empty)."""
        known = self.roles.get(role) if role is not None else None
        return list(known.frameworks) if known is not None else []

    def framework(self, framework_id: str) -> Loaded | None:
        return next((item for item in self.frameworks if item.framework.id == framework_id), None)

    def find_term(self, text: str) -> Term | None:
        """A glossary term by id, by its words or by one of its other forms, ignoring case."""
        wanted = text.strip().lower()
        for term in self.glossary.values():
            forms = {term.id, term.term.lower(), *(form.lower() for form in term.also)}
            if wanted in forms or wanted.replace(" ", "-") == term.id:
                return term
        return None
