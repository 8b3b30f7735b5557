"""Findings as text, one per line like a linter: ``FILE:LINE:COL: CP101 [error] message``."""

from coprod_check.check.rules import CheckReport
from coprod_check.render.words import NOT_PLACED


def render(report: CheckReport) -> str:
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
    return "\n".join(lines) + "\n"
