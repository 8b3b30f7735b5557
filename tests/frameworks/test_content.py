"""The bundled frameworks: complete, plain, sourced and faithful to the report's structure."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import textstat
import yaml

from coprod_check.frameworks.load import bundled_dir, load_catalog
from coprod_check.frameworks.schema import framework_schema
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from tests.helpers import DATA

SECTIONS = set((DATA / "report_sections.txt").read_text(encoding="utf-8").splitlines())
FILES = sorted(bundled_dir().glob("*.yaml"))
AREAS = ["design", "decision-making", "delivery", "research", "voice"]
PARTS = ["governance", "commissioning", "recruitment", "micro-funding"]
SCIE = ["equality", "diversity", "access", "reciprocity"]
PRINCIPLES = ["share-power", "adapt-to-context", "commit-to-change", "long-haul"]
ESSENTIALS = ["time-and-resources", "include-everyone", "look-after-people"]
TIPS = [
    "get-the-basics-right",
    "nourish-relationships",
    "embrace-diversity",
    "keep-people-engaged",
    "be-clear-about-limits",
    "dont-set-people-up-to-fail",
    "recognise-contributions",
    "reflect-and-change",
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _questions_about(catalog: Catalog, dimension: str) -> list[str]:
    return [q.id for q in catalog.questions.values() if dimension in q.dimensions]


def test_every_bundled_file_is_shipped() -> None:
    assert [path.name for path in FILES] == [
        "arnstein.yaml",
        "five-areas.yaml",
        "funders.yaml",
        "glossary.yaml",
        "recommendations.yaml",
        "report-learning.yaml",
        "scie-principles.yaml",
        "tlap-ladder.yaml",
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_bundled_file_matches_the_published_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(framework_schema()).iter_errors(data))
    assert [error.message for error in errors] == []


def test_published_schema_is_valid_json_schema() -> None:
    schema = framework_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    json.dumps(schema)


def test_every_framework_names_its_source(catalog: Catalog) -> None:
    for item in catalog.frameworks:
        source = item.framework.source
        assert source.title.strip()
        assert source.author.strip()
        first_line = Path(bundled_dir(), Path(item.path).name).read_text().splitlines()[0]
        assert first_line.startswith("#"), f"{item.framework.id} should open with its source"


def test_arnstein_pathway(catalog: Catalog) -> None:
    pathway = catalog.pathways["arnstein"]
    assert pathway.default
    assert catalog.default_pathway is pathway
    assert [stage.id for stage in pathway.stages] == [
        "manipulation",
        "therapy",
        "informing",
        "consultation",
        "placation",
        "partnership",
        "delegated-power",
        "citizen-control",
    ]
    assert [group.id for group in pathway.groups] == [
        "non-participation",
        "tokenism",
        "citizen-power",
    ]


def test_tlap_pathway(catalog: Catalog) -> None:
    pathway = catalog.pathways["tlap-ladder"]
    assert [stage.id for stage in pathway.stages] == [
        "coercion",
        "educating",
        "informing",
        "consultation",
        "engagement",
        "co-design",
        "co-production",
    ]
    assert [group.title.lower() for group in pathway.groups] == [
        "doing to",
        "doing for",
        "doing with",
    ]


def test_each_area_has_a_placing_question_and_follow_ups(catalog: Catalog) -> None:
    for area in AREAS:
        placing = [q for q in catalog.questions.values() if q.places == area]
        assert len(placing) == 1, area
        for pathway in ("arnstein", "tlap-ladder"):
            stages = {choice.stage[pathway] for choice in placing[0].choices if choice.stage}
            assert len(stages) >= 4, f"{area} places on too few {pathway} stages"
        follow_ups = [q for q in _questions_about(catalog, area) if q != placing[0].id]
        assert len(follow_ups) >= 3, area


def test_placing_choices_climb_the_pathway(catalog: Catalog) -> None:
    """Choices are listed lowest first, so a group reads them as a climb."""
    for question in catalog.questions.values():
        if question.places is None:
            continue
        for pathway_id, pathway in catalog.pathways.items():
            order = [
                pathway.index(choice.stage[pathway_id])
                for choice in question.choices
                if choice.stage
            ]
            assert order == sorted(order), f"{question.id} on {pathway_id}"


def test_decision_making_parts_are_covered(catalog: Catalog) -> None:
    for part in PARTS:
        assert catalog.dimensions[part].parent == "decision-making"
        assert _questions_about(catalog, part), part


@pytest.mark.parametrize("principle", SCIE)
def test_scie_principles_have_three_questions_or_more(catalog: Catalog, principle: str) -> None:
    assert len(_questions_about(catalog, principle)) >= 3


@pytest.mark.parametrize("dimension", PRINCIPLES + ESSENTIALS + TIPS)
def test_report_learning_has_questions(catalog: Catalog, dimension: str) -> None:
    assert _questions_about(catalog, dimension)


def test_dimension_kinds(catalog: Catalog) -> None:
    kinds = Counter(d.kind for d in catalog.dimensions.values())
    assert kinds == {
        "area": 5,
        "part": 4,
        "principle": 8,
        "essential": 3,
        "tip": 8,
        "practice": 6,
    }


def test_guardrails_catch_the_report_s_forms_of_tokenism(catalog: Catalog) -> None:
    assert set(catalog.guardrails) >= {
        "views-after-decisions",
        "no-feedback",
        "fronting",
        "no-recognition",
    }


def test_recommendations(catalog: Catalog) -> None:
    recommendations = list(catalog.recommendations.values())
    assert len(recommendations) >= 30
    audiences = Counter(r.audience for r in recommendations)
    assert audiences["funders"] >= 6
    assert audiences["practitioners"] >= 7
    covered = {d for r in recommendations for d in r.dimensions}
    assert covered >= set(AREAS + SCIE + PRINCIPLES + ESSENTIALS + TIPS)


def test_glossary_is_big_enough(catalog: Catalog) -> None:
    assert len(catalog.glossary) >= 25
    for term in ["co-production", "lived-experience", "governance", "commissioning", "tokenism"]:
        assert term in catalog.glossary


def test_every_section_is_a_real_report_section(catalog: Catalog) -> None:
    cited: list[tuple[str, str]] = []
    for item in catalog.frameworks:
        framework = item.framework
        if framework.pathway:
            cited += [(s.id, s.section) for s in framework.pathway.stages if s.section]
        cited += [(d.id, d.section) for d in framework.dimensions]
        cited += [(q.id, q.section) for q in framework.questions]
        cited += [(g.id, g.section) for g in framework.guardrails]
        cited += [(r.id, r.section) for r in framework.recommendations]
        cited += [(t.id, t.section) for t in framework.glossary if t.section]
    unknown = [(owner, section) for owner, section in cited if section not in SECTIONS]
    assert unknown == []
    assert len(cited) > 150


def test_questions_are_plain_words(catalog: Catalog) -> None:
    """Someone who left school at 16 reads them comfortably: Flesch reading ease 60 or more."""
    textstat.set_lang("en_US")
    scores = [textstat.flesch_reading_ease(q.text) for q in catalog.questions.values()]
    assert statistics.mean(scores) >= 60


PLACEHOLDER = re.compile(r"\b(todo|tbd|fixme|lorem|ipsum|xxx|placeholder)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_no_placeholder_text(path: Path) -> None:
    assert PLACEHOLDER.findall(path.read_text(encoding="utf-8")) == []


def test_every_choice_can_be_told_apart(catalog: Catalog) -> None:
    for question in catalog.questions.values():
        labels = [choice.label.strip().lower() for choice in question.options()]
        assert len(labels) == len(set(labels)), question.id


# -- issue 14, item 4: five-areas faithful to the report, with honest choices -------------------


def _placing(catalog: Catalog, area: str) -> Question:
    return next(q for q in catalog.questions.values() if q.places == area)


def test_issue14_every_area_can_reach_each_pathways_target(catalog: Catalog) -> None:
    """A starter plan aims every area at the pathway's target, on either pathway."""
    for area in AREAS:
        question = _placing(catalog, area)
        for pathway_id, pathway in catalog.pathways.items():
            stages = {choice.stage[pathway_id] for choice in question.choices if choice.stage}
            assert pathway.default_target in stages, (area, pathway_id)


def test_issue14_co_design_is_reachable_beyond_design(catalog: Catalog) -> None:
    reach = [
        area
        for area in AREAS
        if any(
            choice.stage and choice.stage["tlap-ladder"] == "co-design"
            for choice in _placing(catalog, area).choices
        )
    ]
    assert "design" in reach
    assert len(reach) >= 2, reach


def test_issue14_having_no_part_is_the_lowest_rung_and_says_it_is_not_a_rung(
    catalog: Catalog,
) -> None:
    for area in ["design", "decision-making", "delivery", "research"]:
        question = _placing(catalog, area)
        lowest = question.choices[0]
        assert lowest.stage == {"arnstein": "manipulation", "tlap-ladder": "coercion"}, area
        assert "not a step of taking part" in question.help, area


def test_issue14_choices_and_questions_that_said_two_things_are_split(catalog: Catalog) -> None:
    design = {choice.id for choice in _placing(catalog, "design").choices}
    delivery = {choice.id for choice in _placing(catalog, "delivery").choices}
    assert "asked-early-staff-decide" not in design
    assert {"asked-staff-decide", "planning-group"} <= design
    assert "alongside-staff" not in delivery
    assert {"volunteer-roles", "plan-together"} <= delivery
    assert "delivery-stretch" not in catalog.questions
    assert {"delivery-skills", "delivery-not-too-much"} <= set(catalog.questions)


def test_issue14_the_missing_middle_people_decide_with_staff_advice(catalog: Catalog) -> None:
    """Between deciding together and people deciding alone: people decide, with staff advice."""
    for area in ["design", "decision-making", "delivery", "voice"]:
        top = _placing(catalog, area).choices[-1]
        assert top.stage is not None, area
        assert top.stage["arnstein"] == "delegated-power", area
        assert "advice from staff" in top.label, area


def test_issue14_who_can_answer_what(catalog: Catalog) -> None:
    for area in AREAS:
        assert _placing(catalog, area).roles == [], f"everyone places {area}"
    assert catalog.questions["decision-board-seats"].roles == ["staff", "manager"]
    assert catalog.questions["decision-commissioning"].roles == ["staff", "manager", "funder"]
    assert catalog.questions["delivery-not-too-much"].roles == ["lived-experience", "other"]


def test_issue14_supervision_is_not_pastoral_care(catalog: Catalog) -> None:
    assert "supervision" not in catalog.glossary["pastoral-care"].also
    assert "supervision" in catalog.glossary
