"""The recommender: which advice fires, why ("because"), and in what order. Pure data to data.

A recommendation fires when its ``when`` condition holds. It is ranked by how important it is
(its priority) and how far below the bar the project is on what triggered it: a score of 20 against
a bar of 60 ranks above a score of 55 against the same bar. The weakest placed area also gets a
"next step on the pathway", taken from the pathway's own description of what moving up looks like.
"""

import msgspec

from coprod_check.model import conditions as cond
from coprod_check.model.assessment import Advice, Placement
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway
from coprod_check.score.scores import Facts

PRIORITY_WEIGHT = {"high": 3.0, "medium": 2.0, "low": 1.0}
ANSWER_GAP = 0.5
"""How far below the bar an answer condition counts as, beside scores and stages (0 to 1)."""


def recommend(
    catalog: Catalog, pathway: Pathway, facts: Facts, areas: tuple[Placement, ...]
) -> list[Advice]:
    """Every recommendation that fires, best first, with the next step on the pathway on top."""
    fired = []
    for recommendation in catalog.recommendations.values():
        condition = catalog.conditions[recommendation.id]
        if not cond.holds(condition, facts):
            continue
        triggers = _triggers(condition, facts)
        because = tuple(_describe(catalog, pathway, item, facts) for item in triggers)
        gap = max((_gap(item, facts, pathway) for item in triggers), default=ANSWER_GAP)
        fired.append(
            Advice(
                id=recommendation.id,
                title=recommendation.title,
                advice=recommendation.advice,
                example=recommendation.example,
                section=recommendation.section,
                priority=recommendation.priority,
                audience=recommendation.audience,
                because=because,
                rank=round(PRIORITY_WEIGHT[recommendation.priority] * (1 + gap), 3),
                dimensions=tuple(recommendation.dimensions),
            )
        )
    fired.sort(key=lambda advice: (-advice.rank, advice.id))
    step = next_step(catalog, pathway, areas)
    if step is not None:
        top = fired[0].rank if fired else PRIORITY_WEIGHT["high"]
        fired.insert(0, msgspec.structs.replace(step, rank=round(top + 1, 3)))
    return fired


def next_step(catalog: Catalog, pathway: Pathway, areas: tuple[Placement, ...]) -> Advice | None:
    """What moving up looks like for the weakest placed area (the first listed, on a tie)."""
    placed = [area for area in areas if area.index is not None]
    if not placed:
        return None
    weakest = min(placed, key=lambda area: area.index)  # type: ignore[arg-type,return-value]
    index = weakest.index
    assert index is not None
    if index >= len(pathway.stages) - 1:
        return None
    stage, following = pathway.stages[index], pathway.stages[index + 1]
    area = catalog.dimensions[weakest.area]
    because = f"{area.title} is your lowest placed area, at {stage.title} on {pathway.title}."
    if weakest.held_back_by:
        titles = ", ".join(catalog.guardrails[g].title.lower() for g in weakest.held_back_by)
        because += f" It is held back because: {titles}."
    return Advice(
        id=f"next-step-{area.id}",
        title=f"Next step for {area.title.lower()}: towards {following.title.lower()}",
        advice=stage.next_step,
        example=following.description,
        section=stage.section or area.section,
        priority="high",
        audience="everyone",
        because=(because,),
        rank=0.0,
        dimensions=(area.id,),
    )


def _triggers(condition: cond.Condition, facts: Facts) -> list[cond.Condition]:
    """The leaf conditions that make ``condition`` hold (all of an ``all``, the true ones of an
    ``any``; a ``not`` counts as one leaf)."""
    if isinstance(condition, cond.AllOf):
        return [leaf for item in condition.items for leaf in _triggers(item, facts)]
    if isinstance(condition, cond.AnyOf):
        return [
            leaf
            for item in condition.items
            if cond.holds(item, facts)
            for leaf in _triggers(item, facts)
        ]
    return [condition]


def _gap(condition: cond.Condition, facts: Facts, pathway: Pathway) -> float:
    """How far below the bar a triggering condition is, from 0 to 1."""
    if isinstance(condition, cond.ScoreCompare):
        score = facts.score(condition.dimension)
        if score is None or condition.at_least or condition.value <= 0:
            return 0.2
        return min(1.0, (condition.value - score) / condition.value)
    if isinstance(condition, cond.StageCompare):
        current = facts.stage_index(condition.area)
        target = condition.stage_for(pathway.id)
        if current is None or target is None or condition.at_least:
            return 0.2
        return min(1.0, (pathway.index(target) - current) / (len(pathway.stages) - 1))
    if isinstance(condition, cond.Answered | cond.Not):
        return 0.2
    return ANSWER_GAP


def _describe(catalog: Catalog, pathway: Pathway, condition: cond.Condition, facts: Facts) -> str:
    """A triggering condition as a plain sentence about this project."""
    if isinstance(condition, cond.AnswerIs):
        question = catalog.questions[condition.question]
        labels = {choice.id: choice.label.rstrip(".") for choice in question.options()}
        chosen = sorted(facts.chosen(question.id) or ())
        said = " and ".join(f"'{labels.get(choice, choice)}'" for choice in chosen)
        return f'You answered {said} to "{question.text}"'
    if isinstance(condition, cond.Answered):
        return f'You answered "{catalog.questions[condition.question].text}"'
    if isinstance(condition, cond.ScoreCompare):
        title = catalog.dimensions[condition.dimension].title
        score = facts.score(condition.dimension)
        relation = "at least" if condition.at_least else "below"
        return f"{title} scores {score:.0f}, {relation} {condition.value:.0f}"
    if isinstance(condition, cond.StageCompare):
        title = (
            "The project overall"
            if condition.area == cond.OVERALL
            else catalog.dimensions[condition.area].title
        )
        current = facts.stage_index(condition.area)
        target = condition.stage_for(pathway.id)
        now = pathway.stages[current].title if current is not None else "not yet placed"
        aim = pathway.stages[pathway.index(target)].title if target else "?"
        relation = "at or above" if condition.at_least else "below"
        return f"{title} is at {now}, {relation} {aim}"
    if isinstance(condition, cond.Not):
        return "It is not the case that " + _neutral(catalog, pathway, condition.item)
    inner = "; ".join(_describe(catalog, pathway, item, facts) for item in condition.items)
    return inner


def _neutral(catalog: Catalog, pathway: Pathway, condition: cond.Condition) -> str:
    """A condition described without reference to the answers (for negations)."""
    if isinstance(condition, cond.AnswerIs):
        question = catalog.questions[condition.question]
        labels = {choice.id: choice.label for choice in question.options()}
        options = " or ".join(f"'{labels.get(c, c)}'" for c in condition.choices)
        verb = "is not" if condition.negated else "is"
        return f'the answer to "{question.text}" {verb} {options}'
    if isinstance(condition, cond.Answered):
        return f'"{catalog.questions[condition.question].text}" was answered'
    if isinstance(condition, cond.ScoreCompare):
        relation = "at least" if condition.at_least else "below"
        title = catalog.dimensions[condition.dimension].title
        return f"{title} scores {relation} {condition.value:.0f}"
    if isinstance(condition, cond.StageCompare):
        target = condition.stage_for(pathway.id)
        relation = "at or above" if condition.at_least else "below"
        return f"{condition.area} is {relation} {target}"
    if isinstance(condition, cond.Not):
        return "not " + _neutral(catalog, pathway, condition.item)
    joiner = " and " if isinstance(condition, cond.AllOf) else " or "
    return joiner.join(_neutral(catalog, pathway, item) for item in condition.items)
