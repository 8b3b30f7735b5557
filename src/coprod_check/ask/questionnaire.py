"""The questionnaire: one question at a time, with help, plain definitions, skip, back and notes.

The loop is generic and short; each way of asking (arrow-key menus through questionary, in
``menu.py``, or numbered lines for screen readers, in ``plain.py``) is a :class:`Prompter`.
The loop saves through the ``save`` callback the moment an answer is chosen, before the note is
asked, and again when a note is given, so an interrupted session loses nothing that was chosen.
After each area's last question comes its target question (``targets.py``), asked the same way,
whose choice is saved at once too.
"""

import sys
from collections.abc import Callable, Mapping, Sequence

from coprod_check.ask.menu import MenuPrompter, menu_pick, menu_text
from coprod_check.ask.prompts import Action, Position, Prompter, Response, Step
from coprod_check.ask.targets import TargetQuestion, last_questions, target_question
from coprod_check.errors import Interrupted, UsageError
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from coprod_check.score.scores import Facts, asked
from coprod_check.text import safe_data, safe_text

__all__ = [  # what a prompter is given and gives back (prompts.py), and the menus (menu.py), too
    "Action",
    "MenuPrompter",
    "Position",
    "Prompter",
    "Questionnaire",
    "Response",
    "Step",
    "ask_project",
    "menu_pick",
    "menu_text",
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

    def keep(self, answer: Answer) -> None:
        """Take this answer, drop those it has made unneeded, and save them all now."""
        self.answers[answer.question] = answer
        self._keep_applicable()
        self.save(self.answers, self.targets)

    def previous(self, step: Step) -> Answer | None:
        """What was answered at ``step`` before (a target question's chosen stage), if anything."""
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
            previous = self.previous(step)
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
            self.keep(Answer(question=question.id, note=earlier_note))
            return
        assert isinstance(response, Answer)
        chosen = Answer(
            question=question.id, choices=response.choices, text=response.text, note=earlier_note
        )
        self.keep(chosen)  # saved before the note is asked: stopping there keeps it
        note = prompter.note(earlier_note) or None
        if note != earlier_note:
            self.keep(
                Answer(question=question.id, choices=chosen.choices, text=chosen.text, note=note)
            )

    def _keep_target(self, question: TargetQuestion, response: Response) -> None:
        """Keep the stage chosen for an area (a skip keeps the suggested one) and save it now."""
        if response is Action.SKIP:
            self.keep_target(question.area, None)
        else:
            assert isinstance(response, Answer)
            self.keep_target(question.area, response.choices[0])

    def keep_target(self, area: str, stage: str | None) -> None:
        """Take ``stage`` as the area's target (None: the suggested one) and save it now."""
        if stage is None:
            self.targets.pop(area, None)
        else:
            self.targets[area] = stage
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
    return menu_text("What is the project called?").strip() or "Untitled project"
