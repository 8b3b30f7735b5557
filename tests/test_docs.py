"""The docs move with the code: the CLI reference is generated from the app and must not drift."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT

GENERATE = "typer coprod_check.cli.app utils docs --name coprod-check --output docs/cli.md"


def _python_path() -> dict[str, str]:
    """PYTHONPATH, when set, so that the reference is made from the code under test."""
    return {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}


def test_cli_reference_is_up_to_date(tmp_path: Path) -> None:
    target = tmp_path / "cli.md"
    typer = Path(sys.executable).parent / "typer"
    subprocess.run(
        [
            str(typer),
            "coprod_check.cli.app",
            "utils",
            "docs",
            "--name",
            "coprod-check",
            "--output",
            str(target),
        ],
        check=True,
        capture_output=True,
        env={"PATH": str(typer.parent), "COLUMNS": "100", **_python_path()},
    )
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == target.read_text(encoding="utf-8"), f"regenerate it with: {GENERATE}"


def test_every_command_is_documented() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in [
        "frameworks list",
        "frameworks show",
        "frameworks validate",
        "frameworks schema",
        "glossary",
    ]:
        assert f"## `coprod-check {command}`" in reference


def test_changelog_has_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog


def test_docs_link_to_files_that_exist() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


SET_UP = [
    "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/coprod-check assess",
    "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest",
]
"""The README's two set-up commands, which must keep working exactly as written."""


def test_issue15_readme_says_how_to_put_the_command_on_the_path() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    set_up = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    for command in SET_UP:
        assert f"```console\n{command}\n```" in set_up, "keep the set-up command as it is"
    assert "source .venv/bin/activate" in set_up
    assert "pipx install ." in set_up
    assert set_up.index(SET_UP[0]) < set_up.index("source .venv/bin/activate")
