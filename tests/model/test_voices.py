"""Issue 14, items 1 and 2: a question in each voice, and who it is asked of.

A question keeps one id and one scoring; a voice changes only the words a role reads. A question
that names its roles is asked of them alone, and does not count as unanswered for anyone else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coprod_check.ask.session import Session
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.score.assess import assess
from coprod_check.score.scores import question_score
from tests.helpers import catalog_of, minimal_framework

ROLES = [
    {"id": "lived-experience", "title": "Lived experience", "description": "Uses the service."},
    {"id": "staff", "title": "Staff", "description": "Runs the service."},
    {"id": "manager", "title": "Manager", "description": "Leads it.", "voice": "staff"},
    {"id": "funder", "title": "Funder", "description": "Pays for it."},
]


def _catalog(tmp_path: Path) -> Catalog:
    framework = minimal_framework(roles=ROLES)
    placing = framework["questions"][0]
    placing["voices"] = {
        "lived-experience": {
            "text": "When this service makes something, how are you involved?",
            "choices": {"alone": "Staff make it without us."},
        }
    }
    extra: list[dict[str, Any]] = [
        {
            "id": "safe-to-speak",
            "text": "Do people say it is safe to speak up?",
            "help": "Think of the last meeting.",
            "type": "yes-no",
            "dimensions": ["making"],
            "section": "Design",
            "roles": ["lived-experience"],
            "voices": {
                "lived-experience": {
                    "text": "Is it safe for you to speak up?",
                    "choices": {"yes": "Yes, it is", "no": "No, not always"},
                }
            },
        },
        {
            "id": "budget",
            "text": "Is there money set aside for this work?",
            "help": "Count the last year.",
            "type": "yes-no",
            "dimensions": ["making"],
            "section": "Design",
            "roles": ["staff", "manager"],
        },
    ]
    framework["questions"] += extra
    return catalog_of(tmp_path / "frameworks", framework)


def test_a_voice_changes_the_words_and_nothing_else(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    question = catalog.questions["how-made"]
    voiced = question.in_voice("lived-experience")
    assert voiced.id == question.id
    assert voiced.text == "When this service makes something, how are you involved?"
    assert voiced.help == question.help  # not given: the question's own
    labels = {choice.id: choice.label for choice in voiced.options()}
    assert labels == {"alone": "Staff make it without us.", "together": "Together"}
    stages = [choice.stage for choice in voiced.options()]
    assert stages == [choice.stage for choice in question.options()]
    assert question.in_voice("partner") is question  # no words of its own: the question's
    assert question.in_voice(None) is question


def test_standard_choices_keep_their_scores_in_a_voice(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    question = catalog.questions["safe-to-speak"]
    voiced = question.in_voice("lived-experience")
    assert [(c.id, c.label, c.score) for c in voiced.options()] == [
        ("yes", "Yes, it is", 100),
        ("no", "No, not always", 0),
    ]
    answer = Answer(question="safe-to-speak", choices=("yes",))
    pathway = catalog.pathway_for(None)
    assert question_score(voiced, answer, pathway) == question_score(question, answer, pathway)


@pytest.mark.parametrize(
    ("role", "asked", "voice"),
    [
        ("lived-experience", ["how-made", "safe-to-speak"], "lived-experience"),
        ("staff", ["how-made", "budget"], "staff"),
        ("manager", ["how-made", "budget"], "staff"),  # a manager reads staff's words
        ("funder", ["how-made"], "funder"),
        (None, ["how-made", "budget"], None),  # no role given: asked as staff
    ],
)
def test_who_is_asked_what(
    tmp_path: Path, role: str | None, asked: list[str], voice: str | None
) -> None:
    catalog = _catalog(tmp_path)
    assert catalog.voice_of(role) == voice
    assert [question.id for question in catalog.questions_for(role)] == asked


def test_a_session_asks_in_the_respondent_s_voice(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    session = Session.start(
        catalog,
        output=tmp_path / "out.toml",
        project="Hub",
        respondent=None,
        role="lived-experience",
        frameworks=None,
        pathway=None,
    )
    texts = [question.text for question in session.questionnaire().applicable()]
    assert texts == [
        "When this service makes something, how are you involved?",
        "Is it safe for you to speak up?",
    ]


def test_a_question_for_other_roles_is_not_unanswered(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    answers = {"how-made": Answer(question="how-made", choices=("together",))}
    for role, total in (("lived-experience", 2), ("staff", 2), ("funder", 1)):
        assessment = assess(catalog, answers, role=role)
        (score,) = [s for s in assessment.scores if s.dimension == "making"]
        assert score.total == total, role
        assert score.answered == 1


def test_what_is_said_about_an_answer_quotes_the_respondent_s_words(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    answers = {"how-made": Answer(question="how-made", choices=("alone",))}
    mine = assess(catalog, answers, role="lived-experience").area("making")
    staff = assess(catalog, answers, role="staff").area("making")
    assert any(
        "'Staff make it without us' to \"When this service makes something, how are you "
        'involved?"' in reason.text
        for reason in mine.reasons
    ), mine.reasons
    assert any("'Alone' to \"How do you make things?\"" in r.text for r in staff.reasons)


def test_a_role_with_frameworks_of_its_own_answers_only_those(tmp_path: Path) -> None:
    """A funder's self-check: a role's ``frameworks`` are what it answers when none are named,
    and nothing else counts as unanswered for it."""
    framework = minimal_framework(roles=ROLES)
    own = minimal_framework(id="own-check", dimensions=[], questions=[])
    own.pop("pathway")
    own["dimensions"] = [
        {"id": "paying", "kind": "practice", "title": "Paying", "description": "Money.",
         "section": "Design"}
    ]  # fmt: skip
    own["questions"] = [
        {"id": "pays", "text": "Do you pay for this work?", "help": "Count the last year.",
         "type": "yes-no", "dimensions": ["paying"], "section": "Design", "roles": ["funder"]}
    ]  # fmt: skip
    framework["roles"] = [*ROLES[:3], {**ROLES[3], "frameworks": ["own-check"]}]
    catalog = catalog_of(tmp_path / "frameworks", framework, own)
    assert [q.id for q in catalog.questions_for("funder")] == ["pays"]
    assert [q.id for q in catalog.questions_for("staff")] == ["how-made"]
    session = Session.start(
        catalog, output=tmp_path / "f.toml", project="Hub", respondent=None, role="funder",
        frameworks=None, pathway=None,
    )  # fmt: skip
    assert [used.id for used in session.meta.frameworks] == ["own-check"]
    assessment = assess(catalog, {}, role="funder")
    assert assessment.area("making").status == "unanswered"
    assert assessment.score("making").total == 0  # not the funder's to answer
    assert assessment.score("paying").total == 1
