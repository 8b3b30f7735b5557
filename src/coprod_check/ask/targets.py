"""The stage that is right for an area now, asked once per area after the area's last question.

A target question is not one of a framework's questions: it is made from the pathway in use, its
choice goes into the results file's ``[targets]`` (never into ``[answers]``), and skipping it keeps
the framework's own target for the area. The words follow the report's "Adapt to your context and
community": what is right depends on what you want to do and who you work with, and the top of
the pathway is not always the aim.
"""

from collections.abc import Mapping, Sequence
from typing import Literal

from msgspec import Struct

from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Choice, Dimension, Pathway, Question

PREFIX = "target:"
"""How a target question's id starts: never a framework question's id, which has no colon."""

SUGGESTED = " (suggested)"

WHY = "It depends on your aims and your people: the top is not always the aim."
SKIP = "Skip to keep the suggested one."
HELP = (
    "What co-production looks like depends on what you are trying to do and who you are working "
    "with. Different parts of your work can sit at different stages, and starting simply is "
    "fine. What matters most is that people's part is real, not tokenism. Your scores count up "
    "to the stage you choose here, and no advice will push you past it."
)


class TargetQuestion(Struct, frozen=True, kw_only=True):
    """ "Which stage is right for this area now?": the pathway's stages as choices, lowest first,
    with the framework's own target marked as suggested."""

    id: str
    area: str
    title: str
    """The area's title, as the progress line shows it."""
    text: str
    help: str
    choices: list[Choice]
    suggested: str
    """The stage the framework aims for by default: what a skip keeps."""
    terms: list[str]
    """Glossary terms for the pathway and its stages, where the glossary has them."""

    @property
    def type(self) -> Literal["single"]:
        return "single"

    def options(self) -> list[Choice]:
        return list(self.choices)

    def previous(self, targets: Mapping[str, str]) -> Answer | None:
        """The stage chosen earlier, as an answer the prompters can mark (None: none chosen)."""
        chosen = targets.get(self.area)
        if chosen is None or chosen not in {choice.id for choice in self.choices}:
            return None
        return Answer(question=self.id, choices=(chosen,))


def target_question(catalog: Catalog, pathway: Pathway, area: Dimension) -> TargetQuestion:
    """The target question for ``area`` on ``pathway``."""
    suggested = catalog.target_for(area.id, pathway)
    groups = {group.id: group.title for group in pathway.groups}
    choices = [
        Choice(
            id=stage.id,
            label=f"{stage.title} · {groups.get(stage.group, stage.group)}"
            + (SUGGESTED if stage.id == suggested else ""),
        )
        for stage in pathway.stages
    ]
    shown = next(stage for stage in pathway.stages if stage.id == suggested)
    words = ["pathway", *(stage.id for stage in pathway.stages)]
    return TargetQuestion(
        id=PREFIX + area.id,
        area=area.id,
        title=area.title,
        text=f"Which stage is right for {_in_a_sentence(area.title)} now? {WHY} {SKIP}",
        help=f"{HELP}\n\nThe suggested stage is {shown.title}: {shown.description}",
        choices=choices,
        suggested=suggested,
        terms=[term for term in words if term in catalog.glossary],
    )


def _in_a_sentence(title: str) -> str:
    """A title as it reads inside a sentence: "Design" becomes "design"; "NHS work" stays."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def belongs(catalog: Catalog, question: Question, area: str) -> bool:
    """Whether a question is one of an area's: it places the area, or counts towards the area
    or one of its parts."""
    if question.places == area:
        return True
    for dimension_id in question.dimensions:
        dimension = catalog.dimensions.get(dimension_id)
        if dimension_id == area or (dimension is not None and dimension.parent == area):
            return True
    return False


def last_questions(catalog: Catalog, questions: Sequence[Question]) -> dict[str, str]:
    """For each area with a question among ``questions``: the id of its last one, which its
    target question follows."""
    ends: dict[str, str] = {}
    for area in catalog.dimensions.values():
        if area.kind != "area":
            continue
        mine = [question.id for question in questions if belongs(catalog, question, area.id)]
        if mine:
            ends[area.id] = mine[-1]
    return ends
