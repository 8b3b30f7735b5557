"""Findings as SARIF 2.1.0, for code scanning: every rule, and one result per finding."""

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from coprod_check import __version__
from coprod_check.check.rules import RULES, CheckReport, Finding
from coprod_check.render.check.github_format import with_fix

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_INDEX = {rule_id: index for index, rule_id in enumerate(RULES)}


def artifact_uri(path: str) -> str:
    """The plan's path as a URI reference: relative paths stay relative to where it ran."""
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return quote(PurePath(path).as_posix())


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "help": {"text": f"The report: {rule.section}"},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
        for rule in RULES.values()
    ]


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
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }


def as_data(report: CheckReport) -> dict[str, Any]:
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "coprod-check", "version": __version__, "rules": _rules()}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding) for finding in report.findings],
        "properties": {
            "project": report.project,
            "pathway": report.pathway,
            "passed": report.passed,
            "overallStage": report.assessment.overall.stage,
            "disabledRules": list(report.disabled),
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(report: CheckReport) -> str:
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"
