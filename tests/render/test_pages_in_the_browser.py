"""The HTML report and the trend page in a real browser (see tests/render/conftest.py): at 320,
375 and 1280 pixels wide and in print, the page is never wider than the screen, no chart scrolls
sideways and nothing in one runs out of it, no word in a chart is cut off (each SVG text's box
is inside its picture's) or too small to read, no table hides a column on a phone, the report
prints as a summary of at most two A4 pages, and axe finds nothing wrong."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from coprod_check.files import results
from coprod_check.model.catalog import Catalog
from coprod_check.render.trend_html import html
from coprod_check.views.report import Report
from coprod_check.views.trend import build_trend
from tests.render.pages import EXAMPLES, NOTE, Visit, dated, html_of

WIDTHS = [320, 375, 1280]
PHONE = 600
"""Below this width the page is laid out for a phone: every table's rows are blocks."""
SMALLEST = 11
"""The smallest size, in pixels, of a word in a chart."""

FITS = """(limits) => {
  const out = {page: document.documentElement.scrollWidth - window.innerWidth, problems: []};
  const inside = (box, outer) => box.left >= outer.left - 1 && box.right <= outer.right + 1;
  const words = (part) => (part.textContent || part.tagName).slice(0, 40);
  for (const figure of document.querySelectorAll('figure')) {
    const outer = figure.getBoundingClientRect();
    if (figure.scrollWidth > figure.clientWidth + 1) out.problems.push('scrolls: ' + figure.id);
    for (const part of figure.querySelectorAll('*')) {
      const box = part.getBoundingClientRect();
      if (box.width > 0 && !inside(box, outer))
        out.problems.push('runs out of its chart: ' + words(part));
    }
  }
  for (const svg of document.querySelectorAll('svg')) {
    const outer = svg.getBoundingClientRect();
    if (outer.width === 0) continue;
    const drawn = svg.viewBox.baseVal ? svg.viewBox.baseVal.width : 0;
    const scale = drawn ? outer.width / drawn : 1;
    for (const text of svg.querySelectorAll('text')) {
      const box = text.getBoundingClientRect();
      if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5
          || box.top < outer.top - 0.5 || box.bottom > outer.bottom + 0.5)
        out.problems.push('cut off: ' + text.textContent);
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < limits.smallest)
        out.problems.push('too small (' + size.toFixed(1) + 'px): ' + text.textContent);
    }
  }
  if (window.innerWidth < limits.phone)
    for (const region of document.querySelectorAll('.scroll'))
      if (region.scrollWidth > region.clientWidth + 1)
        out.problems.push('a table scrolls sideways: ' + words(region.querySelector('caption')));
  return out;
}"""
"""What does not fit: how much wider than the screen the page is, and every chart that scrolls,
part of one that runs out of it, word in a picture that is cut off or too small to read, and,
on a phone, table that scrolls sideways."""


def _fits(seen: Visit) -> None:
    measured = seen.page.evaluate(FITS, {"smallest": SMALLEST, "phone": PHONE})
    assert measured["page"] <= 0, "the page is wider than the screen"
    assert measured["problems"] == []


def _pages(pdf: bytes) -> int:
    """How many pages a PDF Chromium made has (its page tree's count)."""
    return max(int(count) for count in re.findall(rb"/Count (\d+)", pdf))


def _trend(catalog: Catalog, which: str) -> str:
    files = sorted(EXAMPLES.glob("*.toml"))
    made = [(str(path), results.read(path)) for path in files]
    if which == "long-trend":  # ten results, monthly: too many dates to write them all
        this_year = EXAMPLES / "this-year.toml"
        made += [
            (f"month-{month}.toml", dated(this_year, f"2026-{month:02}-19T11:52:08Z"))
            for month in range(1, 9)
        ]
    return html(build_trend(catalog, made))


REPORTS = ["single", "combined", "tokenistic"]
TRENDS = ["trend", "long-trend"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", REPORTS)
def test_issue15_the_report_fits_every_screen(
    visit: Callable[..., Visit], request: pytest.FixtureRequest, which: str, width: int
) -> None:
    report: Report = request.getfixturevalue(which)
    seen = visit(html_of(report), which, width)
    assert seen.dialogs == []
    heading = f"Co-production report: {report.project}"
    assert seen.page.get_by_role("heading", level=1).inner_text() == heading
    _fits(seen)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", TRENDS)
def test_issue15_the_trend_page_fits_every_screen(
    visit: Callable[..., Visit], catalog: Catalog, which: str, width: int
) -> None:
    seen = visit(_trend(catalog, which), which, width)
    assert seen.page.get_by_role("heading", level=1).inner_text().startswith("How Riverside")
    for name in ("Overall", "Design", "Decision-making", "Voice"):
        assert seen.page.get_by_role("img", name=f"{name}: stage over time").is_visible()
    _fits(seen)


@pytest.mark.parametrize("width", [320, 375])
def test_issue15_where_voices_differ_shows_every_role_on_a_phone(
    visit: Callable[..., Visit], combined: Report, width: int
) -> None:
    """It used to hide its role columns off the side of a phone's screen."""
    assert combined.combined is not None
    seen = visit(html_of(combined), "combined", width)
    table = seen.page.get_by_role("table", name="Where the roles\u2019 views are furthest apart")
    assert table.is_visible()
    for role in combined.combined.roles:
        assert table.get_by_role("columnheader", name=role.title).count() == 1  # still a table
        cells = seen.page.locator(f'#differ td[data-label="{role.title}"]')
        assert cells.count() == len(combined.combined.differ)
        for index in range(cells.count()):
            box = cells.nth(index).bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= width, role.title


@pytest.mark.parametrize("which", REPORTS)
def test_issue15_the_report_prints_a_summary_on_at_most_two_pages(
    visit: Callable[..., Visit], request: pytest.FixtureRequest, which: str
) -> None:
    """It used to print at 18 A4 pages."""
    report: Report = request.getfixturevalue(which)
    seen = visit(html_of(report), which, 794, "print")
    _fits(seen)
    summary = seen.page.locator("section.summary")
    assert summary.is_visible()
    assert summary.get_by_role("table", name="Where each area stands").is_visible()
    assert summary.locator("ol.summary-steps > li").count() == min(5, len(report.recommendations))
    assert not seen.page.locator("#where-you-stand").is_visible()
    assert _pages(seen.page.pdf(format="A4")) <= 2


def test_issue15_the_whole_report_still_prints_when_asked_for(
    visit: Callable[..., Visit], tokenistic: Report
) -> None:
    seen = visit(html_of(tokenistic), "tokenistic", 794, "print", fragment="#everything")
    _fits(seen)
    for section in ("#where-you-stand", "#principles", "#next"):
        assert seen.page.locator(section).is_visible()
    assert _pages(seen.page.pdf(format="A4")) > 2


@pytest.mark.parametrize("which", TRENDS)
def test_issue15_the_trend_page_prints(
    visit: Callable[..., Visit], catalog: Catalog, which: str
) -> None:
    _fits(visit(_trend(catalog, which), which, 794, "print"))


def test_typed_text_stays_text_in_the_browser(
    visit: Callable[..., Visit], attacked: Report
) -> None:
    seen = visit(html_of(attacked), "attacked")
    assert seen.dialogs == [], "a script in the typed text ran"
    assert seen.page.get_by_text(NOTE, exact=True).is_visible()
    assert seen.page.locator("img").count() == 0
    assert seen.page.locator("script").count() == 0
