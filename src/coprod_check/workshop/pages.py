"""The pages participants see, made from the Jinja templates in ``templates/workshop`` with the
environment the HTML report uses: autoescaping on, and every value shown made safe first, so what
anyone typed (a name, a note, an answer) is only ever text.

Each page is a plain form with full page loads: no scripts, nothing fetched from anywhere, help
and the meaning of words in ``<details>`` that open without JavaScript. Every form carries its
CSRF token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from coprod_check.ask.questionnaire import Step, topic_of
from coprod_check.ask.targets import TargetQuestion
from coprod_check.ask.who import ASK_ROLE, WHY_ROLE
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from coprod_check.render.report.html_format import environment

if TYPE_CHECKING:
    from coprod_check.workshop.room import Participant

MAX_NOTE = 2000
"""The longest note, or typed answer, in characters."""
MAX_NAME = 80
"""The longest name."""


@dataclass(frozen=True)
class Option:
    """One choice on a page: its id, its words, and whether it is marked."""

    id: str
    label: str
    checked: bool


@dataclass(frozen=True)
class Reviewed:
    """One step on the page that looks back over a participant's answers."""

    text: str
    answer: str
    href: str


def step_href(step: Step) -> str:
    return "/q/" + quote(step.id, safe="")


def _render(template: str, **context: Any) -> str:
    return environment().get_template(f"workshop/{template}.html.j2").render(**context)


def join_page(*, csrf: str, project: str, problem: str | None = None) -> str:
    """The front door: type the join code."""
    return _render("join", csrf=csrf, project=project, problem=problem)


def who_page(
    catalog: Catalog,
    *,
    csrf: str,
    code: str,
    project: str,
    problem: str | None = None,
    role: str | None = None,
    name: str = "",
) -> str:
    """Who is answering: their role, and a name if they wish."""
    return _render(
        "who",
        csrf=csrf,
        code=code,
        project=project,
        problem=problem,
        ask=ASK_ROLE,
        why=WHY_ROLE,
        roles=list(catalog.roles.values()),
        chosen=role,
        name=name,
        max_name=MAX_NAME,
    )


def question_page(
    catalog: Catalog,
    participant: Participant,
    step: Step,
    *,
    csrf: str,
    problem: str | None = None,
    given: Answer | None = None,
) -> str:
    """One question (or an area's target question), with what was answered before marked; after a
    problem, with what was just given marked instead."""
    steps = participant.steps()
    index = next(number for number, each in enumerate(steps) if each.id == step.id)
    shown = given if given is not None else participant.questionnaire.previous(step)
    marked = set(shown.choices) if shown is not None else set()
    if not marked and isinstance(step, TargetQuestion):
        marked = {step.suggested}
    kind = "text" if isinstance(step, Question) and step.type == "text" else "choices"
    return _render(
        "question",
        csrf=csrf,
        project=participant.session.meta.project,
        number=index + 1,
        total=len(steps),
        topic=topic_of(catalog, step),
        text=step.text,
        kind=kind,
        multiple=isinstance(step, Question) and step.type == "multiple",
        options=[Option(choice.id, choice.label, choice.id in marked) for choice in step.options()]
        if kind == "choices"
        else [],
        typed=(shown.text or "") if shown is not None else "",
        help=[part for part in step.help.split("\n\n") if part.strip()],
        words=[catalog.glossary[term] for term in step.terms if term in catalog.glossary],
        notes=isinstance(step, Question),
        note=(shown.note or "") if shown is not None else "",
        max_note=MAX_NOTE,
        action=step_href(step),
        back=step_href(steps[index - 1]) if index > 0 else None,
        problem=problem,
        answered=participant.session.answered,
    )


def done_page(catalog: Catalog, participant: Participant, *, csrf: str) -> str:
    """The end: every answer saved, and each one to look over or change."""
    return _render(
        "done",
        csrf=csrf,
        project=participant.session.meta.project,
        answered=participant.session.answered,
        reviewed=[_reviewed(participant, step) for step in participant.steps()],
    )


def _reviewed(participant: Participant, step: Step) -> Reviewed:
    questionnaire = participant.questionnaire
    if isinstance(step, TargetQuestion):
        chosen = questionnaire.targets.get(step.area, step.suggested)
        label = next((c.label for c in step.choices if c.id == chosen), chosen)
        return Reviewed(step.text, label, step_href(step))
    answer = questionnaire.answers.get(step.id)
    if answer is None:
        words = "Not answered yet"
    elif answer.skipped:
        words = "Skipped"
    elif answer.text:
        words = answer.text
    else:
        labels = {choice.id: choice.label for choice in step.options()}
        words = "; ".join(labels.get(choice, choice) for choice in answer.choices)
    return Reviewed(step.text, words, step_href(step))


def problem_page(title: str, words: str, *, home: bool = True) -> str:
    """A page that says what went wrong and what to do."""
    return _render("problem", title=title, words=words, home=home)
