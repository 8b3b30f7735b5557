"""`coprod-check init` without a terminal (issue 15, "Command line"): --pathway and --project,
and --output - to print the plan. tests/cli/test_init_pty.py asks at a terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from tests.helpers import Run

RunFn = Callable[..., Run]


def test_issue15_init_takes_the_pathway(run: RunFn, tmp_path: Path) -> None:
    result = run("init", "--pathway", "tlap-ladder", "--project", "Hub", cwd=tmp_path)
    assert result.code == 0, result.err
    plan = yaml.safe_load((tmp_path / "coprod-plan.yaml").read_text(encoding="utf-8"))
    assert (plan["project"], plan["pathway"]) == ("Hub", "tlap-ladder")
    assert run("check", cwd=tmp_path).code == 0


def test_issue15_init_refuses_an_unknown_pathway_before_anything(
    run: RunFn, tmp_path: Path
) -> None:
    result = run("init", "--pathway", "tlap-ladr", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[0] == "no pathway called 'tlap-ladr'"
    assert "did you mean 'tlap-ladder'?" in result.err
    assert not (tmp_path / "coprod-plan.yaml").exists()


def test_issue15_init_output_dash_prints_the_plan(run: RunFn, tmp_path: Path) -> None:
    result = run("init", "--output", "-", "--project", "Hub", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err == ""
    assert list(tmp_path.iterdir()) == []
    assert yaml.safe_load(result.out)["project"] == "Hub"
    assert "# Check it with:  coprod-check check coprod-plan.yaml" in result.out
    assert run("check", "-", input=result.out).code == 0
