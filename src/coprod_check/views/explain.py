"""The whole reasoning behind a set of answers, as plain data: what ``explain --format json``
prints and ``explain --schema`` describes.

It is the scorer's own conclusions, unchanged: each placement with its target, gap and reasons,
every rule that holds with the answers behind it, contradicted claims, every score, and the
ranked advice (the first few, with how many more there are).
"""

from msgspec import Struct, field

from coprod_check.model.assessment import Advice, Assessment, Contradiction, Placement, Rule, Score
from coprod_check.model.catalog import Catalog
from coprod_check.views.report import SHOWN, by_effect, published_schema

EXPLANATION_SCHEMA = "coprod-check/explanation/1"


class Explanation(Struct, frozen=True, kw_only=True):
    """Everything ``explain`` shows, in the order it shows it."""

    schema: str = EXPLANATION_SCHEMA
    pathway: str
    pathway_title: str
    audience: str
    """Whose advice this is: ``practitioners`` or ``funders``."""
    provisional: bool
    overall: Placement
    areas: list[Placement]
    rules: list[Rule]
    """Every guardrail that holds, those that hold the project back first."""
    contradictions: list[Contradiction]
    scores: list[Score]
    recommendations: list[Advice]
    more_recommendations: int = 0
    """How many more pieces of advice there are (``--all`` shows them)."""
    for_others: int = 0
    """How many pieces of advice fired for the other audience."""
    titles: dict[str, str] = field(default_factory=dict)
    """The title of every area, dimension and stage named above, by id."""


def build_explanation(
    catalog: Catalog, assessment: Assessment, *, shown: int | None = SHOWN
) -> Explanation:
    """The explanation of an assessment, leading with ``shown`` pieces of advice (all: None)."""
    pathway = catalog.pathways[assessment.pathway]
    advice = list(assessment.recommendations)
    titles = {stage.id: stage.title for stage in pathway.stages}
    titles.update({d.id: d.title for d in catalog.dimensions.values()})
    return Explanation(
        pathway=pathway.id,
        pathway_title=pathway.title,
        audience=assessment.audience,
        provisional=assessment.overall.provisional,
        overall=assessment.overall,
        areas=list(assessment.areas),
        rules=by_effect(assessment.rules),
        contradictions=list(assessment.contradictions),
        scores=list(assessment.scores),
        recommendations=advice[:shown],
        more_recommendations=len(advice[shown:]) if shown is not None else 0,
        for_others=len(assessment.elsewhere),
        titles=titles,
    )


def explanation_schema() -> dict[str, object]:
    """The JSON Schema of ``explain --format json``."""
    return published_schema(Explanation, "coprod-check explanation", EXPLANATION_SCHEMA)
