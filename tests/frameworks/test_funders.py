"""The funder and commissioner self-check (issue 14, item 3): the bundled ``funders`` framework,
asked of funders and commissioners only, scored like the principles, with advice of its own."""

from __future__ import annotations

import pytest
import textstat

from coprod_check.files.answers import read_answers
from coprod_check.frameworks.load import load_catalog
from coprod_check.io.yaml_file import load_file
from coprod_check.model import conditions as cond
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import NOT_APPLICABLE, Framework
from coprod_check.score.assess import assess
from coprod_check.score.evidence import questions_in
from tests.helpers import DATA, ROOT

EXAMPLES = ROOT / "examples"
PLAIN = 70
"""The Flesch reading ease every question and every choice of more than three words reaches."""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def funders(catalog: Catalog) -> Framework:
    loaded = catalog.framework("funders")
    assert loaded is not None, "the funders framework is bundled"
    return loaded.framework


def test_issue14_funders_self_check_is_bundled(funders: Framework) -> None:
    assert funders.kind == "questions"
    assert 10 <= len(funders.questions) <= 16
    assert funders.source.section == "For policy makers, commissioners and funders"


def test_issue14_funders_questions_are_asked_of_funders_only(funders: Framework) -> None:
    for question in funders.questions:
        assert question.roles == ["funder"], question.id


def test_issue14_funders_questions_place_no_area(funders: Framework) -> None:
    """A funder's own way of working says nothing about how far one project shares power."""
    own = {dimension.id for dimension in funders.dimensions}
    assert {dimension.kind for dimension in funders.dimensions} == {"practice"}
    for question in funders.questions:
        assert question.places is None, question.id
        assert set(question.dimensions) <= own, question.id


def test_issue14_funders_choices_are_all_scored(funders: Framework) -> None:
    for question in funders.questions:
        assert question.type in ("yes-no", "scale", "single"), question.id
        for choice in question.options():
            if choice.id != NOT_APPLICABLE:
                assert choice.score is not None, (question.id, choice.id)


def test_issue14_funders_questions_are_plain_words(funders: Framework) -> None:
    textstat.set_lang("en_US")
    hard: list[tuple[str, str, float]] = []
    for question in funders.questions:
        texts = [question.text]
        texts += [choice.label for choice in question.options() if len(choice.label.split()) > 3]
        for text in texts:
            ease = textstat.flesch_reading_ease(text)
            if ease < PLAIN:
                hard.append((question.id, text, ease))
    assert hard == []


def test_issue14_funders_advice_rests_on_its_own_answers(
    catalog: Catalog, funders: Framework
) -> None:
    own_questions = {question.id for question in funders.questions}
    own_dimensions = {dimension.id for dimension in funders.dimensions}
    assert len(funders.recommendations) >= 6
    for advice in funders.recommendations:
        assert advice.audience == "funders", advice.id
        assert set(advice.dimensions) <= own_dimensions, advice.id
        condition = catalog.conditions[advice.id]
        asked = questions_in(condition)
        assert asked, advice.id
        assert asked <= own_questions, advice.id
        for item, _ in cond.walk(condition):
            assert not isinstance(item, cond.StageCompare), advice.id
            if isinstance(item, cond.ScoreCompare):
                assert item.dimension in own_dimensions, advice.id


def test_issue14_every_funder_practice_has_questions_and_advice(funders: Framework) -> None:
    for dimension in funders.dimensions:
        assert any(dimension.id in q.dimensions for q in funders.questions), dimension.id
        assert any(dimension.id in r.dimensions for r in funders.recommendations), dimension.id


def test_issue14_funder_example_gets_its_own_advice(catalog: Catalog, funders: Framework) -> None:
    answers = read_answers(load_file(EXAMPLES / "answers-funder.yaml"), catalog)
    result = assess(catalog, answers, audience="funders")
    own = {advice.id for advice in funders.recommendations}
    fired = [advice.id for advice in result.recommendations]
    assert {"budget-for-co-production", "let-grants-pay-people", "commission-with-people"} <= set(
        fired
    )
    assert set(fired) - own <= {"answer-more"}, "only the self-check's advice, and what to answer"
    assert result.overall.status == "unanswered", "a funder's answers place no area"
    scores = {score.dimension: score for score in result.scores}
    assert scores["money-for-co-production"].score == pytest.approx(46.7)
    assert scores["funder-own-practice"].answered == 2


@pytest.mark.parametrize(
    "name", ["answers-workshop.yaml", "answers-worked-example.yaml"], ids=lambda name: name
)
def test_issue14_a_project_s_answers_never_get_the_self_check_s_advice(
    catalog: Catalog, funders: Framework, name: str
) -> None:
    """Advice from the self-check is about the funder's own answers; a project's answers, read
    by a funder, get the recommendations framework's advice for funders instead."""
    answers = read_answers(load_file(EXAMPLES / name), catalog)
    own = {advice.id for advice in funders.recommendations}
    for audience in ("practitioners", "funders"):
        result = assess(catalog, answers, audience=audience)
        assert own.isdisjoint(advice.id for advice in result.recommendations)
        assert own.isdisjoint(result.elsewhere)
        practices = [s for s in result.scores if s.dimension in {d.id for d in funders.dimensions}]
        assert all(score.score is None for score in practices)


def test_issue14_the_cases_include_funders_answering_for_themselves() -> None:
    cases = [path.stem for path in sorted((DATA / "cases").glob("funder-*.yaml"))]
    assert {"funder-holds-to-plan", "funder-shares-commissioning"} <= set(cases)
