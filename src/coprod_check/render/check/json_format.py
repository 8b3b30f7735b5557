"""Findings as JSON (``coprod-check/check/1``), stable for scripts; see ``check_schema()``.

One plan gives one object: its report, or (for a plan that could not be checked) its ``errors``.
Several plans give a list of those objects, in the order given.
"""

import json
from collections.abc import Sequence
from typing import Any

import msgspec

from coprod_check.check.rules import CheckReport
from coprod_check.check.unchecked import Outcome, Unchecked
from coprod_check.io.versions import published_id

CHECK_SCHEMA = "coprod-check/check/1"


def as_data(report: CheckReport) -> dict[str, Any]:
    overall = report.assessment.overall
    return {
        "schema": CHECK_SCHEMA,
        "path": report.path,
        "project": report.project,
        "pathway": report.pathway,
        "passed": report.passed,
        "overall": {"stage": overall.stage, "provisional": overall.provisional},
        "areas": {p.area: {"stage": p.stage, "status": p.status} for p in report.assessment.areas},
        "findings": [msgspec.to_builtins(finding) for finding in report.findings],
        "disabled": list(report.disabled),
    }


def unchecked_data(outcome: Unchecked) -> dict[str, Any]:
    return {
        "schema": CHECK_SCHEMA,
        "path": outcome.path,
        "passed": False,
        "errors": [msgspec.to_builtins(problem) for problem in outcome.problems],
    }


def _data(outcome: Outcome) -> dict[str, Any]:
    return as_data(outcome) if isinstance(outcome, CheckReport) else unchecked_data(outcome)


def render(outcomes: Sequence[Outcome]) -> str:
    data: Any = [_data(outcome) for outcome in outcomes]
    if len(data) == 1:
        data = data[0]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def check_schema() -> dict[str, Any]:
    """The JSON Schema of this output."""
    finding = {
        "type": "object",
        "required": [
            "rule", "name", "severity", "message", "remediation", "section", "path", "line",
            "column", "end_line", "end_column", "subject",
        ],
        "additionalProperties": False,
        "properties": {
            "rule": {"type": "string", "pattern": "^CP[0-9]{3}$"},
            "name": {"type": "string"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "remediation": {"type": "string"},
            "section": {"type": "string"},
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": ["integer", "null"], "minimum": 1},
            "end_column": {"type": ["integer", "null"], "minimum": 1},
            "subject": {"type": "string"},
        },
    }  # fmt: skip
    placement = {
        "type": "object",
        "properties": {"stage": {"type": ["string", "null"]}},
    }
    problem = {
        "type": "object",
        "required": ["message", "hint", "path", "line", "column"],
        "additionalProperties": False,
        "properties": {
            "message": {"type": "string"},
            "hint": {"type": "string", "description": "What to do about it; may be empty."},
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 0, "description": "0: no one line."},
            "column": {"type": "integer", "minimum": 0, "description": "0: no one column."},
        },
    }
    not_checked = {
        "type": "object",
        "description": "A plan that could not be checked (exit code 2), and why.",
        "required": ["schema", "path", "passed", "errors"],
        "additionalProperties": False,
        "properties": {
            "schema": {"const": CHECK_SCHEMA},
            "path": {"type": "string"},
            "passed": {"const": False},
            "errors": {"type": "array", "items": {"$ref": "#/$defs/problem"}, "minItems": 1},
        },
    }
    one = {"oneOf": [{"$ref": "#/$defs/report"}, {"$ref": "#/$defs/not_checked"}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": published_id(CHECK_SCHEMA),
        "title": "coprod-check check output",
        "description": (
            "One plan: its report, or why it could not be checked. Several plans: a list of "
            "these, in the order given."
        ),
        "oneOf": [*one["oneOf"], {"type": "array", "items": one, "minItems": 2}],
        "$defs": {
            "report": _report_schema(finding, placement),
            "not_checked": not_checked,
            "problem": problem,
        },
    }


def _report_schema(finding: dict[str, Any], placement: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "The report on a plan that was checked.",
        "required": ["schema", "path", "project", "pathway", "passed", "findings"],
        "additionalProperties": False,
        "properties": {
            "schema": {"const": CHECK_SCHEMA},
            "path": {"type": "string"},
            "project": {"type": "string"},
            "pathway": {"type": "string"},
            "passed": {"type": "boolean"},
            "overall": placement,
            "areas": {"type": "object", "additionalProperties": placement},
            "findings": {"type": "array", "items": finding},
            "disabled": {"type": "array", "items": {"type": "string"}},
        },
    }
