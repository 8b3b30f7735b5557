"""Placement: where each area and the whole project sit on the pathway, why, and what would move
them up a stage. The rules are data: each area's placing question gives a stage, and every
guardrail whose condition holds caps it."""

from collections.abc import Iterable

from coprod_check.model import conditions as cond
from coprod_check.model.answers import Answer, Answers
from coprod_check.model.assessment import Change, Placement, Reason, Score
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Choice, Dimension, Pathway, Question
from coprod_check.score.scores import PROVISIONAL_BELOW, Facts


def _label(question: Question, choice_ids: Iterable[str]) -> str:
    labels = {choice.id: choice.label.rstrip(".") for choice in question.options()}
    quoted = [f"'{labels.get(choice_id, choice_id)}'" for choice_id in choice_ids]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def place_area(
    *,
    catalog: Catalog,
    pathway: Pathway,
    area: Dimension,
    answers: Answers,
    facts: Facts,
    score: Score,
) -> Placement:
    """Where one area sits: its placing answer's stage, capped by every guardrail that holds."""
    placing = [
        question
        for question in catalog.questions.values()
        if question.places == area.id
        and any(choice.stage and pathway.id in choice.stage for choice in question.choices)
    ]
    if not placing:
        return Placement(
            area=area.id,
            status="unanswered",
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
                f'You answered {_label(question, answer.choices)} to "{question.text}", '
                f"which is {pathway.stages[claimed].title} on {pathway.title}."
            ),
            question=question.id,
            choices=answer.choices,
        )
    ]
    index = claimed
    held: list[str] = []
    caps = _caps(catalog, pathway, area, facts)
    for cap, guardrail_id in sorted(caps):
        if cap < claimed:
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
        to_move_up=tuple(
            _area_moves(
                catalog=catalog,
                pathway=pathway,
                question=question,
                claimed=claimed,
                index=index,
                caps=caps,
                facts=facts,
            )
        ),
    )


def _stage(choice: Choice | None, pathway: Pathway) -> str | None:
    """The stage a choice gives on ``pathway``, if any."""
    if choice is None or choice.stage is None:
        return None
    return choice.stage.get(pathway.id)


def _caps(
    catalog: Catalog, pathway: Pathway, area: Dimension, facts: Facts
) -> list[tuple[int, str]]:
    """The (stage index, guardrail id) of every guardrail that holds for this area now."""
    caps = []
    for guardrail in catalog.guardrails.values():
        if guardrail.areas is not None and area.id not in guardrail.areas:
            continue
        stage = guardrail.highest.get(pathway.id)
        if stage is None:
            continue
        if cond.holds(catalog.conditions[guardrail.id], facts):
            caps.append((pathway.index(stage), guardrail.id))
    return caps


def _area_moves(
    *,
    catalog: Catalog,
    pathway: Pathway,
    question: Question,
    claimed: int,
    index: int,
    caps: list[tuple[int, str]],
    facts: Facts,
) -> list[Change]:
    """The smallest changes that would lift the area a stage: a stronger answer where the answer
    is what holds it, and lifting every guardrail that would still cap it."""
    if index >= len(pathway.stages) - 1:
        return []
    moves: list[Change] = []
    if claimed == index:
        higher = sorted(
            pathway.index(choice.stage[pathway.id])
            for choice in question.choices
            if choice.stage
            and pathway.id in choice.stage
            and pathway.index(choice.stage[pathway.id]) > index
        )
        if higher:
            target = pathway.stages[higher[0]]
            choices = tuple(
                choice.id
                for choice in question.choices
                if choice.stage and choice.stage.get(pathway.id) == target.id
            )
            moves.append(
                Change(
                    text=(
                        f"Reach {target.title}: be able to answer {_label(question, choices)} "
                        f'to "{question.text}"'
                    ),
                    question=question.id,
                    choices=choices,
                )
            )
    for cap, guardrail_id in sorted(caps):
        if cap <= index:
            moves.extend(_lift(catalog, guardrail_id, facts))
    return moves


def _lift(catalog: Catalog, guardrail_id: str, facts: Facts) -> list[Change]:
    """What would stop a guardrail holding: a different answer to the questions it looks at."""
    guardrail = catalog.guardrails[guardrail_id]
    changes = []
    for item, _ in cond.walk(catalog.conditions[guardrail_id]):
        if isinstance(item, cond.AnswerIs) and not item.negated and cond.holds(item, facts):
            question = catalog.questions[item.question]
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
                    f"without {_label(question, item.choices)}"
                )
            else:
                text = (
                    f"Lift '{guardrail.title}': be able to answer {_label(question, better)} "
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
    if not placed:
        return Placement(
            area=cond.OVERALL,
            status="unanswered",
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
    moves: list[Change] = []
    if index < len(pathway.stages) - 1:
        at_or_below = [p for p in ordered if p.index is not None and p.index <= index]
        needed = len(at_or_below) - middle
        at_middle = tuple(p.area for p in ordered if p.index == index)
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
    )
