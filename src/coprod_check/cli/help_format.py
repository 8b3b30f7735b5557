"""The help, laid out for the terminal's width without cutting a word.

Click, which typer builds on, lays out options and commands as a list of terms with their help
beside them, in a column that starts up to 30 characters in. At 40 columns that leaves the help
10 characters, and click cuts every longer word to fit ("COPRO / D_CHECK_FR / AMEWORKS"). Here
the list keeps click's layout where the help has room beside the terms; where it has not, each
term's help goes on the lines below it, indented. Either way no word is ever cut: a word longer
than the line is left whole.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

ROOM = 24
"""The fewest columns the help may have beside its terms; with less, it goes below them."""
BELOW = 4
"""How far in the help goes, below its term."""

_ClickFormatter: Any = typer.Context.formatter_class
"""Click's help formatter, wherever this release of typer keeps click."""


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` (a word longer than that is left whole), with a
    blank line between its paragraphs."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        lines += textwrap.wrap(
            " ".join(paragraph.split()),
            width=max(width, 1),
            break_long_words=False,
            break_on_hyphens=False,
        )
    return lines


class WholeWords(_ClickFormatter):  # type: ignore[misc]  # click's class, found at run time
    """Click's help formatter, with a list of terms that fits the width and cuts no word."""

    width: int
    current_indent: int

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        lead = f"{'Usage: ' if prefix is None else prefix}{prog}"
        indent = " " * (self.current_indent + BELOW)
        lines = _wrap(f"{lead} {args}", self.width - self.current_indent)
        first, rest = lines[0], " ".join(lines[1:])
        self.write(" " * self.current_indent + first + "\n")
        for line in _wrap(rest, self.width - len(indent)):
            self.write(f"{indent}{line}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in _wrap(text, self.width - self.current_indent):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if not rows:
            return
        column = min(max(len(term) for term, _ in rows), col_max) + col_spacing
        room = self.width - self.current_indent - column
        words = [word for _, text in rows for word in text.split()]
        longest = max((len(word) for word in words), default=0)
        beside = room >= ROOM and longest <= room
        indent = " " * self.current_indent
        for term, text in rows:
            if not beside:
                for part in _wrap(term, self.width - self.current_indent):
                    self.write(f"{indent}{part}\n")
                below = self.width - self.current_indent - BELOW
                for line in _wrap(text, below):
                    self.write(f"{indent}{' ' * BELOW}{line}\n" if line else "\n")
                continue
            lines = _wrap(text, room) or [""]
            if len(term) <= column - col_spacing:
                self.write(f"{indent}{term.ljust(column)}{lines[0]}\n".rstrip() + "\n")
                lines = lines[1:]
            else:
                self.write(f"{indent}{term}\n")
            for line in lines:
                self.write(f"{indent}{' ' * column}{line}\n" if line else "\n")


class _HelpContext(typer.Context):
    formatter_class = WholeWords


class HelpedCommand(TyperCommand):
    """A command whose help is laid out by :class:`WholeWords`."""

    context_class = _HelpContext


class HelpedGroup(TyperGroup):
    """A group of commands whose help is laid out by :class:`WholeWords`."""

    context_class = _HelpContext
