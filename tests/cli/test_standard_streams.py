"""``-`` for standard input wherever a file is read, and ``--output -`` for standard output
(issue 15, "Command line"). Errors then name the input ``<stdin>``, with its line and column."""

from __future__ import annotations

import io
import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli_w
import yaml

from coprod_check.errors import FileError
from coprod_check.io import stdin
from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
EXAMPLES = ROOT / "examples"
WEAK = EXAMPLES / "plans" / "weak.yaml"
THIS_YEAR = EXAMPLES / "results" / "this-year.toml"
LAST_YEAR = EXAMPLES / "results" / "last-year.toml"
ANSWERS = EXAMPLES / "answers-workshop.yaml"
FRAMEWORK = ROOT / "frameworks" / "scie-principles.yaml"
MISSPELT = """\
schema: coprod-check/plan/1
project: Hub
areas:
  design: {stage: partnershi}
"""


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# -- standard input -----------------------------------------------------------------------------


def test_issue15_check_reads_the_plan_from_stdin(run: RunFn) -> None:
    result = run("check", "-", input=_text(WEAK))
    assert result.code == 1, result.err
    from_file = run("check", str(WEAK)).out
    assert result.out == from_file.replace(str(WEAK), "<stdin>")
    assert result.out.splitlines()[0].startswith("<stdin>:")


def test_issue15_an_error_in_stdin_names_it_with_line_and_column(run: RunFn) -> None:
    result = run("check", "-", input=MISSPELT)
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        "<stdin>:4:19: 'partnershi' is not a stage of this plan's pathway"
    )


def test_issue15_a_toml_plan_on_stdin_is_read_as_toml(run: RunFn) -> None:
    plan = tomli_w.dumps(yaml.safe_load(_text(WEAK)))
    result = run("check", "-", "-f", "json", input=plan)
    assert result.code == 1, result.err
    found = json.loads(result.out)["findings"]
    expected = json.loads(run("check", str(WEAK), "-f", "json").out)["findings"]
    assert [(f["rule"], f["path"]) for f in found] == [(f["rule"], "<stdin>") for f in expected]


def test_issue15_report_reads_results_from_stdin(run: RunFn) -> None:
    result = run("report", "-", "--plain", input=_text(THIS_YEAR))
    assert result.code == 0, result.err
    assert result.out == run("report", str(THIS_YEAR), "--plain").out


@pytest.mark.parametrize("given", [THIS_YEAR, ANSWERS], ids=["results", "answers"])
def test_issue15_explain_reads_results_or_answers_from_stdin(run: RunFn, given: Path) -> None:
    result = run("explain", "-", input=_text(given))
    assert result.code == 0, result.err
    assert result.out == run("explain", str(given)).out


def test_issue15_assess_takes_answers_from_stdin(run: RunFn, tmp_path: Path) -> None:
    result = run(
        "assess", "--answers", "-", "--skip-unanswered", "--output", "hub.toml",
        cwd=tmp_path, input=_text(ANSWERS),
    )  # fmt: skip
    assert result.code == 0, result.err
    saved = tomllib.loads((tmp_path / "hub.toml").read_text(encoding="utf-8"))
    assert saved["answers"]["design-stage"] == {"choice": "asked-staff-decide"}


def test_issue15_frameworks_validate_reads_stdin(run: RunFn) -> None:
    result = run("frameworks", "validate", "-", input=_text(FRAMEWORK))
    assert result.code == 0, result.err
    count = len(yaml.safe_load(FRAMEWORK.read_text(encoding="utf-8"))["questions"])
    assert result.out == f"<stdin>: valid (questions 'scie-principles', {count} questions)\n"


def test_issue15_an_invalid_framework_on_stdin_is_named(run: RunFn) -> None:
    broken = _text(FRAMEWORK).replace("kind: questions", "kind: questionz", 1)
    result = run("frameworks", "validate", "-", input=broken)
    assert result.code == 2
    assert result.err.startswith("<stdin>:")


def test_issue15_trend_and_compare_read_one_file_from_stdin(run: RunFn) -> None:
    trend = run("trend", str(LAST_YEAR), "-", "-f", "json", input=_text(THIS_YEAR))
    assert trend.code == 0, trend.err
    points = json.loads(trend.out)["points"]
    assert [point["file"] for point in points] == [str(LAST_YEAR), "<stdin>"]
    compare = run("compare", str(LAST_YEAR), "-", input=_text(THIS_YEAR))
    assert compare.code == 0, compare.err
    from_files = run("compare", str(LAST_YEAR), str(THIS_YEAR)).out
    assert compare.out.split() == from_files.replace(str(THIS_YEAR), "<stdin>").split()


def test_issue15_combine_reads_one_file_from_stdin(run: RunFn) -> None:
    people = EXAMPLES / "respondents"
    given = run("combine", "-", str(people / "ben.toml"), "-f", "json",
                input=_text(people / "amira.toml"))  # fmt: skip
    both = run("combine", str(people / "amira.toml"), str(people / "ben.toml"), "-f", "json")
    assert given.code == 0, given.err
    assert json.loads(given.out) == json.loads(both.out)


def test_issue15_empty_stdin_is_an_empty_file(run: RunFn) -> None:
    result = run("check", "-", input="")
    assert result.code == 2
    assert result.err.startswith("<stdin>:1:1: this file is empty")


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_issue15_stdin_at_a_terminal_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal(io.BytesIO(b"")))
    with pytest.raises(FileError) as raised:
        stdin.read(100)
    assert str(raised.value).startswith("<stdin>: standard input is a terminal, not a file")


def test_issue15_stdin_is_read_once_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"schema: x\n")))
    assert stdin.read(100) == stdin.read(100) == b"schema: x\n"


# -- standard output ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["check", str(WEAK)],
        ["report", str(THIS_YEAR)],
        ["trend", str(LAST_YEAR), str(THIS_YEAR)],
        ["frameworks", "schema"],
    ],
    ids=lambda command: command[0] if command[0] != "frameworks" else "frameworks schema",
)
def test_issue15_output_dash_prints(run: RunFn, tmp_path: Path, command: list[str]) -> None:
    printed = run(*command, "--output", "-", cwd=tmp_path)
    assert printed.code in (0, 1), printed.err
    assert printed.out == run(*command, cwd=tmp_path).out
    assert printed.out
    assert not (tmp_path / "-").exists()


def test_issue15_combine_output_dash_prints_the_combined_result(run: RunFn, tmp_path: Path) -> None:
    result = run("combine", str(EXAMPLES / "respondents"), "--output", "-", cwd=tmp_path)
    assert result.code == 0, result.err
    combined = tomllib.loads(result.out)
    assert combined["schema"] == "coprod-check/result/1"
    assert combined["combined"]["respondents"] == 6
    assert not (tmp_path / "-").exists()
    again = run("report", "-", input=result.out)
    assert again.code == 0, again.err


@pytest.mark.parametrize("option", ["--output", "--resume"])
def test_issue15_assess_refuses_dash_for_its_results_file(
    run: RunFn, tmp_path: Path, option: str
) -> None:
    result = run("assess", "--answers", str(ANSWERS), option, "-", cwd=tmp_path)
    assert result.code == 2
    assert f"{option} cannot be '-'" in result.err
    assert not (tmp_path / "-").exists()
