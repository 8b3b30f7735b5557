"""Situations the report describes, and where a reader of the report would place them.

Each file in tests/data/cases/ holds a comment citing the passage it comes from, a description,
the report section, the answers (and any targets or audience), and what is expected: a stage, a
group, at least / at most a stage, guardrails that hold an area back, the rules that must and must
not hold (and what each does), contested areas, scores, recommendations that must fire, and the
first recommendation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coprod_check.files.answers import read_answers
from coprod_check.frameworks.load import load_catalog
from coprod_check.io.yaml_file import load_file
from coprod_check.model.assessment import Assessment, Placement
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway
from coprod_check.score.assess import assess
from tests.helpers import DATA

CASES = sorted((DATA / "cases").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _group(pathway: Pathway, stage: str | None) -> str | None:
    return next((s.group for s in pathway.stages if s.id == stage), None)


def _check_placement(pathway: Pathway, placement: Placement, expected: dict[str, Any]) -> None:
    where = f"{placement.area} is at {placement.stage}"
    for key, value in expected.items():
        if key == "stage":
            assert placement.stage == value, where
        elif key == "group":
            assert _group(pathway, placement.stage) == value, where
        elif key == "at_least":
            assert placement.index is not None, where
            assert placement.index >= pathway.index(value), where
        elif key == "at_most":
            assert placement.index is not None, where
            assert placement.index <= pathway.index(value), where
        elif key == "held_back_by":
            assert set(value) <= set(placement.held_back_by), placement.held_back_by
            if not value:
                assert placement.held_back_by == ()
            for guardrail in value:
                assert any(r.guardrail == guardrail for r in placement.reasons)
        elif key == "status":
            assert placement.status == value, where
        elif key == "target":
            assert placement.target == value, where
        elif key == "gap":
            assert placement.gap == value, (where, placement.gap)
        elif key == "contested":
            assert placement.contested is value, where
        elif key == "provisional":
            assert placement.provisional is value, where
        else:
            raise AssertionError(f"unknown expectation {key!r}")
    assert placement.reasons, "every placement says why"


def _check(catalog: Catalog, result: Assessment, expect: dict[str, Any]) -> None:
    pathway = catalog.pathways[result.pathway]
    for area, expected in expect.get("areas", {}).items():
        _check_placement(pathway, result.area(area), expected)
    if "overall" in expect:
        _check_placement(pathway, result.overall, expect["overall"])
    for dimension, bounds in expect.get("scores", {}).items():
        score = result.score(dimension).score
        assert score is not None
        assert score >= bounds.get("at_least", 0)
        assert score <= bounds.get("at_most", 100)
    fired = [advice.id for advice in result.recommendations]
    for wanted in expect.get("recommendations", []):
        assert wanted in fired
    for unwanted in expect.get("not_recommended", []):
        assert unwanted not in fired
    if "first_recommendation" in expect:
        assert fired[0] == expect["first_recommendation"], fired[:5]
    held = {rule.id: rule for rule in result.rules}
    rules = expect.get("rules", {})
    for rule_id, effect in rules.get("hold", {}).items():
        assert rule_id in held, sorted(held)
        assert held[rule_id].effect == effect, (rule_id, held[rule_id].effect)
        assert held[rule_id].because, f"{rule_id} names the answers behind it"
    for rule_id in rules.get("do_not_hold", []):
        assert rule_id not in held, rule_id
    if "elsewhere" in expect:
        assert bool(result.elsewhere) is expect["elsewhere"], result.elsewhere
    audience = {advice.audience for advice in result.recommendations}
    other = "practitioners" if result.audience == "funders" else "funders"
    assert other not in audience, "advice for the other audience is kept apart"


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_case(catalog: Catalog, path: Path) -> None:
    document = load_file(path)
    answers = read_answers(document, catalog)
    data = document.data
    assert data["description"].strip()
    result = assess(
        catalog,
        answers,
        data.get("pathway"),
        targets=data.get("targets"),
        audience=data.get("audience", "practitioners"),
    )
    _check(catalog, result, data["expect"])
    for advice in result.recommendations:
        assert advice.because


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_case_cites_its_passage(path: Path) -> None:
    """Each case opens with a comment naming the report section and passage it is drawn from."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Report:"), first
