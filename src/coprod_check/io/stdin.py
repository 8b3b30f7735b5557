"""Standard input as an input file: ``-`` wherever a file is read, as in most command-line tools
(``coprod-check check - < plan.yaml``). Errors then name it ``<stdin>``, with the line and column
as for any file.

Standard input can be read only once, so what is read is kept for the rest of the run: a command
that looks at the start of a file before reading it all sees the same bytes twice.
"""

from __future__ import annotations

import sys
from pathlib import PurePath

from coprod_check.errors import FileError, Location

DASH = "-"
"""The name that stands for standard input (and, for ``--output``, standard output)."""
NAME = "<stdin>"
"""What errors call standard input, where they would name a file."""

_taken: tuple[object, bytes] | None = None
"""The stream read, and what it held (kept, as a second read would find nothing)."""


def is_dash(path: PurePath | str | None) -> bool:
    """Whether ``path`` is ``-``: standard input where a file is read, or standard output where
    one is written."""
    return path is not None and str(path) == DASH


def shown(path: PurePath | str) -> str:
    """The name to give ``path`` in errors and reports: ``<stdin>`` for ``-``."""
    return NAME if is_dash(path) else str(path)


def read(max_bytes: int) -> bytes:
    """What standard input holds, up to one byte past ``max_bytes`` (so that the caller can tell
    a file that is too big); the same bytes each time it is asked for in one run."""
    global _taken  # noqa: PLW0603 — standard input is one stream, read once per run
    stream = sys.stdin
    if _taken is not None and _taken[0] is stream:
        return _taken[1]
    where = Location(NAME)
    if stream is None or stream.closed:
        raise FileError("standard input is closed", where, "pipe the file in: ... - < FILE")
    if stream.isatty():
        raise FileError(
            "standard input is a terminal, not a file",
            where,
            "pipe the file in (... - < FILE), or give the file's name instead of '-'",
        )
    binary = getattr(stream, "buffer", None)
    raw = binary.read(max_bytes + 1) if binary is not None else stream.read().encode()
    _taken = (stream, raw)
    return raw
