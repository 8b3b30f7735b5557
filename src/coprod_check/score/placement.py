"""Placement: where each area and the whole project sit on the pathway, against the stage that is
right for them now, why, and what would move them up a stage. The rules are data: each area's
placing question gives a stage; consistency checks place a contradicted claim where the other
answers support; every guardrail that holds back caps it."""

from collections.abc import Sequence
from typing import NamedTuple

from coprod_check.model import conditions as cond
from coprod_check.model.answers import Answer, Answers
from coprod_check.model.assessment import Change, Contradiction, Evidence, Placement, Reason, Score
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import (
    Choice,
    Dimension,
    Grade,
    Guardrail,
    Pathway,
    Question,
    grade_key,
)
from coprod_check.score.evidence import answers_behind, label
from coprod_check.score.scores import PROVISIONAL_BELOW, Facts


class Holding(NamedTuple):
    """A guardrail whose grade holds for these answers."""

    guardrail: Guardrail
    grade: Grade
    cap: int | None
    """The highest stage it allows, as a position on the pathway; ``None`` for one that warns."""
    evidence: tuple[Evidence, ...]

    def covers(self, area: str) -> bool:
        return self.guardrail.areas is None or area in self.guardrail.areas


def holding(catalog: Catalog, pathway: Pathway, facts: Facts) -> list[Holding]:
    """Every guardrail that holds, at its first grade that holds (the most severe, as written).
    A grade that holds back but names no stage on this pathway does not apply to it."""
    found = []
    for guardrail in catalog.guardrails.values():
        for position, grade in enumerate(guardrail.levels()):
            condition = catalog.conditions.get(grade_key(guardrail.id, position))
            if condition is None or not cond.holds(condition, facts):
                continue
            cap = None
            if grade.severity == "holds-back":
                stage = (grade.highest or {}).get(pathway.id)
                if stage is None:
                    continue
                cap = pathway.index(stage)
            found.append(Holding(guardrail, grade, cap, answers_behind(catalog, condition, facts)))
            break
    return found


def contradictions(
    catalog: Catalog, pathway: Pathway, area: Dimension, claimed: int, facts: Facts
) -> list[Contradiction]:
    """The consistency checks that hold for an area whose claim is above what they support."""
    found = []
    for check in catalog.consistency.values():
        stage = check.supports.get(pathway.id)
        if check.area != area.id or stage is None or pathway.index(stage) >= claimed:
            continue
        claim = catalog.conditions[f"{check.id}#claim"]
        against = catalog.conditions[f"{check.id}#when"]
        if cond.holds(claim, facts) and cond.holds(against, facts):
            found.append(
                Contradiction(
                    id=check.id,
                    title=check.title,
                    explanation=check.explanation,
                    section=check.section,
                    area=area.id,
                    claimed=pathway.stages[claimed].id,
                    supported=stage,
                    claim=answers_behind(catalog, claim, facts),
                    against=answers_behind(catalog, against, facts),
                )
            )
    return found


def place_area(
    *,
    catalog: Catalog,
    pathway: Pathway,
    area: Dimension,
    answers: Answers,
    facts: Facts,
    score: Score,
    target: int,
    rules: Sequence[Holding] = (),
    contested: list[Contradiction] | None = None,
) -> Placement:
    """Where one area sits against its target: its placing answer's stage, placed where the other
    answers support when they contradict it (each contradiction is added to ``contested``), then
    capped by every guardrail that holds back."""
    aim = pathway.stages[target].id
    placing = [
        facts.worded(question)
        for question in catalog.questions.values()
        if question.places == area.id
        and any(choice.stage and pathway.id in choice.stage for choice in question.choices)
    ]
    if not placing:
        return Placement(
            area=area.id,
            status="unanswered",
            target=aim,
            provisional=True,
            reasons=(
                Reason(
                    kind="unanswered",
                    text=f"No question places {area.title} on {pathway.title}.",
                ),
            ),
        )
    claims: list[tuple[int, Question, Answer]] = []
    not_applicable = []
    for question in placing:
        answer = answers.get(question.id)
        if answer is None or answer.skipped:
            continue
        if answer.not_applicable:
            not_applicable.append(question)
            continue
        options = {choice.id: choice for choice in question.options()}
        stages = [
            pathway.index(stage)
            for choice_id in answer.choices
            if (stage := _stage(options.get(choice_id), pathway)) is not None
        ]
        if stages:
            claims.append((max(stages), question, answer))
    if not claims:
        if not_applicable and len(not_applicable) == len(placing):
            return Placement(
                area=area.id,
                status="not-applicable",
                coverage=score.coverage,
                reasons=(
                    Reason(
                        kind="not-applicable",
                        text=f"You said {area.title.lower()} does not apply to your work.",
                        question=not_applicable[0].id,
                    ),
                ),
            )
        first = placing[0]
        return Placement(
            area=area.id,
            status="unanswered",
            target=aim,
            provisional=True,
            coverage=score.coverage,
            reasons=(
                Reason(
                    kind="unanswered",
                    text=f'"{first.text}" has not been answered yet.',
                    question=first.id,
                ),
            ),
            to_move_up=(Change(text=f'Answer "{first.text}"', question=first.id),),
        )
    claimed, question, answer = min(claims, key=lambda claim: claim[0])
    reasons = [
        Reason(
            kind="answer",
            text=(
                f'You answered {label(question, answer.choices)} to "{question.text}", '
                f"which is {pathway.stages[claimed].title} on {pathway.title}."
            ),
            question=question.id,
            choices=answer.choices,
        )
    ]
    index = claimed
    disagree = contradictions(catalog, pathway, area, claimed, facts)
    moves: list[Change] = []
    for item in sorted(disagree, key=lambda c: pathway.index(c.supported)):
        supported = pathway.index(item.supported)
        others = "; ".join(evidence.text for evidence in item.against)
        reasons.append(
            Reason(
                kind="contested",
                text=(
                    f"Contested, so placed at {pathway.stages[supported].title}: {item.title}. "
                    f"{others}."
                ),
                check=item.id,
            )
        )
        moves.append(
            Change(
                text=f"Settle '{item.title}': the claim and the other answers need to agree",
                question=item.against[0].question if item.against else None,
                choices=item.against[0].choices if item.against else (),
            )
        )
        index = min(index, supported)
    if contested is not None:
        contested.extend(disagree)
    supported_index = index
    held: list[str] = []
    caps = [
        (rule.cap, rule.guardrail.id)
        for rule in rules
        if rule.cap is not None and rule.covers(area.id)
    ]
    for cap, guardrail_id in sorted(caps):
        if cap < supported_index:
            guardrail = catalog.guardrails[guardrail_id]
            held.append(guardrail_id)
            reasons.append(
                Reason(
                    kind="guardrail",
                    text=(
                        f"Held back to {pathway.stages[cap].title}: {guardrail.title}. "
                        f"{guardrail.explanation}"
                    ),
                    guardrail=guardrail_id,
                )
            )
            index = min(index, cap)
    gap = target - index
    reasons.append(Reason(kind="target", text=_against_target(pathway, index, target)))
    provisional = score.coverage < PROVISIONAL_BELOW
    if provisional:
        reasons.append(
            Reason(
                kind="coverage",
                text=(
                    f"Provisional: {score.answered} of {score.total} questions on "
                    f"{area.title.lower()} are answered."
                ),
            )
        )
    if gap > 0:
        if claimed == index:
            moves.extend(_stronger_answer(pathway, question, index))
        moves.extend(
            change
            for cap, guardrail_id in sorted(caps)
            if cap <= index
            for change in _lift(catalog, guardrail_id, facts)
        )
    return Placement(
        area=area.id,
        status="placed",
        stage=pathway.stages[index].id,
        index=index,
        claimed=pathway.stages[claimed].id,
        provisional=provisional,
        coverage=round(score.coverage, 3),
        reasons=tuple(reasons),
        held_back_by=tuple(held),
        to_move_up=tuple(moves) if gap > 0 else (),
        target=aim,
        gap=gap,
        contested=bool(disagree),
    )


def _against_target(pathway: Pathway, index: int, target: int) -> str:
    """The placement beside the stage that is right for now, in words."""
    aim = pathway.stages[target].title
    if index == target:
        return f"This is its target: {aim} is the stage that is right for it now."
    if index < target:
        steps = target - index
        return f"Its target is {aim}, {steps} stage{'s' if steps > 1 else ''} up."
    return (
        f"This is above its target of {aim}: not a further goal, so check that people have the "
        "support, time and money to hold that much power."
    )


def _stage(choice: Choice | None, pathway: Pathway) -> str | None:
    """The stage a choice gives on ``pathway``, if any."""
    if choice is None or choice.stage is None:
        return None
    return choice.stage.get(pathway.id)


def _stronger_answer(pathway: Pathway, question: Question, index: int) -> list[Change]:
    """The answer to the placing question that would reach the next stage up, if there is one."""
    higher = sorted(
        pathway.index(choice.stage[pathway.id])
        for choice in question.choices
        if choice.stage
        and pathway.id in choice.stage
        and pathway.index(choice.stage[pathway.id]) > index
    )
    if not higher:
        return []
    target = pathway.stages[higher[0]]
    choices = tuple(
        choice.id
        for choice in question.choices
        if choice.stage and choice.stage.get(pathway.id) == target.id
    )
    return [
        Change(
            text=(
                f"Reach {target.title}: be able to answer {label(question, choices)} "
                f'to "{question.text}"'
            ),
            question=question.id,
            choices=choices,
        )
    ]


def _lift(catalog: Catalog, guardrail_id: str, facts: Facts) -> list[Change]:
    """What would stop a guardrail holding: a different answer to the questions it looks at."""
    guardrail = catalog.guardrails[guardrail_id]
    changes = []
    conditions = [
        catalog.conditions[grade_key(guardrail_id, position)]
        for position in range(len(guardrail.levels()))
        if grade_key(guardrail_id, position) in catalog.conditions
    ]
    leaves = [item for condition in conditions for item, _ in cond.walk(condition)]
    for item in leaves:
        if isinstance(item, cond.AnswerIs) and not item.negated and cond.holds(item, facts):
            question = facts.worded(catalog.questions[item.question])
            others = [
                c for c in question.options() if c.id not in item.choices and c.score is not None
            ]
            now = max(
                (
                    c.score or 0
                    for c in question.options()
                    if c.id in (facts.chosen(question.id) or ())
                ),
                default=0,
            )
            better = tuple(c.id for c in others if (c.score or 0) > now) or tuple(
                c.id for c in others
            )
            if question.type == "multiple" or not better:
                text = (
                    f"Lift '{guardrail.title}': be able to answer \"{question.text}\" "
                    f"without {label(question, item.choices)}"
                )
            else:
                text = (
                    f"Lift '{guardrail.title}': be able to answer {label(question, better)} "
                    f'to "{question.text}"'
                )
            changes.append(
                Change(text=text, question=question.id, choices=better, guardrail=guardrail_id)
            )
        elif isinstance(item, cond.ScoreCompare) and not item.at_least and cond.holds(item, facts):
            dimension = catalog.dimensions[item.dimension]
            changes.append(
                Change(
                    text=f"Lift '{guardrail.title}': raise {dimension.title} to {item.value:.0f}",
                    guardrail=guardrail_id,
                )
            )
    return changes


def place_overall(catalog: Catalog, pathway: Pathway, areas: tuple[Placement, ...]) -> Placement:
    """The project's placement: the (lower) middle of its placed areas."""
    titles = {d.id: d.title for d in catalog.dimensions.values()}
    counted = [placement for placement in areas if placement.status != "not-applicable"]
    placed = [placement for placement in counted if placement.index is not None]
    targets = sorted(pathway.index(p.target) for p in counted if p.target is not None)
    target = targets[(len(targets) - 1) // 2] if targets else None
    aim = pathway.stages[target].id if target is not None else None
    if not placed:
        return Placement(
            area=cond.OVERALL,
            status="unanswered",
            target=aim,
            provisional=True,
            reasons=(Reason(kind="unanswered", text="No area has been placed yet."),),
        )
    ordered = sorted(placed, key=lambda p: (p.index, p.area))
    middle = (len(ordered) - 1) // 2
    index = ordered[middle].index
    assert index is not None
    listing = ", ".join(
        f"{titles[p.area]} at {pathway.stages[p.index].title}"  # type: ignore[index]
        for p in placed
    )
    reasons = [
        Reason(
            kind="areas",
            text=(
                f"Your areas: {listing}. The project is placed at the middle of these"
                + (
                    " (the lower middle, as there is an even number)."
                    if len(placed) % 2 == 0
                    else "."
                )
            ),
        )
    ]
    coverage = len(placed) / len(counted)
    provisional = coverage < PROVISIONAL_BELOW or 2 * sum(p.provisional for p in placed) > len(
        placed
    )
    if provisional:
        reasons.append(
            Reason(
                kind="coverage",
                text=(
                    f"Provisional: {len(placed)} of {len(counted)} areas are placed"
                    + (", and most placements are provisional." if coverage >= 0.5 else ".")
                ),
            )
        )
    if target is not None:
        reasons.append(Reason(kind="target", text=_against_target(pathway, index, target)))
    moves: list[Change] = []
    below = [p for p in ordered if (p.gap or 0) > 0]
    if target is not None and index < target and below:
        at_or_below = [p for p in ordered if p.index is not None and p.index <= index]
        needed = len(at_or_below) - middle
        at_middle = tuple(p.area for p in below if p.index == index) or tuple(p.area for p in below)
        names = ", ".join(titles[area] for area in at_middle)
        if needed == len(at_middle):
            text = f"Move {names} up a stage"
        elif needed == 1:
            text = "Move any one of these areas up a stage: " + names
        else:
            text = f"Move any {needed} of these areas up a stage: {names}"
        moves.append(Change(text=text, areas=at_middle))
    return Placement(
        area=cond.OVERALL,
        status="placed",
        stage=pathway.stages[index].id,
        index=index,
        provisional=provisional,
        coverage=round(coverage, 3),
        reasons=tuple(reasons),
        to_move_up=tuple(moves),
        low=pathway.stages[ordered[0].index].id,  # type: ignore[index]
        high=pathway.stages[ordered[-1].index].id,  # type: ignore[index]
        target=aim,
        gap=None if target is None else target - index,
    )
