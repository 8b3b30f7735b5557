"""Property tests of the scorer over generated answer sets, on both bundled pathways.

The bundled catalog is loaded once. Each generated answer set covers every question: a choice
question is left out of the answers, skipped, "does not apply" (where offered) or answered (one
choice, or for a multiple-choice question a non-empty set of choices); a text question is left
out, skipped or given some text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_check.answers import Answer
from coprod_check.assessment import Assessment
from coprod_check.catalog import Catalog
from coprod_check.frameworks import Sources, load_catalog
from coprod_check.model import NOT_APPLICABLE, Choice, Question
from coprod_check.scoring import assess, question_score


def _bundled_catalog() -> Catalog:
    # Loaded at import, before conftest's fixtures run: turn the parse cache off so that the
    # user's own cache folder is left alone.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COPROD_CHECK_CACHE_DIR", "")
        return load_catalog(Sources())


CATALOG = _bundled_catalog()
PATHWAYS = ("arnstein", "tlap-ladder")
QUESTIONS = list(CATALOG.questions.values())
CHOICE_QUESTIONS = [question for question in QUESTIONS if question.type != "text"]
MULTIPLE = [question for question in CHOICE_QUESTIONS if question.type == "multiple"]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

pathways = pytest.mark.parametrize("pathway", PATHWAYS)

Answers = dict[str, Answer]


def test_both_pathways_are_bundled() -> None:
    assert set(PATHWAYS) <= set(CATALOG.pathways)
    assert MULTIPLE
    assert any(question.places for question in QUESTIONS)


# -- strategies -------------------------------------------------------------------------------------


def real_options(question: Question) -> list[Choice]:
    """The choices a person can pick other than "does not apply"."""
    return [choice for choice in question.options() if choice.id != NOT_APPLICABLE]


def choose(question: Question, choices: tuple[str, ...]) -> Answer:
    return Answer(question=question.id, choices=choices)


def skip(question: Question) -> Answer:
    return Answer(question=question.id)


def not_applicable(question: Question) -> Answer:
    return Answer(question=question.id, choices=(NOT_APPLICABLE,))


def chosen(question: Question, exclude: str | None = None) -> st.SearchStrategy[Answer]:
    """A real answer: one choice, or a non-empty set of them for a multiple-choice question."""
    ids = [choice.id for choice in real_options(question) if choice.id != exclude]
    if question.type == "multiple":
        return st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True).map(
            lambda picked: choose(question, tuple(picked))
        )
    return st.sampled_from(ids).map(lambda picked: choose(question, (picked,)))


def answer_or_absent(question: Question) -> st.SearchStrategy[Answer | None]:
    """``None`` means the question is left out of the answers altogether."""
    if question.type == "text":
        return st.one_of(
            st.none(),
            st.just(skip(question)),
            st.text(min_size=1, max_size=20).map(
                lambda text: Answer(question=question.id, text=text)
            ),
        )
    kinds = [st.none(), st.just(skip(question))]
    if question.not_applicable:
        kinds.append(st.just(not_applicable(question)))
    # Answered most of the time, so that areas are placed and guardrails hold.
    return st.one_of(*kinds, chosen(question), chosen(question), chosen(question))


def collect(picked: Mapping[str, Answer | None]) -> Answers:
    return {question_id: answer for question_id, answer in picked.items() if answer is not None}


def answer_sets() -> st.SearchStrategy[Answers]:
    return st.fixed_dictionaries(
        {question.id: answer_or_absent(question) for question in QUESTIONS}
    ).map(collect)


@st.composite
def additions(draw: st.DrawFn, *, scored_only: bool) -> tuple[Answers, str, str]:
    """An answer set in which a multiple-choice question is answered, and a choice it lacks."""
    question = draw(st.sampled_from(MULTIPLE))
    extra = draw(
        st.sampled_from(
            [
                choice.id
                for choice in real_options(question)
                if not scored_only or (choice.score or 0) > 0
            ]
        )
    )
    answers = dict(draw(answer_sets()))
    answers[question.id] = draw(chosen(question, exclude=extra))
    return answers, question.id, extra


def is_answered(answer: Answer | None) -> bool:
    return answer is not None and not answer.skipped and not answer.not_applicable


# -- helpers --------------------------------------------------------------------------------------


def check_never_lower(before: Assessment, after: Assessment) -> None:
    for old in before.scores:
        new = after.score(old.dimension)
        if old.score is not None:
            assert new.score is not None, old.dimension
            assert new.score >= old.score - 1e-9, (old.dimension, old.score, new.score)
    for old_area in before.areas:
        new_area = after.area(old_area.area)
        if old_area.index is not None:
            assert new_area.index is not None, old_area.area
            assert new_area.index >= old_area.index, (old_area, new_area)
    if before.overall.index is not None and after.overall.index is not None:
        assert after.overall.index >= before.overall.index, (before.overall, after.overall)


def expected_mean(dimension: str, answers: Answers, pathway: str) -> float | None:
    """The mean score of a dimension's answered questions, worked out from the questions."""
    values = [
        value
        for question in CHOICE_QUESTIONS
        if dimension in question.dimensions
        and (value := question_score(question, answers.get(question.id), CATALOG.pathways[pathway]))
        is not None
    ]
    return sum(values) / len(values) if values else None


def check_scores_are_means(assessment: Assessment, answers: Answers, pathway: str) -> None:
    for item in assessment.scores:
        expected = expected_mean(item.dimension, answers, pathway)
        if expected is None:
            assert item.score is None, item
            assert item.answered == 0, item
        else:
            assert item.score is not None, item
            assert math.isclose(item.score, expected, abs_tol=0.05 + 1e-9), (item, expected)


# -- 1. monotonicity ------------------------------------------------------------------------------


@pathways
@SETTINGS
@given(answers=answer_sets(), data=st.data())
def test_a_stronger_choice_never_lowers_anything(
    pathway: str, answers: Answers, data: st.DataObject
) -> None:
    """Single, yes-no, scale and placing questions: swap the answer for a higher-scoring one."""
    path = CATALOG.pathways[pathway]
    improvements = []
    for question in CHOICE_QUESTIONS:
        answer = answers.get(question.id)
        if question.type == "multiple" or not is_answered(answer):
            continue
        now = question_score(question, answer, path)
        assert now is not None, (question.id, answer)
        for option in real_options(question):
            better = choose(question, (option.id,))
            score = question_score(question, better, path)
            assert score is not None, (question.id, option.id)
            if score > now:
                improvements.append(better)
    if not improvements:
        return
    better = data.draw(st.sampled_from(improvements), label="improved")
    before = assess(CATALOG, answers, pathway)
    after = assess(CATALOG, {**answers, better.question: better}, pathway)
    check_never_lower(before, after)


@pathways
@SETTINGS
@given(case=additions(scored_only=True))
def test_adding_a_scored_choice_never_lowers_anything(
    pathway: str, case: tuple[Answers, str, str]
) -> None:
    """Multiple-choice questions: add one more choice that scores above zero."""
    answers, question_id, extra = case
    old = answers[question_id]
    improved = Answer(question=question_id, choices=(*old.choices, extra))
    before = assess(CATALOG, answers, pathway)
    after = assess(CATALOG, {**answers, question_id: improved}, pathway)
    check_never_lower(before, after)
