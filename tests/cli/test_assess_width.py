"""Issue 14, item 5: the questionnaire reads at any width, in both ways of asking.

The installed command runs in a pseudo-terminal of 40, 80 and 120 columns, and what it prints
goes through a terminal emulator (pyte), so the tests read the screen a person would see: every
word of the first ten questions (target question included), of their choices, of the first
question's help and definitions and of each answer echoed under its question is on the screen
whole, never cut at its edge nor broken over two lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprod_check.ask.session import Session
from coprod_check.ask.targets import TargetQuestion
from coprod_check.model.answers import Answer
from coprod_check.model.framework import Question
from coprod_check.render.opening import about
from tests.cli.test_assess_pty import COMMAND, _ctrl_c_as_usual, _env
from tests.helpers import bundled_catalog

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(COMMAND is None, reason="the coprod-check command is not installed"),
]

CATALOG = bundled_catalog()
ROWS = 50
ROLE = "staff"
FIRST = 10
UP = "\x1b[A"
PROGRESS = re.compile(r"^(\? )?(After )?\d+ of \d+ · ")
NOTE_BOX = "Note on why you"
SELECT = "(arrow keys"
TICK = "(Space to tick"
DRAWN = "\x1b[?7h"
"""What prompt_toolkit sends when it has drawn a whole menu (it turns line wrapping back on)."""


class Screen:
    """``coprod-check assess`` in a pseudo-terminal, and the screen it draws."""

    def __init__(self, tmp_path: Path, width: int, rows: int, *args: str) -> None:
        assert COMMAND is not None
        self.width = width
        who = [] if "--resume" in args else ["--role", ROLE]
        self.child = pexpect.spawn(
            COMMAND,
            ["assess", *who, *args],
            env=_env(tmp_path, COLUMNS=str(width), PROMPT_TOOLKIT_NO_CPR="1"),
            cwd=str(tmp_path),
            dimensions=(rows, width),
            timeout=20,
            encoding="utf-8",
            codec_errors="replace",
            preexec_fn=_ctrl_c_as_usual,
        )
        self.child.delaybeforesend = None
        self.screen = pyte.HistoryScreen(width, rows, history=5000)
        self.stream = pyte.Stream(self.screen)

    def wait(self, *texts: str) -> int:
        """Wait for one of ``texts``; draw everything printed up to it."""
        index = int(self.child.expect_exact(list(texts)))
        self.stream.feed(str(self.child.before) + str(self.child.after))
        return index

    def lines(self) -> list[str]:
        """What is on the screen, after the lines that have scrolled off its top."""
        gone = [
            "".join(line[x].data for x in range(self.width)) for line in self.screen.history.top
        ]
        return [line.rstrip() for line in [*gone, *self.screen.display]]

    def since(self, pattern: re.Pattern[str]) -> list[str]:
        """The lines from the last one that matches ``pattern`` down."""
        lines = self.lines()
        starts = [number for number, line in enumerate(lines) if pattern.search(line)]
        assert starts, "\n".join(lines)
        return lines[starts[-1] :]

    def drawn(self, *texts: str) -> int:
        """Wait for a menu that shows one of ``texts`` to be drawn whole."""
        index = self.wait(*texts)
        self.wait(DRAWN)
        return index

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def stop(self) -> None:
        self.child.sendintr()
        self.child.expect(pexpect.EOF)
        self.child.close()


def _whole(texts: list[str], lines: list[str], where: str) -> None:
    """Every word of ``texts`` is a word of ``lines``: none cut, none broken over two lines."""
    shown = set(" ".join(lines).split())
    missing = [word for text in texts for word in text.split() if word not in shown]
    assert not missing, f"{where}: {missing} not whole on screen:\n" + "\n".join(lines)


def _steps(tmp_path: Path) -> list[Question | TargetQuestion]:
    """The first ten things asked of a new session, each answered with its first choice (a
    target question with the suggested stage), as the terminal sessions below answer them."""
    session = Session.start(
        CATALOG, output=tmp_path / "model.toml", project="Hub", respondent=None, role=ROLE,
        frameworks=None, pathway=None,
    )  # fmt: skip
    questionnaire = session.questionnaire()
    asked: list[Question | TargetQuestion] = []
    while len(asked) < FIRST:
        step = questionnaire.steps()[len(asked)]
        asked.append(step)
        if isinstance(step, TargetQuestion):
            questionnaire.targets[step.area] = step.suggested
        else:
            first = step.options()[0].id
            questionnaire.answers[step.id] = Answer(question=step.id, choices=(first,))
    return asked


def _texts(step: Question | TargetQuestion) -> list[str]:
    return [step.text, *(choice.label for choice in step.options())]


def _help_and_words(step: Question | TargetQuestion) -> list[str]:
    terms = [CATALOG.glossary[term] for term in step.terms if term in CATALOG.glossary]
    return [step.help, *(f"{term.term}: {term.definition}" for term in terms)]


def _menu_step(screen: Screen, step: Question | TargetQuestion, number: int) -> None:
    how = TICK if step.type == "multiple" else SELECT
    screen.drawn(how)
    _whole(_texts(step), screen.since(PROGRESS), f"question {number}")
    if number == 1:  # help, then what the words mean: the last entries but two and one
        screen.send(UP * (3 if step.terms else 2) + "\r")
        screen.drawn(how)
        if step.terms:
            screen.send(UP * 2 + "\r")
            screen.drawn(how)
        _whole(_help_and_words(step), screen.lines(), "help and words")
    screen.send(" \r" if step.type == "multiple" else "\r")
    if isinstance(step, TargetQuestion):
        return
    screen.drawn(NOTE_BOX)
    label = step.options()[0].label
    _whole([step.text, label], screen.since(re.compile(r"^\? \d+ of ")), f"answer {number}")
    screen.send("\r")


def _plain_step(screen: Screen, step: Question | TargetQuestion, number: int) -> None:
    screen.wait("Answer: ")
    _whole(_texts(step), screen.since(PROGRESS), f"question {number}")
    if number == 1:
        screen.send("h\n")
        screen.wait("Answer: ")
        if step.terms:
            screen.send("w\n")
            screen.wait("Answer: ")
        _whole(_help_and_words(step), screen.lines(), "help and words")
    screen.send("1\n")
    if not isinstance(step, TargetQuestion):
        screen.wait("Note: ")
        screen.send("\n")


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("mode", ["menu", "plain"])
def test_issue14_item_5_every_word_of_the_first_ten_questions_is_whole(
    tmp_path: Path, mode: str, width: int
) -> None:
    steps = _steps(tmp_path)
    assert any(isinstance(step, TargetQuestion) for step in steps)
    assert any(step.type == "multiple" for step in steps)
    plain = ["--plain"] if mode == "plain" else []
    screen = Screen(tmp_path, width, ROWS, "--project", "Hub", "--output", "hub.toml", *plain)
    for number, step in enumerate(steps, start=1):
        (_plain_step if plain else _menu_step)(screen, step, number)
    screen.wait("Answer: ") if plain else screen.drawn(SELECT, TICK)
    screen.stop()
    assert "numbered lists instead" not in "\n".join(screen.lines())  # a real menu throughout


def test_issue14_item_5_a_menu_too_tall_for_the_screen_is_numbered_said_once(
    tmp_path: Path,
) -> None:
    steps = _steps(tmp_path)
    screen = Screen(tmp_path, 40, 16, "--project", "Hub", "--output", "hub.toml")
    said: list[str] = []
    for number, step in enumerate(steps[:3], start=1):
        numbered = screen.wait(SELECT, TICK, "Answer: ") == 2
        if not numbered:
            screen.wait(DRAWN)
        _whole(_texts(step), screen.since(PROGRESS), f"question {number}")
        if numbered:
            said.append(str(screen.child.before))
        screen.send("1\n" if numbered else "\r")
        screen.drawn(NOTE_BOX)
        screen.send("\r")
    screen.stop()
    assert said, "the first question's menu is taller than 16 lines at 40 columns"
    told = "".join(said).count("numbered lists instead")
    assert told == 1
    saved = (tmp_path / "hub.toml").read_text(encoding="utf-8")
    assert all(step.id in saved for step in steps[:3])


@pytest.mark.parametrize("mode", ["menu", "plain"])
def test_issue14_item_5_the_first_screen_comes_before_the_first_question(
    tmp_path: Path, mode: str
) -> None:
    plain = ["--plain"] if mode == "plain" else []
    args = ["--framework", "scie-principles", "--project", "Hub", "--output", "hub.toml", *plain]
    screen = Screen(tmp_path, 40, ROWS, *args)
    screen.wait("Answer: ") if plain else screen.drawn(SELECT)
    shown = " ".join(" ".join(screen.lines()).split())
    screen.stop()
    session = Session.start(
        CATALOG, output=tmp_path / "model.toml", project="Hub", respondent=None, role=ROLE,
        frameworks=["scie-principles"], pathway=None,
    )  # fmt: skip
    count = len(session.questionnaire().applicable())
    assert shown.startswith(
        f"There are {count} questions for you. It takes {about(count)}. Each answer is saved the "
        "moment you choose it, in hub.toml. Ctrl-C is safe: it stops and keeps every answer. To "
        "carry on later: coprod-check assess --resume hub.toml "
    )
    assert f"1 of {count} · " in shown
