"""A workshop on one screen (``coprod-check workshop group``): the facilitator shows each
question, the room talks it over, and the facilitator records how many people in each role chose
each answer (a show of hands), with a note of what was said if they wish.

The counts go into the results file's ``hands`` (see ``combine/hands.py``, which reads them as
that many respondents); its ``answers`` hold the room's middle answer to each question, with the
note, so that the file read on its own (``report``, ``compare``, ``trend``) gives the room's one
voice. The file is an ordinary session's (``ask/session.py``): written whole after every question,
checked before each save against changes made by anything else, and carried on with ``--resume``.

Only questions with one answer are counted by hands: a tick-all-that-apply question or one
answered in words is left for the people themselves (``assess`` or ``workshop serve``).
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Protocol

from coprod_check.ask.prompts import Action, Position
from coprod_check.ask.questionnaire import help_text, topic_of, words_text
from coprod_check.ask.session import Session
from coprod_check.combine.combine import combined_result
from coprod_check.combine.gather import gather
from coprod_check.combine.hands import head_counts, in_order
from coprod_check.errors import FileError, Location, UsageError
from coprod_check.files.results import Results
from coprod_check.model import conditions as cond
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from coprod_check.render.report.terminal_format import combined_text
from coprod_check.score.scores import Facts
from coprod_check.views.report import build_report

COUNTED = ("single", "yes-no", "scale")
"""The kinds of question a show of hands can answer: one answer each."""
GROUP = "group"
"""Who answered, as a group's results file says it."""

Raised = dict[str, dict[str, int]]
"""One question's hands: by role, how many chose each answer."""


class HandsPrompter(Protocol):
    """A way of asking the facilitator for a question's hands."""

    def show(self, text: str) -> None:
        """Show some text (help, definitions)."""

    def hands(
        self,
        question: Question,
        position: Position,
        roles: Sequence[tuple[str, str]],
        previous: Raised | None,
        options: set[Action],
    ) -> Raised | Action:
        """Ask how many in each role (id, title) chose each answer; or the action chosen."""

    def note(self, previous: str | None) -> str | None:
        """Ask for an optional note of what was said."""


EVERYONE = "everyone"
"""The one role counted when the frameworks loaded name none."""


def check_roles(catalog: Catalog, roles: Sequence[str]) -> list[str]:
    """The roles in the room, in the catalog's order (every one when none are named)."""
    if not catalog.roles and not roles:
        return [EVERYONE]
    for role in roles:
        if role not in catalog.roles:
            raise UsageError(f"no role called {role!r}", None, "roles: " + ", ".join(catalog.roles))
    return [role for role in catalog.roles if not roles or role in roles]


def room_roles(session: Session) -> list[str]:
    """The roles a group's results file has counted hands for, in the catalog's order."""
    counted = {role for roles in session.hands.values() for role in roles}
    if not session.catalog.roles:
        return sorted(counted)
    return [role for role in session.catalog.roles if role in counted]


def check_group_file(session: Session) -> None:
    """Refuse to carry on, as a group, a results file someone answered on their own."""
    if session.meta.respondent != GROUP or session.meta.role is not None:
        raise FileError(
            "this results file is one respondent's, not a group's show of hands",
            Location(str(session.output)),
            f"carry it on with: coprod-check assess --resume {session.output}",
        )


class ShowOfHands:
    """A group's show of hands being recorded into a session's results file."""

    def __init__(self, session: Session, roles: Sequence[str]) -> None:
        self.session = session
        self.catalog = session.catalog
        self.roles = list(roles)
        chosen = {framework.id for framework in session.meta.frameworks}
        asked = {
            question.id
            for role in self.roles
            for question in self.catalog.questions_for(None if role == EVERYONE else role, chosen)
        }
        self.questions = [
            question
            for question in self.catalog.questions.values()
            if question.id in asked and question.type in COUNTED
        ]
        """Every question counted for some role in the room, in the frameworks' order."""

    def counted_for(self, question: Question) -> list[tuple[str, str]]:
        """The roles in the room asked ``question``: (id, title)."""
        return [
            (role, _title(self.catalog, role)) for role in self.roles if self._asks(question, role)
        ]

    def _asks(self, question: Question, role: str) -> bool:
        return role == EVERYONE or self.catalog.asks(question, role)

    def steps(self) -> list[Question]:
        """The questions that apply now: those whose condition holds for the room's answers."""
        pathway = self.catalog.pathways[self.session.meta.pathway]
        facts = Facts(self.catalog, pathway, self.session.answers)
        return [
            question
            for question in self.questions
            if question.when is None
            or (condition := self.catalog.conditions.get(question.id)) is None
            or cond.holds(condition, facts)
        ]

    def first_open(self) -> int:
        """Where to carry on: the first question the room has not yet answered or skipped."""
        steps = self.steps()
        return next(
            (index for index, step in enumerate(steps) if step.id not in self.session.answers),
            len(steps),
        )

    def keep(self, question: Question, counts: Raised | None, note: str | None) -> None:
        """Save one question's hands (None: the room skipped it), and the room's middle answer."""
        hands = self.session.hands
        if counts is None:
            hands.pop(question.id, None)
            answer = Answer(question=question.id, note=note)
        else:
            hands[question.id] = {role: dict(chosen) for role, chosen in counts.items()}
            answer = middle(question, counts, note)
        answers = {**self.session.answers, question.id: answer}
        self.session.save(answers)

    def run(self, prompter: HandsPrompter) -> Results:
        """Ask for every open question's hands, saving after each; then save the whole."""
        index = self.first_open()
        while True:
            steps = self.steps()
            if index >= len(steps):
                break
            question = steps[index]
            options = {Action.HELP, Action.WORDS, Action.SKIP}
            if index > 0:
                options.add(Action.BACK)
            position = Position(index + 1, len(steps), topic_of(self.catalog, question))
            previous = self.session.hands.get(question.id)
            given = self.session.answers.get(question.id)
            response = prompter.hands(
                question, position, self.counted_for(question), previous, options
            )
            if response is Action.HELP:
                prompter.show(help_text(question))
            elif response is Action.WORDS:
                prompter.show(words_text(self.catalog, question))
            elif response is Action.BACK:
                index -= 1
            elif response is Action.SKIP:
                self.keep(question, None, given.note if given else None)
                index += 1
            elif isinstance(response, dict):
                note = prompter.note(given.note if given else None)
                self.keep(question, response, note)
                index += 1
        return self.session.save(self.session.answers, complete=True)

    @property
    def people(self) -> dict[str, int]:
        """How many people in each role the hands stand for (see ``combine/hands.py``)."""
        return head_counts(self.session.hands)


def middle(question: Question, counts: Raised, note: str | None) -> Answer:
    """The room's middle answer: the lower middle of every hand raised, in the order of the
    answers' scores (skipped when no hand went up)."""
    every: dict[str, int] = {}
    for chosen in counts.values():
        for choice, count in chosen.items():
            every[choice] = every.get(choice, 0) + count
    hands = in_order(question, every)
    if not hands:
        return Answer(question=question.id, note=note)
    return Answer(question=question.id, choices=(hands[(len(hands) - 1) // 2],), note=note)


def ending(group: ShowOfHands, *, width: int) -> str:
    """What to say when the hands are all counted: how many people, where their voices differ
    (the file combined on its own, as ``combine`` would), and what to run next."""
    output = group.session.output
    people = group.people
    if not people:
        return f"No hands were counted, so there is nothing to combine. Saved in {output}\n"
    catalog = group.catalog
    combined = combined_result(
        catalog,
        gather(catalog, [str(output)], workers=1),
        threshold=25.0,
        names=False,
        project=None,
    )
    total = sum(people.values())
    roles = ", ".join(f"{_title(catalog, role)} {count}" for role, count in people.items())
    quoted = shlex.quote(str(output))
    lines = [
        f"Saved the show of hands of {total} {'person' if total == 1 else 'people'} ({roles}) "
        f"to {output}",
        "",
        combined_text(build_report(catalog, combined), width).rstrip("\n"),
        "",
        "The whole report, to share with everyone who took part:",
        f"  coprod-check combine {quoted} --output combined.toml",
        "  coprod-check report combined.toml --format html --output report.html",
    ]
    return "\n".join(lines) + "\n"


def _title(catalog: Catalog, role: str) -> str:
    known = catalog.roles.get(role)
    return known.title if known is not None else role.capitalize()
