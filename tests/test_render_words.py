"""The words every renderer uses for stages and placements (``render/words.py``)."""

from __future__ import annotations

import pytest

from coprod_check.frameworks.load import Sources, load_catalog
from coprod_check.model.catalog import Catalog
from coprod_check.render import words


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COPROD_CHECK_CACHE_DIR", "")
        return load_catalog(Sources())


@pytest.mark.parametrize(
    ("status", "stage", "provisional", "said"),
    [
        ("placed", "Partnership (stage 6 of 8)", False, "Partnership (stage 6 of 8)"),
        ("placed", "Partnership", True, "Partnership, provisional"),
        ("placed", None, False, "not placed yet"),
        ("unanswered", None, True, "not placed yet"),
        ("not-applicable", "Partnership", True, "does not apply"),
    ],
)
def test_a_placement_is_said_by_its_stage_or_why_it_has_none(
    status: str, stage: str | None, provisional: bool, said: str
) -> None:
    assert words.placement_words(status, stage, provisional=provisional) == said


@pytest.mark.parametrize(
    ("steps", "said"),
    [(None, "cannot compare"), (0, "no change"), (1, "up 1 stage"), (-3, "down 3 stages")],
)
def test_how_far_a_stage_moved(steps: int | None, said: str) -> None:
    assert words.moved_words(steps) == said


def test_a_stage_with_its_group_its_number_and_its_place_in_the_key() -> None:
    assert words.stage_name("Consultation", "Tokenism") == "Consultation (Tokenism)"
    assert words.stage_name("Consultation") == "Consultation"
    assert words.stage_number(5, 8) == "6 of 8"
    assert words.stage_at("Partnership", words.stage_number(5, 8)) == "Partnership (stage 6 of 8)"
    assert words.key_entry(0, "Manipulation") == "1 Manipulation"


def test_a_stage_of_a_loaded_pathway_by_its_id(catalog: Catalog) -> None:
    assert words.stage_label(catalog, "arnstein", "consultation") == "Consultation (Tokenism)"
    label = words.stage_label(catalog, "arnstein", "consultation", with_group=False)
    assert label == "Consultation"
    assert words.stage_label(catalog, "arnstein", None) == "not placed"
    assert words.stage_label(catalog, "arnstein", "nowhere", missing="not placed yet") == (
        "not placed yet"
    )


def test_the_range_behind_a_placement_and_the_provisional_marks() -> None:
    assert words.middle_of("Informing", "Placation", combined=True) == (
        "respondents range from Informing to Placation"
    )
    assert words.middle_of("Informing", "Placation", combined=False) == (
        "the middle of your areas, which range from Informing to Placation"
    )
    assert words.marked("Placation", True) == "Placation, provisional"
    assert words.marked_aside("Placation", True) == "Placation (provisional)"
    assert words.marked("Placation", False) == words.marked_aside("Placation", False)
