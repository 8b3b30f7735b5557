"""Issue 13, item 1: after each area's questions, the questionnaire asks once which stage is right
for the area now. The choice is kept apart from the answers (it goes into [targets]), saved the
moment it is made, skippable (a skip keeps the framework's suggested stage), and back works as for
any other question, with numbered lines and with arrow-key menus alike.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

import msgspec
import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from coprod_check.ask.plain import PlainPrompter
from coprod_check.ask.questionnaire import (
    Action,
    MenuPrompter,
    Position,
    Questionnaire,
    Response,
    Step,
)
from coprod_check.ask.targets import TargetQuestion
from coprod_check.frameworks.load import Sources, load_catalog
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question


def _bundled_catalog() -> Catalog:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COPROD_CHECK_CACHE_DIR", "")
        return load_catalog(Sources())


CATALOG = _bundled_catalog()
FIVE_AREAS = [q for q in CATALOG.questions.values() if CATALOG.owner[q.id] == "five-areas"]
DESIGN = [q.id for q in FIVE_AREAS if q.id.startswith("design-")]
LAST_DESIGN = DESIGN[-1]  # design-how-to-take-part
FIRST_DECISION = "decision-making-stage"

DOWN = "\x1b[B"
ENTER = "\r"


class Saves:
    """Every save the questionnaire made: the answers and the targets, as they were then."""

    def __init__(self) -> None:
        self.answers: list[dict[str, Answer]] = []
        self.targets: list[dict[str, str]] = []

    def __call__(self, answers: dict[str, Answer], targets: dict[str, str]) -> None:
        self.answers.append(dict(answers))
        self.targets.append(dict(targets))


def _questionnaire(
    questions: Sequence[Question] = FIVE_AREAS,
    *,
    answers: dict[str, Answer] | None = None,
    targets: Mapping[str, str] | None = None,
    pathway: str = "arnstein",
    ask_targets: bool = True,
    catalog: Catalog = CATALOG,
) -> tuple[Questionnaire, Saves]:
    saves = Saves()
    questionnaire = Questionnaire(
        catalog,
        list(questions),
        pathway,
        dict(answers or {}),
        saves,
        targets=targets,
        ask_targets=ask_targets,
    )
    return questionnaire, saves


class Fake:
    """A prompter that replies from a script and keeps what it was asked.

    Each step's replies are taken in turn from ``replies[step id]``; once they run out, a question
    gets its first choice (or some text) and a target question is skipped. A reply given as text
    is a choice id."""

    def __init__(self, replies: Mapping[str, Sequence[Response | str]] | None = None) -> None:
        self.replies = {key: list(value) for key, value in (replies or {}).items()}
        self.asked: list[str] = []
        self.previous: list[Answer | None] = []
        self.options: list[set[Action]] = []
        self.positions: list[Position] = []
        self.shown: list[str] = []

    def show(self, text: str) -> None:
        self.shown.append(text)

    def ask(
        self, question: Step, position: Position, previous: Answer | None, options: set[Action]
    ) -> Response:
        self.asked.append(question.id)
        self.previous.append(previous)
        self.options.append(options)
        self.positions.append(position)
        left = self.replies.get(question.id)
        if left:
            reply = left.pop(0)
            if isinstance(reply, str):
                return Answer(question=question.id, choices=(reply,))
            return reply
        if isinstance(question, TargetQuestion):
            return Action.SKIP
        if question.type == "text":
            return Answer(question=question.id, text="Something")
        return Answer(question=question.id, choices=(question.options()[0].id,))

    def note(self, previous: str | None) -> str | None:
        return previous


def test_item_1_the_target_question_follows_each_areas_last_question() -> None:
    questionnaire, _ = _questionnaire()
    fake = Fake()
    questionnaire.run(fake)
    assert fake.asked[: len(DESIGN) + 2] == [*DESIGN, "target:design", FIRST_DECISION]
    targets = [step for step in fake.asked if step.startswith("target:")]
    assert targets == [f"target:{area}" for area in CATALOG.dimensions if _is_area(area)]
    for target in targets:  # each comes once, after the last question of its area asked
        area = target.removeprefix("target:")
        before = fake.asked[: fake.asked.index(target)]
        after = fake.asked[fake.asked.index(target) + 1 :]
        mine = [q.id for q in FIVE_AREAS if q.id in before and _of_area(q, area)]
        assert mine, area
        assert not [q for q in FIVE_AREAS if q.id in after and _of_area(q, area)], area


def _is_area(dimension_id: str) -> bool:
    return CATALOG.dimensions[dimension_id].kind == "area"


def _of_area(question: Question, area: str) -> bool:
    parents = {CATALOG.dimensions[d].parent for d in question.dimensions}
    return question.places == area or area in question.dimensions or area in parents


def test_item_1_the_target_question_offers_every_stage_lowest_first() -> None:
    questionnaire, _ = _questionnaire([CATALOG.questions[q] for q in DESIGN])
    target = questionnaire.target_questions["design"]
    assert target.text.startswith("Which stage is right for design now?")
    assert "the top is not always the aim" in target.text
    labels = [choice.label for choice in target.options()]
    assert labels == [
        "Manipulation · Non-participation",
        "Therapy · Non-participation",
        "Informing · Tokenism",
        "Consultation · Tokenism",
        "Placation · Tokenism",
        "Partnership · Citizen power (suggested)",
        "Delegated power · Citizen power",
        "Citizen control · Citizen power",
    ]
    assert target.suggested == "partnership"
    assert "pathway" in target.terms
    assert "partnership" in target.terms


def test_item_1_on_the_other_pathway_its_own_stages_and_suggestion() -> None:
    questionnaire, _ = _questionnaire(pathway="tlap-ladder")
    target = questionnaire.target_questions["delivery"]
    assert [choice.id for choice in target.options()] == [
        stage.id for stage in CATALOG.pathways["tlap-ladder"].stages
    ]
    assert target.suggested == "co-production"
    assert target.options()[-1].label == "Co-production · Doing with (suggested)"


def test_item_1_a_chosen_target_is_kept_apart_from_the_answers_and_saved_at_once() -> None:
    questionnaire, saves = _questionnaire([CATALOG.questions[q] for q in DESIGN])
    answers = questionnaire.run(Fake({"target:design": ["consultation"]}))
    assert questionnaire.targets == {"design": "consultation"}
    assert not [key for key in answers if key.startswith("target")]
    assert set(answers) == set(DESIGN)
    assert saves.targets[-1] == {"design": "consultation"}
    assert saves.answers[-1] == saves.answers[-2]  # the last save was for the target alone
    assert saves.targets[-2] == {}


def test_item_1_skip_keeps_the_suggested_target() -> None:
    questionnaire, saves = _questionnaire(
        [CATALOG.questions[q] for q in DESIGN], targets={"design": "placation"}
    )
    questionnaire.run(Fake({"target:design": [Action.SKIP]}), start=len(DESIGN))
    assert questionnaire.targets == {}  # no target of their own: the framework's stands
    assert saves.targets == [{}]


def test_item_1_back_from_the_target_question_and_back_to_it() -> None:
    questions = [CATALOG.questions[q] for q in [*DESIGN, FIRST_DECISION]]
    questionnaire, _ = _questionnaire(questions)
    fake = Fake(
        {
            "target:design": [Action.BACK, "delegated-power", "consultation"],
            FIRST_DECISION: [Action.BACK],
        }
    )
    questionnaire.run(fake)
    assert fake.asked[len(DESIGN) - 1 :] == [
        LAST_DESIGN,
        "target:design",  # back
        LAST_DESIGN,
        "target:design",  # delegated power
        FIRST_DECISION,  # back
        "target:design",  # asked again with the earlier choice marked: consultation
        FIRST_DECISION,
        "target:decision-making",
    ]
    third = [i for i, step in enumerate(fake.asked) if step == "target:design"][2]
    assert fake.previous[third] == Answer(question="target:design", choices=("delegated-power",))
    assert Action.BACK in fake.options[third]
    assert questionnaire.targets == {"design": "consultation"}


def test_item_1_an_area_that_does_not_apply_gets_no_target_question() -> None:
    research = [q for q in FIVE_AREAS if q.id.startswith(("research-", "fronting"))]
    questionnaire, _ = _questionnaire(research)
    fake = Fake({"research-stage": ["not-applicable"]})
    questionnaire.run(fake)
    assert "target:research" not in fake.asked
    assert "target:voice" in fake.asked  # fronting-work counts for voice too


def test_item_1_no_target_questions_when_targets_come_from_elsewhere() -> None:
    questionnaire, _ = _questionnaire(ask_targets=False)
    fake = Fake()
    questionnaire.run(fake)
    assert not [step for step in fake.asked if step.startswith("target:")]


def test_item_1_no_target_question_without_an_areas_questions() -> None:
    scie = [q for q in CATALOG.questions.values() if CATALOG.owner[q.id] == "scie-principles"]
    questionnaire, _ = _questionnaire(scie)
    assert all(isinstance(step, Question) for step in questionnaire.steps())


def test_item_1_a_session_stopped_at_the_target_question_starts_there_again() -> None:
    answered = {
        q: Answer(question=q, choices=(CATALOG.questions[q].options()[0].id,)) for q in DESIGN
    }
    questionnaire, _ = _questionnaire(answers=answered)
    steps = questionnaire.steps()
    assert steps[questionnaire.first_open()].id == "target:design"
    assert questionnaire.has_open_questions()
    chosen, _ = _questionnaire(answers=answered, targets={"design": "consultation"})
    assert chosen.steps()[chosen.first_open()].id == FIRST_DECISION


def test_issue14_item_5_the_target_question_comes_after_the_last_and_is_not_counted() -> None:
    # The count is of questions, as the end screen and the reports count them (it was 6 of 6).
    questions = [CATALOG.questions[q] for q in DESIGN]
    questionnaire, _ = _questionnaire(questions)
    fake = Fake()
    questionnaire.run(fake)
    assert [str(p) for p in fake.positions][-2:] == [
        f"{len(DESIGN)} of {len(DESIGN)} · Design",
        f"After {len(DESIGN)} of {len(DESIGN)} · Design",
    ]
    assert {p.total for p in fake.positions} == {len(questionnaire.applicable())}


# -- numbered plain prompts ----------------------------------------------------------------------


def _plain(
    typed: str, *, width: int = 40, targets: dict[str, str] | None = None
) -> tuple[Questionnaire, Saves, str]:
    questions = [CATALOG.questions[LAST_DESIGN], CATALOG.questions[FIRST_DECISION]]
    questionnaire, saves = _questionnaire(questions, targets=targets)
    stdout = io.StringIO()
    prompter = PlainPrompter(io.StringIO(typed), stdout, width=width)
    questionnaire.run(prompter)
    return questionnaire, saves, stdout.getvalue()


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", [80, 40])
def test_item_1_plain_target_question_numbered_and_short(width: int) -> None:
    # The last design question, its note, the target question (4 is Consultation), then the
    # decision-making question, its note and its target question, skipped.
    questionnaire, _, out = _plain("4\n\n4\n1\n\ns\n", width=width)
    assert questionnaire.targets == {"design": "consultation"}
    flat = _flat(out)
    assert "After 1 of 2 · Design Which stage is right for design now?" in flat
    assert "After 2 of 2 · Decision-making Which stage is right for decision-making now?" in flat
    assert "4. Consultation · Tokenism" in flat
    assert "6. Partnership · Citizen power (suggested)" in flat
    assert "8. Citizen control · Citizen power" in flat
    assert "Type a number and press Enter. Or type h=help, w=words, s=skip, b=back." in flat
    assert out.count("Why did you choose this?") == 2  # no note for a target
    wide = [
        line for line in out.splitlines() if len(line) > width and not line.startswith("Answer")
    ]
    assert wide == []
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)


def test_item_1_plain_target_help_words_skip_and_back() -> None:
    questionnaire, saves, out = _plain("4\n\nh\nw\nb\n4\n\n9\ns\n1\n\ns\n")
    flat = _flat(out)
    assert "Help: What co-production looks like depends on" in flat
    assert "The suggested stage is Partnership: People and staff plan" in flat
    assert _flat(f"consultation: {CATALOG.glossary['consultation'].definition}") in flat
    assert flat.count("1 of 2 · Design We ask") == 2  # back from the target question
    assert "Type a number from 1 to 8." in flat
    assert questionnaire.targets == {}
    assert saves.targets[-1] == {}


def test_item_1_plain_marks_the_target_chosen_earlier() -> None:
    _, _, out = _plain("4\n\n7\n1\n\ns\n", targets={"design": "delegated-power"})
    assert "7. Delegated power · Citizen power (your answer)" in _flat(out)


# -- arrow-key menus -----------------------------------------------------------------------------


def _menu(keys: str, *, targets: dict[str, str] | None = None) -> tuple[Questionnaire, Saves]:
    questions = [CATALOG.questions[LAST_DESIGN], CATALOG.questions[FIRST_DECISION]]
    questionnaire, saves = _questionnaire(questions, targets=targets)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        prompter = MenuPrompter(stream=io.StringIO(), input=pipe, output=DummyOutput())
        questionnaire.run(prompter)
    return questionnaire, saves


def test_item_1_menu_enter_takes_the_suggested_stage() -> None:
    keys = ENTER + ENTER  # the last design question, its note
    keys += ENTER  # the target question: the suggested stage is highlighted
    keys += ENTER + ENTER  # the decision-making question and its note
    keys += DOWN + ENTER  # its target question: one above the suggested stage
    questionnaire, saves = _menu(keys)
    assert questionnaire.targets == {"design": "partnership", "decision-making": "delegated-power"}
    assert saves.targets[1] == {"design": "partnership"}


def test_item_1_menu_picks_another_stage_and_skips() -> None:
    up = "\x1b[A"
    keys = ENTER + ENTER + up + ENTER  # the stage below the suggested one
    keys += ENTER + ENTER + ENTER  # the decision-making question, its note, its target
    questionnaire, _ = _menu(keys)
    assert questionnaire.targets == {"design": "placation", "decision-making": "partnership"}
    # From the stage chosen before (Placation): Partnership, Delegated power, Citizen control,
    # then past the separator Help, Words and Skip.
    keys = ENTER + ENTER + DOWN * 6 + ENTER + ENTER + ENTER + ENTER
    questionnaire, _ = _menu(keys, targets={"design": "placation"})
    assert questionnaire.targets == {"decision-making": "partnership"}


def test_item_1_menu_back_from_the_target_question() -> None:
    keys = ENTER + ENTER  # the last design question
    keys += DOWN * 6 + ENTER  # from Partnership, past the separator: Help, Words, Skip, Go back
    keys += ENTER + ENTER  # the design question again, with its answer kept
    keys += ENTER  # the target question: the suggested stage
    keys += ENTER + ENTER + DOWN * 5 + ENTER  # the decision-making question; its target skipped
    questionnaire, _ = _menu(keys)
    assert questionnaire.targets == {"design": "partnership"}
    assert questionnaire.answers[LAST_DESIGN].choices == ("strongly-disagree",)


# -- framework text never acts on the terminal --------------------------------------------------


def test_item_1_target_question_text_from_a_framework_is_made_safe() -> None:
    hostile = "\x1b[2J\x9b31m\u202e"
    catalog = msgspec.structs.replace(CATALOG)
    catalog.dimensions = {
        **CATALOG.dimensions,
        "design": msgspec.structs.replace(CATALOG.dimensions["design"], title="Design" + hostile),
    }
    pathway = CATALOG.pathways["arnstein"]
    catalog.pathways = {
        **CATALOG.pathways,
        "arnstein": msgspec.structs.replace(
            pathway,
            stages=[msgspec.structs.replace(s, title=s.title + hostile) for s in pathway.stages],
        ),
    }
    questionnaire, _ = _questionnaire([CATALOG.questions[LAST_DESIGN]], catalog=catalog)
    stdout = io.StringIO()
    questionnaire.run(PlainPrompter(io.StringIO("4\n\nh\nw\n4\n"), stdout, width=80))
    shown = stdout.getvalue()
    assert "\ufffd" in shown
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)
    assert questionnaire.targets == {"design": "consultation"}
