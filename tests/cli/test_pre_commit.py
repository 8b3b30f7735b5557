"""The pre-commit hook, end to end, through `pre-commit try-repo`.

pre-commit installs the hook (`language: python`) into a virtualenv of its own, so this test needs
the package index (PyPI) to install coprod-check's dependencies; it takes about ten seconds a run.

`try-repo` is pointed at a copy of this repository's working tree, committed to a throwaway git
repository, not at the repository itself. Given a local repository, `try-repo` uses its last commit
plus the changes to files git already tracks (`git add -u`): a file not yet committed, such as a
new `.pre-commit-hooks.yaml` or a new module, would be left out, and a source tree without `.git`
(an sdist) would not work at all. The copy makes the test check the files as they are now.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
CI_DOCS = ROOT / "docs" / "ci.md"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
# What pip needs to build and install coprod-check, and the hooks file.
HOOK_REPO_FILES = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")
HOOK_REPO_FOLDERS = ("src", "frameworks")

PASSING = """\
schema: coprod-check/plan/1
project: Riverside family hub
people: Parents of children under four in Riverside.
areas:
  design: {stage: partnership, how: Parents and staff plan new sessions together.}
  decision-making: {stage: consultation, how: We ask parents before the committee decides.}
  delivery: {stage: placation, how: Parents help run the open mornings.}
  research: {applies: false, how: We do no research of our own.}
  voice: {stage: consultation, how: We pass on what parents tell us to the council.}
answers:
  design-timing: while-options-open
  time-and-money-set-aside: some
  hear-what-came-of-it: usually
  recognition-of-time: expenses-and-thanks
  same-few-people: fresh-people-join
"""
FAILING = PASSING.replace("hear-what-came-of-it: usually", "hear-what-came-of-it: never")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="pre-commit needs git, and git is not installed"
)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=60,
    )


def _new_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    _git("init", "--quiet", cwd=path)
    _git("config", "user.email", "tests@example.com", cwd=path)
    _git("config", "user.name", "coprod-check tests", cwd=path)
    return path


def _commit_all(repo: Path) -> None:
    _git("add", "--all", cwd=repo)
    _git("commit", "--quiet", "--message", "test", cwd=repo)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding this working tree's hook and package, committed."""
    repo = _new_repo(tmp_path_factory.mktemp("hook") / "coprod-check")
    for name in HOOK_REPO_FILES:
        shutil.copy2(ROOT / name, repo / name)
    for name in HOOK_REPO_FOLDERS:
        shutil.copytree(
            ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    _commit_all(repo)
    return repo


def _try_repo(
    hook_repo: Path, plans: dict[str, str], tmp_path: Path, *more: str
) -> subprocess.CompletedProcess[str]:
    project = _new_repo(tmp_path / "project")
    for name, text in plans.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (project / "notes.txt").write_text("Not a plan: the hook leaves it alone.\n", encoding="utf-8")
    _commit_all(project)
    assert PRE_COMMIT.exists(), "pre-commit is in the test extra: pip install -e '.[test]'"
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hook_repo), "coprod-check", *more, "--all-files"],
        cwd=project,
        env={
            **os.environ,
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
            "COPROD_CHECK_CACHE_DIR": str(tmp_path / "cache"),
            "NO_COLOR": "1",
        },
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_hook_fails_a_failing_plan(hook_repo: Path, tmp_path: Path) -> None:
    result = _try_repo(hook_repo, {"coprod-plan.yaml": FAILING}, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "coprod-check" in result.stdout
    assert "Failed" in result.stdout
    assert "- exit code: 1" in result.stdout
    assert "coprod-plan.yaml:13:3: CP106 [error] people do not hear what came of their input" in (
        result.stdout
    )
    assert "notes.txt" not in result.stdout


def test_the_hook_passes_a_passing_plan(hook_repo: Path, tmp_path: Path) -> None:
    result = _try_repo(hook_repo, {"coprod-plan.yaml": PASSING}, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_the_hook_checks_a_toml_plan(hook_repo: Path, tmp_path: Path) -> None:
    toml = (
        'schema = "coprod-check/plan/1"\n'
        'project = "Riverside family hub"\n'
        "\n[areas.design]\n"
        'stage = "consultation"\n'
        "\n[answers]\n"
        'hear-what-came-of-it = "rarely"\n'
    )
    result = _try_repo(hook_repo, {"coprod-plan.toml": toml}, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "coprod-plan.toml:8:1: CP106 [error]" in result.stdout


def test_issue15_the_hook_checks_every_plan_in_every_folder(
    hook_repo: Path, tmp_path: Path
) -> None:
    plans = {
        "coprod-plan.yaml": PASSING,
        "teams/north/coprod-plan.yaml": FAILING,
        "teams/south/coprod-plan.yml": PASSING,
        "services/hub/coprod-plan.toml": 'schema = "coprod-check/plan/1"\nproject = "Hub"\n'
        '\n[answers]\nhear-what-came-of-it = "rarely"\n',
        "teams/east/other-plan.yaml": FAILING,  # not a plan's name: left alone
    }
    result = _try_repo(hook_repo, plans, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "coprod-plan.yaml: passed" in out
    assert "teams/north/coprod-plan.yaml:13:3: CP106 [error]" in out
    assert "teams/north/coprod-plan.yaml: failed" in out
    assert "teams/south/coprod-plan.yml: passed" in out
    assert "services/hub/coprod-plan.toml: failed" in out
    assert "other-plan.yaml" not in out


def test_issue15_the_hook_reports_a_plan_it_cannot_check_and_the_others(
    hook_repo: Path, tmp_path: Path
) -> None:
    plans = {
        "a/coprod-plan.yaml": PASSING.replace("stage: partnership", "stage: partnershp"),
        "b/coprod-plan.yaml": FAILING,
    }
    result = _try_repo(hook_repo, plans, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr  # pre-commit: the hook failed
    assert "- exit code: 2" in result.stdout
    assert "a/coprod-plan.yaml:5:19: 'partnershp' is not a stage" in result.stdout
    assert "b/coprod-plan.yaml: failed" in result.stdout


def _shown_rev() -> str:
    found = re.findall(r"^\s+rev: ([0-9a-f]{40})\b", CI_DOCS.read_text(encoding="utf-8"), re.M)
    assert found, "docs/ci.md shows a full commit id as the hook's rev"
    assert len(set(found)) == 1
    return found[0]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this repository's git history")
def test_issue15_the_rev_the_docs_show_works(tmp_path: Path) -> None:
    """The rev in docs/ci.md is a commit of this repository whose hook checks plans in folders:
    run through pre-commit at that very commit."""
    rev = _shown_rev()
    result = _try_repo(
        ROOT,
        {"coprod-plan.yaml": PASSING, "teams/north/coprod-plan.yaml": FAILING},
        tmp_path,
        "--ref",
        rev,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "teams/north/coprod-plan.yaml:13:3: CP106 [error]" in result.stdout
    assert "coprod-plan.yaml: passed" in result.stdout


def test_issue15_the_docs_never_show_a_rev_that_does_not_exist() -> None:
    text = CI_DOCS.read_text(encoding="utf-8") + (ROOT / ".pre-commit-hooks.yaml").read_text(
        encoding="utf-8"
    )
    assert "v0.1.0" not in text
