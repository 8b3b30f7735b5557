"""`coprod-check init` at a terminal (issue 15, "Command line"): a pathway typed wrong is asked
again, with the closest name, instead of ending the command after every question; and what the
command line says already is not asked. Run as a person would, in a pseudo-terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX tty")


def _spawn(tmp_path: Path, *args: str) -> Any:
    env = {**os.environ, "COPROD_CHECK_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coprod_check", "init", *args],
        env=env,
        cwd=str(tmp_path),
        dimensions=(24, 80),
        timeout=20,
        encoding="utf-8",
        codec_errors="replace",
    )
    child.delaybeforesend = None
    return child


def _plan(tmp_path: Path) -> dict[str, Any]:
    data = yaml.safe_load((tmp_path / "coprod-plan.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_issue15_a_mistyped_pathway_is_asked_again_with_the_closest(tmp_path: Path) -> None:
    child = _spawn(tmp_path)
    child.expect_exact("What is the project called? [Our project] ")
    child.sendline("Riverside hub")
    child.expect_exact("Who is it for, in a few plain words? ")
    child.sendline("Parents in Riverside.")
    child.expect_exact("Which pathway: arnstein, tlap-ladder? [arnstein] ")
    child.sendline("tlap")
    child.expect_exact("There is no pathway called 'tlap': did you mean 'tlap-ladder'?")
    child.expect_exact("Which pathway: arnstein, tlap-ladder? [arnstein] ")
    child.sendline("tlap-ladder")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    plan = _plan(tmp_path)
    assert (plan["project"], plan["pathway"]) == ("Riverside hub", "tlap-ladder")


def test_issue15_what_the_options_say_is_not_asked(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--project", "Riverside hub", "--pathway", "tlap-ladder")
    child.expect_exact("Who is it for, in a few plain words? ")
    child.sendline("Parents in Riverside.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Which pathway" not in str(child.before)
    plan = _plan(tmp_path)
    assert (plan["project"], plan["pathway"]) == ("Riverside hub", "tlap-ladder")
