"""The comparison of two results (``views/compare.py``): how the overall stage, each area and each
score moved, what advice is now met or newly raised, and what went down; worked out from each
file's own record of its conclusions, or from its answers when it has none."""

from __future__ import annotations

import msgspec
import pytest

from coprod_check.errors import UsageError
from coprod_check.files.results import Meta, Results, summarise
from coprod_check.model.answers import Answer
from coprod_check.score.assess import assess
from coprod_check.views.compare import Comparison, ScoreMove, StageMove, compare, summary_of
from tests.helpers import bundled_catalog

CATALOG = bundled_catalog()
BEFORE = {
    "design-stage": "asked-staff-decide",
    "design-timing": "after-decisions",
    "voice-stage": "invited-to-speak",
    "recognition-of-time": "thanks-only",
}
BETTER = {
    **BEFORE,
    "design-stage": "design-together",
    "design-timing": "while-options-open",
    "recognition-of-time": "agreed-with-each",
}
WORSE = {**BEFORE, "design-stage": "told"}


def _results(chosen: dict[str, str], *, pathway: str = "arnstein", summary: bool = True) -> Results:
    answers = {key: Answer(question=key, choices=(value,)) for key, value in chosen.items()}
    meta = Meta(project="Hub", pathway=pathway, created="2026-01-01", updated="2026-01-01")
    record = summarise(assess(CATALOG, answers, pathway)) if summary else None
    return Results(meta=meta, answers=answers, complete=True, summary=record)


def _area(comparison: Comparison, area: str) -> StageMove:
    (move,) = [item for item in comparison.areas if item.area == area]
    return move


def _score(comparison: Comparison, dimension: str) -> ScoreMove:
    (move,) = [item for item in comparison.scores if item.dimension == dimension]
    return move


def test_better_answers_move_up_by_whole_stages() -> None:
    comparison = compare(CATALOG, _results(BEFORE), _results(BETTER))
    assert comparison.pathway == "arnstein"
    design = _area(comparison, "design")
    assert (design.before, design.after, design.steps) == ("consultation", "partnership", 2)
    reciprocity = _score(comparison, "reciprocity")
    assert (reciprocity.before, reciprocity.after, reciprocity.change) == (40.0, 100.0, 60.0)
    assert reciprocity.kind == "principle"
    assert comparison.worse == []


def test_what_went_down_is_the_areas_the_overall_stage_and_the_principles() -> None:
    comparison = compare(CATALOG, _results(BEFORE), _results(WORSE))
    assert _area(comparison, "design").steps == -1
    assert comparison.overall.steps == -1
    down = [move for move in comparison.scores if move.change is not None and move.change < 0]
    assert {move.kind for move in down} >= {"area"}  # the design score fell too...
    principles = [move.dimension for move in down if move.kind == "principle"]
    assert comparison.worse == ["overall", "design", *principles]  # ...but only principles count


def test_advice_now_met_and_newly_raised() -> None:
    before, after = _results(BEFORE), _results(BETTER)
    comparison = compare(CATALOG, before, after)
    assert before.summary is not None
    assert after.summary is not None
    assert comparison.now_met == [
        advice for advice in before.summary.recommendations
        if advice not in after.summary.recommendations
    ]  # fmt: skip
    assert comparison.now_met
    assert comparison.newly_raised == [
        advice for advice in after.summary.recommendations
        if advice not in before.summary.recommendations
    ]  # fmt: skip
    back = compare(CATALOG, after, before)
    assert (back.now_met, back.newly_raised) == (comparison.newly_raised, comparison.now_met)


def test_the_same_results_have_not_moved() -> None:
    comparison = compare(CATALOG, _results(BEFORE), _results(BEFORE))
    assert all(move.steps in (0, None) for move in [comparison.overall, *comparison.areas])
    assert all(move.change in (0, None) for move in comparison.scores)
    assert (comparison.now_met, comparison.newly_raised, comparison.worse) == ([], [], [])


def test_an_area_placed_on_one_side_only_has_no_steps() -> None:
    comparison = compare(
        CATALOG, _results(BEFORE), _results({**BEFORE, "delivery-stage": "set-tasks"})
    )
    delivery = _area(comparison, "delivery")
    assert delivery.before is None
    assert delivery.after == "informing"
    assert delivery.steps is None
    assert "delivery" not in comparison.worse


def test_results_without_their_conclusions_are_compared_from_their_answers() -> None:
    stored = compare(CATALOG, _results(BEFORE), _results(BETTER))
    worked_out = compare(CATALOG, _results(BEFORE), _results(BETTER, summary=False))
    assert worked_out == stored
    unfinished = _results(BETTER, summary=False)
    assert summary_of(CATALOG, unfinished) == _results(BETTER).summary


def test_the_file_s_own_conclusions_are_used_as_they_are() -> None:
    kept = _results(BEFORE)
    assert kept.summary is not None
    overall = msgspec.structs.replace(kept.summary.overall, stage="partnership")
    edited = msgspec.structs.replace(
        kept, summary=msgspec.structs.replace(kept.summary, overall=overall)
    )
    assert compare(CATALOG, edited, _results(BEFORE)).overall.steps == -2


def test_results_on_different_pathways_are_never_compared() -> None:
    with pytest.raises(UsageError) as caught:
        compare(CATALOG, _results(BEFORE), _results(BETTER, pathway="tlap-ladder"))
    assert caught.value.message == (
        "these results are on different pathways (arnstein and tlap-ladder)"
    )
    assert caught.value.exit_code == 2


def test_a_score_move_with_a_side_missing_has_no_change() -> None:
    assert ScoreMove(dimension="d", kind="principle", before=None, after=50.0).change is None
    assert ScoreMove(dimension="d", kind="principle", before=33.33, after=50.0).change == 16.7


def _firm(made: Results) -> Results:
    """``made`` as if every placement and score rested on enough answers."""
    assert made.summary is not None
    summary = made.summary
    firm = msgspec.structs.replace(
        summary,
        overall=msgspec.structs.replace(summary.overall, provisional=False),
        areas={k: msgspec.structs.replace(v, provisional=False) for k, v in summary.areas.items()},
        scores={
            k: msgspec.structs.replace(v, provisional=False) for k, v in summary.scores.items()
        },
    )
    return msgspec.structs.replace(made, summary=firm)


def test_issue15_provisional_stages_and_scores_are_carried_on_each_side() -> None:
    """compare used to say "up 2 stages" from a handful of answers, with no mark at all."""
    comparison = compare(CATALOG, _firm(_results(BEFORE)), _results(BETTER))
    design = _area(comparison, "design")
    assert (design.provisional_before, design.provisional_after) == (False, True)
    assert design.provisional
    assert (comparison.overall.provisional_before, comparison.overall.provisional_after) == (
        False,
        True,
    )
    share = _score(comparison, "share-power")
    assert (share.provisional_before, share.provisional_after, share.provisional) == (
        False,
        True,
        True,
    )
    assert comparison.provisional
    back = compare(CATALOG, _results(BETTER), _firm(_results(BEFORE)))
    assert (_area(back, "design").provisional_before, _area(back, "design").provisional_after) == (
        True,
        False,
    )
    firm = compare(CATALOG, _firm(_results(BEFORE)), _firm(_results(BETTER)))
    assert not firm.provisional


def test_issue15_only_a_stage_or_a_score_that_is_there_is_provisional() -> None:
    comparison = compare(CATALOG, _results(BEFORE), _results(BETTER))
    for move in comparison.areas:
        assert move.provisional_before <= (move.before is not None)
        assert move.provisional_after <= (move.after is not None)
    for score in comparison.scores:
        assert score.provisional_before <= (score.before is not None)
        assert score.provisional_after <= (score.after is not None)
