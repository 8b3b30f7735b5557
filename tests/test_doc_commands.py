"""Every `$ coprod-check ...` command shown in the README and docs/ works exactly as shown.

Each runs in a fresh folder holding a copy of examples/ and the files the docs refer to
(my-framework.yaml, my-frameworks/). Commands that open the questionnaire need a terminal: without
one they must stop with exit code 2 and say so, which shows their options are all accepted. A
workshop is served as a real process (on a free port of the loopback address), until it has said
how to join and is ended with Ctrl-C.
"""

from __future__ import annotations

import re
import shlex
import shutil
import signal
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT, Run, minimal_framework, run_here
from tests.workshop.served import Served

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHOWN = [
    (page.name, line.removeprefix("$ ").strip())
    for page in PAGES
    if page.name != "cli.md"
    for line in page.read_text(encoding="utf-8").splitlines()
    if re.match(r"^\$ (\S+=\S+ )?coprod-check ", line)
]


def _folder(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    text = yaml.safe_dump(minimal_framework(id="my-framework"), sort_keys=False)
    (tmp_path / "my-framework.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "my-frameworks").mkdir()
    (tmp_path / "my-frameworks" / "mine.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _run(command: str, cwd: Path) -> Run:
    """Run a command as the page shows it (``NAME=value`` before it sets a variable), in ``cwd``,
    with no terminal."""
    words = shlex.split(command)
    env: dict[str, str | None] = {}
    while "=" in words[0]:
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    assert words[0] == "coprod-check"
    return run_here(*words[1:], cwd=cwd, env=env)


def _serve(command: str, cwd: Path) -> None:
    """Serve a workshop as the page shows it, then end it."""
    words = shlex.split(command)
    assert words[:3] == ["coprod-check", "workshop", "serve"]
    with Served(cwd / words[3], *words[4:], cwd=cwd) as served:
        code, out, err = served.end(signal.SIGINT)
    assert code == 0, err
    assert "The workshop has ended" in out


def test_the_docs_show_commands() -> None:
    assert len(SHOWN) >= 12


@pytest.mark.parametrize(("page", "command"), SHOWN, ids=[f"{p}: {c}" for p, c in SHOWN])
def test_shown_command_works(page: str, command: str, tmp_path: Path) -> None:
    cwd = _folder(tmp_path)
    if command.startswith("coprod-check workshop serve "):
        _serve(command, cwd)
        return
    resume = re.search(r"--resume (\S+)", command)
    if resume:  # make the file it carries on with
        made = _run(
            "coprod-check assess --project Riverside --answers examples/answers-workshop.yaml "
            f"--skip-unanswered --output {resume.group(1)}",
            cwd,
        )
        assert made.code == 0, made.err
    if "combined.toml" in command and "--output combined.toml" not in command:
        made = _run("coprod-check combine examples/respondents --output combined.toml", cwd)
        assert made.code == 0, made.err
    result = _run(command, cwd)
    assert "Traceback" not in result.err
    interactive = " assess" in command and "--answers" not in command
    if interactive:
        assert result.code == 2, result.err
        assert "there is no terminal to ask the questions in" in result.err
    else:
        assert result.code == 0, result.err
        assert result.out or result.err
