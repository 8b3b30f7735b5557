"""Findings as JUnit XML for CI test reports: one test case per finding.

Errors and warnings are failures; info findings pass, with their message in ``system-out``. A
plan with no findings is one passing test case.
"""

import re
import xml.etree.ElementTree as ET

from coprod_check.check.rules import CheckReport, Finding

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _case(suite: ET.Element, finding: Finding) -> None:
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
    if finding.severity == "info":
        ET.SubElement(case, "system-out").text = _clean(f"{finding.message}\n") + details
        return
    failure = ET.SubElement(case, "failure", message=_clean(finding.message), type=finding.severity)
    failure.text = details


def render(report: CheckReport) -> str:
    failures = sum(1 for f in report.findings if f.severity != "info")
    counts = {
        "tests": str(max(len(report.findings), 1)),
        "failures": str(failures),
        "errors": "0",
        "skipped": "0",
    }
    root = ET.Element("testsuites", {"name": "coprod-check", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "coprod-check", **counts})
    for finding in report.findings:
        _case(suite, finding)
    if not report.findings:
        ET.SubElement(
            suite,
            "testcase",
            classname="coprod-check",
            name=_clean(f"{report.path} meets its co-production policy"),
        )
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
