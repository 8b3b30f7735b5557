"""Property tests of the scorer over generated answer sets, on both bundled pathways.

The bundled catalog is loaded once. Each generated answer set covers every question: a choice
question is left out of the answers, skipped, "does not apply" (where offered) or answered (one
choice, or for a multiple-choice question a non-empty set of choices); a text question is left
out, skipped or given some text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from coprod_check.frameworks.load import Sources, load_catalog
from coprod_check.model.answers import Answer
from coprod_check.model.assessment import Assessment
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import NOT_APPLICABLE, Choice, Question
from coprod_check.score.assess import assess
from coprod_check.score.scores import question_score


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


# -- strategies ------------------------------------------------------------------------------------


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
    """A real answer: one choice, or for a multiple-choice question a non-empty set of them, in
    which an exclusive choice ("none of these") only ever stands alone."""
    options = [choice for choice in real_options(question) if choice.id != exclude]
    if question.type == "multiple":
        ids = [choice.id for choice in options if not choice.exclusive]
        alone = [choice.id for choice in options if choice.exclusive and exclude is None]
        together = st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True)
        picks = (
            st.one_of(together, st.sampled_from(alone).map(lambda one: [one]))
            if alone
            else together
        )
        return picks.map(lambda picked: choose(question, tuple(picked)))
    return st.sampled_from([c.id for c in options]).map(lambda picked: choose(question, (picked,)))


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
                if not choice.exclusive and (not scored_only or (choice.score or 0) > 0)
            ]
        )
    )
    answers = dict(draw(answer_sets()))
    answers[question.id] = draw(chosen(question, exclude=extra))
    exclusive = {choice.id for choice in question.options() if choice.exclusive}
    assume(not exclusive.intersection(answers[question.id].choices))
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


def aim(question: Question, pathway: str) -> int | None:
    """The target of the area a placing question places, as a position on the pathway."""
    if question.places is None:
        return None
    path = CATALOG.pathways[pathway]
    return path.index(CATALOG.target_for(question.places, path))


def expected_mean(dimension: str, answers: Answers, pathway: str) -> float | None:
    """The mean score of a dimension's answered questions, worked out from the questions."""
    values = [
        value
        for question in CHOICE_QUESTIONS
        if dimension in question.dimensions
        and (
            value := question_score(
                question,
                answers.get(question.id),
                CATALOG.pathways[pathway],
                aim(question, pathway),
            )
        )
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
        now = question_score(question, answer, path, aim(question, pathway))
        assert now is not None, (question.id, answer)
        for option in real_options(question):
            better = choose(question, (option.id,))
            score = question_score(question, better, path, aim(question, pathway))
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


@pathways
@SETTINGS
@given(case=additions(scored_only=False))
def test_adding_any_choice_never_lowers_anything(
    pathway: str, case: tuple[Answers, str, str]
) -> None:
    """Multiple-choice questions: add any one more choice that can go with the others (an
    exclusive "none of these" stands alone, so adding it is a different answer, not more)."""
    answers, question_id, extra = case
    old = answers[question_id]
    improved = Answer(question=question_id, choices=(*old.choices, extra))
    before = assess(CATALOG, answers, pathway)
    after = assess(CATALOG, {**answers, question_id: improved}, pathway)
    check_never_lower(before, after)


# -- 2 and 3. order independence and determinism --------------------------------------------------


@pathways
@SETTINGS
@given(answers=answer_sets(), data=st.data())
def test_answer_order_does_not_matter(pathway: str, answers: Answers, data: st.DataObject) -> None:
    shuffled = dict(data.draw(st.permutations(list(answers.items())), label="shuffled"))
    assert assess(CATALOG, shuffled, pathway) == assess(CATALOG, answers, pathway)


@pathways
@SETTINGS
@given(answers=answer_sets())
def test_assessing_twice_gives_the_same_result(pathway: str, answers: Answers) -> None:
    assert assess(CATALOG, answers, pathway) == assess(CATALOG, answers, pathway)


# -- 4. reasons and advice ------------------------------------------------------------------------


# Regression: a guardrail on a multiple-choice answer that no single choice lifts once held
# crashed while explaining how to move up (IndexError in scoring._label).
STUCK_GUARDRAIL = {
    "decision-making-stage": Answer(question="decision-making-stage", choices=("seats-no-say",)),
    "decision-board-support": Answer(
        question="decision-board-support", choices=("training", "none")
    ),
}


@pathways
@SETTINGS
@given(answers=answer_sets())
@example(answers=STUCK_GUARDRAIL)
def test_every_placement_and_piece_of_advice_says_why(pathway: str, answers: Answers) -> None:
    assessment = assess(CATALOG, answers, pathway)
    for placement in (*assessment.areas, assessment.overall):
        assert placement.reasons, placement
        assert all(reason.text.strip() for reason in placement.reasons), placement
        if placement.status == "placed":
            assert placement.index is not None, placement
    for advice in assessment.recommendations:
        assert advice.because, advice
        assert all(isinstance(text, str) and text.strip() for text in advice.because), advice
    ranks = [advice.rank for advice in assessment.recommendations]
    assert ranks == sorted(ranks, reverse=True)


# -- 5. skipped and "does not apply" are left out, not counted as zero ----------------------------


@pathways
@SETTINGS
@given(answers=answer_sets(), data=st.data())
def test_skipping_an_answer_leaves_it_out_of_the_mean(
    pathway: str, answers: Answers, data: st.DataObject
) -> None:
    answered = [question for question in CHOICE_QUESTIONS if is_answered(answers.get(question.id))]
    if not answered:
        return
    question = data.draw(st.sampled_from(answered), label="question")
    replacements: list[Answer | None] = [None, skip(question)]
    if question.not_applicable:
        replacements.append(not_applicable(question))
    replacement = data.draw(st.sampled_from(replacements), label="replacement")
    changed = {key: value for key, value in answers.items() if key != question.id}
    if replacement is not None:
        changed[question.id] = replacement
    before = assess(CATALOG, answers, pathway)
    after = assess(CATALOG, changed, pathway)
    check_scores_are_means(before, answers, pathway)
    check_scores_are_means(after, changed, pathway)
    for dimension in question.dimensions:
        old, new = before.score(dimension), after.score(dimension)
        assert new.answered == old.answered - 1, (dimension, old, new)
        if new.answered == 0:
            assert new.score is None, new


# -- 6. ranges ------------------------------------------------------------------------------------


@pathways
@SETTINGS
@given(answers=answer_sets())
def test_scores_and_coverage_stay_in_range(pathway: str, answers: Answers) -> None:
    assessment = assess(CATALOG, answers, pathway)
    assert {item.dimension for item in assessment.scores} == set(CATALOG.dimensions)
    for item in assessment.scores:
        assert 0 <= item.answered <= item.total, item
        assert 0.0 <= item.coverage <= 1.0, item
        if item.answered == 0:
            assert item.score is None, item
        else:
            assert item.score is not None, item
            assert 0.0 <= item.score <= 100.0, item
    for placement in (*assessment.areas, assessment.overall):
        assert 0.0 <= placement.coverage <= 1.0, placement
        if placement.index is not None:
            assert 0 <= placement.index < len(CATALOG.pathways[pathway].stages), placement


# -- 7. a framework and pathway of one's own ------------------------------------------------------


def own_framework() -> dict[str, Any]:
    """Three stages, one area, a placing question, a scored follow-up, a guardrail and advice."""

    def stage(stage_id: str, title: str) -> dict[str, str]:
        return {
            "id": stage_id,
            "title": title,
            "group": "all",
            "description": f"People are {title.lower()}.",
            "next_step": "Go one step further.",
        }

    return {
        "schema": "coprod-check/framework/1",
        "id": "own",
        "kind": "questions",
        "title": "Our own framework",
        "version": "1.0.0",
        "description": "A framework of our own.",
        "source": {"title": "Our notes", "author": "Us", "year": 2026},
        "pathway": {
            "id": "steps",
            "title": "Three steps",
            "description": "From told, to asked, to sharing.",
            "groups": [{"id": "all", "title": "All", "description": "Every step."}],
            "stages": [stage("told", "Told"), stage("asked", "Asked"), stage("sharing", "Sharing")],
        },
        "dimensions": [
            {
                "id": "making",
                "kind": "area",
                "title": "Making",
                "description": "Making things together.",
                "section": "Design",
            }
        ],
        "questions": [
            {
                "id": "how-made",
                "text": "How do you make things?",
                "help": "Think of the last thing you made.",
                "type": "single",
                "dimensions": ["making"],
                "places": "making",
                "section": "Design",
                "choices": [
                    {"id": "alone", "label": "Alone", "stage": {"steps": "told"}},
                    {"id": "ask-first", "label": "We ask first", "stage": {"steps": "asked"}},
                    {"id": "together", "label": "Together", "stage": {"steps": "sharing"}},
                ],
            },
            {
                "id": "pay-people",
                "text": "Are people paid for their time?",
                "help": "Money, vouchers or paid hours.",
                "type": "single",
                "dimensions": ["making"],
                "section": "Design",
                "choices": [
                    {"id": "unpaid", "label": "No", "score": 0},
                    {"id": "paid", "label": "Yes", "score": 100},
                ],
            },
        ],
        "guardrails": [
            {
                "id": "no-pay",
                "title": "People are not paid",
                "explanation": "Sharing needs people's time to be valued.",
                "when": {"answer": "pay-people", "is": "unpaid"},
                "highest": {"steps": "asked"},
                "section": "Design",
                "areas": ["making"],
            }
        ],
        "recommendations": [
            {
                "id": "pay-for-time",
                "title": "Pay people for their time",
                "advice": "Set aside money to pay people.",
                "example": "A project paid each member for every meeting.",
                "section": "Design",
                "audience": "everyone",
                "priority": "high",
                "dimensions": ["making"],
                "when": {"score": "making", "below": 60},
            }
        ],
    }


def own_answers(how: str, pay: str | None) -> Answers:
    answers = {"how-made": Answer(question="how-made", choices=(how,))}
    if pay is not None:
        answers["pay-people"] = Answer(question="pay-people", choices=(pay,))
    return answers


@pytest.fixture
def own_catalog(tmp_path: Path) -> Catalog:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "own.yaml").write_text(
        yaml.safe_dump(own_framework(), sort_keys=False), encoding="utf-8"
    )
    return load_catalog(Sources(folders=(folder,), bundled=False))


def test_own_framework_is_the_only_one_loaded(own_catalog: Catalog) -> None:
    assert list(own_catalog.pathways) == ["steps"]
    assert own_catalog.default_pathway is not None
    assert own_catalog.default_pathway.id == "steps"
    assert set(own_catalog.questions) == {"how-made", "pay-people"}


@pytest.mark.parametrize(
    ("how", "stage", "index"),
    [("alone", "told", 0), ("ask-first", "asked", 1), ("together", "sharing", 2)],
)
def test_own_framework_places_by_the_placing_answer(
    own_catalog: Catalog, how: str, stage: str, index: int
) -> None:
    assessment = assess(own_catalog, own_answers(how, "paid"), None)
    assert assessment.pathway == "steps"
    making = assessment.area("making")
    assert (making.status, making.stage, making.index, making.claimed) == (
        "placed",
        stage,
        index,
        stage,
    )
    assert making.held_back_by == ()
    assert making.reasons[0].kind == "answer"
    assert making.reasons[0].question == "how-made"
    assert (assessment.overall.stage, assessment.overall.index) == (stage, index)
    # The placing answer scores how far up the pathway it is; the follow-up scores 100.
    score = assessment.score("making")
    assert (score.answered, score.total) == (2, 2)
    assert score.score == pytest.approx((100 * index / 2 + 100) / 2)


def test_own_guardrail_caps_the_area_and_says_so(own_catalog: Catalog) -> None:
    assessment = assess(own_catalog, own_answers("together", "unpaid"), None)
    making = assessment.area("making")
    assert (making.claimed, making.stage, making.index) == ("sharing", "asked", 1)
    assert making.held_back_by == ("no-pay",)
    guardrail_reasons = [reason for reason in making.reasons if reason.kind == "guardrail"]
    assert len(guardrail_reasons) == 1
    assert guardrail_reasons[0].guardrail == "no-pay"
    assert "People are not paid" in guardrail_reasons[0].text
    assert assessment.overall.stage == "asked"
    # The same guardrail does not hold with the high answer, and does not lift a lower claim.
    assert assess(own_catalog, own_answers("together", "paid"), None).area("making").stage == (
        "sharing"
    )
    low = assess(own_catalog, own_answers("alone", "unpaid"), None).area("making")
    assert (low.stage, low.held_back_by) == ("told", ())


def test_own_recommendation_fires_on_its_score_condition(own_catalog: Catalog) -> None:
    # making: placing answer 100, follow-up 0, mean 50: below 60.
    assessment = assess(own_catalog, own_answers("together", "unpaid"), None)
    assert assessment.score("making").score == 50.0
    fired = {advice.id: advice for advice in assessment.recommendations}
    assert "pay-for-time" in fired
    because = fired["pay-for-time"].because
    assert because
    assert all(text.strip() for text in because)
    assert "Making" in because[0]
    assert "50" in because[0]
    assert "60" in because[0]
    # The area is below the top stage, so the next step comes first.
    assert assessment.recommendations[0].id == "next-step-making"
    ranks = [advice.rank for advice in assessment.recommendations]
    assert ranks == sorted(ranks, reverse=True)
    # making: 100 and 100: no advice at all (top stage, score above the bar).
    assert assess(own_catalog, own_answers("together", "paid"), None).recommendations == ()


def test_own_pathway_is_used_when_none_is_named(own_catalog: Catalog) -> None:
    answers = own_answers("ask-first", None)
    assert assess(own_catalog, answers, None) == assess(own_catalog, answers, "steps")
    assert assess(own_catalog, answers, None).pathway == "steps"
