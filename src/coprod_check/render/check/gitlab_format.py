"""Findings as a GitLab Code Quality report: the JSON array of issues that GitLab shows in the
merge request and the pipeline (``artifacts: reports: codequality:``).

GitLab reads a subset of the Code Climate issue: ``description``, ``check_name``,
``fingerprint``, ``severity`` (``info``, ``minor``, ``major``, ``critical`` or ``blocker``),
``location.path`` and ``location.lines.begin``. The fingerprint is the finding's own (see
``Finding.fingerprint``), so an issue keeps its identity while lines move. A plan that could not
be checked is a ``blocker`` issue (CP000 invalid-plan).
"""

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from coprod_check.check.rules import CheckReport, Finding
from coprod_check.check.unchecked import NOT_CHECKED, Outcome, Problem
from coprod_check.render.check.github_format import with_fix, with_hint

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
"""GitLab's severity for each of ours; a plan that could not be checked is a blocker."""


def _path(path: str) -> str:
    """The path as GitLab wants it: relative to the repository, with forward slashes."""
    return PurePath(path).as_posix().removeprefix("./")


def _finding(finding: Finding) -> dict[str, Any]:
    lines = {"begin": finding.line}
    if finding.end_line is not None:
        lines["end"] = finding.end_line
    return {
        "description": with_fix(finding),
        "check_name": finding.rule,
        "fingerprint": finding.fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {"path": _path(finding.path), "lines": lines},
    }


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "description": with_hint(problem),
        "check_name": NOT_CHECKED.id,
        "fingerprint": problem.fingerprint,
        "severity": "blocker",
        "location": {"path": _path(problem.path), "lines": {"begin": max(problem.line, 1)}},
    }


def _issues(outcome: Outcome) -> list[dict[str, Any]]:
    if isinstance(outcome, CheckReport):
        return [_finding(finding) for finding in outcome.findings]
    return [_problem(problem) for problem in outcome.problems]


def render(outcomes: Sequence[Outcome]) -> str:
    issues = [issue for outcome in outcomes for issue in _issues(outcome)]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
