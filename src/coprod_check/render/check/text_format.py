"""Findings as text, one per finding like a linter: ``FILE:LINE:COL: CP101 [error] message``,
then what to do and the part of the report it rests on.

The finding's own line, and the verdict at the end, are kept whole, as every linter keeps them,
so that editors, ``grep`` and problem matchers read one finding from one line. What to do and
why are wrapped to the width given, their later lines indented, and no word is cut. A plan that
could not be checked adds nothing here: its error is on stderr, in the same words.
"""

from collections.abc import Sequence

from coprod_check.check.rules import CheckReport
from coprod_check.check.unchecked import Outcome, reports
from coprod_check.render.words import NOT_PLACED
from coprod_check.text import wrap


def _report(report: CheckReport, width: int) -> list[str]:
    lines = []
    for finding in report.findings:
        lines.append(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} "
            f"[{finding.severity}] {finding.message}"
        )
        lines += wrap(f"fix: {finding.remediation}", width, "  ", "       ")
        lines += wrap(f'why: the report, "{finding.section}"', width, "  ", "       ")
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
        turned_off = f"rules turned off in the policy: {', '.join(report.disabled)}"
        lines += wrap(turned_off, width, "  ", "    ")
    return lines


def render(outcomes: Sequence[Outcome], width: int = 80) -> str:
    lines = [line for report in reports(outcomes) for line in _report(report, width)]
    return "\n".join(lines) + "\n" if lines else ""
