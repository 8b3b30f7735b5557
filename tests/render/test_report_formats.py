"""Every format of `coprod-check report`: each shows the same stages and scores, marks what is
provisional in words, shows people's text exactly as they typed it, and the plain terminal report
reads well at 40 columns. The command itself is tested in tests/cli/test_report.py."""

from __future__ import annotations

import html
import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

import jsonschema
import msgspec
import pytest
from markdown_it import MarkdownIt

from coprod_check.files import results
from coprod_check.files.results import (
    Combined,
    Difference,
    LeftOut,
    Meta,
    Results,
    RoleView,
    Summary,
)
from coprod_check.model.answers import Answer
from coprod_check.model.assessment import PlacementBrief, ScoreBrief
from coprod_check.model.catalog import Catalog
from coprod_check.render.report import ReportFormat, render
from coprod_check.views.report import Report, build_report, report_data, report_schema
from tests.helpers import ROOT, bundled_catalog

EXAMPLES = ROOT / "examples" / "results"
THIS_YEAR = EXAMPLES / "this-year.toml"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
BOX = re.compile("[\u2500-\u257f\u2580-\u259f]")
TRICKY = "[bold]*bold* [x](http://evil) <b>hi</b> | a_b `c` [/]"
"""Text with rich markup, Markdown, HTML and a table pipe in it, which must all show as typed."""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


def _report(catalog: Catalog, name: str) -> Report:
    return build_report(catalog, results.read(EXAMPLES / name))


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def _combined(*, names: list[str], differ: bool = True) -> Results:
    """A combined result of five respondents in two roles, built by hand."""
    meta = Meta(
        project="Northside wellbeing",
        pathway="arnstein",
        created="2026-03-01T09:00:00Z",
        updated="2026-03-02T17:30:00Z",
    )
    summary = Summary(
        pathway="arnstein",
        overall=PlacementBrief(
            status="placed",
            stage="consultation",
            provisional=False,
            coverage=0.8,
            low="informing",
            high="partnership",
        ),
        areas={
            "design": PlacementBrief(
                status="placed",
                stage="partnership",
                coverage=0.9,
                low="placation",
                high="partnership",
            ),
            "voice": PlacementBrief(
                status="placed", stage="informing", provisional=True, coverage=0.3
            ),
            "research": PlacementBrief(status="not-applicable"),
        },
        scores={
            "equality": ScoreBrief(
                score=55.0, answered=4, total=5, provisional=False, low=30.0, high=80.0
            ),
            "access": ScoreBrief(score=None, answered=0, total=5, provisional=True),
        },
        recommendations=["make-decisions-together"],
    )
    combined = Combined(
        respondents=5,
        threshold=25.0,
        roles={
            "lived-experience": RoleView(
                respondents=3,
                areas={"design": "partnership", "voice": "informing"},
                overall="consultation",
                scores={"equality": 30.0},
            ),
            "staff": RoleView(
                respondents=2,
                areas={"design": "placation", "voice": None},
                overall="placation",
                scores={"equality": 70.0},
            ),
        },
        differ=(
            [
                Difference(
                    kind="dimension",
                    id="equality",
                    gap=40.0,
                    values={"lived-experience": 30.0, "staff": 70.0},
                )
            ]
            if differ
            else []
        ),
        raised={"make-decisions-together": 3},
        names=names,
        files=6,
        left_out=[LeftOut(file="broken.toml", reason="this results file is damaged")],
    )
    return Results(meta=meta, summary=summary, combined=combined, complete=True)


def _visible(text: str) -> str:
    return ANSI.sub("", text)


# The same numbers in every format ------------------------------------------------------------


def _check_json(report: Report, out: str) -> None:
    data = json.loads(out)
    jsonschema.validate(data, report_schema())
    assert data == report_data(report)


def _check_toml(report: Report, out: str) -> None:
    """The results file the report was made from, with the report beside it."""
    data = tomllib.loads(out)
    assert data.pop("report") == _without_none(report_data(report))
    assert report.source is not None
    assert data == results.document(report.source)


def _check_terminal(report: Report, out: str) -> None:
    """The rich terminal report, at 100 columns: each row of the strip and the score bars."""
    text = _visible(out)
    for row in [report.overall, *report.areas]:
        stage = row.stage_title or "not placed yet"
        assert re.search(rf"^{re.escape(row.title)}\s+[─━●]+\s+{stage}\b", text, re.M), row.title
    for score in report.scores_of("principle"):
        if score.score is not None:
            pattern = rf"^{re.escape(score.title)}\s+[█░]+\s+{round(score.score)}\b"
            assert re.search(pattern, text, re.M), score.title


def _check_plain(report: Report, out: str) -> None:
    for row in [report.overall, *report.areas]:
        stage = f"{row.stage_title} (stage {row.index + 1} of" if row.index is not None else ""
        assert f"{row.title}: {stage or 'not placed yet'}" in out, row.title
    for score in report.scores_of("principle"):
        if score.score is not None:
            assert f"{score.title}: {round(score.score)} out of 100" in out


def _cells(markdown: str) -> dict[str, list[str]]:
    """Each table row's cells, by the text of its first cell (without bold)."""
    rows = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            rows.setdefault(cells[0].strip("*"), cells)
    return rows


def _check_markdown(report: Report, out: str) -> None:
    rows = _cells(out)
    for row in [report.overall, *report.areas]:
        cells = rows[row.title]
        assert cells[1] == (row.stage_title or "not placed yet"), row.title
        if row.index is not None:
            assert cells[2] == f"{row.index + 1} of {len(report.stages)}"
    for score in report.scores_of("principle"):
        if score.score is not None:
            assert rows[score.title][1].endswith(f" {round(score.score)}"), score.title


def _check_html(report: Report, out: str) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", " ", out))
    for row in [report.overall, *report.areas]:
        if row.stage_title:
            assert row.stage_title in text, row.title
    for score in report.scores_of("principle"):
        assert score.title in text
        if score.score is not None:
            assert re.search(rf"\b{round(score.score)}\b", text), score.title


CHECKS: dict[ReportFormat, Callable[[Report, str], None]] = {
    ReportFormat.terminal: _check_terminal,
    ReportFormat.markdown: _check_markdown,
    ReportFormat.html: _check_html,
    ReportFormat.json: _check_json,
    ReportFormat.toml: _check_toml,
}


@pytest.mark.parametrize("name", ["this-year.toml", "last-year.toml"])
@pytest.mark.parametrize("output_format", list(ReportFormat))
def test_every_format_shows_the_same_numbers(
    catalog: Catalog, name: str, output_format: ReportFormat
) -> None:
    assert output_format in CHECKS, f"add a consistency check for the {output_format} format"
    report = _report(catalog, name)
    CHECKS[output_format](report, render(report, output_format, width=100))


@pytest.mark.parametrize("name", ["this-year.toml", "last-year.toml"])
def test_the_plain_terminal_report_shows_the_same_numbers(catalog: Catalog, name: str) -> None:
    report = _report(catalog, name)
    _check_plain(report, render(report, ReportFormat.terminal, width=80, plain=True))


def test_the_examples_are_worth_checking(catalog: Catalog) -> None:
    """The consistency test means something only if the examples have scores and stages."""
    report = _report(catalog, "this-year.toml")
    assert any(score.score is not None for score in report.scores_of("principle"))
    assert any(row.status == "placed" for row in report.areas)
    assert any(row.status != "placed" for row in report.areas)


@pytest.mark.parametrize("output_format", list(ReportFormat))
def test_provisional_is_marked_in_words_in_every_format(
    catalog: Catalog, output_format: ReportFormat
) -> None:
    report = _report(catalog, "this-year.toml")
    assert report.overall.provisional
    out = render(report, output_format, width=80)
    if output_format in (ReportFormat.json, ReportFormat.toml):
        data = json.loads(out) if output_format is ReportFormat.json else tomllib.loads(out)
        data = data.get("report", data)  # in TOML, the report is beside its results
        assert data["provisional"] is True
        assert data["overall"]["provisional"] is True
        return
    assert "Provisional" in _visible(out)
    assert "provisional" in _visible(out)


def test_provisional_callouts(catalog: Catalog) -> None:
    report = _report(catalog, "this-year.toml")
    plain = render(report, ReportFormat.terminal, plain=True)
    assert "\nProvisional: some results rest on fewer than half of their questions" in plain
    assert "Overall: Placation (stage 5 of 8), provisional" in plain
    markdown = render(report, ReportFormat.markdown)
    assert "\n> **Provisional:** some results rest on fewer than half" in markdown
    rich = _visible(render(report, ReportFormat.terminal, width=100))
    assert "Provisional: some results rest on fewer than half" in rich


# Plain and narrow ----------------------------------------------------------------------------


def _reports(catalog: Catalog) -> list[Report]:
    return [
        _report(catalog, "this-year.toml"),
        _report(catalog, "last-year.toml"),
        build_report(catalog, _combined(names=["Ann", "Bo"])),
        _tricky_report(catalog),
    ]


def test_plain_terminal_has_no_colour_or_boxes_and_fits_40_columns(catalog: Catalog) -> None:
    for report in _reports(catalog):
        out = render(report, ReportFormat.terminal, width=40, plain=True)
        assert "\x1b" not in out
        assert not BOX.search(out), BOX.search(out)
        too_long = [line for line in out.splitlines() if len(line) > 40]
        assert not too_long, too_long


def test_the_rich_terminal_report_fits_its_width(catalog: Catalog) -> None:
    for report in _reports(catalog):
        for width in (40, 80, 100):
            out = _visible(render(report, ReportFormat.terminal, width=width))
            assert max(len(line) for line in out.splitlines()) <= width


def test_recommendations_beyond_the_first_five(catalog: Catalog) -> None:
    """Every format leads with five; the rest are counted, and --all shows them."""
    report = _report(catalog, "last-year.toml")
    more = len(report.more_recommendations)
    assert len(report.recommendations) == 5
    assert more > 0
    for output_format in (ReportFormat.terminal, ReportFormat.markdown):
        text = render(report, output_format, plain=True)
        assert "5. " in text
        assert "6. " not in text
        assert f"{more} more recommendation" in text
        assert "with --all" in text
    data = json.loads(render(report, ReportFormat.json))
    assert len(data["recommendations"]) == 5
    assert len(data["more_recommendations"]) == more
    everything = build_report(catalog, results.read(EXAMPLES / "last-year.toml"), shown=None)
    markdown = render(everything, ReportFormat.markdown)
    assert f"### {5 + more}. " in markdown
    assert "more recommendations are not shown" not in markdown


# Combined results ----------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", [ReportFormat.terminal, ReportFormat.markdown])
@pytest.mark.parametrize("plain", [True, False])
def test_combined_shows_where_voices_differ_first(
    catalog: Catalog, output_format: ReportFormat, plain: bool
) -> None:
    report = build_report(catalog, _combined(names=[]))
    out = _visible(render(report, output_format, width=100, plain=plain))
    assert out.index("Where voices differ") < out.index("Who took part")
    assert out.index("Who took part") < out.index("Where you stand")
    assert "5 respondents (Person with lived experience: 3, Staff member: 2)" in out
    assert "Equality" in out[: out.index("Who took part")]
    assert "40 points" in out
    assert "broken.toml" in out
    assert "Names" not in out


@pytest.mark.parametrize("output_format", [ReportFormat.terminal, ReportFormat.markdown])
def test_combined_names_only_when_present(catalog: Catalog, output_format: ReportFormat) -> None:
    report = build_report(catalog, _combined(names=["Ann Smith", "Bo Lee"]))
    out = _visible(render(report, output_format, width=100, plain=True))
    assert "Names: Ann Smith, Bo Lee" in out


def test_combined_without_differences_says_so(catalog: Catalog) -> None:
    report = build_report(catalog, _combined(names=[], differ=False))
    for output_format in (ReportFormat.terminal, ReportFormat.markdown):
        out = _visible(render(report, output_format, width=100, plain=True))
        assert "No gaps of 25 points or more" in " ".join(out.split())


def test_combined_plain_details(catalog: Catalog) -> None:
    report = build_report(catalog, _combined(names=[]))
    out = render(report, ReportFormat.terminal, width=80, plain=True)
    assert "Person with lived experience: 30" in out
    assert "Research: does not apply" in out
    assert "respondents range from Informing to Partnership" in out
    assert "Equality: 55 out of 100 (answered 4 of 5)" in out
    assert (
        "respondents range from 30 to 80; by role: Person with lived experience 30, Staff member 70"
        in " ".join(out.split())
    )
    assert "by role: Person with lived experience at Consultation, Staff member at Placation" in (
        " ".join(out.split())
    )
    assert "it was raised for 3 of the 5 respondents" in out
    assert "Questions answered" not in out


# People's text, shown as typed ---------------------------------------------------------------


def _tricky_report(catalog: Catalog) -> Report:
    read = results.read(THIS_YEAR)
    meta = msgspec.structs.replace(read.meta, project=TRICKY, respondent=f"{TRICKY}\nnext line")
    answers = dict(read.answers)
    old = answers["design-stage"]
    answers["design-stage"] = Answer(question=old.question, choices=old.choices, note=TRICKY)
    return build_report(catalog, msgspec.structs.replace(read, meta=meta, answers=answers))


@pytest.mark.parametrize("plain", [True, False])
def test_terminal_prints_peoples_text_literally(catalog: Catalog, plain: bool) -> None:
    report = _tricky_report(catalog)
    out = _visible(render(report, ReportFormat.terminal, width=200, plain=plain))
    assert TRICKY in out  # the project
    assert f"Note: {TRICKY}" in out
    assert "Notes people wrote" in out


def test_markdown_escapes_peoples_text(catalog: Catalog) -> None:
    report = _tricky_report(catalog)
    out = render(report, ReportFormat.markdown)
    heading = out.splitlines()[0]
    assert heading == (
        r"# Co-production report: \[bold\]\*bold\* \[x\](http://evil) \<b\>hi\</b\> | a\_b "
        r"\`c\` \[/\]"
    )
    assert not re.search(r"(?<!\\)<", out), "no raw HTML"
    page = MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    assert "<b>" not in page
    assert "<a " not in page
    assert "<em>bold</em>" not in page
    assert "<code>" not in page
    assert html.unescape(re.sub(r"<[^>]+>", "", page.split("\n")[0])) == (
        f"Co-production report: {TRICKY}"
    )
    assert f"Note: {TRICKY}" in html.unescape(re.sub(r"<[^>]+>", "", page))


def test_markdown_tables_keep_their_cells(catalog: Catalog) -> None:
    """A | or a new line in a cell does not split the row."""
    report = build_report(catalog, _combined(names=[]))
    roles = [
        msgspec.structs.replace(r, title="Staff | managers\nand more")
        for r in report.combined.roles
    ]  # type: ignore[union-attr]
    combined = msgspec.structs.replace(report.combined, roles=roles)  # type: ignore[type-var]
    out = render(msgspec.structs.replace(report, combined=combined), ReportFormat.markdown)
    page = MarkdownIt("commonmark").enable("table").render(out)
    header = re.search(r"<thead>\s*<tr>(.*?)</tr>", page, re.S)
    assert header is not None
    assert header.group(1).count("<th>") == 4  # What, Gap, and the two roles
    assert "<th>Staff | managers and more</th>" in page


@pytest.mark.parametrize(
    ("output_format", "plain"),
    [(ReportFormat.terminal, True), (ReportFormat.terminal, False), (ReportFormat.markdown, True)],
)
def test_control_characters_never_reach_the_terminal(
    catalog: Catalog, output_format: ReportFormat, plain: bool
) -> None:
    """A results file from someone else cannot clear the screen or recolour it."""
    read = results.read(THIS_YEAR)
    meta = msgspec.structs.replace(read.meta, project="Hub\x1b[2J\x07\x9b31m done")
    report = build_report(catalog, msgspec.structs.replace(read, meta=meta))
    out = render(report, output_format, width=80, plain=plain)
    assert "\x1b[2J" not in out
    assert "\x07" not in out
    assert "\x9b" not in out
    assert "Hub\ufffd[2J\ufffd\ufffd31m done" in out.replace("\\", "")
