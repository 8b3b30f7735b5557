"""Findings as JUnit XML for CI test reports: one test case per finding.

A finding that fails the check is a failed test: errors, and warnings too with ``--fail-on
warning``. Any other finding is a passing test with its message in ``system-out``, so the test
report and the exit code agree. A plan with no findings is one passing test case; a plan that
could not be checked is one test in error. Each plan given is a test suite of its own.
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from coprod_check.check.rules import CheckReport, Finding
from coprod_check.check.unchecked import NOT_CHECKED, Outcome, Problem, Unchecked
from coprod_check.errors import Location

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _case(suite: ET.Element, finding: Finding, *, fails: bool) -> None:
    where = f"{finding.path}:{finding.line}:{finding.column}"
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"coprod-check.{finding.rule}",
        name=_clean(f"{where} {finding.rule}"),
    )
    details = _clean(
        f"{where}: {finding.rule} {finding.name}\n"
        f"fix: {finding.remediation}\n"
        f'why: the report, "{finding.section}"'
    )
    if not fails:
        said = f"[{finding.severity}] {finding.message}\n"
        ET.SubElement(case, "system-out").text = _clean(said) + details
        return
    failure = ET.SubElement(case, "failure", message=_clean(finding.message), type=finding.severity)
    failure.text = details


def _counts(tests: int, failures: int, errors: int) -> dict[str, str]:
    return {
        "tests": str(tests),
        "failures": str(failures),
        "errors": str(errors),
        "skipped": "0",
    }


def _checked(suite: ET.Element, report: CheckReport) -> tuple[int, int, int]:
    for finding in report.findings:
        _case(suite, finding, fails=report.fails(finding))
    if not report.findings:
        ET.SubElement(
            suite,
            "testcase",
            classname="coprod-check",
            name=_clean(f"{report.path} meets its co-production policy"),
        )
    failures = sum(1 for f in report.findings if report.fails(f))
    return max(len(report.findings), 1), failures, 0


def _not_checked(suite: ET.Element, outcome: Unchecked) -> tuple[int, int, int]:
    """A plan that could not be checked is one test that could not run: a JUnit error."""
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"coprod-check.{NOT_CHECKED.id}",
        name=_clean(f"{outcome.path} can be checked"),
    )
    first = outcome.problems[0]
    error = ET.SubElement(case, "error", message=_clean(first.message), type=NOT_CHECKED.name)
    error.text = _clean("\n".join(_problem_lines(problem) for problem in outcome.problems))
    return 1, 0, 1


def _problem_lines(problem: Problem) -> str:
    where = str(Location(problem.path, problem.line, problem.column))
    hint = f"\nhint: {problem.hint}" if problem.hint else ""
    return f"{where}: {problem.message}{hint}"


def render(outcomes: Sequence[Outcome]) -> str:
    root = ET.Element("testsuites", {"name": "coprod-check"})
    totals = [0, 0, 0]
    for outcome in outcomes:
        name = "coprod-check" if len(outcomes) == 1 else f"coprod-check: {outcome.path}"
        suite = ET.SubElement(root, "testsuite", {"name": _clean(name)})
        if isinstance(outcome, CheckReport):
            counts = _checked(suite, outcome)
        else:
            counts = _not_checked(suite, outcome)
        suite.attrib.update(_counts(*counts))
        totals = [total + count for total, count in zip(totals, counts, strict=True)]
    root.attrib.update(_counts(*totals))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
