"""`coprod-check assess` end to end in a pseudo-terminal: answer, stop with Ctrl-C, carry on.

These run the installed command under pexpect, as a person at a terminal would.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import bundled_catalog, minimal_framework

pexpect = pytest.importorskip("pexpect")


def _command() -> str | None:
    # The command next to this interpreter first, so that another coprod-check on PATH is not used.
    beside = Path(sys.executable).parent / "coprod-check"
    if beside.exists():
        return str(beside)
    return shutil.which("coprod-check")


COMMAND = _command()
pytestmark = [
    pytest.mark.skipif(COMMAND is None, reason="the coprod-check command is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX terminal"),
]

# The scie-principles questions asked of staff (the tests answer as staff).
TOTAL = len(bundled_catalog().questions_for("staff", {"scie-principles"}))
ESCAPE = re.compile(r"\x1b")
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")
"""An escape that sets a colour (foreground or background)."""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "COPROD_CHECK_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm",
        "COLUMNS": "80",
    }
    env.pop("NO_COLOR", None)
    env.pop("COPROD_CHECK_FRAMEWORKS", None)
    env.update(extra)
    return env


def _ctrl_c_as_usual() -> None:
    """In the child, before it starts: Ctrl-C interrupts, even when pytest itself was started
    with it ignored (as a shell does for a command it runs in the background with ``&``), which
    the child would otherwise inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(tmp_path: Path, *args: str, **env: str) -> Any:
    """``assess`` at a 40-column terminal, as staff unless the arguments give a role or resume."""
    assert COMMAND is not None
    who = [] if {"--role", "--resume"} & set(args) or "--answers" in args else ["--role", "staff"]
    child = pexpect.spawn(
        COMMAND,
        ["assess", *who, *args],
        env=_env(tmp_path, **env),
        cwd=str(tmp_path),
        dimensions=(40, 100),
        timeout=20,
        encoding="utf-8",
        codec_errors="replace",
        preexec_fn=_ctrl_c_as_usual,
    )
    child.delaybeforesend = None  # every send waits for its prompt first
    return child


def _finish(child: Any) -> str:
    """Wait for the command to end; return what it printed since the last match."""
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


FIRST_TWO = {
    "equal-say": {"choice": "agree", "note": "Said at the March meeting"},
    "strengths-not-needs": {"choice": "mixed", "note": "It depends who you ask, “really”"},
}


def _answer_two_then_ctrl_c(tmp_path: Path) -> Any:
    child = _spawn(
        tmp_path, "--plain", "--framework", "scie-principles", "--project", "Hub",
        "--output", "hub.toml",
    )  # fmt: skip
    child.expect(f"1 of {TOTAL} · ")
    child.expect("Answer: ")
    child.sendline("4")  # Agree
    child.expect("Note: ")
    child.sendline(FIRST_TWO["equal-say"]["note"])
    child.expect(f"2 of {TOTAL} · ")
    child.expect("Answer: ")
    child.sendline("2")  # Sometimes as strengths, sometimes as needs
    child.expect("Note: ")
    child.sendline(FIRST_TWO["strengths-not-needs"]["note"])
    child.expect(f"3 of {TOTAL} · ")
    child.expect("Answer: ")
    child.sendintr()
    return child


def _carry_on_to_the_end(tmp_path: Path) -> tuple[Any, str, int]:
    """Resume, answer 1 with no note to every question; the first screen and the count asked."""
    child = _spawn(tmp_path, "--resume", "hub.toml", "--plain")
    child.expect(f"Carrying on: 2 of {TOTAL} questions answered.")
    child.expect("Answer: ")
    first_screen = str(child.before)
    child.sendline("1")
    asked = 1
    while child.expect(["Answer: ", "Note: ", "Finished: "]) != 2:
        if child.after == "Answer: ":
            child.sendline("1")
            asked += 1
        else:
            child.sendline("")
        assert asked <= TOTAL, "asked more questions than the framework has"
    return child, first_screen, asked


def test_plain_stop_with_ctrl_c_and_carry_on(tmp_path: Path) -> None:
    child = _answer_two_then_ctrl_c(tmp_path)
    out = _flat(_finish(child))
    assert child.exitstatus == 130, out
    assert "Stopped. 2 answers are saved in hub.toml." in out
    assert "To carry on: coprod-check assess --resume hub.toml" in out
    assert "Traceback" not in out

    saved = _read(tmp_path / "hub.toml")
    assert saved["complete"] is False
    assert saved["answers"] == FIRST_TWO
    assert saved["meta"]["project"] == "Hub"
    assert "results" not in saved

    child, first_screen, asked = _carry_on_to_the_end(tmp_path)
    assert f"3 of {TOTAL} · " in first_screen
    assert f"1 of {TOTAL} · " not in first_screen
    assert f"2 of {TOTAL} · " not in first_screen
    assert asked == TOTAL - 2
    out = _flat(_finish(child))
    assert child.exitstatus == 0, out
    assert f"{TOTAL} of {TOTAL} questions answered." in out
    assert "Your answers and results are saved in hub.toml" in out

    done = _read(tmp_path / "hub.toml")
    assert done["complete"] is True
    assert len(done["answers"]) == TOTAL
    for question_id, answer in FIRST_TWO.items():
        assert done["answers"][question_id] == answer  # no answer lost
    assert done["answers"]["same-papers"] == {"choice": "yes"}
    assert done["meta"]["created"] == saved["meta"]["created"]
    assert "results" in done


def test_menu_answer_with_a_note_then_ctrl_c(tmp_path: Path) -> None:
    # pexpect does not answer prompt_toolkit's cursor-position requests, which costs a second's
    # wait at the end of every prompt; say so up front, as for a terminal without them.
    child = _spawn(
        tmp_path, "--framework", "scie-principles", "--project", "Hub", "--output", "menu.toml",
        PROMPT_TOOLKIT_NO_CPR="1",
    )  # fmt: skip
    child.expect("arrow keys, then Enter")
    child.send("\x1b[B")  # down: Disagree
    child.send("\r")
    child.expect("Note on why you chose this")
    child.send("We were outvoted\r")
    child.expect(f"2 of {TOTAL} · ")
    child.expect("arrow keys, then Enter")
    child.sendintr()
    out = _flat(_finish(child))
    assert child.exitstatus == 130, out
    assert "Stopped. 1 answer is saved in menu.toml." in out
    assert "To carry on: coprod-check assess --resume menu.toml" in out

    saved = _read(tmp_path / "menu.toml")
    assert saved["complete"] is False
    assert saved["answers"] == {"equal-say": {"choice": "disagree", "note": "We were outvoted"}}


def test_issue15_no_color_keeps_the_menus_without_colour(tmp_path: Path) -> None:
    child = _spawn(
        tmp_path, "--framework", "scie-principles", "--project", "Hub", "--output", "menu.toml",
        NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1",
    )  # fmt: skip
    child.expect("arrow keys, then Enter")
    screen = str(child.before) + str(child.after)
    child.sendintr()
    screen += _finish(child)
    assert child.exitstatus == 130, screen
    assert not COLOUR.search(screen), "NO_COLOR turns the colour off"
    assert "Type a number and press Enter." not in _flat(screen), "NO_COLOR is not --plain"


def test_a_dumb_terminal_gives_numbered_plain_prompts(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--framework", "scie-principles", TERM="dumb")
    child.expect("What is the project called\\? ")
    child.sendline("Riverside Café")
    child.expect("Answer: ")
    screen = str(child.before)
    assert f"1 of {TOTAL} · " in screen
    assert "1. Strongly disagree" in screen
    assert "5. Strongly agree" in screen
    assert "Type a number and press Enter." in _flat(screen)
    child.sendline("5")
    child.expect("Note: ")
    child.sendline("")
    child.expect("Answer: ")
    screen += str(child.before)
    child.sendeof()  # Ctrl-D stops as Ctrl-C does
    out = _finish(child)
    assert child.exitstatus == 130, out
    assert not ESCAPE.search(screen + out)
    written = [path for path in tmp_path.glob("riverside-caf-*.toml")]
    assert len(written) == 1
    assert f"Stopped. 1 answer is saved in {written[0]}." in _flat(out)
    saved = _read(written[0])
    assert saved["meta"]["project"] == "Riverside Café"
    assert saved["answers"] == {"equal-say": {"choice": "strongly-agree"}}


# -- Ctrl-C at any prompt keeps every answer chosen (issue 11, item 3) ----------------------------

NOTE = FIRST_TWO["equal-say"]["note"]
SECOND_NOTE = FIRST_TWO["strengths-not-needs"]["note"]
FIRST = {"equal-say": {"choice": "agree", "note": NOTE}}
BOTH = {**FIRST, "strengths-not-needs": {"choice": "mixed", "note": SECOND_NOTE}}

Steps = list[tuple[str, str | None]]
"""What to wait for, then what to type (None: type nothing). Ctrl-C comes after the last step."""

ANSWER_THE_FIRST: Steps = [
    (f"1 of {TOTAL} · ", None), ("Answer: ", "4"), ("Note: ", NOTE), (f"2 of {TOTAL} · ", None),
]  # fmt: skip
ANSWER_TWO: Steps = [
    *ANSWER_THE_FIRST, ("Answer: ", "2"), ("Note: ", SECOND_NOTE), (f"3 of {TOTAL} · ", None),
]  # fmt: skip
LIVED_EXPERIENCE = "lived experience: What you know because you have lived"
SECOND_HELP = "Help: The report says lived experience should be seen"

# Where Ctrl-C is pressed: the steps before it, the prompt it is pressed at, the answers that must
# be in the file, and the question a resumed session starts at.
PLAIN_STOPS: dict[str, tuple[Steps, str, dict[str, Any], int]] = {
    "first-question": ([(f"1 of {TOTAL} · ", None)], "Answer: ", {}, 1),
    "help": ([*ANSWER_THE_FIRST, ("Answer: ", "h"), (SECOND_HELP, None)], "Answer: ", FIRST, 2),
    "words": (
        [*ANSWER_THE_FIRST, ("Answer: ", "w"), (LIVED_EXPERIENCE, None)],
        "Answer: ",
        FIRST,
        2,
    ),
    "note": (
        [*ANSWER_THE_FIRST, ("Answer: ", "2")],
        "Note: ",
        {**FIRST, "strengths-not-needs": {"choice": "mixed"}},
        3,
    ),
    "back": ([*ANSWER_TWO, ("Answer: ", "b"), (f"2 of {TOTAL} · ", None)], "Answer: ", BOTH, 3),
    "note-after-back": (
        [*ANSWER_TWO, ("Answer: ", "b"), (f"2 of {TOTAL} · ", None), ("Answer: ", "1")],
        "Note: ",
        {**FIRST, "strengths-not-needs": {"choice": "strengths", "note": SECOND_NOTE}},
        3,
    ),
    "skip": (
        [*ANSWER_THE_FIRST, ("Answer: ", "s"), (f"3 of {TOTAL} · ", None)],
        "Answer: ",
        {**FIRST, "strengths-not-needs": {"skipped": True}},
        2,
    ),
}


def _follow(child: Any, steps: Steps) -> None:
    for prompt, typed in steps:
        child.expect_exact(prompt)
        if typed is not None:
            child.sendline(typed)


def _stopped(child: Any, answers: dict[str, Any], path: Path) -> None:
    """The command ended with 130, saying how many answers are saved, and they are in the file."""
    out = _flat(_finish(child))
    assert child.exitstatus == 130, out
    count = sum(1 for answer in answers.values() if "skipped" not in answer)
    assert f"Stopped. {count} answer{'s are' if count != 1 else ' is'} saved in {path.name}." in out
    assert f"To carry on: coprod-check assess --resume {path.name}" in out
    assert "Traceback" not in out
    saved = _read(path)
    assert saved["complete"] is False
    assert saved["answers"] == answers


def _resume_stops_at(tmp_path: Path, name: str, answers: dict[str, Any], number: int) -> None:
    """A resumed session starts at question ``number``; Ctrl-C there keeps the file's answers."""
    child = _spawn(tmp_path, "--resume", name, "--plain")
    count = sum(1 for answer in answers.values() if "skipped" not in answer)
    if count:
        child.expect_exact(f"Carrying on: {count} of {TOTAL} questions answered.")
    child.expect_exact("Answer: ")
    assert f"{number} of {TOTAL} · " in str(child.before)
    child.sendintr()
    _stopped(child, answers, tmp_path / name)


@pytest.mark.parametrize("stop", list(PLAIN_STOPS))
def test_plain_ctrl_c_at_every_prompt_keeps_every_answer(tmp_path: Path, stop: str) -> None:
    steps, prompt, answers, resume_at = PLAIN_STOPS[stop]
    child = _spawn(
        tmp_path, "--plain", "--framework", "scie-principles", "--project", "Hub",
        "--output", "hub.toml",
    )  # fmt: skip
    _follow(child, steps)
    child.expect_exact(prompt)
    child.sendintr()
    _stopped(child, answers, tmp_path / "hub.toml")
    _resume_stops_at(tmp_path, "hub.toml", answers, resume_at)


UP = "\x1b[A"
DOWN = "\x1b[B"
SELECT = "arrow keys, then Enter"
NOTE_BOX = "Note on why you chose this"
MENU_FIRST: Steps = [
    (SELECT, DOWN + "\r"), (NOTE_BOX, "We were outvoted\r"), (f"2 of {TOTAL} · ", None),
]  # fmt: skip
DISAGREE = {"equal-say": {"choice": "disagree", "note": "We were outvoted"}}

# At the second question the menu ends Help, Words, Skip, Back; the up arrow goes round from the
# first choice to the last entry.
MENU_STOPS: dict[str, tuple[Steps, str, dict[str, Any], int]] = {
    "first-question": ([(f"1 of {TOTAL} · ", None)], SELECT, {}, 1),
    "help": (
        [*MENU_FIRST, (SELECT, UP * 4 + "\r"), ("The report says lived", None)],
        SELECT,
        DISAGREE,
        2,
    ),
    "words": (
        [*MENU_FIRST, (SELECT, UP * 3 + "\r"), (LIVED_EXPERIENCE, None)],
        SELECT,
        DISAGREE,
        2,
    ),
    "note": (
        [*MENU_FIRST, (SELECT, "\r")],
        NOTE_BOX,
        {**DISAGREE, "strengths-not-needs": {"choice": "strengths"}},
        3,
    ),
    "back": ([*MENU_FIRST, (SELECT, UP + "\r"), (f"1 of {TOTAL} · ", None)], SELECT, DISAGREE, 2),
    "note-after-back": (
        [*MENU_FIRST, (SELECT, UP + "\r"), (f"1 of {TOTAL} · ", None), (SELECT, DOWN * 3 + "\r")],
        NOTE_BOX,
        {"equal-say": {"choice": "strongly-agree", "note": "We were outvoted"}},
        2,
    ),
    "skip": (
        [*MENU_FIRST, (SELECT, UP * 2 + "\r"), (f"3 of {TOTAL} · ", None)],
        SELECT,
        {**DISAGREE, "strengths-not-needs": {"skipped": True}},
        2,
    ),
}


@pytest.mark.parametrize("stop", list(MENU_STOPS))
def test_menu_ctrl_c_at_every_prompt_keeps_every_answer(tmp_path: Path, stop: str) -> None:
    steps, prompt, answers, resume_at = MENU_STOPS[stop]
    child = _spawn(
        tmp_path, "--framework", "scie-principles", "--project", "Hub", "--output", "menu.toml",
        PROMPT_TOOLKIT_NO_CPR="1",
    )  # fmt: skip
    for expected, keys in steps:
        child.expect_exact(expected)
        if keys is not None:
            child.send(keys)
    child.expect_exact(prompt)
    child.sendintr()
    _stopped(child, answers, tmp_path / "menu.toml")
    _resume_stops_at(tmp_path, "menu.toml", answers, resume_at)


@pytest.mark.parametrize("plain", [True, False], ids=["plain", "menu"])
def test_ctrl_c_at_the_very_first_prompt_saves_nothing(tmp_path: Path, plain: bool) -> None:
    args = ["--plain"] if plain else []
    child = _spawn(tmp_path, *args, "--framework", "scie-principles", PROMPT_TOOLKIT_NO_CPR="1")
    child.expect_exact("What is the project called?")
    child.sendintr()
    out = _flat(_finish(child))
    assert child.exitstatus == 130, out
    assert "Stopped before the first question; nothing is saved." in out
    assert "Traceback" not in out
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache"]


# -- one session at a time on a results file (issue 11, item 4) ----------------------------------


def _first_answered(tmp_path: Path) -> Any:
    """A plain session on hub.toml with the first question answered, waiting at the second."""
    child = _spawn(
        tmp_path, "--plain", "--framework", "scie-principles", "--project", "Hub",
        "--output", "hub.toml",
    )  # fmt: skip
    _follow(child, ANSWER_THE_FIRST)
    child.expect_exact("Answer: ")
    return child


def test_a_second_session_on_the_same_file_is_refused(tmp_path: Path, run: Any) -> None:
    first = _first_answered(tmp_path)
    before = (tmp_path / "hub.toml").read_bytes()
    host = socket.gethostname()
    for args in (
        ["--resume", "hub.toml", "--plain"],
        ["--plain", "--framework", "scie-principles", "--project", "Hub", "--output", "hub.toml",
         "--force"],
    ):  # fmt: skip
        second = _spawn(tmp_path, *args)
        out = _flat(_finish(second))
        assert second.exitstatus == 2, out
        assert f"hub.toml: another coprod-check assess (pid {first.pid} on {host}, since " in out
        assert "has this results file open; finish or stop that one first" in out
        assert "Traceback" not in out
        assert (tmp_path / "hub.toml").read_bytes() == before
    answers = tmp_path / "answers.yaml"
    answers.write_text("schema: coprod-check/answers/1\nanswers:\n  equal-say: disagree\n")
    # Without a terminal, from an answers file: refused too.
    late = run(
        "assess", "--answers", "answers.yaml", "--framework", "scie-principles",
        "--skip-unanswered", "--output", "hub.toml", "--force", cwd=tmp_path,
    )  # fmt: skip
    assert late.code == 2, late.err
    assert "another coprod-check assess (pid" in late.err
    assert (tmp_path / "hub.toml").read_bytes() == before

    first.sendline("2")  # the first session carries on, and nothing it chose is lost
    first.expect_exact("Note: ")
    first.sendline(SECOND_NOTE)
    first.expect_exact(f"3 of {TOTAL} · ")
    first.expect_exact("Answer: ")
    first.sendintr()
    _stopped(first, BOTH, tmp_path / "hub.toml")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["answers.yaml", "cache", "hub.toml"]
    _resume_stops_at(tmp_path, "hub.toml", BOTH, 3)  # and once it has stopped, the file is free


def test_a_killed_session_does_not_block_the_next(tmp_path: Path) -> None:
    first = _first_answered(tmp_path)
    first.kill(signal.SIGKILL)
    first.close()
    assert first.signalstatus == signal.SIGKILL
    assert (tmp_path / ".hub.toml.lock").exists()  # left behind, but the lock went with it
    _resume_stops_at(tmp_path, "hub.toml", FIRST, 2)
    assert not (tmp_path / ".hub.toml.lock").exists()
    assert not (tmp_path / ".hub.toml.holder").exists()


@pytest.mark.parametrize("change", ["edited", "removed"])
def test_a_file_changed_under_a_session_is_not_saved_over(tmp_path: Path, change: str) -> None:
    first = _first_answered(tmp_path)
    path = tmp_path / "hub.toml"
    if change == "edited":
        edited = path.read_text(encoding="utf-8").replace(NOTE, "Changed in an editor")
        path.write_text(edited, encoding="utf-8")
    else:
        path.unlink()
    first.sendline("2")
    out = _flat(_finish(first))
    assert first.exitstatus == 2, out
    what = "changed" if change == "edited" else "removed"
    assert (
        f"hub.toml: this results file was {what} by something else while this session had it "
        "open, so it was not saved over"
    ) in out
    assert "this session's answers are saved in hub-copy.toml" in out
    assert "coprod-check assess --resume hub-copy.toml" in out
    assert "Traceback" not in out
    if change == "edited":
        assert path.read_text(encoding="utf-8") == edited  # the other change is kept
    else:
        assert not path.exists()
    kept = _read(tmp_path / "hub-copy.toml")  # and so is every answer this session chose
    assert kept["answers"] == {**FIRST, "strengths-not-needs": {"choice": "mixed"}}


# -- issue 13, item 1: which stage is right for each area now -------------------------------------

FIRST_FOUR = (
    "schema: coprod-check/answers/1\nproject: Hub\nanswers:\n  design-stage: design-together\n"
    "  design-timing: while-options-open\n  design-during-delivery: 'yes'\n"
    "  design-parts: [how-it-feels]\n"
)


def _four_design_answers(tmp_path: Path, run: Any) -> None:
    """A results file with the first four design questions answered and the rest skipped, so
    that a resumed session starts at the last design question."""
    (tmp_path / "first.yaml").write_text(FIRST_FOUR, encoding="utf-8")
    made = run(
        "assess", "--answers", "first.yaml", "--framework", "five-areas", "--skip-unanswered",
        "--output", "hub.toml", cwd=tmp_path,
    )  # fmt: skip
    assert made.code == 0, made.err


def _resume(tmp_path: Path, width: int, *args: str) -> Any:
    assert COMMAND is not None
    child = pexpect.spawn(
        COMMAND,
        ["assess", "--resume", "hub.toml", *args],
        env=_env(tmp_path, COLUMNS=str(width), PROMPT_TOOLKIT_NO_CPR="1"),
        cwd=str(tmp_path),
        dimensions=(60, width),
        timeout=20,
        encoding="utf-8",
        codec_errors="replace",
    )
    child.delaybeforesend = None
    return child


def _at(child: Any, number: int, topic: str) -> None:
    child.expect_exact(f"{number} of ")
    child.expect_exact(f" · {topic}")


def _after(child: Any, number: int, topic: str) -> None:
    """At the target question after question ``number`` (not counted among the questions)."""
    child.expect_exact(f"After {number} of ")
    child.expect_exact(f" · {topic}")


def _targets_saved(tmp_path: Path, child: Any, targets: dict[str, str]) -> None:
    out = _flat(_finish(child))
    assert child.exitstatus == 130, out
    # The four answers from the file, the fifth given here, and the target.
    assert f"Stopped. 5 answers and {len(targets)} target" in out
    assert "Traceback" not in out
    saved = _read(tmp_path / "hub.toml")
    assert saved["targets"] == targets
    assert not [key for key in saved["answers"] if "target" in key]


def _starts_after_the_target(tmp_path: Path, width: int, *args: str) -> None:
    """Resumed again, the session starts at the question after design's target question."""
    child = _resume(tmp_path, width, *args)
    _at(child, 6, "Decision-making")
    child.sendintr()
    _targets_saved(tmp_path, child, {"design": "consultation"})


@pytest.mark.parametrize("width", [80, 40])
def test_item_1_plain_target_question_after_the_areas_questions(
    tmp_path: Path, run: Any, width: int
) -> None:
    _four_design_answers(tmp_path, run)
    child = _resume(tmp_path, width, "--plain")
    _at(child, 5, "Design")
    child.expect_exact("Answer: ")
    child.sendline("4")
    child.expect_exact("Note: ")
    child.sendline("")
    _after(child, 5, "Design")
    child.expect_exact("Answer: ")
    screen = str(child.before)
    flat = _flat(screen)
    assert "Which stage is right for design now?" in flat
    assert "the top is not always the aim" in flat
    assert "4. Consultation · Tokenism" in flat
    assert "6. Partnership · Citizen power (suggested)" in flat
    assert "b=back" in flat
    assert [line for line in screen.splitlines() if len(line.rstrip()) > width] == []
    child.sendline("b")  # back to the last design question, and on again
    _at(child, 5, "Design")
    child.expect_exact("Answer: ")
    child.sendline("4")
    child.expect_exact("Note: ")
    child.sendline("")
    _after(child, 5, "Design")
    child.expect_exact("Answer: ")
    child.sendline("4")  # Consultation
    _at(child, 6, "Decision-making")
    child.expect_exact("Answer: ")
    child.sendintr()
    _targets_saved(tmp_path, child, {"design": "consultation"})
    _starts_after_the_target(tmp_path, width, "--plain")


@pytest.mark.parametrize("width", [80, 40])
def test_item_1_menu_target_question_after_the_areas_questions(
    tmp_path: Path, run: Any, width: int
) -> None:
    _four_design_answers(tmp_path, run)
    child = _resume(tmp_path, width)
    _at(child, 5, "Design")
    child.expect_exact("Skip for now")  # the last entry: no going back from the first question
    child.send("\r")  # Strongly disagree
    child.expect_exact("Note on why you chose")
    child.send("\r")
    _after(child, 5, "Design")
    child.expect_exact("Which stage is right for design now?")
    child.expect_exact("Go back")
    if width == 80:
        assert "Partnership · Citizen power (suggested)" in str(child.before)
    child.send(DOWN * 6 + "\r")  # from the suggested stage, past the separator, to Go back
    _at(child, 5, "Design")
    child.expect_exact("Skip for now")
    child.send("\r")
    child.expect_exact("Note on why you chose")
    child.send("\r")
    _after(child, 5, "Design")
    child.expect_exact("Go back")
    child.send(UP * 2 + "\r")  # two stages below the suggested one: Consultation
    _at(child, 6, "Decision-making")
    child.expect_exact("Go back")
    child.sendintr()
    _targets_saved(tmp_path, child, {"design": "consultation"})
    _starts_after_the_target(tmp_path, width)


def test_item_1_stopped_at_the_target_question_starts_there_again(tmp_path: Path, run: Any) -> None:
    _four_design_answers(tmp_path, run)
    child = _resume(tmp_path, 80, "--plain")
    _at(child, 5, "Design")
    child.expect_exact("Answer: ")
    child.sendline("4")
    child.expect_exact("Note: ")
    child.sendline("")
    _after(child, 5, "Design")
    child.expect_exact("Answer: ")
    child.sendintr()
    out = _flat(_finish(child))
    assert child.exitstatus == 130, out
    assert "Stopped. 5 answers are saved in hub.toml." in out
    child = _resume(tmp_path, 80, "--plain")
    child.expect_exact("Answer: ")
    assert "After 5 of " in str(child.before)
    assert "Which stage is right for design now?" in _flat(str(child.before))
    child.sendline("s")  # skipped: the suggested stage stands, and nothing is set
    _at(child, 6, "Decision-making")
    child.expect_exact("Answer: ")
    child.sendintr()
    _finish(child)
    assert "targets" not in _read(tmp_path / "hub.toml")


def test_item_1_with_an_answers_file_its_targets_are_used_not_asked(tmp_path: Path) -> None:
    (tmp_path / "first.yaml").write_text(
        FIRST_FOUR + "targets:\n  design: placation\n", encoding="utf-8"
    )
    child = _spawn(
        tmp_path, "--plain", "--answers", "first.yaml", "--framework", "five-areas",
        "--output", "hub.toml",
    )  # fmt: skip
    _at(child, 5, "Design")
    child.expect_exact("Answer: ")
    child.sendline("4")
    child.expect_exact("Note: ")
    child.sendline("")
    _at(child, 6, "Decision-making")  # no target question for design
    child.expect_exact("Answer: ")
    child.sendintr()
    _targets_saved(tmp_path, child, {"design": "placation"})


# -- who is answering (issue 14, item 1) ------------------------------------------------------


def _voiced_frameworks(folder: Path) -> Path:
    """A framework with roles, whose one question has words for people with lived experience."""
    framework = minimal_framework(
        roles=[
            {"id": "lived-experience", "title": "Person with lived experience",
             "description": "Someone who uses the service."},
            {"id": "staff", "title": "Staff member", "description": "Someone paid to run it."},
        ]
    )  # fmt: skip
    framework["questions"][0]["voices"] = {
        "lived-experience": {
            "text": "When this service makes something, are you part of it?",
            "choices": {"alone": "No, staff make it without us"},
        }
    }
    folder.mkdir()
    (folder / "tiny.yaml").write_text(yaml.safe_dump(framework), encoding="utf-8")
    return folder


@pytest.mark.parametrize("plain", [True, False], ids=["plain", "menu"])
def test_assess_asks_who_is_answering_and_uses_their_words(tmp_path: Path, plain: bool) -> None:
    assert COMMAND is not None
    folder = _voiced_frameworks(tmp_path / "frameworks")
    args = ["assess", "--frameworks-dir", str(folder), "--no-bundled", "--project", "Hub"]
    args += ["--output", "hub.toml", *(["--plain"] if plain else [])]
    child = pexpect.spawn(
        COMMAND, args, env=_env(tmp_path), cwd=str(tmp_path), dimensions=(40, 100),
        timeout=20, encoding="utf-8", codec_errors="replace", preexec_fn=_ctrl_c_as_usual,
    )  # fmt: skip
    child.expect_exact("Who are you answering as?")
    if plain:
        child.expect_exact("1. Person with lived experience")
        child.expect_exact("> ")
        child.sendline("1")
        child.expect_exact("optional")
        child.sendline("Amira")
    else:
        child.expect_exact("arrow keys")
        child.send("\r")  # the first role: lived experience
        child.expect_exact("optional")
        child.sendline("Amira")
    child.expect_exact("are you part of it?")
    child.expect_exact("No, staff make it without us")
    child.sendcontrol("c")
    _finish(child)
    saved = _read(tmp_path / "hub.toml")
    assert saved["meta"]["role"] == "lived-experience"
    assert saved["meta"]["respondent"] == "Amira"


def test_assess_with_a_role_given_does_not_ask(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--plain", "--framework", "scie-principles", "--project", "Hub",
                   "--output", "hub.toml")  # fmt: skip
    child.expect_exact("Answer: ")
    assert "Who are you answering as?" not in str(child.before)
    child.sendcontrol("c")
    _finish(child)
    assert _read(tmp_path / "hub.toml")["meta"]["role"] == "staff"
