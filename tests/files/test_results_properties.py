"""Results files keep whatever people type: write, then read back, gives the same strings.

Project names, respondents, notes and text answers may be in any script, with emoji, quotes,
backslashes, control characters and line breaks. Only lone surrogates are left out: they are not
characters anyone can type, and UTF-8 cannot hold them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st

from coprod_check.files import results
from coprod_check.files.results import FrameworkUsed, Meta, Results
from coprod_check.model.answers import Answer
from coprod_check.model.framework import NOT_APPLICABLE, Question
from coprod_check.score.assess import assess
from tests.helpers import bundled_catalog

CATALOG = bundled_catalog()
QUESTIONS = list(CATALOG.questions.values())
PATHWAYS = sorted(CATALOG.pathways)
FRAMEWORKS = tuple(
    FrameworkUsed(id=item.framework.id, version=item.framework.version)
    for item in CATALOG.frameworks
    if item.framework.questions
)

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TYPED = st.text(alphabet=st.characters(exclude_categories=["Cs"]))
"""Anything a person might type: any script, emoji, quotes, new lines; no lone surrogates."""

TIME = st.builds(results.now) | TYPED


@st.composite
def metas(draw: st.DrawFn) -> Meta:
    return Meta(
        project=draw(TYPED),
        respondent=draw(st.none() | TYPED),
        role=draw(st.none() | st.sampled_from(sorted(CATALOG.roles))),
        pathway=draw(st.sampled_from(PATHWAYS)),
        created=draw(TIME),
        updated=draw(TIME),
        frameworks=draw(st.lists(st.sampled_from(FRAMEWORKS), unique=True).map(tuple)),
    )


def _answer(draw: st.DrawFn, question: Question, *, skip: bool = True) -> Answer:
    note = draw(st.none() | TYPED)
    if question.type == "text":
        return Answer(question=question.id, text=draw(TYPED), note=note)
    ids = [choice.id for choice in question.options()]
    if question.type == "multiple":
        picked = draw(st.lists(st.sampled_from(ids), unique=True, min_size=0 if skip else 1))
    else:
        picked = draw(st.lists(st.sampled_from(ids), min_size=0 if skip else 1, max_size=1))
    return Answer(question=question.id, choices=tuple(picked), note=note)


@st.composite
def answer_sets(draw: st.DrawFn, max_size: int = 8) -> dict[str, Answer]:
    chosen = draw(st.lists(st.sampled_from(QUESTIONS), unique_by=lambda q: q.id, max_size=max_size))
    return {question.id: _answer(draw, question) for question in chosen}


def _stored(answer: Answer) -> Answer:
    """What a results file keeps of an answer: an empty note is no note."""
    return Answer(
        question=answer.question, choices=answer.choices, text=answer.text, note=answer.note or None
    )


def _write(tmp_path: Path, saved: Results) -> tuple[Path, dict[str, Any]]:
    path = tmp_path / "results.toml"
    results.write(path, saved)
    return path, tomllib.loads(path.read_text(encoding="utf-8"))


@SETTINGS
@given(meta=metas(), answers=answer_sets(), complete=st.booleans())
def test_what_people_type_comes_back_unchanged(
    tmp_path: Path, meta: Meta, answers: dict[str, Answer], complete: bool
) -> None:
    saved = Results(meta=meta, answers=answers, complete=complete)
    path, data = _write(tmp_path, saved)

    # Any TOML reader gets the same strings back.
    assert data["schema"] == results.RESULT_SCHEMA
    assert data["complete"] is complete
    assert data["meta"]["project"] == meta.project
    assert data["meta"].get("respondent") == meta.respondent
    assert data["meta"]["created"] == meta.created
    assert set(data["answers"]) == set(answers)
    for question_id, answer in answers.items():
        stored = data["answers"][question_id]
        assert stored.get("note") == (answer.note or None)
        assert stored.get("text") == answer.text
        one = (stored["choice"],) if "choice" in stored else ()
        assert (one or tuple(stored.get("choices", ()))) == answer.choices
        assert stored.get("skipped", False) is answer.skipped

    # And coprod-check reads back equal answers and details.
    back = results.read(path)
    assert back.meta == meta
    assert back.answers == {qid: _stored(answer) for qid, answer in answers.items()}
    assert list(back.answers) == list(answers)  # in the order they were given
    assert back.complete is complete
    assert back.assessment is None


@SETTINGS
@given(text=TYPED)
@example(text="")
@example(text=" ")
@example(text="\r\n\r")
@example(text="\"\"\"\n'''\\")
@example(text="\x00\x01\x1b[31m\x7f")
@example(text="\ufeffBOM first")
@example(text="line\u2028sep\u2029para\x85next")
@example(text="Zoë — “quoted” 👨‍👩‍👧 عربى 中文 ")
@example(text="schema = 'coprod-check/result/2'\n[meta]")
def test_awkward_text_everywhere_at_once(tmp_path: Path, text: str) -> None:
    question = CATALOG.questions["do-differently"]
    answer = Answer(question=question.id, text=text, note=text)
    meta = Meta(project=text, respondent=text, pathway="arnstein", created=text, updated=text)
    path, data = _write(tmp_path, Results(meta=meta, answers={question.id: answer}))
    assert data["meta"]["project"] == text
    assert data["answers"][question.id].get("text") == text
    back = results.read(path)
    assert back.meta == meta
    assert back.answers[question.id] == _stored(answer)


@st.composite
def every_question_answered(draw: st.DrawFn) -> dict[str, Answer]:
    answers = {}
    for question in QUESTIONS:
        answer = _answer(draw, question, skip=False)
        if answer.choices and NOT_APPLICABLE in answer.choices:
            answer = Answer(question=question.id, choices=(question.options()[0].id,))
        answers[question.id] = answer
    return answers


@pytest.mark.slow  # a long property hunt; the one below, with a few answers, is quick
@settings(SETTINGS, max_examples=25)
@given(meta=metas(), answers=every_question_answered())
def test_round_trip_with_an_assessment(
    tmp_path: Path, meta: Meta, answers: dict[str, Answer]
) -> None:
    assessment = assess(CATALOG, answers, meta.pathway)
    # Scores with no answer behind them are the subject of the test below.
    assume(all(score.score is not None for score in assessment.scores))
    saved = Results(meta=meta, answers=answers, complete=True, assessment=assessment)
    path, data = _write(tmp_path, saved)
    assert data["results"]["pathway"] == meta.pathway
    assert len(data["results"]["scores"]) == len(assessment.scores)
    back = results.read(path)
    assert back.summary == results.summarise(assessment)
    assert back.assessment is None
    assert back.meta == meta
    assert back.answers == {qid: _stored(answer) for qid, answer in answers.items()}
    assert back.complete is True


@settings(SETTINGS, max_examples=10, phases=[Phase.generate], database=None)  # no shrinking
@given(meta=metas(), answers=answer_sets(max_size=3))
def test_round_trip_with_an_assessment_of_a_few_answers(
    tmp_path: Path, meta: Meta, answers: dict[str, Answer]
) -> None:
    assessment = assess(CATALOG, answers, meta.pathway)
    saved = Results(meta=meta, answers=answers, complete=True, assessment=assessment)
    path, _ = _write(tmp_path, saved)
    back = results.read(path)
    assert back.summary == results.summarise(assessment)
    assert back.answers == {qid: _stored(answer) for qid, answer in answers.items()}
