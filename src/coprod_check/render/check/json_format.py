"""Findings as JSON (``coprod-check/check/1``), stable for scripts; see ``check_schema()``."""

import json
from typing import Any

import msgspec

from coprod_check.check.rules import CheckReport

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


def render(report: CheckReport) -> str:
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"


def check_schema() -> dict[str, Any]:
    """The JSON Schema of this output."""
    finding = {
        "type": "object",
        "required": [
            "rule", "name", "severity", "message", "remediation", "section", "path", "line",
            "column",
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
        },
    }  # fmt: skip
    placement = {
        "type": "object",
        "properties": {"stage": {"type": ["string", "null"]}},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:coprod-check:schema:check:1",
        "title": "coprod-check check output",
        "type": "object",
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
