"""A plan that could not be checked at all (exit 2), kept as data so that every machine format
can show why where it shows findings: a file that cannot be read, a plan that is not valid, an
option that does not fit it, a framework that does not load.

What a person reads is still the error's own words on stderr, from the command line's one error
handler; this is the same error for CI, in the format it was asked for.
"""

import hashlib
from collections.abc import Sequence

from msgspec import Struct

from coprod_check.check.rules import CheckReport, CheckRule
from coprod_check.errors import CoprodError, ManyErrors

NOT_CHECKED = CheckRule(
    "CP000",
    "invalid-plan",
    "error",
    "",
    "The plan is a file coprod-check can read and check: YAML or TOML, with the keys, ids and "
    "stages it knows.",
)
"""Not a rule of the plan's, which a policy could turn off: the name the machine formats give a
plan that could not be checked, so that it shows beside the findings."""


class Problem(Struct, frozen=True, kw_only=True):
    """One thing that kept a plan from being checked, and where (``line`` 0: no one place)."""

    message: str
    hint: str
    path: str
    line: int
    column: int

    @property
    def fingerprint(self) -> str:
        """The same problem in the same place has the same fingerprint, run after run."""
        key = "\0".join((NOT_CHECKED.id, self.path, str(self.line), self.message))
        return hashlib.sha256(key.encode()).hexdigest()[:32]


class Unchecked(Struct, frozen=True, kw_only=True):
    """A plan that could not be checked, and every problem found with it."""

    path: str
    problems: tuple[Problem, ...]


Outcome = CheckReport | Unchecked
"""What checking one plan came to: a report, or the problems that stopped it."""


def unchecked(path: str, error: CoprodError) -> Unchecked:
    """The plan at ``path`` as not checked, because of ``error`` (one error, or several)."""
    return Unchecked(path=path, problems=tuple(_problems(path, error)))


def _problems(path: str, error: CoprodError) -> list[Problem]:
    if isinstance(error, ManyErrors):
        return [problem for inner in error.errors for problem in _problems(path, inner)]
    where = error.location
    return [
        Problem(
            message=error.message,
            hint=error.hint,
            path=where.path if where else path,
            line=max(where.line, 0) if where else 0,
            column=max(where.column, 0) if where else 0,
        )
    ]


def reports(outcomes: Sequence[Outcome]) -> list[CheckReport]:
    """The plans that were checked."""
    return [outcome for outcome in outcomes if isinstance(outcome, CheckReport)]
