"""Findings as GitHub-flavoured Markdown for a pull-request comment, one section per plan (a plan
that could not be checked says why). Plain Markdown, no HTML: anything taken from the plan is
escaped, so it cannot add tags, links or table cells."""

import re
from collections.abc import Sequence

from coprod_check.check.rules import CheckReport
from coprod_check.check.unchecked import Outcome, Unchecked
from coprod_check.errors import Location
from coprod_check.render.words import NOT_PLACED, marked_aside

_MARKUP = re.compile(r"([\\`*_\[\]|~#!])")


def text(value: str) -> str:
    """Plan text made safe for Markdown: one line, no tags, no markup of its own."""
    value = " ".join(value.splitlines())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKUP.sub(r"\\\1", value)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(text(cell) for cell in row) + " |" for row in rows)
    return lines


def render(outcomes: Sequence[Outcome]) -> str:
    return "\n".join(
        _report(outcome) if isinstance(outcome, CheckReport) else _not_checked(outcome)
        for outcome in outcomes
    )


def _not_checked(outcome: Unchecked) -> str:
    lines = [f"## coprod-check: {text(outcome.path)}: not checked", ""]
    lines.append("The plan could not be checked. Fix these first:")
    lines.append("")
    for problem in outcome.problems:
        where = str(Location(problem.path, problem.line, problem.column))
        hint = f" ({text(problem.hint)})" if problem.hint else ""
        lines.append(f"- {text(where)}: {text(problem.message)}{hint}")
    return "\n".join(lines) + "\n"


def _report(report: CheckReport) -> str:
    verdict = "passed" if report.passed else "failed"
    overall = report.assessment.overall
    stage = marked_aside(overall.stage or NOT_PLACED, overall.provisional)
    counts = {
        severity: sum(1 for f in report.findings if f.severity == severity)
        for severity in ("error", "warning", "info")
    }
    tally = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    lines = [
        f"## coprod-check: {text(report.project)}: {verdict}",
        "",
        f"Plan {text(report.path)}, on the {text(report.pathway)} pathway: **{verdict}** "
        f"({tally}).",
        "",
        f"**Overall stage:** {text(stage)}",
        "",
        "### Areas",
        "",
        *_table(
            ["Area", "Stage", "Status"],
            [[p.area, p.stage or NOT_PLACED, p.status] for p in report.assessment.areas],
        ),
    ]
    if report.findings:
        rows = [
            [f.rule, f.severity, f"{f.path}:{f.line}:{f.column}", f.message, f.remediation]
            for f in report.findings
        ]
        lines += [
            "",
            "### Findings",
            "",
            *_table(["Rule", "Severity", "Location", "Message", "Fix"], rows),
        ]
        lines += ["", "### Why each finding matters", ""]
        lines += [
            f"- **{text(f.rule)}** {text(f.name)} at {text(f'{f.path}:{f.line}:{f.column}')}: "
            f'the report, "{text(f.section)}"'
            for f in report.findings
        ]
    else:
        lines += ["", "No findings: the plan meets its co-production policy."]
    if report.disabled:
        lines += ["", f"Rules turned off in the policy: {text(', '.join(report.disabled))}"]
    return "\n".join(lines) + "\n"
