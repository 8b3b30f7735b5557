"""The questionnaire: one question at a time, with help, plain definitions, skip, back and notes.

The loop is generic and short; each way of asking (arrow-key menus through questionary, or numbered
lines for screen readers and 40-column screens) is a :class:`Prompter`. The loop saves through
the ``save`` callback the moment an answer is chosen, before the note is asked, and again when a
note is given, so an interrupted session loses nothing that was chosen.
"""

import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, NamedTuple, Protocol, TextIO

from coprod_check.errors import Interrupted, UsageError
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from coprod_check.score.scores import Facts, is_asked
from coprod_check.text import safe_data, safe_text, wrap


class Action(Enum):
    """What a person can do at any question besides answering it."""

    HELP = "help"
    WORDS = "words"
    SKIP = "skip"
    BACK = "back"


class Position(NamedTuple):
    """Where the group is: "7 of 42 · Design"."""

    number: int
    total: int
    topic: str

    def __str__(self) -> str:
        return f"{self.number} of {self.total} · {self.topic}"


Response = Answer | Action


class Prompter(Protocol):
    """A way of asking questions."""

    def show(self, text: str) -> None:
        """Show some text (help, definitions, progress)."""

    def ask(
        self, question: Question, position: Position, previous: Answer | None, options: set[Action]
    ) -> Response:
        """Ask one question; return the answer or the action chosen."""

    def note(self, previous: str | None) -> str | None:
        """Ask for an optional note on why the answer was chosen."""


def help_text(question: Question) -> str:
    return f"Help: {question.help}"


def words_text(catalog: Catalog, question: Question) -> str:
    lines = []
    for term_id in question.terms:
        term = catalog.glossary.get(term_id)
        if term is not None:
            lines.append(f"{term.term}: {term.definition}")
    return "\n".join(lines) if lines else "This question uses no special words."


def topic_of(catalog: Catalog, question: Question) -> str:
    dimension = catalog.dimensions.get(question.places or question.dimensions[0])
    return dimension.title if dimension else ""


class Questionnaire:
    """Walks a list of questions with a prompter, keeping answers and saving after each one."""

    def __init__(
        self,
        catalog: Catalog,
        questions: Sequence[Question],
        pathway: str,
        answers: dict[str, Answer],
        save: Callable[[dict[str, Answer]], object],
    ) -> None:
        self.catalog = catalog
        self.questions = list(questions)
        self.pathway = catalog.pathways[pathway]
        self.answers = dict(answers)
        self.save = save

    def _facts(self) -> Facts:
        return Facts(self.catalog, self.pathway, self.answers)

    def applicable(self) -> list[Question]:
        """The questions to ask, given the answers so far (``when`` conditions respected)."""
        facts = self._facts()
        return [q for q in self.questions if is_asked(self.catalog, q, facts)]

    def first_open(self) -> int:
        """The index of the first question with no real answer (skipped ones count as open)."""
        for index, question in enumerate(self.applicable()):
            answer = self.answers.get(question.id)
            if answer is None or answer.skipped:
                return index
        return len(self.applicable())

    def answered_count(self) -> int:
        return sum(1 for a in self.answers.values() if not a.skipped)

    def _keep_applicable(self) -> None:
        """Drop answers to questions that a changed earlier answer has taken out of the way."""
        asked = {q.id for q in self.applicable()}
        known = {q.id for q in self.questions}
        self.answers = {
            qid: a for qid, a in self.answers.items() if qid in asked or qid not in known
        }

    def _keep(self, answer: Answer) -> None:
        """Take this answer, drop those it has made unneeded, and save them all now."""
        self.answers[answer.question] = answer
        self._keep_applicable()
        self.save(self.answers)

    def run(self, prompter: Prompter, start: int | None = None) -> dict[str, Answer]:
        """Ask until the last question is answered or skipped; return the answers."""
        index = self.first_open() if start is None else start
        history: list[str] = []
        while True:
            questions = self.applicable()
            if index >= len(questions):
                return self.answers
            question = questions[index]
            options = {Action.HELP, Action.SKIP}
            if question.terms:
                options.add(Action.WORDS)
            if history:
                options.add(Action.BACK)
            topic = safe_text(topic_of(self.catalog, question))
            position = Position(index + 1, len(questions), topic)
            previous = self.answers.get(question.id)
            shown = safe_data(question)  # framework text never acts on the terminal
            response = prompter.ask(shown, position, safe_data(previous), options)
            if response is Action.HELP:
                prompter.show(safe_text(help_text(question)))
                continue
            if response is Action.WORDS:
                prompter.show(safe_text(words_text(self.catalog, question)))
                continue
            if response is Action.BACK:
                back_to = history.pop()
                index = next(i for i, q in enumerate(self.applicable()) if q.id == back_to)
                continue
            earlier_note = previous.note if previous else None
            if response is Action.SKIP:
                self._keep(Answer(question=question.id, note=earlier_note))
            else:
                assert isinstance(response, Answer)
                chosen = Answer(
                    question=question.id,
                    choices=response.choices,
                    text=response.text,
                    note=earlier_note,
                )
                self._keep(chosen)  # saved before the note is asked: stopping there keeps it
                note = prompter.note(earlier_note) or None
                if note != earlier_note:
                    self._keep(
                        Answer(
                            question=question.id,
                            choices=chosen.choices,
                            text=chosen.text,
                            note=note,
                        )
                    )
            history.append(question.id)
            index = next(i for i, q in enumerate(self.applicable()) if q.id == question.id) + 1


# -- the project's name, before the first question ------------------------------------------------


def ask_project(plain: bool) -> str:
    """The project's name, asked for; Ctrl-C here stops before anything is saved."""
    try:
        return _type_project(plain)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("\nStopped before the first question; nothing is saved.") from None


def _type_project(plain: bool) -> str:
    if plain:
        sys.stdout.write("What is the project called? ")
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            raise UsageError("no project name given", None, "add --project NAME")
        return line.strip() or "Untitled project"
    import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

    name = questionary.text("What is the project called?").unsafe_ask()
    return (name or "").strip() or "Untitled project"


# -- numbered lines: screen readers, 40 columns, no colour ----------------------------------------

_LETTERS = {"h": Action.HELP, "w": Action.WORDS, "s": Action.SKIP, "b": Action.BACK}
_WORDS = {"help": Action.HELP, "words": Action.WORDS, "skip": Action.SKIP, "back": Action.BACK}
_LABELS = {
    Action.HELP: "help",
    Action.WORDS: "words",
    Action.SKIP: "skip",
    Action.BACK: "back",
}


class PlainPrompter:
    """Numbered, line-based prompts: type a number and press Enter. No colour, no boxes."""

    def __init__(self, stdin: TextIO, stdout: TextIO, width: int = 80) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.width = max(20, width)

    def _print(self, text: str = "") -> None:
        for paragraph in text.split("\n"):
            self.stdout.write("\n".join(wrap(paragraph, self.width) or [""]) + "\n")
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

    def _actions(self, options: set[Action]) -> str:
        ordered = [a for a in (Action.HELP, Action.WORDS, Action.SKIP, Action.BACK) if a in options]
        return ", ".join(f"{a.value[0]}={_LABELS[a]}" for a in ordered)

    def ask(
        self, question: Question, position: Position, previous: Answer | None, options: set[Action]
    ) -> Response:
        self._print()
        self._print(str(position))
        self._print(question.text)
        choices = question.options() if question.type != "text" else []
        for number, choice in enumerate(choices, start=1):
            mark = " (your answer)" if previous and choice.id in previous.choices else ""
            for line in wrap(f"{number}. {choice.label}{mark}", self.width, "  ", "     "):
                self.stdout.write(line + "\n")
        if question.type == "text":
            how = "Type your answer and press Enter."
            if previous and previous.text:
                how += f" Your answer so far: {previous.text}"
        elif question.type == "multiple":
            how = "Type the numbers of all that apply, separated by spaces, then press Enter."
        else:
            how = "Type a number and press Enter."
        self._print(f"{how} Or type {self._actions(options)}.")
        while True:
            typed = self._read("Answer: ")
            lowered = typed.lower()
            action = _WORDS.get(lowered) or (_LETTERS.get(lowered) if len(lowered) == 1 else None)
            if action is not None and action in options:
                return action
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


# -- arrow-key menus with questionary -------------------------------------------------------------


class MenuPrompter:
    """Arrow-key menus, tick boxes and text boxes, built with questionary."""

    def __init__(self, stream: TextIO | None = None, **io: Any) -> None:
        self.stream = stream
        self.io = io  # input= and output= for tests; empty for a real terminal

    def show(self, text: str) -> None:
        stream = self.stream or sys.stdout
        stream.write(text + "\n\n")
        stream.flush()

    def _action_choices(self, options: set[Action]) -> list[Any]:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        labels = {
            Action.HELP: "Help: more about this question",
            Action.WORDS: "What do these words mean?",
            Action.SKIP: "Skip for now",
            Action.BACK: "Go back",
        }
        ordered = [a for a in (Action.HELP, Action.WORDS, Action.SKIP, Action.BACK) if a in options]
        return [questionary.Choice(labels[a], value=a) for a in ordered]

    def ask(
        self, question: Question, position: Position, previous: Answer | None, options: set[Action]
    ) -> Response:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        message = f"{position}\n  {question.text}"
        if question.type == "multiple":
            return self._multiple(question, message, previous, options)
        if question.type == "text":
            return self._text(question, message, previous, options)
        choices: list[Any] = [
            questionary.Choice(choice.label, value=choice.id) for choice in question.options()
        ]
        default = next((c for c in choices if previous and c.value in previous.choices), None)
        picked = questionary.select(
            message,
            choices=[*choices, questionary.Separator(), *self._action_choices(options)],
            default=default,
            instruction="(arrow keys, then Enter)",
            **self.io,
        ).unsafe_ask()
        if isinstance(picked, Action):
            return picked
        return Answer(question=question.id, choices=(picked,))

    def _menu(self, options: set[Action]) -> Action | None:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        picked = questionary.select(
            "What would you like to do?",
            choices=[
                questionary.Choice("Answer the question", value=None),
                *self._action_choices(options),
            ],
            **self.io,
        ).unsafe_ask()
        return picked if isinstance(picked, Action) else None

    def _multiple(
        self, question: Question, message: str, previous: Answer | None, options: set[Action]
    ) -> Response:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        while True:
            choices = [
                questionary.Choice(
                    choice.label,
                    value=choice.id,
                    checked=bool(previous and choice.id in previous.choices),
                )
                for choice in question.options()
            ]
            picked = questionary.checkbox(
                message,
                choices=choices,
                instruction="(Space to tick, Enter when done; Enter with none ticked for more)",
                **self.io,
            ).unsafe_ask()
            if not picked:
                action = self._menu(options)
                if action is not None:
                    return action
                continue
            alone = [c for c in question.options() if c.exclusive and c.id in picked]
            if alone and len(picked) > 1:
                self.show(f'"{alone[0].label}" goes on its own. Please tick again.')
                continue
            return Answer(question=question.id, choices=tuple(picked))

    def _text(
        self, question: Question, message: str, previous: Answer | None, options: set[Action]
    ) -> Response:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        while True:
            typed = questionary.text(
                message,
                default=(previous.text or "") if previous else "",
                instruction="(Enter on an empty line for help, skip or back)",
                **self.io,
            ).unsafe_ask()
            if typed and typed.strip():
                return Answer(question=question.id, text=typed.strip())
            action = self._menu(options)
            if action is not None:
                return action

    def note(self, previous: str | None) -> str | None:
        import questionary  # noqa: PLC0415 — prompt_toolkit: not for --plain or --answers

        typed = questionary.text(
            "Note on why you chose this (optional; press Enter to go on)",
            default=previous or "",
            **self.io,
        ).unsafe_ask()
        return (typed or "").strip() or None
