"""Text boxes for a show of hands (``workshop group`` at a terminal): the question and its
numbered answers, then a box for each role in the room to type its counts into, checked as they
are typed; Enter on an empty box opens a menu (help, words, skip, back). Built on the menus
``assess`` uses (``ask/menu.py``), which load questionary only when they are used."""

from __future__ import annotations

from collections.abc import Sequence

from coprod_check.ask.menu import MenuPrompter
from coprod_check.ask.prompts import Action, Position, block, numbered, progress_and_question
from coprod_check.model.framework import Question
from coprod_check.text import columns
from coprod_check.workshop.group import Raised
from coprod_check.workshop.hands_plain import shown, typed_counts

COUNT_HOW = (
    "Type how many chose each answer, in order; Enter on an empty box for help, skip or back."
)


class MenuHands:
    """A text box for each role's counts, with a menu for help, words, skip and back."""

    def __init__(self, menus: MenuPrompter | None = None) -> None:
        self.menus = menus or MenuPrompter()

    def show(self, text: str) -> None:
        self.menus.show(text)

    def hands(
        self,
        question: Question,
        position: Position,
        roles: Sequence[tuple[str, str]],
        previous: Raised | None,
        options: set[Action],
    ) -> Raised | Action:
        width = self.menus.width or columns()
        choices = question.options()
        lines = ["", *progress_and_question(str(position), question.text, width)]
        for number, choice in enumerate(choices, start=1):
            lines += numbered(number, choice.label, width)
        self.menus.show("\n".join([*lines, *block(COUNT_HOW, width)]))
        counts: Raised = {}
        for role, title in roles:
            kept = shown(previous.get(role, {}), choices) if previous is not None else ""
            while True:
                typed = self.menus.line(
                    f"{title}:",
                    kept,
                    lambda text: not text.strip() or _problem(typed_counts(text, len(choices))),
                )
                if typed.strip():
                    picked = typed_counts(typed, len(choices))
                    assert not isinstance(picked, str)  # the box let only counts through
                    counts[role] = {
                        choice.id: count
                        for choice, count in zip(choices, picked, strict=True)
                        if count
                    }
                    break
                action = self.menus.action(options)
                if action is not None:
                    return action
        return counts

    def note(self, previous: str | None) -> str | None:
        return self.menus.note(previous)


def _problem(picked: list[int] | str) -> bool | str:
    """What questionary's check says: True for counts, else what to type instead."""
    return picked if isinstance(picked, str) else True
