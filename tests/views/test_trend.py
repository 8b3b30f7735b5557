"""The trend over several results (``views/trend.py``): points ordered by when their answers last
changed, never by the order given; the overall stage, each area's stage and each principle's score
lined up; the project named as in the latest file; and results on other pathways refused."""

from __future__ import annotations

import jsonschema
import msgspec
import pytest

from coprod_check.errors import UsageError
from coprod_check.files import results
from coprod_check.files.results import Combined, Meta, Results, summarise
from coprod_check.model.answers import Answer
from coprod_check.score.assess import assess
from coprod_check.views.trend import build_trend, trend_data, trend_schema
from tests.helpers import ROOT, bundled_catalog

CATALOG = bundled_catalog()
EXAMPLES = ROOT / "examples" / "results"
EARLY = {"design-stage": "asked-staff-decide", "recognition-of-time": "thanks-only"}
LATE = {"design-stage": "design-together", "recognition-of-time": "agreed-with-each"}


def _results(
    chosen: dict[str, str],
    updated: str,
    *,
    project: str = "Hub",
    respondent: str | None = "Sam",
    pathway: str = "arnstein",
) -> Results:
    answers = {key: Answer(question=key, choices=(value,)) for key, value in chosen.items()}
    meta = Meta(
        project=project,
        pathway=pathway,
        created="2025-01-01T00:00:00Z",
        updated=updated,
        respondent=respondent,
    )
    summary = summarise(assess(CATALOG, answers, pathway))
    return Results(meta=meta, answers=answers, complete=True, summary=summary)


def test_points_are_oldest_first_whatever_the_order_given() -> None:
    early = _results(EARLY, "2025-03-01T10:00:00Z", project="Old name")
    late = _results(LATE, "2026-03-01T10:00:00Z", project="New name")
    for files in ([("a.toml", late), ("b.toml", early)], [("b.toml", early), ("a.toml", late)]):
        trend = build_trend(CATALOG, files)
        assert [point.file for point in trend.points] == ["b.toml", "a.toml"]
        assert trend.project == "New name"  # as the latest file calls it


def test_each_point_lines_up_the_stages_and_principle_scores() -> None:
    trend = build_trend(
        CATALOG,
        [
            ("early.toml", _results(EARLY, "2025-03-01T10:00:00Z")),
            ("late.toml", _results(LATE, "2026-03-01T10:00:00Z")),
        ],
    )
    early, late = trend.points
    assert (early.areas["design"], late.areas["design"]) == ("consultation", "partnership")
    assert early.overall == "consultation"
    assert early.overall_index == trend.stage_index("consultation") == 3
    assert trend.stage_title(late.areas["design"]) == "Partnership"
    assert (early.scores["reciprocity"], late.scores["reciprocity"]) == (40.0, 100.0)
    kinds = {CATALOG.dimensions[dimension].kind for dimension in early.scores}
    assert kinds == {"principle"}  # areas, essentials and tips are left out
    assert {label.id for label in trend.principles} == set(early.scores)
    assert [label.id for label in trend.areas][:1] == ["design"]
    assert trend.pathway_title == CATALOG.pathways["arnstein"].title


def test_files_changed_at_the_same_moment_go_by_name() -> None:
    same = "2026-03-01T10:00:00Z"
    trend = build_trend(
        CATALOG, [("b.toml", _results(LATE, same)), ("a.toml", _results(EARLY, same))]
    )
    assert [point.file for point in trend.points] == ["a.toml", "b.toml"]


def test_who_answered_or_how_many_for_a_combined_result() -> None:
    alone = _results(EARLY, "2025-03-01T10:00:00Z", respondent=None)
    named = _results(EARLY, "2025-04-01T10:00:00Z", respondent="Family group")
    combined = msgspec.structs.replace(
        _results(LATE, "2026-03-01T10:00:00Z"), combined=Combined(respondents=6, threshold=25.0)
    )
    trend = build_trend(CATALOG, [("a", alone), ("b", named), ("c", combined)])
    assert [point.who for point in trend.points] == ["not named", "Family group", "6 respondents"]
    assert [point.combined for point in trend.points] == [False, False, True]


def test_results_without_their_conclusions_are_worked_out_from_their_answers() -> None:
    kept = _results(EARLY, "2025-03-01T10:00:00Z")
    bare = msgspec.structs.replace(kept, summary=None, complete=False)
    assert build_trend(CATALOG, [("x", bare)]).points == build_trend(CATALOG, [("x", kept)]).points


def test_results_on_different_pathways_are_refused() -> None:
    with pytest.raises(UsageError) as caught:
        build_trend(
            CATALOG,
            [
                ("a", _results(EARLY, "2025-03-01T10:00:00Z")),
                ("b", _results(LATE, "2026-03-01T10:00:00Z", pathway="tlap-ladder")),
            ],
        )
    assert caught.value.message == (
        "these results are on different pathways (arnstein and tlap-ladder)"
    )


def test_no_files_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        build_trend(CATALOG, [])
    assert caught.value.hint == "coprod-check trend FILES..."


def test_the_examples_make_a_trend_that_matches_its_schema() -> None:
    files = [(path.name, results.read(path)) for path in sorted(EXAMPLES.glob("*.toml"))]
    trend = build_trend(CATALOG, files)
    data = trend_data(trend)
    jsonschema.Draft202012Validator(trend_schema()).validate(data)
    assert data["schema"] == "coprod-check/trend/1"
    assert [point["file"] for point in data["points"]] == ["last-year.toml", "this-year.toml"]


def test_issue15_each_point_says_which_stages_and_scores_are_provisional() -> None:
    early = _results(EARLY, "2025-03-01T10:00:00Z")
    assert early.summary is not None
    firm_design = msgspec.structs.replace(early.summary.areas["design"], provisional=False)
    firm_power = msgspec.structs.replace(early.summary.scores["reciprocity"], provisional=False)
    firmer = msgspec.structs.replace(
        early,
        summary=msgspec.structs.replace(
            early.summary,
            areas={**early.summary.areas, "design": firm_design},
            scores={**early.summary.scores, "reciprocity": firm_power},
        ),
    )
    trend = build_trend(
        CATALOG, [("early.toml", firmer), ("late.toml", _results(LATE, "2026-03-01T10:00:00Z"))]
    )
    first, last = trend.points
    assert (first.areas_provisional["design"], last.areas_provisional["design"]) == (False, True)
    assert first.scores_provisional["reciprocity"] is False
    assert last.scores_provisional["reciprocity"] is True
    assert set(first.areas_provisional) == set(first.areas)
    assert set(first.scores_provisional) == set(first.scores)
    for point in trend.points:  # a stage or a score that is not there is never provisional
        for area, stage in point.areas.items():
            assert point.areas_provisional[area] <= (stage is not None)
        for dimension, score in point.scores.items():
            assert point.scores_provisional[dimension] <= (score is not None)
