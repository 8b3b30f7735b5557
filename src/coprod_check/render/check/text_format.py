"""Findings as text, one per line like a linter: ``FILE:LINE:COL: CP101 [error] message``.

A plan that could not be checked adds nothing here: its error is on stderr, in the same words.
"""

from collections.abc import Sequence

from coprod_check.check.rules import CheckReport
from coprod_check.check.unchecked import Outcome, reports
from coprod_check.render.words import NOT_PLACED


def _report(report: CheckReport) -> list[str]:
    lines = []
    for finding in report.findings:
        lines.append(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} "
            f"[{finding.severity}] {finding.message}"
        )
        lines.append(f"  fix: {finding.remediation}")
        lines.append(f'  why: the report, "{finding.section}"')
    counts = {
        severity: sum(1 for f in report.findings if f.severity == severity)
        for severity in ("error", "warning", "info")
    }
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    overall = report.assessment.overall
    stage = overall.stage or NOT_PLACED
    verdict = "passed" if report.passed else "failed"
    lines.append(f"{report.path}: {verdict} ({summary}); overall stage: {stage}")
    if report.disabled:
        lines.append(f"  rules turned off in the policy: {', '.join(report.disabled)}")
    return lines


def render(outcomes: Sequence[Outcome]) -> str:
    lines = [line for report in reports(outcomes) for line in _report(report)]
    return "\n".join(lines) + "\n" if lines else ""
