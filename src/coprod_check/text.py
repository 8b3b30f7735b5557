"""Plain text for any output: wrapped without cutting words, and safe to show in a terminal.

:func:`wrap` lays text out in columns, never breaking a word or a hyphenated one (a word longer than
the line, such as a long file name, stays whole on a line of its own); :func:`columns` says how
many columns there are to lay it out in.

A project name, a respondent's name, a note, a file name or an id read from a file can hold
characters that are not text but instructions to the terminal: ESC and the other C0 and C1
control characters can recolour or clear the screen, set the window title or move the cursor,
and the bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) make
text show in a different order from the one it is in. Every renderer passes such text through
:func:`safe_text`, which shows each of these characters as U+FFFD (�), so people see that
something was there and nothing acts on it. Tab and line feed are kept: they only lay text out.

JSON and TOML keep the text exactly, but write these characters as ``\\uXXXX`` escapes
(:func:`escape_unsafe`), so the raw characters never reach a terminal either.
"""

from __future__ import annotations

import contextlib
import os
import re
import textwrap
from typing import Any, TypeVar

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""The characters that act on a terminal or reorder text: C0 controls other than tab and line
feed, DEL, the C1 controls, and the bidirectional marks, embeddings, overrides and isolates."""
REPLACEMENT = "\ufffd"

_T = TypeVar("_T")


def safe_text(value: str) -> str:
    """``value`` with each character in :data:`UNSAFE` shown as U+FFFD (�)."""
    return UNSAFE.sub(REPLACEMENT, value)


def safe_data(value: _T) -> _T:
    """A copy of a msgspec struct (or of plain data) with every string in it, keys included,
    passed through :func:`safe_text`."""
    import msgspec  # noqa: PLC0415 — the command line loads text at start-up; msgspec waits

    def clean(item: Any) -> Any:
        if isinstance(item, str):
            return safe_text(item)
        if isinstance(item, dict):
            return {clean(key): clean(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [clean(inner) for inner in item]
        return item

    return msgspec.convert(clean(msgspec.to_builtins(value)), type(value))


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_unsafe(text: str) -> str:
    """JSON or TOML text with each character in :data:`UNSAFE` written as a ``\\uXXXX`` escape,
    which both read back as the same character. Only for text those writers made: outside their
    strings there are none of these characters, and inside, both escape C0 controls already."""
    return UNSAFE.sub(_escape, text)


def columns() -> int:
    """The width to lay text out for, from 20 to 100 columns: COLUMNS when it is set, else the
    terminal's, else 80; never wider than the terminal, where there is one, since a terminal
    breaks a line too long for it wherever it runs out of room."""
    terminal = None
    with contextlib.suppress(OSError, ValueError):
        terminal = os.get_terminal_size().columns
    wanted = os.environ.get("COLUMNS", "")
    count = int(wanted) if wanted.isdigit() else (terminal or 80)
    if terminal:
        count = min(count, terminal)
    return max(20, min(count, 100))


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` columns at spaces; blank lines separate paragraphs. No word is
    cut: one longer than the line (a long link or file name) is left whole, on a line of its own."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(
            textwrap.wrap(
                paragraph,
                width=max(width, 20),
                initial_indent=indent,
                subsequent_indent=hanging if hanging is not None else indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [indent]
        )
    return lines
