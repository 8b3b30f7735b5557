"""`coprod-check workshop group` end to end in a pseudo-terminal (issue 16, item 2): the
facilitator counts a show of hands for each question, by role, in the numbered layout; Ctrl-C
keeps every count and --resume carries on; combining the file reads the hands as people."""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.test_assess_pty import COMMAND, _ctrl_c_as_usual
from tests.helpers import Run, minimal_framework

RunFn = Callable[..., Run]

pexpect = pytest.importorskip("pexpect")


pytestmark = [
    pytest.mark.skipif(COMMAND is None, reason="the coprod-check command is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX terminal"),
]

ROLES = [
    {"id": "lived-experience", "title": "Lived experience", "description": "Uses the service."},
    {"id": "staff", "title": "Staff", "description": "Works in the service."},
]
SECOND = {
    "id": "how-asked",
    "text": "How are people asked?",
    "help": "Think of the last time.",
    "type": "scale",
    "dimensions": ["making"],
    "section": "Design",
}


def _framework(folder: Path) -> Path:
    """Two questions (two answers, then five), asked of both roles."""
    framework = minimal_framework(roles=ROLES)
    framework["questions"].append(SECOND)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.yaml").write_text(yaml.safe_dump(framework, sort_keys=False), "utf-8")
    return folder


def _spawn(tmp_path: Path, *args: str) -> Any:
    assert COMMAND is not None
    env = {**os.environ, "COPROD_CHECK_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm"}
    env.pop("COPROD_CHECK_FRAMEWORKS", None)
    folder = _framework(tmp_path / "frameworks")
    child = pexpect.spawn(
        COMMAND,
        ["workshop", "group", "--frameworks-dir", str(folder), "--no-bundled", *args],
        env=env,
        cwd=str(tmp_path),
        dimensions=(40, 80),
        timeout=20,
        encoding="utf-8",
        codec_errors="replace",
        preexec_fn=_ctrl_c_as_usual,
    )
    child.delaybeforesend = None
    return child


def _read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _first_question(child: Any) -> None:
    child.expect("1 of 2 · Making")
    child.expect("Lived experience: ")
    child.sendline("w")  # the words, then the same question again
    child.expect("This question uses no special words.")
    child.expect("Lived experience: ")
    child.sendline("3")  # too few counts: asked again
    child.expect("Type 2 whole numbers")
    child.expect("Lived experience: ")
    child.sendline("3 0")
    child.expect("Staff: ")
    child.sendline("0 2")
    child.expect("Note: ")
    child.sendline("Staff were surprised")


def test_issue16_item2_group_counts_hands_by_role(tmp_path: Path, run: RunFn) -> None:
    child = _spawn(tmp_path, "--plain", "--project", "Hub", "--output", "hub.toml")
    _first_question(child)
    child.expect("2 of 2 · Making")
    child.expect("Lived experience: ")
    child.sendline("1 2 0 0 0")
    child.expect("Staff: ")
    child.sendline("0 0 0 0 2")
    child.expect("Note: ")
    child.sendline("")
    child.expect("Saved the show of hands of 5 people")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    saved = _read(tmp_path / "hub.toml")
    assert saved["complete"] is True
    assert saved["meta"]["respondent"] == "group"
    assert saved["hands"]["how-made"] == {
        "lived-experience": {"alone": 3},
        "staff": {"together": 2},
    }
    assert saved["hands"]["how-asked"] == {
        "lived-experience": {"strongly-disagree": 1, "disagree": 2},
        "staff": {"strongly-agree": 2},
    }
    # the room's middle answer, for the file read on its own; the note is what was said
    assert saved["answers"]["how-made"] == {"choice": "alone", "note": "Staff were surprised"}
    assert saved["answers"]["how-asked"] == {"choice": "disagree"}

    frameworks = ("--frameworks-dir", str(tmp_path / "frameworks"), "--no-bundled")
    combined = run("combine", "hub.toml", "--output", "combined.toml", *frameworks, cwd=tmp_path)
    assert combined.code == 0, combined.err
    together = _read(tmp_path / "combined.toml")["combined"]
    assert together["respondents"] == 5
    assert {role: view["respondents"] for role, view in together["roles"].items()} == {
        "lived-experience": 3,
        "staff": 2,
    }
    assert {difference["id"] for difference in together["differ"]} >= {"how-asked"}
    alone = run("report", "hub.toml", *frameworks, cwd=tmp_path)  # the room's one voice
    assert alone.code == 0, alone.err


def test_issue16_item2_a_respondents_file_is_not_carried_on_as_a_group(
    tmp_path: Path, run: RunFn
) -> None:
    frameworks = ("--frameworks-dir", str(_framework(tmp_path / "frameworks")), "--no-bundled")
    answers = tmp_path / "answers.yaml"
    answers.write_text("project: Hub\nrole: staff\nanswers:\n  how-made: alone\n", "utf-8")
    made = run("assess", "--answers", str(answers), "--output", "sam.toml", "--skip-unanswered",
               *frameworks, cwd=tmp_path)  # fmt: skip
    assert made.code == 0, made.err
    refused = run("workshop", "group", "--resume", "sam.toml", *frameworks, cwd=tmp_path)
    assert refused.code == 2
    assert "sam.toml: this results file is one respondent's, not a group's" in refused.err
    assert "coprod-check assess --resume sam.toml" in refused.err


def test_issue16_item2_ctrl_c_keeps_the_counts_and_resume_carries_on(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--plain", "--project", "Hub", "--output", "hub.toml")
    _first_question(child)
    child.expect("2 of 2 · Making")
    child.expect("Lived experience: ")
    child.sendintr()
    child.expect("Stopped. The counts for 1 question are saved in hub.toml.")
    child.expect("To carry on: coprod-check workshop group --resume hub.toml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    stopped = _read(tmp_path / "hub.toml")
    assert stopped["complete"] is False
    assert list(stopped["hands"]) == ["how-made"]

    child = _spawn(tmp_path, "--plain", "--resume", "hub.toml")
    child.expect("2 of 2 · Making")  # carries on at the question not yet counted
    child.expect("Lived experience: ")
    child.sendline("b")  # back: the counts kept are shown, and Enter keeps them
    child.expect("1 of 2 · Making")
    child.expect(r"Lived experience \(now 3 0\): ")
    child.sendline("")
    child.expect(r"Staff \(now 0 2\): ")
    child.sendline("")
    child.expect("Note: ")
    child.sendline("")
    child.expect("2 of 2 · Making")
    child.expect("Lived experience: ")
    child.sendline("s")  # skipped by the room
    child.expect("Saved the show of hands of 5 people")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = _read(tmp_path / "hub.toml")
    assert saved["complete"] is True
    assert saved["hands"] == stopped["hands"]
    assert saved["answers"]["how-made"]["note"] == "Staff were surprised"
    assert saved["answers"]["how-asked"] == {"skipped": True}


def test_issue16_item2_group_in_text_boxes_at_a_terminal(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--project", "Hub", "--output", "hub.toml")
    child.expect("1 of 2 · Making")
    child.expect("Lived experience:")
    child.send("3\r")  # too few counts: the box says so and keeps it
    child.expect("Type 2 whole numbers")
    child.send("\x7f3 0\r")  # rub out the 3, type the two counts
    child.expect("Staff:")
    child.send("0 2\r")
    child.expect("Note on why")
    child.send("Staff were surprised\r")
    child.expect("2 of 2 · Making")
    child.expect("Lived experience:")
    child.send("\r")  # an empty box: the menu
    child.expect("What would you like to do?")
    child.send("\x1b[B\x1b[B\x1b[B\r")  # down past help and words to skip
    child.expect("Saved the show of hands of 5 people")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = _read(tmp_path / "hub.toml")
    assert saved["hands"] == {
        "how-made": {"lived-experience": {"alone": 3}, "staff": {"together": 2}}
    }
    assert saved["answers"]["how-made"]["note"] == "Staff were surprised"
    assert saved["answers"]["how-asked"] == {"skipped": True}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--project", "Hub"), "there is no terminal to count the hands in"),
        (("--role", "boss"), "no role called 'boss'"),
        (("--output", "-"), "--output cannot be '-'"),
    ],
)
def test_issue16_item2_group_refuses_what_it_cannot_do(
    tmp_path: Path, run: RunFn, args: tuple[str, ...], said: str
) -> None:
    frameworks = ("--frameworks-dir", str(_framework(tmp_path / "frameworks")), "--no-bundled")
    refused = run("workshop", "group", *args, *frameworks, cwd=tmp_path)
    assert refused.code == 2, refused.err
    assert said in refused.err
    assert "Traceback" not in refused.err
    assert not list(tmp_path.glob("*.toml"))
