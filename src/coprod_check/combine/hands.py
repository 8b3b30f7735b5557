"""A group's show of hands as respondents: how ``combine`` reads a result recorded with
``coprod-check workshop group``.

For each question the facilitator counted, by role, how many people chose each answer. Those
counts become that many respondents in each role: as many as the most hands the role raised for
any one question. The hands raised for a question are given out to the role's respondents in the
order of its answers, lowest score first, so the first respondent has the lowest answer given to
every question and the last the highest; anyone left over when fewer hands went up skipped it.
So each question's middle, range and each role's view of it are exactly what the hands said, and
each respondent's placement and scores are worked out from a whole set of answers, as for anyone.
"""

from __future__ import annotations

import msgspec

from coprod_check.errors import Location, ValidationError
from coprod_check.files.results import Hands, Results
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question

MOST = 1000
"""The most people one role's hands can stand for: a room, not a city (a file claiming more is
refused, so that combining it cannot take all the memory there is)."""


def head_counts(hands: Hands) -> dict[str, int]:
    """How many respondents each role stands for: the most hands it raised for one question."""
    counts: dict[str, int] = {}
    for roles in hands.values():
        for role, chosen in roles.items():
            counts[role] = max(counts.get(role, 0), sum(chosen.values()))
    return {role: count for role, count in sorted(counts.items()) if count}


def in_order(question: Question, counts: dict[str, int]) -> list[str]:
    """The choices the hands went up for, one for each hand, lowest score first."""
    options = question.options()
    place = {choice.id: index for index, choice in enumerate(options)}
    score = {choice.id: choice.score for choice in options}

    def key(choice: str) -> tuple[bool, float, int]:
        value = score.get(choice)
        return (value is None, value if value is not None else 0.0, place.get(choice, 0))

    return [choice for choice in sorted(counts, key=key) for _ in range(counts[choice])]


def respondents(catalog: Catalog, name: str, results: Results) -> list[Results]:
    """The respondents a group's result stands for, each as their own results (not yet
    assessed). Refuses, naming the file, hands for a question, choice or role not loaded."""
    _check(catalog, name, results.hands)
    people: list[Results] = []
    for role, count in head_counts(results.hands).items():
        given: list[dict[str, Answer]] = [{} for _ in range(count)]
        for question_id, roles in results.hands.items():
            question = catalog.questions[question_id]
            if not catalog.asks(question, role):
                continue
            chosen = in_order(question, roles.get(role, {}))
            for index, answers in enumerate(given):
                if index < len(chosen):
                    answers[question_id] = Answer(question=question_id, choices=(chosen[index],))
                else:
                    answers[question_id] = Answer(question=question_id)
        meta = msgspec.structs.replace(results.meta, role=role, respondent=None)
        people.extend(
            Results(meta=meta, answers=answers, targets=results.targets, complete=results.complete)
            for answers in given
        )
    return people


def _check(catalog: Catalog, name: str, hands: Hands) -> None:
    for question_id, roles in hands.items():
        question = catalog.questions.get(question_id)
        if question is None:
            raise _unknown(name, f"the question {question_id!r}")
        known = {choice.id for choice in question.options()}
        for role, counts in roles.items():
            if catalog.roles and role not in catalog.roles:
                raise _unknown(name, f"the role {role!r}")
            for choice in counts:
                if choice not in known:
                    raise _unknown(name, f"the answer {choice!r} to {question_id}")
            if sum(counts.values()) > MOST:
                raise ValidationError(
                    f"this group's result counts more than {MOST} {role} hands for {question_id}",
                    Location(name),
                    "count the people in the room again: a group's result is one room's",
                )


def _unknown(name: str, what: str) -> ValidationError:
    return ValidationError(
        f"this group's result counts hands for {what}, which the loaded frameworks do not have",
        Location(name),
        "load the frameworks it was recorded with (--frameworks-dir)",
    )
