"""Placement (``score/placement.py``), on a small framework of our own whose right answers are
known by construction: the placing answer gives an area its stage, every guardrail that holds caps
it (the lowest wins), "does not apply" leaves it out, and the project sits at the lower middle of
its placed areas. Each placement says why, and what would move it up a stage."""

from __future__ import annotations

from typing import Any

import pytest

from coprod_check.model.answers import Answer
from coprod_check.model.assessment import Assessment
from coprod_check.model.catalog import Catalog
from coprod_check.score.assess import assess
from tests.helpers import catalog_of, minimal_framework

STAGES = ["told", "asked", "sharing", "leading"]
AREAS = ["making", "deciding", "telling", "learning"]


def _placing(area: str) -> dict[str, Any]:
    """The question that places ``area``: one choice per stage, and "does not apply"."""
    return {
        "id": f"{area}-stage",
        "text": f"How does {area} work?",
        "help": "Think of the last time.",
        "type": "single",
        "dimensions": [area],
        "places": area,
        "section": "Design",
        "not_applicable": True,
        "choices": [
            {"id": f"{area}-{stage}", "label": f"{stage.title()}.", "stage": {"steps": stage}}
            for stage in STAGES
        ],
    }


def _framework() -> dict[str, Any]:
    framework = minimal_framework(id="placing")
    framework["pathway"]["stages"] = [
        {
            "id": stage,
            "title": stage.title(),
            "group": "all",
            "description": f"People are {stage}.",
            "next_step": f"Move on from {stage}.",
        }
        for stage in STAGES
    ]
    framework["dimensions"] = [
        {
            "id": area,
            "kind": "area",
            "title": area.title(),
            "description": f"How {area} is done.",
            "section": "Design",
        }
        for area in AREAS
    ]
    extra = {
        "id": "making-extra",
        "text": "Is making talked about?",
        "help": "Any talk counts.",
        "type": "yes-no",
        "dimensions": ["making"],
        "section": "Design",
    }
    paid = {
        "id": "paid",
        "text": "Are people paid for their time?",
        "help": "Money, not thanks.",
        "type": "yes-no",
        "dimensions": ["making", "deciding"],
        "section": "Design",
    }
    late = {
        "id": "late",
        "text": "Are people asked after the decisions?",
        "help": "After the main ones.",
        "type": "yes-no",
        "dimensions": ["deciding"],
        "section": "Design",
    }
    framework["questions"] = [*map(_placing, AREAS), extra, paid, late]
    framework["guardrails"] = [
        {
            "id": "unpaid",
            "title": "People are not paid",
            "explanation": "Unpaid time is not shared power.",
            "when": {"answer": "paid", "is": "no"},
            "highest": {"steps": "sharing"},
            "areas": ["making", "deciding"],
            "section": "Design",
        },
        {
            "id": "too-late",
            "title": "Asked too late",
            "explanation": "A say after the decisions is no say.",
            "when": {"answer": "late", "is": "yes"},
            "highest": {"steps": "asked"},
            "areas": ["deciding"],
            "section": "Design",
        },
    ]
    return framework


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return catalog_of(tmp_path_factory.mktemp("placing"), _framework())


def _assess(catalog: Catalog, **chosen: str) -> Assessment:
    """Assess answers given as question=choice (dashes written as underscores)."""
    answers = {}
    for key, choice in chosen.items():
        question = key.replace("_", "-")
        answers[question] = Answer(question=question, choices=(choice,))
    return assess(catalog, answers, "steps")


def test_the_placing_answer_gives_the_stage(catalog: Catalog) -> None:
    making = _assess(catalog, making_stage="making-sharing").area("making")
    assert (making.status, making.stage, making.index, making.claimed) == (
        "placed",
        "sharing",
        2,
        "sharing",
    )
    assert making.held_back_by == ()
    (reason, *_) = making.reasons
    assert reason.kind == "answer"
    assert reason.question == "making-stage"
    assert reason.text == (
        "You answered 'Sharing' to \"How does making work?\", which is Sharing on Three steps."
    )


def test_a_guardrail_caps_the_stage_and_says_so(catalog: Catalog) -> None:
    making = _assess(catalog, making_stage="making-leading", paid="no").area("making")
    assert (making.stage, making.claimed) == ("sharing", "leading")
    assert making.held_back_by == ("unpaid",)
    held = [reason for reason in making.reasons if reason.kind == "guardrail"]
    assert [reason.text for reason in held] == [
        "Held back to Sharing: People are not paid. Unpaid time is not shared power."
    ]


def test_a_guardrail_above_the_claim_changes_nothing(catalog: Catalog) -> None:
    making = _assess(catalog, making_stage="making-asked", paid="no").area("making")
    assert making.stage == "asked"
    assert making.held_back_by == ()


def test_a_guardrail_holds_only_its_own_areas(catalog: Catalog) -> None:
    assessment = _assess(
        catalog, telling_stage="telling-leading", deciding_stage="deciding-leading", late="yes"
    )
    assert assessment.area("telling").stage == "leading"
    assert assessment.area("deciding").stage == "asked"


def test_of_several_guardrails_the_lowest_wins(catalog: Catalog) -> None:
    deciding = _assess(catalog, deciding_stage="deciding-leading", paid="no", late="yes").area(
        "deciding"
    )
    assert deciding.stage == "asked"
    assert deciding.held_back_by == ("too-late", "unpaid")


def test_to_move_up_names_the_answer_when_the_answer_is_what_holds_it(catalog: Catalog) -> None:
    making = _assess(catalog, making_stage="making-asked").area("making")
    (move,) = making.to_move_up
    assert move.question == "making-stage"
    assert move.choices == ("making-sharing",)
    assert move.text == "Reach Sharing: be able to answer 'Sharing' to \"How does making work?\""


def test_to_move_up_lifts_every_guardrail_that_would_still_hold(catalog: Catalog) -> None:
    deciding = _assess(catalog, deciding_stage="deciding-leading", paid="no", late="yes").area(
        "deciding"
    )
    lifted = {move.guardrail: move for move in deciding.to_move_up}
    assert set(lifted) == {"too-late"}  # "unpaid" caps it at sharing, above where it is now
    assert lifted["too-late"].question == "late"
    assert lifted["too-late"].choices == ("no",)


def test_the_top_stage_has_nothing_to_move_up_to(catalog: Catalog) -> None:
    assert _assess(catalog, making_stage="making-leading").area("making").to_move_up == ()


def test_does_not_apply_leaves_the_area_out(catalog: Catalog) -> None:
    assessment = _assess(
        catalog,
        making_stage="not-applicable",
        deciding_stage="deciding-told",
        telling_stage="telling-leading",
    )
    making = assessment.area("making")
    assert (making.status, making.stage, making.index) == ("not-applicable", None, None)
    assert making.reasons[0].text == "You said making does not apply to your work."
    assert assessment.overall.coverage == 0.667  # of the three areas that apply, two are placed


def test_an_unanswered_area_says_what_to_answer(catalog: Catalog) -> None:
    learning = _assess(catalog, making_stage="making-told").area("learning")
    assert learning.status == "unanswered"
    assert learning.reasons[0].text == '"How does learning work?" has not been answered yet.'
    assert [move.question for move in learning.to_move_up] == ["learning-stage"]


def test_a_skipped_placing_answer_is_not_placed(catalog: Catalog) -> None:
    answers = {"making-stage": Answer(question="making-stage")}
    assert assess(catalog, answers, "steps").area("making").status == "unanswered"


def test_an_area_with_less_than_half_answered_is_provisional(catalog: Catalog) -> None:
    alone = _assess(catalog, making_stage="making-sharing").area("making")  # 1 of 3 answered
    assert alone.provisional
    assert alone.reasons[-1].text == "Provisional: 1 of 3 questions on making are answered."
    backed = _assess(catalog, making_stage="making-sharing", making_extra="yes", paid="yes")
    assert not backed.area("making").provisional


@pytest.mark.parametrize(
    ("stages", "middle"),
    [
        (["told"], "told"),
        (["told", "leading"], "told"),  # an even number: the lower middle
        (["told", "leading", "leading"], "leading"),
        (["leading", "told", "asked"], "asked"),
        (["leading", "leading", "told", "asked"], "asked"),
    ],
)
def test_overall_is_the_lower_middle_of_the_placed_areas(
    catalog: Catalog, stages: list[str], middle: str
) -> None:
    chosen = {
        f"{area}_stage": f"{area}-{stage}" for area, stage in zip(AREAS, stages, strict=False)
    }
    overall = _assess(catalog, **chosen).overall
    assert overall.status == "placed"
    assert overall.stage == middle
    ordered = sorted(stages, key=STAGES.index)
    assert (overall.low, overall.high) == (ordered[0], ordered[-1])


def test_overall_says_which_areas_to_move(catalog: Catalog) -> None:
    overall = _assess(
        catalog,
        making_stage="making-asked",
        deciding_stage="deciding-asked",
        telling_stage="telling-told",
        learning_stage="learning-leading",
    ).overall
    assert overall.stage == "asked"
    (move,) = overall.to_move_up
    assert set(move.areas) == {"making", "deciding"}
    assert move.text == "Move Deciding, Making up a stage"  # the lower middle needs both


def test_overall_says_when_any_one_area_will_do(catalog: Catalog) -> None:
    overall = _assess(
        catalog,
        making_stage="making-asked",
        deciding_stage="deciding-asked",
        learning_stage="learning-leading",
    ).overall
    assert overall.stage == "asked"
    (move,) = overall.to_move_up
    assert move.text == "Move any one of these areas up a stage: Deciding, Making"


def test_overall_with_nothing_placed_is_unanswered(catalog: Catalog) -> None:
    overall = _assess(catalog, paid="yes").overall
    assert overall.status == "unanswered"
    assert overall.reasons[0].text == "No area has been placed yet."


def test_overall_is_provisional_when_fewer_than_half_the_areas_are_placed(
    catalog: Catalog,
) -> None:
    overall = _assess(catalog, making_stage="making-told").overall
    assert overall.provisional
    assert overall.coverage == 0.25
