"""The errors coprod-check raises, each knowing where in which file it happened.

Core code raises these; only the command-line layer turns them into words on stderr and an exit
code. Every error prints as one line, ``FILE:LINE:COL: what is wrong``, with an optional hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

T = TypeVar("T")


class Location(NamedTuple):
    """A place in a file. ``line`` and ``column`` count from 1; 0 means "the whole file"."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        if self.column <= 0:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


def did_you_mean(
    name: str, known: Iterable[str], *, otherwise: str = "", cutoff: float = 0.6
) -> str:
    """A hint naming the known word closest to ``name``, or ``otherwise`` when none is close."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return f"did you mean {close[0]!r}?" if close else otherwise


class CoprodError(Exception):
    """A problem the user can fix: bad input, bad usage or an invalid file."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def lines(self) -> list[str]:
        """The error as the lines a person reads: the problem, then the hint if there is one."""
        where = f"{self.location}: " if self.location else ""
        text = [f"{where}{self.message}"]
        if self.hint:
            text.append(f"  hint: {self.hint}")
        return text

    def __str__(self) -> str:
        return "\n".join(self.lines())


class FileError(CoprodError):
    """A file cannot be read or parsed at all."""


class ValidationError(CoprodError):
    """A file parsed, but what it says is not valid."""


class ManyErrors(CoprodError):
    """Several problems found together, reported all at once so they can be fixed in one go."""

    def __init__(self, errors: Iterable[CoprodError]) -> None:
        self.errors = list(errors)
        count = len(self.errors)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")

    def lines(self) -> list[str]:
        return [line for error in self.errors for line in error.lines()]


class Problems:
    """The errors found in one file, gathered as it is read so that all of them are reported at
    once, in the order of the file's lines."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[CoprodError] = []

    def add(self, error: CoprodError) -> None:
        self.found.extend(error.errors if isinstance(error, ManyErrors) else [error])

    def attempt(self, read: Callable[[], T], otherwise: T) -> T:
        """What ``read`` gives, or ``otherwise`` once its errors are noted."""
        try:
            return read()
        except CoprodError as error:
            self.add(error)
            return otherwise

    def raise_any(self, *, limit: int) -> None:
        """Raise what was found: one error as it is, several as one :class:`ManyErrors` of at
        most ``limit``, with a last line saying how many more there are."""
        if len(self.found) == 1:
            raise self.found[0]
        if not self.found:
            return
        ordered = sorted(self.found, key=_place)
        shown = ordered[:limit]
        if len(ordered) > limit:
            more = len(ordered) - limit
            shown.append(
                ValidationError(
                    f"{more} more problem{'s' if more != 1 else ''} not shown",
                    Location(self.path),
                    "fix these and check again",
                )
            )
        raise ManyErrors(shown)


def _place(error: CoprodError) -> tuple[int, int]:
    where = error.location
    return (where.line, where.column) if where is not None else (0, 0)


class UsageError(CoprodError):
    """The command was used in a way that cannot work (an unknown id, a missing option)."""


class Interrupted(CoprodError):
    """The person stopped the questionnaire; what they answered is saved."""

    exit_code = 130

    def lines(self) -> list[str]:
        return [self.message, *([self.hint] if self.hint else [])]
