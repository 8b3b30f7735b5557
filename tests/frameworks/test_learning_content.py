"""Issue 14: the report-learning and scie-principles questions, in every voice and faithful to the
report (who each question is for, one thing per question, honest choices, what was missing)."""

from __future__ import annotations

import re

import pytest

from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from tests.helpers import bundled_catalog

CATALOG = bundled_catalog()
OURS = ("report-learning", "scie-principles")
QUESTIONS = [q for q in CATALOG.questions.values() if CATALOG.owner[q.id] in OURS]


def _question(catalog: Catalog, question_id: str) -> Question:
    return catalog.questions[question_id]


def _labels(question: Question) -> list[str]:
    return [choice.label for choice in question.options()]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_issue14_item1_every_question_has_words_for_people_with_lived_experience(
    question: Question,
) -> None:
    """In the second person, about their own experience."""
    wording = question.voices.get("lived-experience")
    assert wording is not None
    assert wording.text
    assert {"you", "your"} & set(re.findall(r"[a-z]+", wording.text.lower()))


@pytest.mark.parametrize(
    "question_id", ["safe-to-speak", "hard-to-follow", "one-way-benefit", "relaxed-meetings"]
)
def test_issue14_item2_questions_of_experience_are_asked_of_the_people_who_live_it(
    question_id: str,
) -> None:
    question = _question(CATALOG, question_id)
    assert question.asked_of("lived-experience")
    assert question.asked_of("other")
    for role in ("staff", "manager", "partner", "funder"):
        assert not question.asked_of(role), role


@pytest.mark.parametrize(
    "question_id", ["time-and-money-set-aside", "ask-funder-for-resources", "who-leads-involvement"]
)
def test_issue14_item2_questions_only_staff_can_answer_are_not_asked_of_participants(
    question_id: str,
) -> None:
    question = _question(CATALOG, question_id)
    assert question.asked_of("staff")
    assert question.asked_of("manager")
    assert not question.asked_of("lived-experience")


def test_issue14_item2_a_funder_answers_for_money_in_the_funders_self_check() -> None:
    """Funders and commissioners have their own questions on money and evidence; the project's
    budget and evidence questions are not asked of them a second time."""
    for question_id in ("time-and-money-set-aside", "measure-impact"):
        assert not _question(CATALOG, question_id).asked_of("funder")
    assert CATALOG.owner["funding-set-aside"] == "funders"


def test_issue14_item4_near_duplicates_are_one_question() -> None:
    assert "ask-how-to-be-involved" not in CATALOG.questions
    assert "ways-to-take-part" not in CATALOG.questions
    assert "design-how-to-take-part" in CATALOG.questions
    advice = CATALOG.recommendations["offer-many-ways-in"]
    assert "design-how-to-take-part" in str(advice.when)


def test_issue14_item4_deciding_has_an_honest_middle() -> None:
    question = _question(CATALOG, "decide-together")
    labels = _labels(question)
    assert "People decide, with advice from staff" in labels
    assert not any("without staff advice" in label for label in labels)
    scores = {choice.id: choice.score for choice in question.choices}
    assert scores["together"] > scores["people-decide-with-advice"] > scores["people-decide-alone"]


def test_issue14_item4_no_straw_men_or_leading_statements() -> None:
    assert "over-promise" not in CATALOG.questions
    assert "healthy-debate" not in CATALOG.questions
    last_word = _question(CATALOG, "staff-have-last-word")
    assert "whatever people say" not in last_word.text
    assert {"promises-kept", "differing-views"} <= set(CATALOG.questions)


def test_issue14_item4_questions_that_asked_two_things_are_split() -> None:
    jargon = _question(CATALOG, "jargon-check")
    assert jargon.type == "multiple"
    assert "flag-and-plain" not in {choice.id for choice in jargon.choices}
    assert "fun" not in _question(CATALOG, "relaxed-meetings").text
    assert "fun-activities" in CATALOG.questions
    safety = {choice.id for choice in _question(CATALOG, "safety-agreements").choices}
    assert {"boundaries", "their-expectations"} <= safety


@pytest.mark.parametrize(
    ("question_id", "section"),
    [
        ("staff-gain", "How has co-production benefited professionals?"),
        ("service-better", "How has co-production improved services?"),
        ("people-champion-service", "Ownership and advocacy"),
        ("measure-impact", "Recommendations"),
        ("support-partners", "Nourish relationships"),
        ("regular-meetings", "Make sure people don't lose interest"),
        ("formats-people-ask-for", "What services offer"),
    ],
)
def test_issue14_item4_what_the_report_says_has_a_question(question_id: str, section: str) -> None:
    question = _question(CATALOG, question_id)
    assert question.section == section
    assert CATALOG.owner[question_id] == "report-learning"


def test_issue14_item4_reaching_people_can_start_with_those_who_know_the_community() -> None:
    choices = {choice.id for choice in _question(CATALOG, "reach-new-people").choices}
    assert "understand-community" in choices


def test_issue14_item4_partners_read_their_own_words() -> None:
    question = _question(CATALOG, "support-partners")
    assert question.asked_of("partner")
    assert question.in_voice("partner").text != question.text


@pytest.mark.parametrize(
    "term",
    ["briefing", "assertiveness", "ice-breakers", "forum", "input", "know-how", "panel",
     "placement", "consultant", "clique", "supervision", "recognise"],
)  # fmt: skip
def test_issue14_item4_the_words_the_questions_use_are_in_the_glossary(term: str) -> None:
    assert term in CATALOG.glossary
    assert any(term in q.terms for q in QUESTIONS), term


def test_issue14_item4_supervision_is_not_pastoral_care() -> None:
    assert "supervision" not in CATALOG.glossary["pastoral-care"].also
