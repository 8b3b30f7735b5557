"""Scores, coverage and the facts conditions are checked against. No printing, no prompts, no files.

How it works, in short (``docs/scoring.md`` has the long version with a worked example):

* **Scores.** Each answered question scores from 0 to 100: the chosen choice's score; for a
  multiple-choice question the sum of the chosen choices, at most 100; for a question that places
  an area, how far towards the area's target the chosen stage is (100 at the target or above).
  A dimension's score is the mean of its answered questions. Skipped and "does not apply"
  answers are left out, never counted as zero.
* **Coverage.** The share of a dimension's questions that were answered, leaving out those that do
  not apply and those whose ``when`` does not hold. Below one half, the score is provisional.
* **Placement.** Each area starts at the stage its placing question's answer gives, on the pathway
  in use. Every guardrail whose condition holds caps it at the guardrail's stage. The project's
  overall placement is the middle of the areas' placements (the lower middle for an even number),
  so one strong area cannot carry the rest and one weak area cannot sink them.
"""

from collections.abc import Iterable

from coprod_check.model import conditions as cond
from coprod_check.model.answers import Answer, Answers
from coprod_check.model.assessment import Score
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway, Question

PROVISIONAL_BELOW = 0.5
"""A score or placement with less than this share of its questions answered is provisional."""


def question_score(
    question: Question, answer: Answer | None, pathway: Pathway, target: int | None = None
) -> float | None:
    """The answer's score from 0 to 100, or ``None`` when it does not count. A placing answer
    scores how far it is towards ``target`` (the top of the pathway when none is given)."""
    if answer is None or answer.skipped or answer.not_applicable or question.type == "text":
        return None
    options = {choice.id: choice for choice in question.options()}
    chosen = [options[choice_id] for choice_id in answer.choices if choice_id in options]
    if question.places is not None:
        stages = [c.stage[pathway.id] for c in chosen if c.stage and pathway.id in c.stage]
        if not stages:
            return None
        aim = len(pathway.stages) - 1 if target is None else target
        reached = max(pathway.index(stage) for stage in stages)
        return 100.0 if reached >= aim else 100 * reached / aim
    scores = [choice.score for choice in chosen if choice.score is not None]
    if not scores:
        return None
    if question.type == "multiple":
        return float(min(100, sum(scores)))
    return float(scores[0])


class Facts:
    """What conditions are evaluated against: the answers, and scores and stages once known."""

    def __init__(
        self, catalog: Catalog, pathway: Pathway, answers: Answers, role: str | None = None
    ) -> None:
        self.catalog = catalog
        self.role = role
        """The respondent's role: questions not asked of it do not count as unanswered, and what
        is said about an answer quotes the question in the role's words."""
        self._voice = catalog.voice_of(role)
        self._worded: dict[str, Question] = {}
        self.pathway = pathway.id
        self._pathway = pathway
        self.answers = answers
        self.scores: dict[str, float | None] = {}
        self.stages: dict[str, int | None] = {}
        self.targets: dict[str, int] = {}
        """Each area's target (and ``overall``'s), as a position on the pathway."""

    def worded(self, question: Question) -> Question:
        """The question in the respondent's words, as they were asked it."""
        found = self._worded.get(question.id)
        if found is None:
            found = self._worded[question.id] = question.in_voice(self._voice)
        return found

    def chosen(self, question: str) -> frozenset[str] | None:
        answer = self.answers.get(question)
        if answer is None or answer.skipped:
            return None
        return frozenset(answer.choices)

    def score(self, dimension: str) -> float | None:
        return self.scores.get(dimension)

    def stage_index(self, area: str) -> int | None:
        return self.stages.get(area)

    def index_of(self, stage: str) -> int | None:
        try:
            return self._pathway.index(stage)
        except KeyError:
            return None

    def target_index(self, area: str) -> int | None:
        return self.targets.get(area)


def is_asked(catalog: Catalog, question: Question, facts: Facts) -> bool:
    """Whether the question is asked of the respondent's role and its ``when`` (if any) holds for
    the answers given."""
    if not catalog.asks(question, facts.role):
        return False
    condition = catalog.conditions.get(question.id) if question.when is not None else None
    return condition is None or cond.holds(condition, facts)


def asked(catalog: Catalog, questions: Iterable[Question], facts: Facts) -> list[Question]:
    """The questions among ``questions`` that are asked, given the answers: those asked of the
    respondent's role whose ``when`` holds. The questionnaire asks these, and its progress line,
    its end screen and the reports all count them, so that "4 of 69" means the same 69."""
    return [question for question in questions if is_asked(catalog, question, facts)]


def score_dimensions(catalog: Catalog, answers: Answers, facts: Facts) -> list[Score]:
    """Every dimension's score and coverage."""
    pathway = catalog.pathways[facts.pathway]
    per_question = {
        question.id: question_score(
            question,
            answers.get(question.id),
            pathway,
            facts.targets.get(question.places) if question.places else None,
        )
        for question in catalog.questions.values()
    }
    results = []
    for dimension in catalog.dimensions.values():
        values: list[float] = []
        total = 0
        for question in catalog.questions.values():
            if dimension.id not in question.dimensions or question.type == "text":
                continue
            answer = answers.get(question.id)
            if answer is not None and answer.not_applicable:
                continue
            if answer is None and not is_asked(catalog, question, facts):
                continue
            total += 1
            value = per_question[question.id]
            if value is not None:
                values.append(value)
        score = sum(values) / len(values) if values else None
        coverage = len(values) / total if total else 0.0
        results.append(
            Score(
                dimension=dimension.id,
                kind=dimension.kind,
                score=None if score is None else round(score, 1),
                answered=len(values),
                total=total,
                provisional=coverage < PROVISIONAL_BELOW,
            )
        )
    return results
