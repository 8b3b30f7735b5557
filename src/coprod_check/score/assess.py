"""The scorer: answers and frameworks in, an assessment out. No printing, no prompts, no files.

``docs/scoring.md`` tells how, with a worked example: each area's target, scores and coverage
(``scores.py``), the guardrails that hold and each area's placement and the overall one
(``placement.py``), then advice (``recommend.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coprod_check.model import conditions as cond
from coprod_check.model.answers import Answers
from coprod_check.model.assessment import Assessment, Contradiction, Effect, Placement, Rule
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway
from coprod_check.score.placement import Holding, holding, place_area, place_overall
from coprod_check.score.recommend import recommend
from coprod_check.score.scores import Facts, score_dimensions


def assess(
    catalog: Catalog,
    answers: Answers,
    pathway_id: str | None = None,
    *,
    targets: Mapping[str, str] | None = None,
    audience: str = "practitioners",
    role: str | None = None,
) -> Assessment:
    """Place each area and the project on the pathway against the stage that is right for each
    now (``targets``, by area, or the framework's), record every rule that holds, score every
    dimension, and give advice for ``audience`` (``practitioners`` or ``funders``). Questions
    not asked of the respondent's ``role`` do not count as unanswered."""
    pathway = catalog.pathway_for(pathway_id)
    facts = Facts(catalog, pathway, answers, role)
    dimensions = [area for area in catalog.dimensions.values() if area.kind == "area"]
    facts.targets = {area.id: target_of(catalog, pathway, area.id, targets) for area in dimensions}
    scores = score_dimensions(catalog, answers, facts)
    facts.scores = {item.dimension: item.score for item in scores}
    by_dimension = {item.dimension: item for item in scores}
    holds = holding(catalog, pathway, facts)
    contested: list[Contradiction] = []
    areas = tuple(
        place_area(
            catalog=catalog,
            pathway=pathway,
            area=area,
            answers=answers,
            facts=facts,
            score=by_dimension[area.id],
            target=facts.targets[area.id],
            rules=holds,
            contested=contested,
        )
        for area in dimensions
    )
    overall = place_overall(catalog, pathway, areas)
    facts.stages = {placement.area: placement.index for placement in (*areas, overall)}
    if overall.target is not None:
        facts.targets[cond.OVERALL] = pathway.index(overall.target)
    rules = tuple(_record(holding_rule, pathway, areas) for holding_rule in holds)
    advice, elsewhere = recommend(
        catalog,
        pathway,
        facts,
        areas=areas,
        overall=overall,
        scores=scores,
        rules=rules,
        audience=audience,
    )
    return Assessment(
        pathway=pathway.id,
        areas=areas,
        overall=overall,
        scores=tuple(scores),
        recommendations=tuple(advice),
        rules=rules,
        contradictions=tuple(contested),
        audience=audience,
        elsewhere=tuple(elsewhere),
    )


def target_of(
    catalog: Catalog, pathway: Pathway, area: str, targets: Mapping[str, str] | None
) -> int:
    """An area's target as a position on the pathway: the one given for it (when it names a
    stage of this pathway), else the framework's."""
    given = (targets or {}).get(area)
    if given is not None:
        try:
            return pathway.index(given)
        except KeyError:
            pass
    return pathway.index(catalog.target_for(area, pathway))


def _record(rule: Holding, pathway: Pathway, areas: Sequence[Placement]) -> Rule:
    """A rule that holds, as the assessment keeps it: what it is about, and what it did."""
    guardrail, grade = rule.guardrail, rule.grade
    about = [area for area in areas if rule.covers(area.area) and area.status != "not-applicable"]
    lowered = tuple(area.area for area in about if guardrail.id in area.held_back_by)
    below = tuple(
        area.area
        for area in about
        if rule.cap is not None
        and area.target is not None
        and rule.cap < pathway.index(area.target)
    )
    effect: Effect = "warns"
    if lowered:
        effect = "holds-back"
    elif below:
        effect = "below-target"
    return Rule(
        id=guardrail.id,
        code=guardrail.code,
        title=guardrail.title,
        severity=grade.severity,
        effect=effect,
        says=grade.says,
        explanation=guardrail.explanation,
        section=guardrail.section,
        highest=pathway.stages[rule.cap].id if rule.cap is not None else None,
        areas=tuple(area.area for area in about),
        lowered=lowered,
        below_target=below,
        because=rule.evidence,
    )
