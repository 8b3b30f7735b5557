"""A funder or commissioner answers the self-check (issue 14, item 3): `assess` takes their answers,
and `report` and `explain` show their practice scores and the advice for funders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
FUNDER_ANSWERS = ROOT / "examples" / "answers-funder.yaml"
OWN_ADVICE = [
    "Set money aside for co-production in every grant",
    "Let the projects you fund pay people for their time",
    "Share the choice of what you buy and who runs it",
]


@pytest.fixture
def funder_results(run: RunFn, tmp_path: Path) -> Path:
    output = tmp_path / "funder.toml"
    result = run("assess", "--answers", str(FUNDER_ANSWERS), "--output", str(output))
    assert result.code == 0, result.err
    return output


def test_issue14_funder_self_check_is_assessed_and_reported(
    run: RunFn, funder_results: Path
) -> None:
    result = run("report", str(funder_results), "--plain", "--all", env={"COLUMNS": "100"})
    assert result.code == 0, result.err
    assert "(Funder or commissioner)" in result.out
    assert "Practices" in result.out
    assert "Time and money for co-production: 47 out of 100 (answered 3 of 3)" in result.out
    for title in OWN_ADVICE:
        assert title in result.out
    assert "for practitioners" not in result.out


def test_issue14_funder_advice_in_markdown_and_html(run: RunFn, funder_results: Path) -> None:
    markdown = run("report", str(funder_results), "--format", "markdown", "--audience", "funders")
    assert markdown.code == 0, markdown.err
    assert "Practices" in markdown.out
    assert OWN_ADVICE[0] in markdown.out
    html = run("report", str(funder_results), "--format", "html")
    assert html.code == 0, html.err
    assert "Sharing power over funding and commissioning" in html.out
    assert OWN_ADVICE[0] in html.out


def test_issue14_explain_shows_why_a_funder_gets_each_piece_of_advice(
    run: RunFn, funder_results: Path
) -> None:
    result = run("explain", str(funder_results), "--all", env={"COLUMNS": "100"})
    assert result.code == 0, result.err
    assert "Practices" in result.out
    assert OWN_ADVICE[1] in result.out
    asked = "Can the projects you fund pay people for the time they give?"
    assert f"You answered 'No' to \"{asked}\"" in result.out
    assert "Report section: \"Recognise people's contributions\"" in result.out


def test_issue14_explain_reads_the_funder_answers_file(run: RunFn) -> None:
    result = run("explain", str(FUNDER_ANSWERS), "--audience", "funders")
    assert result.code == 0, result.err
    assert OWN_ADVICE[0] in result.out


def test_issue14_practitioners_reading_funder_results_are_pointed_to_its_advice(
    run: RunFn, funder_results: Path
) -> None:
    result = run("report", str(funder_results), "--plain", "--audience", "practitioners")
    assert result.code == 0, result.err
    for title in OWN_ADVICE:
        assert title not in result.out
    assert "for funders and commissioners also came up" in result.out
