"""The scorer: answers and frameworks in, an assessment out. No printing, no prompts, no files.

How it works, in short (``docs/scoring.md`` has the long version with a worked example):

* **Scores.** Each answered question scores from 0 to 100: the chosen choice's score; for a
  multiple-choice question the sum of the chosen choices, at most 100; for a question that places
  an area, how far up the pathway the chosen stage is. A dimension's score is the mean of its
  answered questions. Skipped and "does not apply" answers are left out, never counted as zero.
* **Coverage.** The share of a dimension's questions that were answered, leaving out those that do
  not apply and those whose ``when`` does not hold. Below one half, the score is provisional.
* **Placement.** Each area starts at the stage its placing question's answer gives, on the pathway
  in use. Every guardrail whose condition holds caps it at the guardrail's stage. The project's
  overall placement is the middle of the areas' placements (the lower middle for an even number),
  so one strong area cannot carry the rest and one weak area cannot sink them.
"""

from collections.abc import Iterable

from coprod_check import conditions as cond
from coprod_check.answers import Answer, Answers
from coprod_check.assessment import Assessment, Change, Placement, Reason, Score
from coprod_check.catalog import Catalog
from coprod_check.errors import UsageError
from coprod_check.model import Choice, Dimension, Pathway, Question

PROVISIONAL_BELOW = 0.5
"""A score or placement with less than this share of its questions answered is provisional."""


def resolve_pathway(catalog: Catalog, pathway_id: str | None) -> Pathway:
    """The pathway called ``pathway_id``, or the default one."""
    if pathway_id is None:
        pathway = catalog.default_pathway
        if pathway is None:
            raise UsageError("no pathway is loaded", None, "load a framework that has a pathway")
        return pathway
    if pathway_id not in catalog.pathways:
        known = ", ".join(catalog.pathways) or "none"
        raise UsageError(f"no pathway called {pathway_id!r}", None, f"pathways loaded: {known}")
    return catalog.pathways[pathway_id]


def question_score(question: Question, answer: Answer | None, pathway: Pathway) -> float | None:
    """The answer's score from 0 to 100, or ``None`` when it does not count."""
    if answer is None or answer.skipped or answer.not_applicable or question.type == "text":
        return None
    options = {choice.id: choice for choice in question.options()}
    chosen = [options[choice_id] for choice_id in answer.choices if choice_id in options]
    if question.places is not None:
        stages = [c.stage[pathway.id] for c in chosen if c.stage and pathway.id in c.stage]
        if not stages:
            return None
        top = len(pathway.stages) - 1
        return 100 * max(pathway.index(stage) for stage in stages) / top
    scores = [choice.score for choice in chosen if choice.score is not None]
    if not scores:
        return None
    if question.type == "multiple":
        return float(min(100, sum(scores)))
    return float(scores[0])


class Facts:
    """What conditions are evaluated against: the answers, and scores and stages once known."""

    def __init__(self, catalog: Catalog, pathway: Pathway, answers: Answers) -> None:
        self.catalog = catalog
        self.pathway = pathway.id
        self._pathway = pathway
        self.answers = answers
        self.scores: dict[str, float | None] = {}
        self.stages: dict[str, int | None] = {}

    def chosen(self, question: str) -> frozenset[str] | None:
        answer = self.answers.get(question)
        if answer is None or answer.skipped:
            return None
        return frozenset(answer.choices)

    def score(self, dimension: str) -> float | None:
        return self.scores.get(dimension)

    def stage_index(self, area: str) -> int | None:
        return self.stages.get(area)

    def index_of(self, stage: str) -> int | None:
        try:
            return self._pathway.index(stage)
        except KeyError:
            return None


def is_asked(catalog: Catalog, question: Question, facts: Facts) -> bool:
    """Whether the question's ``when`` (if any) holds for the answers given."""
    condition = catalog.conditions.get(question.id) if question.when is not None else None
    return condition is None or cond.holds(condition, facts)


def score_dimensions(catalog: Catalog, answers: Answers, facts: Facts) -> list[Score]:
    """Every dimension's score and coverage."""
    pathway = catalog.pathways[facts.pathway]
    per_question = {
        question.id: question_score(question, answers.get(question.id), pathway)
        for question in catalog.questions.values()
    }
    results = []
    for dimension in catalog.dimensions.values():
        values: list[float] = []
        total = 0
        for question in catalog.questions.values():
            if dimension.id not in question.dimensions or question.type == "text":
                continue
            answer = answers.get(question.id)
            if answer is not None and answer.not_applicable:
                continue
            if answer is None and not is_asked(catalog, question, facts):
                continue
            total += 1
            value = per_question[question.id]
            if value is not None:
                values.append(value)
        score = sum(values) / len(values) if values else None
        coverage = len(values) / total if total else 0.0
        results.append(
            Score(
                dimension=dimension.id,
                kind=dimension.kind,
                score=None if score is None else round(score, 1),
                answered=len(values),
                total=total,
                provisional=coverage < PROVISIONAL_BELOW,
            )
        )
    return results


def assess(catalog: Catalog, answers: Answers, pathway_id: str | None = None) -> Assessment:
    """Place each area and the project on the pathway, score every dimension, and give advice."""
    from coprod_check.recommend import recommend

    pathway = resolve_pathway(catalog, pathway_id)
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
