"""Findings as SARIF 2.1.0, for code scanning: every rule, and one result per finding, in one
run for every plan given.

A plan that could not be checked is a result too (rule CP000, invalid-plan), so code scanning
shows it where it shows findings, and a notification of the invocation, which did not succeed.
"""

import json
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from coprod_check import __version__
from coprod_check.check.rules import RULES, CheckReport, CheckRule, Finding
from coprod_check.check.unchecked import NOT_CHECKED, Outcome, Problem, Unchecked, reports
from coprod_check.render.check.github_format import with_fix, with_hint

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_DESCRIBED: tuple[CheckRule, ...] = (*RULES.values(), NOT_CHECKED)
_INDEX = {rule.id: index for index, rule in enumerate(_DESCRIBED)}


def artifact_uri(path: str) -> str:
    """The plan's path as a URI reference: relative paths stay relative to where it ran."""
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return quote(PurePath(path).as_posix())


FINGERPRINT = "coprodCheck/v1"
"""The key of each result's own fingerprint (see ``Finding.fingerprint``): code scanning
matches results across runs by it, so moving lines in the plan neither closes nor opens one."""


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "help": {"text": _help(rule)},
            "helpUri": rule.help_uri,
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
        for rule in _DESCRIBED
    ]


def _help(rule: CheckRule) -> str:
    why = f"Why it matters: the report, {rule.section!r}. " if rule.section else ""
    return f"{why}How to fix it, with an example: {rule.help_uri}"


def _region(finding: Finding) -> dict[str, int]:
    region = {"startLine": finding.line, "startColumn": finding.column}
    if finding.end_line is not None and finding.end_column is not None:
        region |= {"endLine": finding.end_line, "endColumn": finding.end_column}
    return region


def _result(finding: Finding) -> dict[str, Any]:
    return {
        "ruleId": finding.rule,
        "ruleIndex": _INDEX[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": with_fix(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(finding.path)},
                    "region": _region(finding),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: finding.fingerprint},
    }


def _location(problem: Problem) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(problem.path)}}
    if problem.line > 0:
        physical["region"] = {"startLine": problem.line, "startColumn": max(problem.column, 1)}
    return {"physicalLocation": physical}


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "ruleId": NOT_CHECKED.id,
        "ruleIndex": _INDEX[NOT_CHECKED.id],
        "level": "error",
        "message": {"text": with_hint(problem)},
        "locations": [_location(problem)],
        "partialFingerprints": {FINGERPRINT: problem.fingerprint},
    }


def _results(outcome: Outcome) -> list[dict[str, Any]]:
    if isinstance(outcome, CheckReport):
        return [_result(finding) for finding in outcome.findings]
    return [_problem(problem) for problem in outcome.problems]


def _properties(report: CheckReport) -> dict[str, Any]:
    return {
        "project": report.project,
        "pathway": report.pathway,
        "passed": report.passed,
        "overallStage": report.assessment.overall.stage,
        "disabledRules": list(report.disabled),
    }


def _invocation(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    problems = [
        problem
        for outcome in outcomes
        if isinstance(outcome, Unchecked)
        for problem in outcome.problems
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not problems}
    if problems:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": with_hint(problem)},
                "locations": [_location(problem)],
                "associatedRule": {"id": NOT_CHECKED.id, "index": _INDEX[NOT_CHECKED.id]},
            }
            for problem in problems
        ]
    return invocation


def as_data(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    checked = reports(outcomes)
    if len(outcomes) == 1 and checked:
        properties = _properties(checked[0])
    else:
        properties = {
            "passed": all(report.passed for report in checked) and len(checked) == len(outcomes),
            "plans": [{"path": report.path, **_properties(report)} for report in checked],
            "notChecked": [o.path for o in outcomes if isinstance(o, Unchecked)],
        }
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "coprod-check", "version": __version__, "rules": _rules()}},
        "invocations": [_invocation(outcomes)],
        "columnKind": "unicodeCodePoints",
        "results": [result for outcome in outcomes for result in _results(outcome)],
        "properties": properties,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(outcomes: Sequence[Outcome]) -> str:
    return json.dumps(as_data(outcomes), indent=2, ensure_ascii=False) + "\n"
