"""What every way of asking shares: what is asked (a :data:`Step`), where the group is (a
:class:`Position`), what a person can do besides answering (an :class:`Action`), what comes back
(a :data:`Response`), the :class:`Prompter` that asks, and how its text is laid out at a width.

Every question, choice, help text, definition, progress line and echoed answer is wrapped by
:func:`coprod_check.text.wrap`, so that it breaks only at spaces, at any width. In a menu, a line
starts after questionary's marks ("? " before the question, " » " before a choice, and "○ " too
in a tick list): each text is wrapped in the room its mark leaves, with its further lines
indented under its first (:func:`after_mark`), so that a long choice takes several lines of the
menu instead of being cut at the edge of the screen.
"""

from enum import Enum
from typing import NamedTuple, Protocol

from coprod_check.ask.targets import TargetQuestion
from coprod_check.model.answers import Answer
from coprod_check.model.framework import Question
from coprod_check.text import wrap


class Action(Enum):
    """What a person can do at any question besides answering it."""

    HELP = "help"
    WORDS = "words"
    SKIP = "skip"
    BACK = "back"


class Position(NamedTuple):
    """Where the group is: "7 of 42 · Design", or "After 7 of 42 · Design" at the target question
    that follows an area's last question. ``total`` is the number of questions asked, as the end
    screen and the reports count them: target questions are not among them."""

    number: int
    total: int
    topic: str
    after: bool = False
    """At a target question: ``number`` is the question it follows."""

    def __str__(self) -> str:
        where = f"{self.number} of {self.total} · {self.topic}"
        return f"After {where}" if self.after else where


Response = Answer | Action

Step = Question | TargetQuestion
"""One thing asked: a framework's question, or the target question after an area's last one."""


class Prompter(Protocol):
    """A way of asking questions."""

    def show(self, text: str) -> None:
        """Show some text (help, definitions, progress)."""

    def ask(
        self, question: Step, position: Position, previous: Answer | None, options: set[Action]
    ) -> Response:
        """Ask one question; return the answer or the action chosen."""

    def note(self, previous: str | None) -> str | None:
        """Ask for an optional note on why the answer was chosen."""


def block(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` wrapped to ``width`` columns, each of its own lines on its own (a blank line stays
    blank): for help, definitions and the lines of a screen."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend(wrap(line, width, indent, hanging) if line.strip() else [""])
    return lines


def after_mark(text: str, width: int, mark: int, hanging: int | None = None) -> str:
    """``text`` as it follows a mark ``mark`` columns wide: its first line fits beside the mark,
    the others start ``hanging`` columns in (under the text, by default). One string, with its
    line breaks, as a menu takes it."""
    lines = block(text, width, " " * mark, " " * (mark if hanging is None else hanging))
    return "\n".join([lines[0][mark:], *lines[1:]])


def progress_and_question(position: str, text: str, width: int, mark: int = 0) -> list[str]:
    """Where the group is ("4 of 69 · Design"), then the question, indented by two in a menu
    (where the first line follows a mark ``mark`` columns wide) and not in numbered lines."""
    first = block(position, width, " " * mark, "  ")
    first[0] = first[0][mark:]
    return [*first, *block(text, width, "  " if mark else "")]


def numbered(number: int, label: str, width: int, mark: str = "") -> list[str]:
    """A choice in numbered lines: "  3. We tell people...", further lines under its text."""
    return wrap(f"{number}. {label}{mark}", width, "  ", "     ")


def echoed(what: str, width: int) -> list[str]:
    """What was chosen, as it stays on screen under its question: "  Your answer: Agree"."""
    return wrap(what, width, "  ", "    ")
