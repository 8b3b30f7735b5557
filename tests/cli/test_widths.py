"""Every command that prints for people honours the terminal's width (COLUMNS here), at 40
columns too, and never cuts a word or a cell short (issue 15, "Command line"). The check's own
finding lines are kept whole on purpose (see tests/cli/test_check.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
EXAMPLES = Path("examples")  # from the top folder, so that the names are as short as people's
THIS, LAST = EXAMPLES / "results" / "this-year.toml", EXAMPLES / "results" / "last-year.toml"
COMMANDS = {
    "report": ["report", str(THIS)],
    "report --plain": ["report", str(THIS), "--plain"],
    "combine": ["combine", str(EXAMPLES / "respondents")],
    "compare": ["compare", str(LAST), str(THIS)],
    "trend": ["trend", str(LAST), str(THIS)],
    "trend --plain": ["trend", str(LAST), str(THIS), "--plain"],
    "explain": ["explain", str(EXAMPLES / "answers-workshop.yaml"), "--all"],
    "glossary": ["glossary"],
    "frameworks list": ["frameworks", "list"],
    "assess --answers": [
        "assess",
        "--answers",
        str(EXAMPLES / "answers-workshop.yaml"),
        "--skip-unanswered",
        "--output",
        "hub.toml",
    ],
}


@pytest.mark.parametrize("columns", [40, 72])
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_issue15_output_fits_the_width(
    run: RunFn, tmp_path: Path, command: list[str], columns: int
) -> None:
    cwd = ROOT
    if command[0] == "assess":  # it saves in the folder it runs in
        command = [str(ROOT / part) if part.startswith("examples") else part for part in command]
        cwd = tmp_path
    result = run(*command, cwd=cwd, env={"COLUMNS": str(columns)})
    assert result.code == 0, result.err
    too_long = [line for line in result.out.splitlines() if len(line) > columns]
    assert too_long == []
    assert "\u2026" not in result.out, "nothing is cut short with an ellipsis"
