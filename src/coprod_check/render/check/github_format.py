"""Findings as GitHub Actions workflow commands, so each one shows as an annotation on the plan.

One ``::error file=…,line=…,col=…,title=…::message`` line per finding (``notice`` for info),
escaped as GitHub asks, then one plain summary line per plan that is not a command. A plan that
could not be checked is an error annotation too, on the line the problem is at.
"""

from collections.abc import Sequence

from coprod_check.check.rules import CheckReport, Finding
from coprod_check.check.unchecked import NOT_CHECKED, Outcome, Problem, Unchecked
from coprod_check.render.words import NOT_PLACED

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message: ``%``, carriage return and line feed."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command's property value: as for the message, and also ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def with_fix(finding: Finding) -> str:
    """The finding's message as a sentence, then its remediation: ``message. Fix: …``."""
    end = "" if finding.message.endswith((".", "?", "!")) else "."
    return f"{finding.message}{end} Fix: {finding.remediation}"


def with_hint(problem: Problem) -> str:
    """The problem as a sentence, then its hint: ``message. Hint: …``."""
    end = "" if problem.message.endswith((".", "?", "!")) else "."
    return f"{problem.message}{end} Hint: {problem.hint}" if problem.hint else problem.message


def _properties(pairs: list[tuple[str, str]]) -> str:
    return ",".join(f"{key}={escape_property(value)}" for key, value in pairs)


def _command(finding: Finding) -> str:
    properties = _properties(
        [
            ("file", finding.path),
            ("line", str(finding.line)),
            ("col", str(finding.column)),
            ("title", f"{finding.rule} {finding.name}"),
        ]
    )
    return f"::{_COMMANDS[finding.severity]} {properties}::{escape_data(with_fix(finding))}"


def _problem(problem: Problem) -> str:
    pairs = [("file", problem.path)]
    if problem.line > 0:
        pairs.append(("line", str(problem.line)))
        if problem.column > 0:
            pairs.append(("col", str(problem.column)))
    pairs.append(("title", f"{NOT_CHECKED.id} {NOT_CHECKED.name}"))
    return f"::error {_properties(pairs)}::{escape_data(with_hint(problem))}"


def summary(report: CheckReport) -> str:
    """One line: the verdict, the counts and the overall stage, as the text format ends."""
    counts = {
        severity: sum(1 for f in report.findings if f.severity == severity)
        for severity in ("error", "warning", "info")
    }
    tally = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    stage = report.assessment.overall.stage or NOT_PLACED
    verdict = "passed" if report.passed else "failed"
    line = f"coprod-check: {report.path}: {verdict} ({tally}); overall stage: {stage}"
    if report.disabled:
        line += f"; rules turned off in the policy: {', '.join(report.disabled)}"
    # A plain line, but a path could hold a line break: keep it one line, never a command.
    return escape_data(line)


def _not_checked(outcome: Unchecked) -> str:
    count = len(outcome.problems)
    line = f"coprod-check: {outcome.path}: not checked ({count} problem{'s' if count != 1 else ''})"
    return escape_data(line)


def render(outcomes: Sequence[Outcome]) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        if isinstance(outcome, CheckReport):
            lines += [_command(finding) for finding in outcome.findings]
        else:
            lines += [_problem(problem) for problem in outcome.problems]
    for outcome in outcomes:
        lines.append(
            summary(outcome) if isinstance(outcome, CheckReport) else _not_checked(outcome)
        )
    return "\n".join(lines) + "\n"
