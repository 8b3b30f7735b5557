"""The HTML report: a self-contained page (no scripts, nothing fetched), with the same numbers as
the report, every typed word escaped, and no accessibility violations in a real browser.

The browser tests drive Debian's chromium through Playwright and audit each page with axe-core.
They skip when /usr/bin/chromium is missing, unless COPROD_CHECK_REQUIRE_BROWSER is set (as CI
does), when a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import msgspec
import pytest

from coprod_check.files import results
from coprod_check.files.results import Combined, Difference, LeftOut, Meta, Results, RoleView
from coprod_check.model.assessment import PlacementBrief, ScoreBrief
from coprod_check.model.catalog import Catalog
from coprod_check.render.report import ReportFormat, render
from coprod_check.render.report.html_format import environment
from coprod_check.render.trend_html import html
from coprod_check.views.report import KIND_HEADINGS, Report, build_report
from coprod_check.views.trend import build_trend
from tests.helpers import ROOT, bundled_catalog

EXAMPLES = ROOT / "examples" / "results"
CHROMIUM = Path("/usr/bin/chromium")
ATTACK = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
NOTE = "We were asked too late. " + ATTACK


# Building reports ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture(scope="module")
def single(catalog: Catalog) -> Report:
    return build_report(catalog, results.read(EXAMPLES / "this-year.toml"))


@pytest.fixture(scope="module")
def last_year(catalog: Catalog) -> Report:
    return build_report(catalog, results.read(EXAMPLES / "last-year.toml"))


@pytest.fixture(scope="module")
def combined(catalog: Catalog) -> Report:
    return build_report(catalog, combined_results())


@pytest.fixture(scope="module")
def attacked(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Report:
    return build_report(catalog, results.read(attack_file(tmp_path_factory.mktemp("xss"))))


def combined_results() -> Results:
    """A combined result made by hand from this year's example: two roles that disagree, a name
    that tries to run a script, and a file left out."""
    base = results.read(EXAMPLES / "this-year.toml")
    assert base.summary is not None
    summary = base.summary

    def ranged(record: ScoreBrief) -> ScoreBrief:
        if record.score is None:
            return record
        low, high = max(record.score - 20, 0), min(record.score + 10, 100)
        return msgspec.structs.replace(record, low=low, high=high)

    areas = dict(summary.areas)
    areas["design"] = msgspec.structs.replace(
        areas["design"], low="consultation", high="delegated-power"
    )
    areas["delivery"] = PlacementBrief(status="not-applicable")
    summary = msgspec.structs.replace(
        summary,
        overall=msgspec.structs.replace(summary.overall, provisional=False),
        areas=areas,
        scores={key: ranged(record) for key, record in summary.scores.items()},
    )
    roles = {
        "lived-experience": RoleView(
            respondents=4,
            overall="consultation",
            areas={"design": "consultation", "decision-making": "informing", "voice": None},
            scores={"share-power": 45.0, "reciprocity": 90.0, "design": 60.0},
        ),
        "staff": RoleView(
            respondents=3,
            overall="partnership",
            areas={"design": "partnership", "decision-making": "placation", "voice": "placation"},
            scores={"share-power": 85.0, "reciprocity": None, "design": 80.0},
        ),
    }
    return Results(
        meta=Meta(
            project="Riverside family hub",
            pathway="arnstein",
            created="2026-11-19T10:05:37Z",
            updated="2026-11-21T16:00:00Z",
        ),
        summary=summary,
        complete=True,
        combined=Combined(
            respondents=7,
            threshold=25.0,
            roles=roles,
            differ=[
                Difference(
                    kind="dimension",
                    id="share-power",
                    gap=40.0,
                    values={"lived-experience": 45.0, "staff": 85.0},
                ),
                Difference(
                    kind="question",
                    id="design-stage",
                    gap=28.6,
                    values={"lived-experience": 42.9, "staff": 71.5},
                ),
            ],
            raised={"next-step-voice": 6, "make-decisions-together": 3},
            names=["Asha", "Tuesday group", ATTACK],
            files=8,
            left_out=[LeftOut(file="spilt-tea.toml", reason="this results file is damaged")],
        ),
    )


def attack_file(folder: Path) -> Path:
    """A copy of this year's results whose project, respondent and a note try to run a script."""
    text = (EXAMPLES / "this-year.toml").read_text(encoding="utf-8")
    quoted = ATTACK.replace('"', '\\"')
    text = text.replace('project = "Riverside family hub"', f'project = "{quoted}"')
    text = text.replace('respondent = "Tuesday group"', f'respondent = "{quoted}"')
    note = NOTE.replace('"', '\\"')
    text = text.replace(
        '[answers.design-stage]\nchoice = "design-together"\n',
        f'[answers.design-stage]\nchoice = "design-together"\nnote = "{note}"\n',
    )
    path = folder / "attack.toml"
    path.write_text(text, encoding="utf-8")
    return path


def html_of(report: Report) -> str:
    return render(report, ReportFormat.html)


# Reading the page back -------------------------------------------------------------------------


class Page(HTMLParser):
    """The parts of the page the tests look at: tags, tables (by id) and their cells' text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self._table = dict(attrs).get("id") or f"table-{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in {"td", "th"} and self._table:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._table and self._cell is not None:
            self.tables[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def body(self, table: str) -> list[list[str]]:
        """A table's rows after its heading row."""
        return self.tables[table][1:]


def score_text(value: float | None) -> str:
    return "no score yet" if value is None else f"{value:.0f}"


# The page itself -------------------------------------------------------------------------------


def test_the_page_is_one_self_contained_document(single: Report) -> None:
    html = html_of(single)
    page = Page(html)
    assert html.startswith("<!doctype html>\n")
    assert page.all("html") == [{"lang": "en"}]
    assert {"charset": "utf-8"} in page.all("meta")
    assert len(page.all("h1")) == 1
    assert len(page.all("style")) == 1
    assert "<script" not in html.lower()
    assert "http://" not in html
    assert "https://" not in html
    for tag in ("img", "link", "iframe", "object", "embed", "script"):
        assert page.all(tag) == [], tag
    for _, attrs in page.tags:
        for name in ("src", "href", "xlink:href", "action"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), f"{name}={value}"
    assert re.findall(r"url\(\s*([^)]*)\)", html), "the hatched bars use an in-page pattern"
    assert all(target.startswith("#") for target in re.findall(r"url\(\s*([^)]*)\)", html))
    assert "@import" not in html
    assert "@font-face" not in html


def test_landmarks_and_headings(single: Report, combined: Report) -> None:
    for report in (single, combined):
        page = Page(html_of(report))
        for landmark in ("header", "main", "footer"):
            assert len(page.all(landmark)) == 1, landmark
        assert [attrs.get("id") for attrs in page.all("main")] == ["main"]
        assert len(page.all("h2")) >= 4
    titles = [attrs.get("id") for attrs in Page(html_of(combined)).all("h2")]
    assert titles.index("voices-differ") < titles.index("where-you-stand")
    assert titles.index("voices-differ") < titles.index("who-took-part")


def test_every_picture_has_a_title_and_description(single: Report, combined: Report) -> None:
    for report in (single, combined):
        html = html_of(report)
        pictures = re.findall(r"<svg\b[^>]*>.*?</svg>", html, flags=re.S)
        charts = [svg for svg in pictures if 'role="img"' in svg]
        assert len(charts) == 2
        for svg in charts:
            labelled = re.search(r'aria-labelledby="([^"]+)"', svg)
            assert labelled, svg[:200]
            title_id, desc_id = labelled.group(1).split()
            assert re.search(rf'<title id="{title_id}">[^<]+</title>', svg)
            assert re.search(rf'<desc id="{desc_id}">[^<]{{40,}}</desc>', svg)
        for svg in pictures:
            assert 'role="img"' in svg or 'aria-hidden="true"' in svg, svg[:200]


def test_tables_have_captions_and_scoped_headings(combined: Report) -> None:
    html = html_of(combined)
    assert html.count("<table") == html.count("<caption") > 5
    for attrs in Page(html).all("th"):
        assert attrs.get("scope") in {"row", "col"}


def test_the_pathway_table_matches_the_report(single: Report, last_year: Report) -> None:
    for report in (single, last_year):
        rows = Page(html_of(report)).body("stand")
        expected = [report.overall, *report.areas]
        assert len(rows) == len(expected)
        for cells, row in zip(rows, expected, strict=True):
            assert cells[0] == row.title
            if row.status == "placed":
                assert row.index is not None
                group = report.stages[row.index].group_title
                assert cells[1] == f"{row.stage_title} ({group})"
            else:
                assert cells[1] == {"unanswered": "Not placed yet"}.get(row.status)
            if row.status == "placed" and row.gap is not None:
                assert cells[2].lower().startswith(("target", "at its target", "above"))
            what = "areas placed" if row.id == "overall" else "its questions"
            assert cells[4] == f"{row.coverage * 100:.0f}% of {what}"
            assert ("Provisional" in cells[-1]) == row.provisional
        overall = rows[0]
        assert overall[3] == f"{report.overall.low_title} to {report.overall.high_title}"


def test_the_score_tables_match_the_report(single: Report, last_year: Report) -> None:
    for report in (single, last_year):
        page = Page(html_of(report))
        tables = {"principle": "principle-scores"} | {
            kind: f"scores-{kind}-table" for kind, _ in KIND_HEADINGS if kind != "principle"
        }
        for kind, table in tables.items():
            scores = report.scores_of(kind)
            if not scores:
                assert table not in page.tables
                continue
            rows = page.body(table)
            assert len(rows) == len(scores)
            for cells, score in zip(rows, scores, strict=True):
                marked = score.provisional and score.score is not None
                title = score.title + (" provisional" if marked else "")
                assert cells[:3] == [
                    title,
                    score_text(score.score),
                    f"{score.answered} of {score.total}",
                ]


def test_the_chart_says_each_score_in_text(single: Report) -> None:
    html = html_of(single)
    chart = re.search(r'<svg[^>]*aria-labelledby="principle-chart-title.*?</svg>', html, re.S)
    assert chart
    words = re.sub(r"<[^>]+>", " ", chart.group(0))
    for score in single.scores_of("principle"):
        assert score.title in words
        assert f"{score.title}: {score_text(score.score)}" in words  # in the description
    assert "no score yet" in words
    assert 'fill="url(#principle-chart-hatch)"' in chart.group(0)


def test_provisional_results_are_said_in_words(single: Report) -> None:
    html = html_of(single)
    assert single.provisional
    assert re.search(r'<div class="notice" role="note">\s*<p><strong>Provisional:</strong>', html)
    assert html.count('<span class="tag">provisional</span>') == sum(
        score.provisional and score.score is not None for score in single.scores
    )
    firm = msgspec.structs.replace(
        single,
        provisional=False,
        overall=msgspec.structs.replace(single.overall, provisional=False),
        areas=[msgspec.structs.replace(area, provisional=False) for area in single.areas],
        scores=[msgspec.structs.replace(score, provisional=False) for score in single.scores],
        recommendations=[r for r in single.recommendations if r.id != "answer-more"],
        more_recommendations=[r for r in single.more_recommendations if r.id != "answer-more"],
    )
    calm = html_of(firm)
    assert "Provisional:" not in calm
    assert "provisional" not in re.sub(r"<style>.*?</style>", "", calm, flags=re.S)


def test_every_recommendation_is_numbered(last_year: Report) -> None:
    """Five to act on first; the rest, numbered on from them, in a fold that starts closed."""
    html = html_of(last_year)
    assert len(last_year.recommendations) == 5
    everything = [*last_year.recommendations, *last_year.more_recommendations]
    assert len(everything) > 5
    for number, item in enumerate(everything, start=1):
        heading = f'<h3 id="advice-{number}">{number}. '
        assert heading in html
        assert html.count(heading) == 1
        assert f"Priority: {item.priority.capitalize()}." in html
    assert html.count("<article") == len(everything)
    fold = html.index("<details>")
    assert html.index('<h3 id="advice-5">') < fold < html.index('<h3 id="advice-6">')
    assert "<details open" not in html
    more = len(last_year.more_recommendations)
    assert f"<summary>{more} more suggestion{'s' if more > 1 else ''}</summary>" in html
    assert "Notes from the people who answered" not in html  # there are none


def test_the_page_does_not_change_between_runs(single: Report) -> None:
    assert html_of(single) == html_of(single)


def test_combined_parts(combined: Report) -> None:
    assert combined.combined is not None
    html = html_of(combined)
    page = Page(html)
    assert page.body("roles") == [["Person with lived experience", "4"], ["Staff member", "3"]]
    assert page.body("differ") == [
        ["Share power responsibly", "Score", "40 points", "45", "85"],
        [combined.combined.differ[1].title, "Question", "29 points", "43", "72"],
    ]
    assert "<li><code>spilt-tea.toml</code>: this results file is damaged</li>" in html
    assert "<li>Tuesday group</li>" in html
    assert "7 people answered, in 8 results files." in html
    principles = page.body("principle-scores")
    share = next(row for row in principles if row[0].startswith("Share power responsibly"))
    assert share[3:] == ["55 to 85", "45", "85"]
    stand = {row[0]: row for row in page.body("stand")}
    assert stand["Design"][1] == "Partnership (Citizen power)"
    assert stand["Design"][3] == "Consultation to Delegated power"
    assert stand["Delivery"][1] == "Does not apply"
    by_role = {row[0]: row[1:] for row in page.body("stand-by-role")}
    assert by_role["Overall"] == ["Consultation", "Partnership"]
    assert by_role["Design"] == ["Consultation", "Partnership"]
    assert by_role["Voice"] == ["Not placed", "Placation"]


def test_combined_without_differences_says_so(catalog: Catalog) -> None:
    made = combined_results()
    assert made.combined is not None
    quiet = msgspec.structs.replace(
        made, combined=msgspec.structs.replace(made.combined, differ=[])
    )
    html = html_of(build_report(catalog, quiet))
    assert "No gaps of 25 points or more were found" in html
    assert 'id="differ"' not in html


def test_typed_text_is_escaped(attacked: Report, combined: Report) -> None:
    html = html_of(attacked)
    assert [note.note for note in attacked.notes] == [NOTE]
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "onerror=alert(1)>" not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert html.count(escaped) >= 4  # the title, the heading, the respondent and the note
    names = html_of(combined)
    assert "<img" not in names.lower()
    assert escaped in names


def test_the_line_chart_draws_gaps_and_shapes() -> None:
    charts = environment().get_template("charts.html.j2").module
    svg = str(
        charts.line_chart(  # type: ignore[attr-defined]
            "trend",
            "Stage over time",
            "Design moved from Informing to Partnership.",
            ["2024", "2025", "2026"],
            [
                {"name": "Design <b>", "values": [2, None, 5]},
                {"name": "Voice", "values": [1, 3, 3]},
            ],
            0,
            7,
            [(0, "Manipulation"), (3, "Consultation"), (7, "Citizen control")],
        )
    )
    assert '<title id="trend-title">Stage over time</title>' in svg
    assert 'aria-labelledby="trend-title trend-desc"' in svg
    paths = re.findall(r'<path d="([^"]+)" class="series"', svg)
    assert (paths[0].count("M"), paths[0].count("L")) == (2, 0)  # a gap, not a line across it
    assert (paths[1].count("M"), paths[1].count("L")) == (1, 2)
    assert "<circle" in svg  # the first series' markers are circles,
    assert re.search(r'<path d="M[^"]+h[^"]+z"/>', svg)  # the second's are squares
    assert "Design &lt;b&gt;" in svg
    assert "Citizen control" in svg


# In a real browser -----------------------------------------------------------------------------

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (install Debian's chromium package)"
        if os.environ.get("COPROD_CHECK_REQUIRE_BROWSER"):
            pytest.fail(f"{reason}, and COPROD_CHECK_REQUIRE_BROWSER is set")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 — only with a browser

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """What happened when the browser opened a page."""

    def __init__(self, page: Any, requested: list[str], dialogs: list[str]) -> None:
        self.page = page
        self.requested = requested
        self.dialogs = dialogs


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Callable[..., Visit]]:
    """Open HTML in the browser as a file, screenshot it and audit it with axe."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 — only with a browser

    contexts: list[Any] = []

    def _visit(html: str, name: str, width: int = 1280, media: str = "screen") -> Visit:
        page_file = tmp_path / f"{name}.html"
        page_file.write_text(html, encoding="utf-8")
        url = page_file.as_uri()
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        requested: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda sent: requested.append(sent.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.emulate_media(media=media)
        page.goto(url, wait_until="load")

        shot = tmp_path / f"{name}-{width}-{media}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 10_000

        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the page is wider than the screen; only tables and charts scroll"
        audit = Axe().run(page)
        assert audit.violations_count == 0, audit.generate_report()
        assert requested == [url], "the page asked for something besides itself"
        return Visit(page, requested, dialogs)

    yield _visit
    for context in contexts:
        context.close()


@pytest.mark.parametrize(
    ("which", "width", "media"),
    [
        ("single", 1280, "screen"),
        ("single", 375, "screen"),
        ("single", 1280, "print"),
        ("combined", 1280, "screen"),
        ("combined", 375, "screen"),
        ("combined", 800, "print"),
    ],
)
def test_the_report_in_the_browser(
    visit: Callable[..., Visit], request: pytest.FixtureRequest, which: str, width: int, media: str
) -> None:
    report: Report = request.getfixturevalue(which)
    seen = visit(html_of(report), which, width, media)
    assert seen.dialogs == []
    heading = f"Co-production report: {report.project}"
    assert seen.page.get_by_role("heading", level=1).inner_text() == heading


def test_typed_text_stays_text_in_the_browser(
    visit: Callable[..., Visit], attacked: Report
) -> None:
    seen = visit(html_of(attacked), "attacked")
    assert seen.dialogs == [], "a script in the typed text ran"
    assert seen.page.get_by_text(NOTE, exact=True).is_visible()
    assert seen.page.locator("img").count() == 0
    assert seen.page.locator("script").count() == 0


def test_the_line_chart_in_the_browser(visit: Callable[..., Visit]) -> None:
    """The line chart the trend page uses, on the shared page shell."""
    page = environment().from_string(
        """{% extends "base.html.j2" %}{% import "charts.html.j2" as charts %}
{% block title %}Trend{% endblock %}
{% block header %}<h1>How the project moved</h1>{% endblock %}
{% block content %}
{{ charts.line_chart("scores", "Principle scores over time",
  "Share power rose from 25 to 75; Reciprocity from 50 to 100.",
  ["2024-11-19", "2025-11-19", "2026-11-19"],
  [{"name": "Share power responsibly", "values": [25, None, 75]},
   {"name": "Reciprocity", "values": [50, 60, 100]}],
  0, 100, [(0, "0"), (25, "25"), (50, "50"), (75, "75"), (100, "100")],
  y_axis="Score out of 100") }}
{% endblock %}"""
    )
    seen = visit(page.render(), "line-chart")
    assert seen.page.get_by_role("img", name="Principle scores over time").is_visible()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_trend_page_in_the_browser(
    visit: Callable[..., Visit], catalog: Catalog, width: int
) -> None:
    files = [(str(path), results.read(path)) for path in sorted(EXAMPLES.glob("*.toml"))]
    seen = visit(html(build_trend(catalog, files)), "trend", width)
    assert seen.page.get_by_role("heading", level=1).inner_text().startswith("How Riverside")
    assert seen.page.get_by_role("img", name="The overall stage over time").is_visible()
