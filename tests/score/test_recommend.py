"""Advice (``score/recommend.py``), on a small framework of our own: a recommendation fires when
its condition holds and says why in words about this project. It is ranked: advice that lifts a
rule holding the project back first; then the largest gap to target; then priority; then the
framework's own order, never the alphabet. The area furthest below its target gets a next step."""

from __future__ import annotations

from typing import Any

import pytest

from coprod_check.model.answers import Answer
from coprod_check.model.assessment import Advice, Assessment
from coprod_check.model.catalog import Catalog
from coprod_check.score.assess import assess
from tests.helpers import catalog_of, minimal_framework


def _yes_no(question_id: str, text: str, dimension: str) -> dict[str, Any]:
    return {
        "id": question_id,
        "text": text,
        "help": "Say what is true now.",
        "type": "yes-no",
        "dimensions": [dimension],
        "section": "Design",
    }


def _advice(advice_id: str, priority: str, when: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": advice_id,
        "title": f"Advice {advice_id}",
        "advice": f"Do {advice_id}.",
        "example": f"Someone did {advice_id}.",
        "section": "Design",
        "audience": "everyone",
        "priority": priority,
        "dimensions": ["making"],
        "when": when,
    }


def _framework() -> dict[str, Any]:
    framework = minimal_framework(id="advising")
    framework["dimensions"].append(
        {
            "id": "fairness",
            "kind": "principle",
            "title": "Fairness",
            "description": "Sharing fairly.",
            "section": "Design",
        }
    )
    framework["questions"][0]["choices"].insert(
        1, {"id": "asked", "label": "We ask", "stage": {"steps": "asked"}}
    )
    framework["questions"] += [
        _yes_no("paid", "Are people paid for their time?", "fairness"),
        _yes_no("thanked", "Are people thanked?", "fairness"),
        _yes_no("fed-back", "Do people hear what came of it?", "fairness"),
    ]
    framework["guardrails"] = [
        {
            "id": "unpaid",
            "title": "People are not paid",
            "explanation": "Unpaid time is not shared power.",
            "when": {"answer": "paid", "is": "no"},
            "highest": {"steps": "asked"},
            "section": "Design",
        }
    ]
    framework["recommendations"] = [
        _advice("pay-people", "high", {"answer": "paid", "is": "no"}),
        _advice("b-thank-people", "medium", {"answer": "thanked", "is": "no"}),
        _advice("a-feed-back", "medium", {"answer": "fed-back", "is": "no"}),
        _advice("be-fairer", "medium", {"score": "fairness", "below": 60}),
        _advice("share-more", "low", {"stage": "making", "below": {"steps": "sharing"}}),
        _advice(
            "all-of-it",
            "low",
            {"all": [{"answer": "paid", "is": "no"}, {"answer": "thanked", "is": "no"}]},
        ),
    ]
    return framework


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return catalog_of(tmp_path_factory.mktemp("advising"), _framework())


def _assess(catalog: Catalog, **chosen: str) -> Assessment:
    answers = {
        key.replace("_", "-"): Answer(question=key.replace("_", "-"), choices=(choice,))
        for key, choice in chosen.items()
    }
    return assess(catalog, answers, "steps")


def _by_id(assessment: Assessment) -> dict[str, Advice]:
    return {advice.id: advice for advice in assessment.recommendations}


def test_only_advice_whose_condition_holds_is_given(catalog: Catalog) -> None:
    given = _by_id(_assess(catalog, how_made="together", paid="yes", thanked="yes", fed_back="yes"))
    assert given == {}  # at the top stage, everything fine: nothing to say


def test_advice_says_why_in_words_about_this_project(catalog: Catalog) -> None:
    given = _by_id(_assess(catalog, how_made="asked", paid="no", thanked="yes", fed_back="no"))
    assert given["pay-people"].because == (
        "You answered 'No' to \"Are people paid for their time?\"",
    )
    assert given["be-fairer"].because == ("Fairness scores 33, below 60",)
    assert given["share-more"].because == ("Making is at Asked, below Sharing",)
    assert given["pay-people"].advice == "Do pay-people."
    assert given["pay-people"].dimensions == ("making",)


def test_every_condition_of_an_all_is_a_reason(catalog: Catalog) -> None:
    given = _by_id(_assess(catalog, how_made="together", paid="no", thanked="no"))
    assert given["all-of-it"].because == (
        "You answered 'No' to \"Are people paid for their time?\"",
        "You answered 'No' to \"Are people thanked?\"",
    )


def test_advice_that_lifts_a_rule_holding_the_project_back_comes_first(catalog: Catalog) -> None:
    """ "People are not paid" holds making at asked: the advice on pay comes before the rest,
    even the medium-priority advice on a score of 0, which is further below its bar."""
    advice = _assess(catalog, how_made="together", paid="no", thanked="no", fed_back="no")
    order = [item.id for item in advice.recommendations]
    assert advice.area("making").held_back_by == ("unpaid",)
    assert order[:2] == ["pay-people", "all-of-it"]  # both look at the pay answer
    assert _by_id(advice)["pay-people"].lifts == ("unpaid",)
    assert _by_id(advice)["be-fairer"].lifts == ()
    assert order.index("be-fairer") > 1


def test_a_score_further_below_the_bar_ranks_higher(catalog: Catalog) -> None:
    """At the top stage nothing lifts a rule, so the gap decides: fairness at 0 comes before
    the two answers of the same priority."""
    advice = _assess(catalog, how_made="together", paid="yes", thanked="no", fed_back="no")
    order = [item.id for item in advice.recommendations]
    assert advice.score("fairness").score == pytest.approx(33.3, abs=0.1)
    assert order[0] == "be-fairer"
    ranks = [item.rank for item in advice.recommendations]
    assert ranks == sorted(ranks, reverse=True)


def test_a_stage_further_below_ranks_higher(catalog: Catalog) -> None:
    one_short = _by_id(_assess(catalog, how_made="asked", paid="yes"))
    two_short = _by_id(_assess(catalog, how_made="alone", paid="yes"))
    assert one_short["share-more"].rank == 1.5  # low (1) x (1 + 1 of 2 steps short)
    assert two_short["share-more"].rank == 2.0


def test_ties_go_in_the_frameworks_order_never_the_alphabet(catalog: Catalog) -> None:
    advice = _assess(
        catalog, how_made="together", paid="yes", thanked="no", fed_back="no"
    ).recommendations
    tied = [item.id for item in advice if item.id in {"a-feed-back", "b-thank-people"}]
    assert tied == ["b-thank-people", "a-feed-back"]  # as the framework lists them
    ranks = [item.rank for item in advice]
    assert ranks == sorted(ranks, reverse=True)


def test_the_area_furthest_below_its_target_gets_a_next_step(catalog: Catalog) -> None:
    advice = _by_id(_assess(catalog, how_made="alone", paid="yes"))
    step = advice["next-step-making"]
    assert step.title == "Next step for making: towards asked"
    assert step.because == (
        "Making is at Told on Three steps, the furthest below its target of Sharing.",
    )


def test_no_next_step_at_the_target_or_with_nothing_placed(catalog: Catalog) -> None:
    top = _assess(catalog, how_made="together", paid="yes", thanked="no")
    assert not any(item.id.startswith("next-step-") for item in top.recommendations)
    unplaced = _assess(catalog, paid="yes", thanked="no")
    assert not any(item.id.startswith("next-step-") for item in unplaced.recommendations)
    assert "answer-more" in [item.id for item in unplaced.recommendations]
    assert unplaced.recommendations[0].id == "answer-more"  # nothing placed: answer first
