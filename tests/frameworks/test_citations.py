"""Issue 14, item 4: every bundled framework cites its sources truly.

Each source a framework names is a publication listed here, with its real author and year, and
each section it names is one of that publication's. Each item's ``section`` is read by people as
"Report section", so it must be a heading of the report, in a framework that names the report
among its sources.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

import pytest

from coprod_check.frameworks.load import load_catalog
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Framework, Source
from tests.frameworks.test_content import SECTIONS
from tests.helpers import Run

REPORT = "A Meeting of Minds: How co-production benefits people, professionals and organisations"


class Publication(NamedTuple):
    author: str
    year: int
    sections: frozenset[str]
    """The section names a framework may cite, as the publication gives them."""


PUBLICATIONS = {
    REPORT: Publication("The National Lottery Community Fund", 2019, frozenset(SECTIONS)),
    "Ladder of co-production": Publication(
        "Think Local Act Personal and its National Co-production Advisory Group",
        2016,
        frozenset(
            {
                "Coercion",
                "Educating",
                "Informing",
                "Consultation",
                "Engagement",
                "Co-design",
                "Co-production",
            }
        ),
    ),
    "Co-production in social care: What it is and how to do it": Publication(
        "Social Care Institute for Excellence",
        2013,
        frozenset(
            {
                "What is co-production?",
                "Defining co-production",
                "Principles of co-production",
                "How to do co-production",
            }
        ),
    ),
    "A Ladder of Citizen Participation": Publication("Sherry R. Arnstein", 1969, frozenset()),
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _sources(framework: Framework) -> list[Source]:
    return [framework.source, *framework.further_sources]


def _source_problems(framework: Framework) -> Iterator[str]:
    for source in _sources(framework):
        known = PUBLICATIONS.get(source.title)
        if known is None:
            yield f"{framework.id}: no such publication known: {source.title!r}"
            continue
        if source.author != known.author:
            yield f"{framework.id}: {source.title!r} is by {known.author!r}, not {source.author!r}"
        if source.year != known.year:
            yield f"{framework.id}: {source.title!r} is from {known.year}, not {source.year}"
        for section in (source.section or "").split("; "):
            if section and section not in known.sections:
                yield f"{framework.id}: {source.title!r} has no section {section!r}"


def _item_sections(framework: Framework) -> Iterator[tuple[str, str]]:
    if framework.pathway:
        yield from ((s.id, s.section) for s in framework.pathway.stages if s.section)
    yield from ((d.id, d.section) for d in framework.dimensions)
    yield from ((q.id, q.section) for q in framework.questions)
    yield from ((g.id, g.section) for g in framework.guardrails)
    yield from ((c.id, c.section) for c in framework.consistency)
    yield from ((r.id, r.section) for r in framework.recommendations)
    yield from ((t.id, t.section) for t in framework.glossary if t.section)


def _item_problems(framework: Framework) -> Iterator[str]:
    cites_report = any(source.title == REPORT for source in _sources(framework))
    for owner, section in _item_sections(framework):
        if section not in SECTIONS:
            yield f"{framework.id}/{owner}: the report has no section {section!r}"
        elif not cites_report:
            yield f"{framework.id}/{owner}: cites the report, which the framework does not name"


def test_every_source_is_cited_as_its_publication(catalog: Catalog) -> None:
    problems = [p for item in catalog.frameworks for p in _source_problems(item.framework)]
    assert problems == []


def test_every_item_section_is_a_section_of_a_cited_report(catalog: Catalog) -> None:
    problems = [p for item in catalog.frameworks for p in _item_problems(item.framework)]
    assert problems == []


def test_tlap_ladder_is_cited_to_its_makers(catalog: Catalog) -> None:
    framework = catalog.pathways["tlap-ladder"]
    [loaded] = [item for item in catalog.frameworks if item.framework.pathway is framework]
    source = loaded.framework.source
    assert source.title == "Ladder of co-production"
    assert "National Co-production Advisory Group" in source.author
    assert source.url is not None
    assert source.url.startswith("https://www.thinklocalactpersonal.org.uk/")


def test_tlap_ladder_says_every_step_but_coercion_has_a_place(catalog: Catalog) -> None:
    pathway = catalog.pathways["tlap-ladder"]
    [loaded] = [item for item in catalog.frameworks if item.framework.pathway is pathway]
    for description in (loaded.framework.description, pathway.description):
        assert "every step except coercion can have a place" in " ".join(
            description.lower().split()
        )
    only_coercion = [s.id for s in pathway.stages if "no place" in s.description]
    assert only_coercion == ["coercion"]


def test_small_grants_advice_rests_on_the_micro_funding_section(catalog: Catalog) -> None:
    small_grants = [r for r in catalog.recommendations.values() if "micro-funding" in r.dimensions]
    assert small_grants
    assert {r.section for r in small_grants} == {"Micro funding"}


@pytest.mark.parametrize("framework", ["tlap-ladder", "scie-principles", "arnstein"])
def test_show_names_every_source(run: Callable[..., Run], framework: str) -> None:
    shown = run("frameworks", "show", framework)
    assert shown.code == 0, shown.err
    words = " ".join(shown.out.split())
    assert "Source: " in words
    assert f"Also from: {REPORT}, The National Lottery Community Fund (2019)" in words
