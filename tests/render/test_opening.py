"""Issue 14, item 5: the first screen of a new session says how many questions there are for this
respondent, about how long they take, where the answers are saved, and that Ctrl-C is safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_check.ask.session import Session
from coprod_check.render.opening import about, opening_text
from tests.helpers import bundled_catalog

CATALOG = bundled_catalog()
PATH = Path("riverside-family-hub-2026-11-25.toml")


def _session(*frameworks: str) -> Session:
    return Session.start(
        CATALOG, output=PATH, project="Riverside", respondent=None, role=None,
        frameworks=list(frameworks) or None, pathway=None,
    )  # fmt: skip


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_issue14_item_5_the_first_screen_says_count_time_file_and_ctrl_c() -> None:
    session = _session("scie-principles")
    count = len(session.questionnaire().applicable())  # the staff's: no role given
    shown = _flat(opening_text(session.questionnaire(), path=PATH))
    assert shown == (
        f"There are {count} questions for you. It takes {about(count)}. "
        f"Each answer is saved the moment you choose it, in {PATH}. "
        "Ctrl-C is safe: it stops and keeps every answer. To carry on later: "
        f"coprod-check assess --resume {PATH}"
    )


def test_issue14_item_5_the_first_screen_counts_as_the_progress_line_does() -> None:
    questionnaire = _session().questionnaire()
    asked = len(questionnaire.applicable())
    shown = _flat(opening_text(questionnaire, path=PATH))
    assert f"There are {asked} questions for you (up to {len(questionnaire.questions)}: " in shown
    assert "After each area's questions, you choose the stage that is right for it now." in shown
    targets = len(questionnaire.steps()) - asked
    assert f"It takes {about(asked + targets)}." in shown


def test_issue14_item_5_the_count_is_the_sessions_own_questions_not_the_catalogs() -> None:
    session = _session("scie-principles")
    session.questions = session.questions[:5]  # as for a role that is asked only these
    shown = _flat(opening_text(session.questionnaire(), path=PATH))
    assert shown.startswith("There are 5 questions for you. It takes about 2 minutes.")


def test_issue14_item_5_without_target_questions_none_is_promised() -> None:
    shown = _flat(opening_text(_session().questionnaire(ask_targets=False), path=PATH))
    assert "stage that is right" not in shown


@pytest.mark.parametrize("width", [40, 80, 120])
def test_issue14_item_5_the_first_screen_wraps_at_word_boundaries(width: int) -> None:
    long = Path("/home/someone/coproduction/" + PATH.name)
    text = opening_text(_session().questionnaire(), path=long, width=width)
    for line in text.splitlines():
        assert len(line) <= width or " " not in line.strip(), line
    assert str(long) in text.split()
    assert f"--resume {long}" in _flat(text)


def test_a_session_with_answers_says_how_far_it_got() -> None:
    session = _session("scie-principles")
    count = len(session.questionnaire().applicable())
    assert opening_text(session.questionnaire(), path=PATH, answered=2) == (
        f"Carrying on: 2 of {count} questions answered.\n\n"
    )


@pytest.mark.parametrize(
    ("steps", "said"),
    [(1, "about a minute"), (4, "about a minute"), (16, "about 5 minutes"),
     (29, "about 10 minutes"), (74, "about 25 minutes"), (83, "about 30 minutes")],
)  # fmt: skip
def test_about_how_long(steps: int, said: str) -> None:
    assert about(steps) == said
