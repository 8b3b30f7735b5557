"""The scorer: answers and frameworks in, an assessment out. No printing, no prompts, no files.

``docs/scoring.md`` tells how, with a worked example: scores and coverage (``scores.py``), each
area's placement and the overall one (``placement.py``), then advice (``recommend.py``).
"""

from __future__ import annotations

from coprod_check.model.answers import Answers
from coprod_check.model.assessment import Assessment
from coprod_check.model.catalog import Catalog
from coprod_check.score.placement import place_area, place_overall
from coprod_check.score.recommend import recommend
from coprod_check.score.scores import Facts, score_dimensions


def assess(catalog: Catalog, answers: Answers, pathway_id: str | None = None) -> Assessment:
    """Place each area and the project on the pathway, score every dimension, and give advice."""
    pathway = catalog.pathway_for(pathway_id)
    facts = Facts(catalog, pathway, answers)
    scores = score_dimensions(catalog, answers, facts)
    facts.scores = {item.dimension: item.score for item in scores}
    by_dimension = {item.dimension: item for item in scores}
    areas = tuple(
        place_area(
            catalog=catalog,
            pathway=pathway,
            area=area,
            answers=answers,
            facts=facts,
            score=by_dimension[area.id],
        )
        for area in catalog.dimensions.values()
        if area.kind == "area"
    )
    overall = place_overall(catalog, pathway, areas)
    facts.stages = {placement.area: placement.index for placement in (*areas, overall)}
    advice = recommend(catalog, pathway, facts, areas)
    return Assessment(
        pathway=pathway.id,
        areas=areas,
        overall=overall,
        scores=tuple(scores),
        recommendations=tuple(advice),
    )
