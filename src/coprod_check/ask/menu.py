"""Arrow-key menus, tick boxes and text boxes, built with questionary: the only module that
imports it (and prompt_toolkit), so that neither loads for ``--plain`` or ``--answers``.

Every menu is laid out for the screen it is on (``prompts.py``): the question and each choice are
wrapped at word boundaries in the room questionary's marks leave, so a long choice takes several
lines of the menu instead of being cut at the screen's edge; once answered, the menu gives way to
the question and the answer, wrapped the same way. A menu taller than the screen would hide some
of its choices, so that question is asked as numbered lines (``plain.py``) instead.
"""

import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from coprod_check.ask.prompts import (
    Action,
    Position,
    Prompter,
    Response,
    Step,
    after_mark,
    block,
    echoed,
    progress_and_question,
)
from coprod_check.ask.targets import TargetQuestion
from coprod_check.model.answers import Answer
from coprod_check.model.framework import Question
from coprod_check.text import columns, safe_text

SELECT_HOW = "(arrow keys, then Enter)"
TICK_HOW = "(Space to tick, Enter when done; Enter with none ticked for more)"
TYPE_HOW = "(Enter on an empty line for help, skip or back)"
NOTE_ASK = "Note on why you chose this (optional; press Enter to go on)"
TOO_TALL = (
    "Some questions have more choices than fit on this screen as a menu. Those are shown as "
    "numbered lists instead: type a number and press Enter."
)
POINTER = 3
"""Columns before a menu entry's text: questionary's pointer, " » "."""
TICK = POINTER + 2
"""Columns before a tick-box entry's text: the pointer and the box, "○ "."""


class MenuPrompter:
    """Arrow-key menus, tick boxes and text boxes, built with questionary, laid out for the size
    of the screen: a long question or choice takes several lines, never cut at the edge. Once
    answered, a menu gives way to the question and the answer, wrapped the same way. A menu too
    tall for the screen would hide some of its choices, so that question is asked as numbered
    lines instead (``plain.py``), which is said the first time."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        width: int | None = None,
        height: int | None = None,
        fallback: Prompter | None = None,
        **io: Any,
    ) -> None:
        self.stream = stream
        self.width = width
        """None: the terminal's (or COLUMNS), asked again at each question."""
        self.height = height
        """None: the terminal's, asked again at each question (and no limit without one)."""
        self.fallback = fallback
        """How to ask a question too tall for a menu (None: numbered lines on the terminal)."""
        self.io = io  # input= and output= for tests; empty for a real terminal
        self.told = False
        """Whether the numbered layout has been explained."""

    def _columns(self) -> int:
        return self.width or columns()

    def _rows(self) -> int | None:
        if self.height is not None or self.io:
            return self.height
        try:
            return os.get_terminal_size().lines
        except (OSError, ValueError):
            return None

    def _write(self, lines: Sequence[str]) -> None:
        stream = self.stream or sys.stdout
        stream.write("".join(line + "\n" for line in lines))
        stream.flush()

    def show(self, text: str) -> None:
        self._write([*block(text, self._columns()), ""])

    def _action_choices(self, options: set[Action], width: int) -> list[Any]:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        labels = {
            Action.HELP: "Help: more about this question",
            Action.WORDS: "What do these words mean?",
            Action.SKIP: "Skip for now",
            Action.BACK: "Go back",
        }
        ordered = [a for a in (Action.HELP, Action.WORDS, Action.SKIP, Action.BACK) if a in options]
        return [questionary.Choice(_entry(labels[a], width), value=a) for a in ordered]

    def ask(
        self, question: Step, position: Position, previous: Answer | None, options: set[Action]
    ) -> Response:
        width = self._columns()
        if isinstance(question, Question) and question.type == "text":
            response = self._text(question, position, width, previous, options)
        elif not self._fits(question, position, options, width):
            return self._numbered(question, position, previous, options, width)
        elif isinstance(question, Question) and question.type == "multiple":
            response = self._multiple(question, position, width, previous, options)
        else:
            response = self._select(question, position, width, previous, options)
        self._echo(question, position, response, width)
        return response

    def _fits(self, question: Step, position: Position, options: set[Action], width: int) -> bool:
        """Whether the whole menu for ``question`` fits on the screen, every line of it."""
        rows = self._rows()
        if rows is None:
            return True
        ticks = question.type == "multiple"
        how = TICK_HOW if ticks else SELECT_HOW
        entries = [choice.label for choice in question.options()]
        lines = len(_message(position, question.text, width).split("\n"))  # how follows the last
        lines += len(after_mark(how, width, 1).split("\n")) - 1
        lines += sum(len(_entry(entry, width, ticks=ticks).split("\n")) for entry in entries)
        if not ticks:
            lines += 1 + len(options)  # the separator, and help, words, skip and back
        return lines <= rows

    def _numbered(
        self,
        question: Step,
        position: Position,
        previous: Answer | None,
        options: set[Action],
        width: int,
    ) -> Response:
        """``question`` as numbered lines, saying why the first time."""
        if not self.told:
            self._write(block(TOO_TALL, width))
            self.told = True
        if self.fallback is not None:
            return self.fallback.ask(question, position, previous, options)
        from coprod_check.ask.plain import PlainPrompter  # noqa: PLC0415 — only when needed

        numbered = PlainPrompter(sys.stdin, self.stream or sys.stdout, width)
        return numbered.ask(question, position, previous, options)

    def _echo(self, question: Step, position: Position, response: Response, width: int) -> None:
        """The question and what was chosen, wrapped, where the menu was (help, words and back
        leave nothing: what they lead to follows)."""
        if response is Action.SKIP:
            said = "Skipped for now"
        elif isinstance(response, Answer):
            labels = {choice.id: choice.label for choice in question.options()}
            words = response.text or "; ".join(labels.get(c, c) for c in response.choices)
            said = f"Your answer: {words}"
        else:
            return
        lines = progress_and_question(str(position), question.text, width, mark=2)
        self._write([f"? {lines[0]}", *lines[1:], *echoed(safe_text(said), width)])

    def _select(
        self,
        question: Step,
        position: Position,
        width: int,
        previous: Answer | None,
        options: set[Action],
    ) -> Response:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        choices: list[Any] = [
            questionary.Choice(_entry(choice.label, width), value=choice.id)
            for choice in question.options()
        ]
        marked = previous.choices if previous else ()
        if not marked and isinstance(question, TargetQuestion):
            marked = (question.suggested,)  # Enter keeps the suggested stage
        default = next((c for c in choices if c.value in marked), None)
        picked = questionary.select(
            _message(position, question.text, width),
            choices=[*choices, questionary.Separator(), *self._action_choices(options, width)],
            default=default,
            instruction=after_mark(SELECT_HOW, width, 1),
            erase_when_done=True,
            **self.io,
        ).unsafe_ask()
        if isinstance(picked, Action):
            return picked
        return Answer(question=question.id, choices=(picked,))

    def _menu(self, options: set[Action], width: int) -> Action | None:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        picked = questionary.select(
            after_mark("What would you like to do?", width, 2),
            choices=[
                questionary.Choice("Answer the question", value=None),
                *self._action_choices(options, width),
            ],
            erase_when_done=True,
            **self.io,
        ).unsafe_ask()
        return picked if isinstance(picked, Action) else None

    def _multiple(
        self,
        question: Question,
        position: Position,
        width: int,
        previous: Answer | None,
        options: set[Action],
    ) -> Response:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        while True:
            choices = [
                questionary.Choice(
                    _entry(choice.label, width, ticks=True),
                    value=choice.id,
                    checked=bool(previous and choice.id in previous.choices),
                )
                for choice in question.options()
            ]
            picked = questionary.checkbox(
                _message(position, question.text, width),
                choices=choices,
                instruction=after_mark(TICK_HOW, width, 1),
                erase_when_done=True,
                **self.io,
            ).unsafe_ask()
            if not picked:
                action = self._menu(options, width)
                if action is not None:
                    return action
                continue
            alone = [c for c in question.options() if c.exclusive and c.id in picked]
            if alone and len(picked) > 1:
                self.show(f'"{alone[0].label}" goes on its own. Please tick again.')
                continue
            return Answer(question=question.id, choices=tuple(picked))

    def _text(
        self,
        question: Question,
        position: Position,
        width: int,
        previous: Answer | None,
        options: set[Action],
    ) -> Response:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        how = block(TYPE_HOW, width, "  ")
        while True:
            typed = questionary.text(
                _message(position, question.text, width, how),
                default=(previous.text or "") if previous else "",
                erase_when_done=True,
                **self.io,
            ).unsafe_ask()
            if typed and typed.strip():
                return Answer(question=question.id, text=typed.strip())
            action = self._menu(options, width)
            if action is not None:
                return action

    def note(self, previous: str | None) -> str | None:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        width = self._columns()
        typed = questionary.text(
            after_mark(NOTE_ASK, width, 2, 2) + "\n",
            default=previous or "",
            erase_when_done=True,
            **self.io,
        ).unsafe_ask()
        note = (typed or "").strip() or None
        if note:
            self._write(echoed(f"Note: {note}", width))
        return note


def _entry(label: str, width: int, *, ticks: bool = False) -> str:
    """A menu entry's text, beside the pointer (and the tick box): its further lines start under
    the box's text, or two further in where nothing else shows where an entry starts."""
    if ticks:
        return after_mark(label, width, TICK)
    return after_mark(label, width, POINTER, POINTER + 2)


def _message(position: Position, text: str, width: int, after: Sequence[str] = ()) -> str:
    """A menu's question, after questionary's "? ": the progress line and the question, wrapped,
    then ``after``; it ends with a line break, so what questionary adds next (how to answer, or
    the box to type in) starts a line of its own."""
    lines = [*progress_and_question(str(position), text, width, mark=2), *after]
    return "\n".join(lines) + "\n"


def menu_pick(message: str, choices: Sequence[tuple[str, str]]) -> str:
    """One of ``choices`` (value, title), picked with the arrow keys; laid out for the screen's
    width like the questions' menus."""
    import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

    width = columns()
    offered = [questionary.Choice(_entry(title, width), value=value) for value, title in choices]
    picked = questionary.select(
        after_mark(message, width, 2, 2) + "\n",
        choices=offered,
        instruction=after_mark(SELECT_HOW, width, 1),
    ).unsafe_ask()
    return str(picked)


def menu_text(message: str) -> str:
    """A line typed into a text box (empty when nothing was typed), asked on a line of its own
    under ``message``, which is wrapped for the screen's width."""
    import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

    message = after_mark(message, columns(), 2, 2) + "\n"
    return str(questionary.text(message).unsafe_ask() or "")
