"""`coprod-check workshop serve` in a pseudo-terminal, as the facilitator sees it: the QR code,
the live panel as people join, and a key (or Ctrl-C) that ends the workshop."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_assess_pty import _ctrl_c_as_usual
from tests.workshop.people import Person

pexpect = pytest.importorskip("pexpect")
httpx2 = pytest.importorskip("httpx2")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX terminal")


def _spawn(tmp_path: Path, *args: str) -> Any:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coprod_check", "workshop", "serve", str(tmp_path / "room"), "--port", "0", *args],
        env=env,
        cwd=str(tmp_path),
        dimensions=(40, 100),
        timeout=30,
        encoding="utf-8",
        codec_errors="replace",
        preexec_fn=_ctrl_c_as_usual,
    )
    child.delaybeforesend = None
    return child


def _joined(child: Any) -> tuple[str, str]:
    child.expect(r"Join at: (http://\S+)")
    address = str(child.match.group(1))
    child.expect(r"Join code: ([A-Z0-9]+)")
    return address, str(child.match.group(1))


def test_issue16_the_terminal_shows_the_qr_code_and_a_live_panel_and_q_ends_it(
    tmp_path: Path,
) -> None:
    child = _spawn(tmp_path, "--project", "Riverside")
    address, code = _joined(child)
    child.expect("▀▀▀")  # the QR code, drawn in block characters
    child.expect(re.escape("No one has joined yet."))
    child.expect(re.escape("Press q to end the workshop"))
    with httpx2.Client(base_url=address, follow_redirects=True) as client:
        someone = Person(client)
        someone.join(code, "partner", "Ben")
        someone.answer()
    child.expect(re.escape("1 has joined: 1 Partner. 0 finished."))
    child.expect("Ben")
    child.send("q")
    child.expect("The workshop has ended")
    child.expect("Saved the combined result of 1 respondent")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "room" / "combined" / "combined.toml").exists()


def test_issue16_ctrl_c_ends_the_workshop_in_the_terminal(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--plain")
    _joined(child)
    child.expect(re.escape("q and Enter to end"))
    child.sendintr()
    child.expect("The workshop has ended")
    child.expect("No one answered anything")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
