"""Which answers make a condition hold, in plain words: the evidence every rule, contested claim
and piece of advice carries."""

from collections.abc import Iterable

from coprod_check.model import conditions as cond
from coprod_check.model.assessment import Evidence
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from coprod_check.score.scores import Facts


def label(question: Question, choice_ids: Iterable[str]) -> str:
    """Choices by their labels, quoted: 'a', 'b' or 'c'."""
    labels = {choice.id: choice.label.rstrip(".") for choice in question.options()}
    quoted = [f"'{labels.get(choice_id, choice_id)}'" for choice_id in choice_ids]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def triggers(condition: cond.Condition, facts: Facts) -> list[cond.Condition]:
    """The leaf conditions that make ``condition`` hold (all of an ``all``, the true ones of an
    ``any``; a ``not`` counts as one leaf)."""
    if isinstance(condition, cond.AllOf):
        return [leaf for item in condition.items for leaf in triggers(item, facts)]
    if isinstance(condition, cond.AnyOf):
        return [
            leaf
            for item in condition.items
            if cond.holds(item, facts)
            for leaf in triggers(item, facts)
        ]
    return [condition]


def answers_behind(
    catalog: Catalog, condition: cond.Condition, facts: Facts
) -> tuple[Evidence, ...]:
    """The answers that make ``condition`` hold, one piece of evidence per question."""
    seen: dict[str, Evidence] = {}
    for leaf in triggers(condition, facts):
        if isinstance(leaf, cond.AnswerIs | cond.Answered) and leaf.question not in seen:
            found = said(catalog, leaf.question, facts)
            if found is not None:
                seen[leaf.question] = found
    return tuple(seen.values())


def said(catalog: Catalog, question_id: str, facts: Facts) -> Evidence | None:
    """What was answered to a question, as evidence; ``None`` when it was not answered."""
    known = catalog.questions.get(question_id)
    chosen = facts.chosen(question_id)
    if known is None or not chosen:
        return None
    question = facts.worded(known)
    order = [choice.id for choice in question.options()]
    picked = tuple(sorted(chosen, key=lambda c: order.index(c) if c in order else len(order)))
    labels = {choice.id: choice.label.rstrip(".") for choice in question.options()}
    words = " and ".join(f"'{labels.get(choice, choice)}'" for choice in picked)
    return Evidence(
        question=question_id, choices=picked, text=f'You answered {words} to "{question.text}"'
    )


def questions_in(condition: cond.Condition) -> set[str]:
    """Every question a condition looks at."""
    return {
        item.question
        for item, _ in cond.walk(condition)
        if isinstance(item, cond.AnswerIs | cond.Answered)
    }
