"""Numbered, line-based prompts for a show of hands (``workshop group``): for screen readers,
a projector with large text, and no colour. The question and its answers are shown as numbered
lines; for each role in the room the facilitator types how many chose each answer, in order, and
presses Enter."""

from __future__ import annotations

from collections.abc import Sequence

from coprod_check.ask.plain import PlainLines
from coprod_check.ask.prompts import Action, Position, numbered, progress_and_question
from coprod_check.combine.hands import MOST
from coprod_check.model.framework import Choice, Question
from coprod_check.workshop.group import Raised

_LETTERS = {"h": Action.HELP, "w": Action.WORDS, "s": Action.SKIP, "b": Action.BACK}
_WORDS = {action.value: action for action in Action}


class PlainHands(PlainLines):
    """Numbered prompts: for each role, type a count for each answer and press Enter."""

    def hands(
        self,
        question: Question,
        position: Position,
        roles: Sequence[tuple[str, str]],
        previous: Raised | None,
        options: set[Action],
    ) -> Raised | Action:
        self._print()
        self._lines(progress_and_question(str(position), question.text, self.width))
        choices = question.options()
        for number, choice in enumerate(choices, start=1):
            self._lines(numbered(number, choice.label, self.width))
        ordered = [a for a in Action if a in options]
        actions = ", ".join(f"{a.value[0]}={a.value}" for a in ordered)
        example = " ".join("0" for _ in choices)
        how = (
            f"For each role, type how many chose each answer, in order (for example {example}), "
            f"and press Enter. Or type {actions}."
        )
        if previous is not None:
            how += " Press Enter alone to keep the counts shown."
        self._print(how)
        counts: Raised = {}
        for role, title in roles:
            kept = shown(previous.get(role, {}), choices) if previous is not None else None
            while True:
                now = f" (now {kept})" if kept is not None else ""
                typed = self._read(f"{title}{now}: ")
                lowered = typed.lower()
                action = _WORDS.get(lowered) or (
                    _LETTERS.get(lowered) if len(lowered) == 1 else None
                )
                if action is not None and action in options:
                    return action
                if not typed and kept is not None:
                    typed = kept
                picked = typed_counts(typed, len(choices))
                if isinstance(picked, str):
                    self._print(picked)
                    continue
                counts[role] = {
                    choice.id: count for choice, count in zip(choices, picked, strict=True) if count
                }
                break
        return counts

    def note(self, previous: str | None) -> str | None:
        now = f" Now: {previous}" if previous else ""
        self._print(f"A note of what was said? Type it, or press Enter to go on.{now}")
        typed = self._read("Note: ")
        return typed or previous


def shown(chosen: dict[str, int], choices: Sequence[Choice]) -> str:
    """Counts as they are typed: one for each answer, in order."""
    return " ".join(str(chosen.get(choice.id, 0)) for choice in choices)


def typed_counts(typed: str, size: int) -> list[int] | str:
    """The counts typed, one for each answer; or what to type instead."""
    parts = typed.replace(",", " ").split()
    if len(parts) != size or not all(part.isdigit() and len(part) < 6 for part in parts):
        return f"Type {size} whole numbers, 0 or more, one for each answer, separated by spaces."
    counts = [int(part) for part in parts]
    if sum(counts) > MOST:
        return f"That is more than {MOST} people in one role: check the counts and type them again."
    return counts
