"""The HTML report: a self-contained page (no scripts, nothing fetched), with the same numbers as
the report, every typed word escaped, and a summary to print. How the pages look in a real
browser is tested in tests/render/test_pages_in_the_browser.py; the reports they are made from
are the fixtures of tests/render/conftest.py."""

from __future__ import annotations

import re

import markupsafe
import msgspec

from coprod_check.files import results
from coprod_check.model.catalog import Catalog
from coprod_check.render.report.html_format import environment
from coprod_check.render.report.words import rule_heading
from coprod_check.render.trend_html import html as trend_page
from coprod_check.render.trend_html import x_axis
from coprod_check.views.report import KIND_HEADINGS, Report, build_report
from coprod_check.views.trend import build_trend
from tests.render.pages import EXAMPLES, NOTE, Page, combined_results, html_of


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


def test_every_drawing_is_named_or_hidden_and_each_chart_says_itself_in_words(
    single: Report, combined: Report
) -> None:
    """The report's two charts are rows of words, each with a drawing beside it that screen
    readers skip; any other picture is named by its title and described."""
    for report in (single, combined):
        html = html_of(report)
        for svg in re.findall(r"<svg\b[^>]*>.*?</svg>", html, flags=re.S):
            opening = svg[: svg.index(">")]
            assert 'role="img"' in opening or 'aria-hidden="true"' in opening, opening
            if 'aria-hidden="true"' in opening:
                assert "<text" not in svg, "a hidden drawing holds no words"
        for chart, caption in (
            ("stand-chart", f"Where you stand on {report.pathway_title}"),
            ("principle-chart", "Principle scores, out of 100"),
        ):
            figure = re.search(rf'<figure [^>]*id="{chart}".*?</figure>', html, re.S)
            assert figure, chart
            named = f'<figcaption id="{chart}-caption">{markupsafe.escape(caption)}</figcaption>'
            assert named in figure.group(0)
            assert f'aria-labelledby="{chart}-caption"' in figure.group(0)


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
    chart = re.search(r'<figure [^>]*id="principle-chart".*?</figure>', html, re.S)
    assert chart
    rows = re.findall(r"<li>\s*<span class=\"bar-words\">(.*?)</svg>", chart.group(0), re.S)
    principles = single.scores_of("principle")
    assert len(rows) == len(principles)
    for row, score in zip(rows, principles, strict=True):
        words = " ".join(re.sub(r"<[^>]+>", " ", row).split())
        marked = " provisional" if score.provisional and score.score is not None else ""
        assert words == f"{score.title}{marked} {score_text(score.score)}", words
        if score.score is not None:  # the bar, as wide as its score is of the column
            assert re.search(rf'<rect x="0" y="0" width="{max(score.score, 0.5)}%"', row)
    assert "no score yet" in chart.group(0)
    assert 'fill="url(#principle-chart-hatch-1)"' in chart.group(0)


def test_provisional_results_are_said_in_words(single: Report) -> None:
    html = html_of(single)
    assert single.provisional
    assert re.search(r'<div class="notice" role="note">\s*<p><strong>Provisional:</strong>', html)
    scored = sum(score.provisional and score.score is not None for score in single.scores)
    principles = [score for score in single.scores_of("principle") if score.score is not None]
    placed = [row for row in [single.overall, *single.areas] if row.status == "placed"]
    assert html.count('<span class="tag">provisional</span>') == (
        scored  # the score tables
        + sum(score.provisional for score in principles)  # the bars
        + sum(row.provisional for row in placed)  # the summary's stages
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


def test_the_line_chart_draws_gaps_shapes_and_hollow_provisional_points() -> None:
    charts = environment().get_template("charts.html.j2").module
    axis = x_axis(["19 November 2024", "19 November 2025", "19 November 2026"], 130)
    svg = str(
        charts.line_chart(  # type: ignore[attr-defined]
            "trend",
            "Stage over time",
            "Design moved from Informing to Partnership.",
            axis,
            [
                {"name": "Design <b>", "values": [2, None, 5], "provisional": [True, False, False]},
                {"name": "Voice", "values": [1, 3, 3], "provisional": [False, False, True]},
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
    hollow = re.findall(r'<g class="hollow">(<[^>]+>)</g>', svg)
    assert len(hollow) == 2  # one provisional point in each series
    assert hollow[0].startswith("<circle")
    assert hollow[1].startswith("<path")
    assert "Citizen control" in svg
    legend = str(charts.line_legend([{"name": "Design <b>", "provisional": [True]}], True))  # type: ignore[attr-defined]
    assert "Design &lt;b&gt;" in legend
    assert "Hollow: provisional" in legend


def test_issue15_the_summary_says_where_each_area_stands_the_rules_and_five_steps(
    tokenistic: Report, single: Report
) -> None:
    """The page opens with a summary to print: where each area stands, the rules that hold and
    the first five steps."""
    assert len(tokenistic.rules) >= 5
    assert len(tokenistic.recommendations) >= 5
    for report in (tokenistic, single):
        html = html_of(report)
        summary = re.search(
            r'<section aria-labelledby="summary" class="summary">.*?</section>', html, re.S
        )
        assert summary
        assert html.index('id="summary"') < html.index('id="where-you-stand"')
        rows = Page(summary.group(0)).body("summary-stand")
        places = [report.overall, *report.areas]
        assert [cells[0] for cells in rows] == [row.title for row in places]
        for cells, row in zip(rows, places, strict=True):
            marked = row.provisional and row.status == "placed"
            assert cells[1].endswith(" provisional") == marked, row.title
            assert cells[2][:1] == cells[2][:1].upper()
        rules = re.findall(r"<li>(.*?)</li>", _part(summary.group(0), "summary-rules"), re.S)
        assert rules == [str(markupsafe.escape(rule_heading(rule))) for rule in report.rules]
        steps = re.findall(
            r"<li><strong>(.*?)\.</strong>", _part(summary.group(0), "summary-steps")
        )
        expected = [item.title for item in report.recommendations[:5]]
        assert steps == [str(markupsafe.escape(title)) for title in expected]
        assert '<a href="#everything">Print the whole report instead</a>' in summary.group(0)


def _part(html: str, list_class: str) -> str:
    found = re.search(rf'<(ul|ol) class="{list_class}">(.*?)</\1>', html, re.S)
    return found.group(2) if found else ""


def test_issue15_printing_prints_the_summary_unless_the_whole_report_is_asked_for(
    single: Report,
) -> None:
    style = re.search(r"@media print \{(.*?)\n\}", html_of(single), re.S)
    assert style
    assert "html:not(:has(#everything:target)) main > section:not(.summary) { display: none; }" in (
        style.group(1)
    )
    assert '<span id="everything"></span>' in html_of(single)


def test_issue15_every_cell_of_a_table_is_labelled_with_its_column(
    single: Report, combined: Report, catalog: Catalog
) -> None:
    """On a phone a table's rows become blocks, each cell headed by its column's heading: every
    cell carries that heading, and the table keeps its roles for screen readers."""
    files = [(str(path), results.read(path)) for path in sorted(EXAMPLES.glob("*.toml"))]
    pages = [html_of(single), html_of(combined), trend_page(build_trend(catalog, files))]
    count = 0
    for page in pages:
        for table in re.findall(
            r'<table id="[^"]+" class="reflow" role="table">.*?</table>', page, re.S
        ):
            head = re.search(r"<thead.*?</thead>", table, re.S)
            assert head
            headings = re.findall(
                r'<th scope="col" role="columnheader"[^>]*>(.*?)</th>', head.group(0)
            )
            body = table[head.end() :]
            rows = re.findall(r'<tr role="row">(.*?)</tr>', body, re.S)
            assert rows
            for row in rows:
                assert re.match(r'\s*<th scope="row" role="rowheader">', row)
                labels = re.findall(r'<td role="cell" data-label="([^"]*)"', row)
                assert labels == headings[1:], (labels, headings)
            count += 1
    assert count >= 10
