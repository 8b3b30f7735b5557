"""Advice (``score/recommend.py``), on a small framework of our own: a recommendation fires when
its condition holds, says why in words about this project, and is ranked by its priority times one
plus how far below the bar the project is; ties go by id. The weakest placed area's next step on
the pathway always comes first."""

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


def test_an_answer_ranks_at_half_way_below_the_bar(catalog: Catalog) -> None:
    given = _by_id(_assess(catalog, how_made="together", paid="no", thanked="yes", fed_back="yes"))
    assert given["pay-people"].rank == 4.5  # high (3) x (1 + 0.5)
    assert "be-fairer" not in given  # fairness is (0 + 100 + 100) / 3: above the bar


def test_a_score_further_below_the_bar_ranks_higher(catalog: Catalog) -> None:
    near = _assess(catalog, how_made="together", paid="no", thanked="yes", fed_back="no")
    far = _assess(catalog, how_made="together", paid="no", thanked="no", fed_back="no")
    score = near.score("fairness").score
    assert score is not None
    assert 33 <= score < 34
    assert _by_id(near)["be-fairer"].rank == round(2 * (1 + (60 - score) / 60), 3)
    assert _by_id(far)["be-fairer"].rank == 4.0  # a score of 0: the whole way below
    assert _by_id(far)["be-fairer"].rank > _by_id(near)["be-fairer"].rank


def test_a_stage_further_below_ranks_higher(catalog: Catalog) -> None:
    one_short = _by_id(_assess(catalog, how_made="asked", paid="yes"))
    two_short = _by_id(_assess(catalog, how_made="alone", paid="yes"))
    assert one_short["share-more"].rank == 1.5  # low (1) x (1 + 1 of 2 steps short)
    assert two_short["share-more"].rank == 2.0


def test_ties_go_in_the_order_of_their_ids(catalog: Catalog) -> None:
    advice = _assess(
        catalog, how_made="together", paid="yes", thanked="no", fed_back="no"
    ).recommendations
    tied = [item.id for item in advice if item.id in {"a-feed-back", "b-thank-people"}]
    assert tied == ["a-feed-back", "b-thank-people"]
    ranks = [item.rank for item in advice]
    assert ranks == sorted(ranks, reverse=True)


def test_the_next_step_for_the_weakest_area_comes_first(catalog: Catalog) -> None:
    advice = _assess(catalog, how_made="together", paid="no").recommendations
    first, *rest = advice
    assert first.id == "next-step-making"
    assert first.title == "Next step for making: towards sharing"
    assert first.advice == "Share the decision."  # the stage's own next step
    assert first.example == "Decisions are shared."  # what the next stage looks like
    assert first.because == (
        "Making is your lowest placed area, at Asked on Three steps. "
        "It is held back because: people are not paid.",
    )
    assert first.rank == round(rest[0].rank + 1, 3)


def test_no_next_step_at_the_top_or_with_nothing_placed(catalog: Catalog) -> None:
    top = _assess(catalog, how_made="together", paid="yes", thanked="no")
    assert not any(item.id.startswith("next-step-") for item in top.recommendations)
    unplaced = _assess(catalog, paid="yes", thanked="no")
    assert not any(item.id.startswith("next-step-") for item in unplaced.recommendations)
    assert [item.id for item in unplaced.recommendations] == ["b-thank-people", "be-fairer"]
