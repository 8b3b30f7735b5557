"""`coprod-check assess` end to end in a pseudo-terminal: answer, stop with Ctrl-C, carry on.

These run the installed command under pexpect, as a person at a terminal would.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

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

TOTAL = 16  # questions in scie-principles
ESCAPE = re.compile(r"\x1b")


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


def _spawn(tmp_path: Path, *args: str, **env: str) -> Any:
    assert COMMAND is not None
    child = pexpect.spawn(
        COMMAND,
        ["assess", *args],
        env=_env(tmp_path, **env),
        cwd=str(tmp_path),
        dimensions=(40, 100),
        timeout=20,
        encoding="utf-8",
        codec_errors="replace",
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


@pytest.mark.parametrize("setting", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=["NO_COLOR", "dumb"])
def test_no_color_gives_numbered_plain_prompts(tmp_path: Path, setting: dict[str, str]) -> None:
    child = _spawn(tmp_path, "--framework", "scie-principles", **setting)
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
