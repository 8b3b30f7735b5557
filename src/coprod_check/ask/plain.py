"""Numbered, line-based prompts: for screen readers, 40-column screens and no colour.

One of the two ways of asking (the other is ``MenuPrompter``, with arrow keys): each question,
target questions included, is shown as numbered lines; the person types a number, several numbers,
or a letter for help, words, skip or back, and presses Enter.
"""

from typing import Any, TextIO

from coprod_check.ask.prompts import (
    Action,
    Position,
    Response,
    Step,
    block,
    numbered,
    progress_and_question,
)
from coprod_check.model.answers import Answer

_LETTERS = {"h": Action.HELP, "w": Action.WORDS, "s": Action.SKIP, "b": Action.BACK}
_WORDS = {"help": Action.HELP, "words": Action.WORDS, "skip": Action.SKIP, "back": Action.BACK}
_LABELS = {
    Action.HELP: "help",
    Action.WORDS: "words",
    Action.SKIP: "skip",
    Action.BACK: "back",
}


class PlainLines:
    """Lines of words out, a line typed back: what every numbered, line-based prompt is made of
    (the questionnaire's, and the workshop group's show of hands)."""

    def __init__(self, stdin: TextIO, stdout: TextIO, width: int = 80) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.width = max(20, width)

    def _print(self, text: str = "") -> None:
        self._lines(block(text, self.width))

    def _lines(self, lines: list[str]) -> None:
        self.stdout.write("".join(line + "\n" for line in lines))
        self.stdout.flush()

    def _read(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.strip()

    def show(self, text: str) -> None:
        self._print(text)
        self._print()


class PlainPrompter(PlainLines):
    """Numbered, line-based prompts: type a number and press Enter. No colour, no boxes."""

    def _actions(self, options: set[Action]) -> str:
        ordered = [a for a in (Action.HELP, Action.WORDS, Action.SKIP, Action.BACK) if a in options]
        return ", ".join(f"{a.value[0]}={_LABELS[a]}" for a in ordered)

    def ask(
        self, question: Step, position: Position, previous: Answer | None, options: set[Action]
    ) -> Response:
        self._print()
        self._lines(progress_and_question(str(position), question.text, self.width))
        choices = question.options() if question.type != "text" else []
        for number, choice in enumerate(choices, start=1):
            mark = " (your answer)" if previous and choice.id in previous.choices else ""
            self._lines(numbered(number, choice.label, self.width, mark))
        kept = previous if previous is not None and (previous.choices or previous.text) else None
        if question.type == "text":
            how = "Type your answer and press Enter."
            if kept is not None:
                how += f" Your answer so far: {kept.text}"
        elif question.type == "multiple":
            how = "Type the numbers of all that apply, separated by spaces, then press Enter."
        else:
            how = "Type a number and press Enter."
        if kept is not None:
            how += " Press Enter alone to keep your answer."
        self._print(f"{how} Or type {self._actions(options)}.")
        while True:
            typed = self._read("Answer: ")
            lowered = typed.lower()
            action = _WORDS.get(lowered) or (_LETTERS.get(lowered) if len(lowered) == 1 else None)
            if action is not None and action in options:
                return action
            if not typed and kept is not None:
                return Answer(question=question.id, choices=kept.choices, text=kept.text)
            if question.type == "text":
                if typed:
                    return Answer(question=question.id, text=typed)
                self._print(f"Type an answer, or {self._actions(options)}.")
                continue
            picked = self._pick(typed, choices, multiple=question.type == "multiple")
            if isinstance(picked, str):
                self._print(picked)
                continue
            return Answer(question=question.id, choices=picked)

    def _pick(self, typed: str, choices: list[Any], *, multiple: bool) -> tuple[str, ...] | str:
        parts = typed.replace(",", " ").split()
        if not parts:
            return "Type a number from the list."
        if not multiple and len(parts) > 1:
            return "Type just one number."
        picked: list[str] = []
        for part in parts:
            if not part.isdigit() or not 1 <= int(part) <= len(choices):
                return f"Type a number from 1 to {len(choices)}."
            choice = choices[int(part) - 1]
            if choice.id not in picked:
                picked.append(choice.id)
        exclusive = [c.label for c in choices if c.exclusive and c.id in picked]
        if exclusive and len(picked) > 1:
            return f'"{exclusive[0]}" goes on its own. Type the numbers again.'
        return tuple(picked)

    def note(self, previous: str | None) -> str | None:
        now = f" Now: {previous}" if previous else ""
        self._print(f"Why did you choose this? Type a note, or press Enter to go on.{now}")
        typed = self._read("Note: ")
        return typed or previous
