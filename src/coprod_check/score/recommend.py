"""The recommender: which advice fires, why, and in what order. Pure data to data.

A recommendation fires when its ``when`` condition holds ("below a stage" never counts past an
area's target, so advice never pushes an area beyond what is right for it now), and some answer
bears on it: an answer condition made it fire, or what it mainly improves (its first dimension)
has an answered question. The order, which
``docs/scoring.md`` explains with a worked example:

1. advice that helps lift a rule holding the project back (one that lowers a placement or keeps
   an area below its target), the rules that hold it back most first: those that lower a stage,
   then those at whose ceiling an area already is, then the lowest ceilings ahead (``weight``);
2. then the largest gap to target among what the advice is about, weakest first; evidence from a
   provisional area or score counts for half;
3. then priority;
4. then the order the framework gives, never the alphabet.

The weakest area below its target gets a "next step on the pathway", from the pathway's own
description of moving up; thin results get "answer more", naming the questions that would
settle them. Advice for another audience (funders and commissioners, for a project) is kept
apart, by id, so a report can point to it.
"""

from collections.abc import Sequence

import msgspec

from coprod_check.model import conditions as cond
from coprod_check.model.assessment import Advice, Placement, Rule, Score
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway, Recommendation
from coprod_check.score.evidence import answers_behind, questions_in, said, triggers
from coprod_check.score.scores import PROVISIONAL_BELOW, Facts, is_asked

PRIORITY_WEIGHT = {"high": 3.0, "medium": 2.0, "low": 1.0}
PROVISIONAL_WEIGHT = 0.5
"""How much a gap counts when it rests on a provisional area or score."""
UNSCORED_NEED = 0.25
"""How far from its target advice counts as when nothing it is about has a score yet."""
ANSWER_MORE = "answer-more"
AUDIENCES = ("practitioners", "funders")
FUNDER_ROLES = frozenset({"funder"})
"""Roles who are given the advice for funders and commissioners."""


def audience_for(role: str | None, audience: str | None = None) -> str:
    """Whose advice to give: the one asked for, else by the respondent's role."""
    if audience is not None:
        return audience
    return "funders" if role in FUNDER_ROLES else "practitioners"


Weight = tuple[int, int]
"""How much a rule holds the project back: see :func:`weight`."""


class _Candidate:
    __slots__ = ("advice", "lifts", "need", "order", "priority")

    def __init__(
        self,
        advice: Advice,
        need: float,
        priority: float,
        order: int,
        lifts: Weight | None = None,
    ) -> None:
        self.advice = advice
        self.lifts = lifts
        """How much the rules it helps lift hold the project back (None: it lifts none)."""
        self.need = need
        self.priority = priority
        self.order = order

    def key(self) -> tuple[bool, Weight, float, float, int]:
        lifts = self.lifts or (0, 0)
        return (
            self.lifts is None,
            (-lifts[0], -lifts[1]),
            -round(self.need, 3),
            -self.priority,
            self.order,
        )


def weight(rule: Rule, pathway: Pathway, facts: Facts) -> Weight:
    """How much a rule holds the project back, as (tier, reach). Tier 2: it lowers a placement;
    tier 1: an area it keeps below target is at the highest stage it allows; tier 0: the areas
    are further down, so it is a ceiling ahead. Reach, in tiers 2 and 1: for each such area,
    the stages between that ceiling and the area's target; in tier 0, the lower the ceiling, the
    sooner it is met."""
    if rule.highest is None:
        return (0, -len(pathway.stages))
    cap = pathway.index(rule.highest)
    affected = rule.lowered or rule.below_target
    at_ceiling = any((facts.stage_index(area) or 0) >= cap for area in affected)
    tier = 2 if rule.lowered else 1 if at_ceiling else 0
    if tier == 0:
        return (0, -cap)
    return (tier, sum(max(1, (facts.target_index(area) or cap) - cap) for area in affected))


def recommend(
    catalog: Catalog,
    pathway: Pathway,
    facts: Facts,
    *,
    areas: Sequence[Placement],
    overall: Placement,
    scores: Sequence[Score],
    rules: Sequence[Rule],
    audience: str = "practitioners",
) -> tuple[list[Advice], list[str]]:
    """Every piece of advice for ``audience`` that fires, best first, and the ids of advice
    that fired for the other audience."""
    by_area = {placement.area: placement for placement in areas}
    by_score = {score.dimension: score for score in scores}
    holding_back = [rule for rule in rules if rule.effect != "warns"]
    candidates: list[_Candidate] = []
    elsewhere: list[str] = []
    for order, recommendation in enumerate(catalog.recommendations.values()):
        condition = catalog.conditions[recommendation.id]
        if not cond.holds(condition, facts):
            continue
        if recommendation.audience not in ("everyone", audience):
            elsewhere.append(recommendation.id)
            continue
        leaves = triggers(condition, facts)
        if not _touched(recommendation, leaves, by_score):
            continue
        asked = questions_in(condition)
        lifts = tuple(
            rule.id
            for rule in holding_back
            if rule.id in recommendation.lifts or asked & {item.question for item in rule.because}
        )
        need, provisional = _need(
            recommendation=recommendation,
            leaves=leaves,
            facts=facts,
            by_area=by_area,
            by_score=by_score,
            catalog=catalog,
        )
        advice = Advice(
            id=recommendation.id,
            title=recommendation.title,
            advice=recommendation.advice,
            example=recommendation.example,
            section=recommendation.section,
            priority=recommendation.priority,
            audience=recommendation.audience,
            because=tuple(_describe(catalog, pathway, leaf, facts) for leaf in leaves),
            rank=0.0,
            dimensions=tuple(recommendation.dimensions),
            lifts=lifts,
            evidence=answers_behind(catalog, condition, facts),
            provisional=provisional,
        )
        held = max(
            (weight(rule, pathway, facts) for rule in holding_back if rule.id in lifts),
            default=None,
        )
        candidates.append(
            _Candidate(advice, need, PRIORITY_WEIGHT[recommendation.priority], order, held)
        )
    step = next_step(catalog, pathway, areas)
    if step is not None:
        candidates.append(step)
    more = answer_more(catalog, facts, areas, overall)
    if more is not None:
        candidates.append(more)
    candidates.sort(key=_Candidate.key)
    if more is not None and (overall.index is None or overall.coverage < PROVISIONAL_BELOW):
        # Too little is placed to act on: answering more comes before anything else.
        candidates.remove(more)
        candidates.insert(0, more)
    ranked = []
    for position, candidate in enumerate(candidates):
        rank = round(len(candidates) - position + candidate.need, 3)
        ranked.append(msgspec.structs.replace(candidate.advice, rank=rank))
    return ranked, elsewhere


def _touched(
    recommendation: Recommendation, leaves: list[cond.Condition], by_score: dict[str, Score]
) -> bool:
    """Whether any answer bears on what the advice is about: an answer condition made it fire,
    or its first dimension (what it mainly improves) has an answered question. Advice about
    small grants does not fire from a low decision-making stage when nothing was said about
    grants."""
    if any(isinstance(leaf, cond.AnswerIs | cond.Answered) for leaf in leaves):
        return True
    subject = by_score.get(recommendation.dimensions[0])
    return subject is None or subject.answered > 0


def _need(
    *,
    recommendation: Recommendation,
    leaves: list[cond.Condition],
    facts: Facts,
    by_area: dict[str, Placement],
    by_score: dict[str, Score],
    catalog: Catalog,
) -> tuple[float, bool]:
    """How far from its target the project is on what the advice is about (0 to 1), and whether
    the largest gap rests only on provisional evidence."""
    found: list[tuple[float, bool]] = []
    dimensions = list(recommendation.dimensions)
    dimensions += [leaf.area for leaf in leaves if isinstance(leaf, cond.StageCompare)]
    for dimension_id in dimensions:
        area_id = dimension_id
        dimension = catalog.dimensions.get(dimension_id)
        if dimension is not None and dimension.kind == "part" and dimension.parent:
            area_id = dimension.parent
        placement = by_area.get(area_id)
        if placement is not None and placement.gap is not None and placement.index is not None:
            aim = placement.index + placement.gap
            if aim > 0:
                found.append((max(0, placement.gap) / aim, placement.provisional))
        score = by_score.get(dimension_id)
        if score is not None and score.score is not None:
            found.append(((100 - score.score) / 100, score.provisional))
    for leaf in leaves:
        if isinstance(leaf, cond.ScoreCompare) and not leaf.at_least and leaf.value > 0:
            score = by_score.get(leaf.dimension)
            value = facts.score(leaf.dimension)
            if value is not None:
                found.append(
                    (min(1.0, (leaf.value - value) / leaf.value), bool(score and score.provisional))
                )
    if not found:
        return UNSCORED_NEED, False
    weighted = [(gap * (PROVISIONAL_WEIGHT if thin else 1.0), thin) for gap, thin in found]
    best = max(weighted, key=lambda item: item[0])
    return best[0], best[1]


def next_step(
    catalog: Catalog,
    pathway: Pathway,
    areas: Sequence[Placement],
) -> _Candidate | None:
    """What moving up looks like for the area furthest below its target (the first listed, on
    a tie); none when every area is at its target or above."""
    below = [area for area in areas if area.index is not None and (area.gap or 0) > 0]
    if not below:
        return None
    weakest = max(below, key=lambda area: ((area.gap or 0), -(area.index or 0)))
    index = weakest.index
    assert index is not None
    assert weakest.gap is not None
    stage, following = pathway.stages[index], pathway.stages[index + 1]
    area = catalog.dimensions[weakest.area]
    aim = pathway.stages[index + weakest.gap]
    because = (
        f"{area.title} is at {stage.title} on {pathway.title}, the furthest below its "
        f"target of {aim.title}."
    )
    if weakest.held_back_by:
        titles = ", ".join(catalog.guardrails[g].title.lower() for g in weakest.held_back_by)
        because += f" It is held back because: {titles}."
    advice = Advice(
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
        provisional=weakest.provisional,
    )
    need = weakest.gap / (index + weakest.gap)
    if weakest.provisional:
        need *= PROVISIONAL_WEIGHT
    return _Candidate(advice, need, PRIORITY_WEIGHT["high"], -1)


ANSWER_MORE_NAMES = 5
"""How many unanswered questions "answer more" names."""


def answer_more(
    catalog: Catalog, facts: Facts, areas: Sequence[Placement], overall: Placement
) -> _Candidate | None:
    """For thin results: the questions that would settle the provisional areas, placing
    questions first."""
    thin = [area for area in areas if area.provisional and area.status != "not-applicable"]
    if not thin and not overall.provisional:
        return None
    wanted = {area.area for area in thin} or {
        area.area for area in areas if area.status != "not-applicable"
    }
    open_questions = [
        question
        for question in catalog.questions.values()
        if question.type != "text"
        and (question.places in wanted or wanted & set(question.dimensions))
        and facts.chosen(question.id) is None
        and is_asked(catalog, question, facts)
    ]
    open_questions.sort(key=lambda question: question.places is None)
    if not open_questions:
        return None
    names = open_questions[:ANSWER_MORE_NAMES]
    listing = "; ".join(f'"{facts.worded(question).text}"' for question in names)
    titles = ", ".join(catalog.dimensions[area].title.lower() for area in sorted(wanted))
    advice = Advice(
        id=ANSWER_MORE,
        title="Answer more before you act on this",
        advice=(
            f"Too few questions are answered to place {titles} with confidence. These would "
            f"settle it: {listing}."
        ),
        example=(
            "Ask the people the work is for, not only staff: several people answering gives a "
            "truer picture than one."
        ),
        section="Adapt to your context and community",
        priority="high",
        audience="everyone",
        because=tuple(
            f"{catalog.dimensions[area.area].title} is "
            + ("not placed yet" if area.index is None else "provisional")
            for area in thin
        )
        or ("The project's placement is provisional",),
        rank=0.0,
        dimensions=tuple(sorted(wanted)),
        provisional=True,
    )
    return _Candidate(advice, 0.5, PRIORITY_WEIGHT["medium"], -1)


def _describe(catalog: Catalog, pathway: Pathway, condition: cond.Condition, facts: Facts) -> str:
    """A triggering condition as a plain sentence about this project."""
    if isinstance(condition, cond.AnswerIs):
        answered = said(catalog, condition.question, facts)
        if answered is not None:
            return answered.text
    if isinstance(condition, cond.AnswerIs | cond.Answered):
        return f'You answered "{facts.worded(catalog.questions[condition.question]).text}"'
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
        bar = pathway.index(target) if target else None
        aim = facts.target_index(condition.area)
        if bar is not None and aim is not None and not condition.at_least:
            bar = min(bar, aim)
        shown = pathway.stages[bar].title if bar is not None else "?"
        relation = "at or above" if condition.at_least else "below"
        return f"{title} is at {now}, {relation} {shown}"
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
