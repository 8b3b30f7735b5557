"""The questionnaire: one question at a time, with help, plain definitions, skip, back and notes.

The loop is generic and short; each way of asking (arrow-key menus through questionary, here, or
numbered lines for screen readers and 40-column screens, in ``plain.py``) is a :class:`Prompter`.
The loop saves through the ``save`` callback the moment an answer is chosen, before the note is
asked, and again when a note is given, so an interrupted session loses nothing that was chosen.
After each area's last question comes its target question (``targets.py``), asked the same way,
whose choice is saved at once too.
"""

import os
import sys
from collections.abc import Callable, Mapping, Sequence
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
from coprod_check.ask.targets import TargetQuestion, last_questions, target_question
from coprod_check.errors import Interrupted, UsageError
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from coprod_check.score.scores import Facts, asked
from coprod_check.text import columns, safe_data, safe_text

__all__ = [  # what a prompter is given and gives back (prompts.py) is had from here too
    "Action",
    "MenuPrompter",
    "Position",
    "Prompter",
    "Questionnaire",
    "Response",
    "Step",
    "ask_project",
]


def help_text(question: Step) -> str:
    return f"Help: {question.help}"


def words_text(catalog: Catalog, question: Step) -> str:
    lines = []
    for term_id in question.terms:
        term = catalog.glossary.get(term_id)
        if term is not None:
            lines.append(f"{term.term}: {term.definition}")
    return "\n".join(lines) if lines else "This question uses no special words."


def topic_of(catalog: Catalog, question: Step) -> str:
    if isinstance(question, TargetQuestion):
        return question.title
    dimension = catalog.dimensions.get(question.places or question.dimensions[0])
    return dimension.title if dimension else ""


Save = Callable[[dict[str, Answer], dict[str, str]], object]
"""Called with the answers and the targets chosen so far, each time one of them changes."""


class Questionnaire:
    """Walks a list of questions with a prompter, keeping answers and saving after each one.

    With ``ask_targets``, each area's questions are followed by its target question; the stage
    chosen there is kept in ``targets`` (area id to stage id), apart from the answers.
    """

    def __init__(
        self,
        catalog: Catalog,
        questions: Sequence[Question],
        pathway: str,
        answers: dict[str, Answer],
        save: Save,
        *,
        targets: Mapping[str, str] | None = None,
        ask_targets: bool = True,
        role: str | None = None,
    ) -> None:
        self.catalog = catalog
        self.questions = list(questions)
        self.role = role
        """The respondent's role: whose questions these are (see ``Question.asked_of``)."""
        self.pathway = catalog.pathways[pathway]
        self.answers = dict(answers)
        self.targets = dict(targets or {})
        self.save = save
        self.target_questions = {
            area.id: target_question(catalog, self.pathway, area)
            for area in catalog.dimensions.values()
            if ask_targets and area.kind == "area"
        }

    def _facts(self) -> Facts:
        return Facts(self.catalog, self.pathway, self.answers, self.role)

    def applicable(self) -> list[Question]:
        """The questions to ask, given the answers so far (``when`` conditions respected)."""
        return asked(self.catalog, self.questions, self._facts())

    def steps(self) -> list[Step]:
        """Everything to ask, in order: the questions to ask, each area's target question just
        after its last one (not for an area that does not apply)."""
        questions = self.applicable()
        after: dict[str, list[TargetQuestion]] = {}
        for area, last in last_questions(self.catalog, questions).items():
            if area in self.target_questions and not self._does_not_apply(area):
                after.setdefault(last, []).append(self.target_questions[area])
        steps: list[Step] = []
        for question in questions:
            steps.append(question)
            steps.extend(after.get(question.id, ()))
        return steps

    def _does_not_apply(self, area: str) -> bool:
        """Whether the question placing ``area`` was answered "does not apply to us"."""
        return any(
            answer.not_applicable
            for question in self.questions
            if question.places == area and (answer := self.answers.get(question.id)) is not None
        )

    def _is_open(self, question: Question) -> bool:
        answer = self.answers.get(question.id)
        return answer is None or answer.skipped

    def has_open_questions(self) -> bool:
        """Whether a question to ask has no real answer (skipped ones count as open)."""
        return any(self._is_open(question) for question in self.applicable())

    def first_open(self) -> int:
        """Where to start: the first question with no real answer (skipped ones count as open),
        or the target questions with no stage chosen just before it, so that a session stopped
        at a target question starts there again."""
        steps = self.steps()
        index = next(
            (
                number
                for number, step in enumerate(steps)
                if isinstance(step, Question) and self._is_open(step)
            ),
            len(steps),
        )
        while index > 0:
            before = steps[index - 1]
            if not isinstance(before, TargetQuestion) or before.area in self.targets:
                break
            index -= 1
        return index

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
        self.save(self.answers, self.targets)

    def _previous(self, step: Step) -> Answer | None:
        if isinstance(step, TargetQuestion):
            return step.previous(self.targets)
        return self.answers.get(step.id)

    def _position(self, steps: Sequence[Step], index: int) -> Position:
        """Where ``steps[index]`` is, counting questions only: a target question is "after" the
        question before it."""
        step = steps[index]
        number = sum(1 for each in steps[: index + 1] if isinstance(each, Question))
        total = sum(1 for each in steps if isinstance(each, Question))
        topic = safe_text(topic_of(self.catalog, step))
        return Position(number, total, topic, after=isinstance(step, TargetQuestion))

    def _index_of(self, step_id: str) -> int:
        return next(number for number, step in enumerate(self.steps()) if step.id == step_id)

    def run(self, prompter: Prompter, start: int | None = None) -> dict[str, Answer]:
        """Ask until the last question is answered or skipped; return the answers."""
        index = self.first_open() if start is None else start
        history: list[str] = []
        while True:
            steps = self.steps()
            if index >= len(steps):
                return self.answers
            step = steps[index]
            options = {Action.HELP, Action.SKIP}
            if step.terms:
                options.add(Action.WORDS)
            if history:
                options.add(Action.BACK)
            position = self._position(steps, index)
            previous = self._previous(step)
            shown = safe_data(step)  # framework text never acts on the terminal
            response = prompter.ask(shown, position, safe_data(previous), options)
            if response is Action.HELP:
                prompter.show(safe_text(help_text(step)))
                continue
            if response is Action.WORDS:
                prompter.show(safe_text(words_text(self.catalog, step)))
                continue
            if response is Action.BACK:
                index = self._index_of(history.pop())
                continue
            if isinstance(step, TargetQuestion):
                self._keep_target(step, response)
            else:
                self._keep_answer(prompter, step, response, previous)
            history.append(step.id)
            index = self._index_of(step.id) + 1

    def _keep_answer(
        self, prompter: Prompter, question: Question, response: Response, previous: Answer | None
    ) -> None:
        """Keep an answer (or a skip) and save it at once; then ask for a note on it."""
        earlier_note = previous.note if previous else None
        if response is Action.SKIP:
            self._keep(Answer(question=question.id, note=earlier_note))
            return
        assert isinstance(response, Answer)
        chosen = Answer(
            question=question.id, choices=response.choices, text=response.text, note=earlier_note
        )
        self._keep(chosen)  # saved before the note is asked: stopping there keeps it
        note = prompter.note(earlier_note) or None
        if note != earlier_note:
            self._keep(
                Answer(question=question.id, choices=chosen.choices, text=chosen.text, note=note)
            )

    def _keep_target(self, question: TargetQuestion, response: Response) -> None:
        """Keep the stage chosen for an area (a skip keeps the suggested one) and save it now."""
        if response is Action.SKIP:
            self.targets.pop(question.area, None)
        else:
            assert isinstance(response, Answer)
            self.targets[question.area] = response.choices[0]
        self.save(self.answers, self.targets)


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


# -- arrow-key menus with questionary -------------------------------------------------------------

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
