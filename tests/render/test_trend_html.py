"""The trend page (``render/trend_html.py``): a line for the overall stage, every area and every
principle that has a score, each on a chart of its own when there are more than a few; a
provisional point drawn hollow, as the report draws it; every date said one way; and dates
along the bottom of a chart only where they fit. How it looks in a browser is tested in
tests/render/test_pages_in_the_browser.py."""

from __future__ import annotations

import itertools
import math
import re

import msgspec
import pytest

from coprod_check.files import results
from coprod_check.model.catalog import Catalog
from coprod_check.render.trend_html import CHARACTER, CHART_WIDTH, FEW, html, x_axis
from coprod_check.views.trend import Trend, build_trend
from tests.render.pages import EXAMPLES


@pytest.fixture(scope="module")
def trend(catalog: Catalog) -> Trend:
    files = [(str(path), results.read(path)) for path in sorted(EXAMPLES.glob("*.toml"))]
    return build_trend(catalog, files)


def _charts(page: str, section: str) -> list[str]:
    """The names of the charts in a section of the page, in order."""
    part = page[page.index(f'<section aria-labelledby="{section}">') :]
    part = part[: part.index("</section>")]
    return re.findall(r'<figcaption id="[^"]+">([^<]+)</figcaption>', part)


def _svgs(page: str) -> list[str]:
    return re.findall(r'<svg class="chart line".*?</svg>', page, re.S)


def test_issue15_every_area_and_the_overall_stage_have_a_line(trend: Trend) -> None:
    """The chart used to show only "Overall", while the table showed areas moving."""
    page = html(trend)
    placed = [
        area.title
        for area in trend.areas
        if any(point.areas.get(area.id) is not None for point in trend.points)
    ]
    assert len(placed) + 1 > FEW  # so each has a chart of its own
    assert _charts(page, "stages-heading") == ["Overall", *placed]
    unplaced = [area.title for area in trend.areas if area.title not in placed]
    assert unplaced
    assert f"{', '.join(unplaced)} are not placed in any of these results." in page
    for name in ["Overall", *placed]:
        assert '<title id="stages-chart-' in page
        assert f"{name}: stage over time</title>" in page


def test_issue15_a_few_principles_share_a_chart_and_more_have_one_each(trend: Trend) -> None:
    page = html(trend)
    scored = [
        label.title
        for label in trend.principles
        if any(point.scores.get(label.id) is not None for point in trend.points)
    ]
    assert 1 < len(scored) <= FEW
    assert _charts(page, "principles-heading") == [" and ".join(scored)]
    everything = msgspec.structs.replace(
        trend,
        points=[
            msgspec.structs.replace(
                point,
                scores={label.id: 10.0 * number for label in trend.principles},
                scores_provisional={label.id: False for label in trend.principles},
            )
            for number, point in enumerate(trend.points, start=1)
        ],
    )
    assert len(trend.principles) > FEW
    assert _charts(html(everything), "principles-heading") == [
        label.title for label in trend.principles
    ]


def test_issue15_provisional_points_are_hollow_and_firm_ones_filled(trend: Trend) -> None:
    """Provisional points used to be drawn filled, where the report draws them hollow."""
    page = html(trend)
    provisional = sum(
        (point.provisional and point.overall is not None)
        + sum(
            point.areas_provisional[area] and stage is not None
            for area, stage in point.areas.items()
        )
        + sum(
            point.scores_provisional[dimension] and score is not None
            for dimension, score in point.scores.items()
        )
        for point in trend.points
    )
    assert provisional > 0
    assert sum(svg.count('<g class="hollow">') for svg in _svgs(page)) == provisional
    assert "Hollow: provisional, resting on few answers" in page
    firm = msgspec.structs.replace(
        trend,
        points=[
            msgspec.structs.replace(
                point,
                provisional=False,
                areas_provisional=dict.fromkeys(point.areas_provisional, False),
                scores_provisional=dict.fromkeys(point.scores_provisional, False),
            )
            for point in trend.points
        ],
    )
    calm = html(firm)
    assert '<g class="hollow">' not in calm
    assert "Hollow:" not in calm
    assert "Provisional:" not in calm


def test_issue15_every_date_is_said_one_way(trend: Trend) -> None:
    """The page used to mix "2025-11-20" with "20 November 2025"."""
    page = html(trend)
    shown = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S))
    shown = shown.replace(str(EXAMPLES), "")  # the files' names
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", shown)
    for day in ("20 November 2025", "19 November 2026"):
        assert day in shown
    assert "since 20 November 2025" in shown
    assert "<tspan" in page  # along the bottom: the day and month, the year under them


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8, 12, 30])
@pytest.mark.parametrize("left", [37.0, 135.0])
def test_issue15_dates_along_a_chart_are_written_where_they_fit(count: int, left: float) -> None:
    labels = [f"{day} September 2026" for day in range(1, count + 1)]
    axis = x_axis(labels, left)
    assert [label.shown for label in axis.labels][-1]  # the latest is always written
    assert axis.left >= left
    step = (CHART_WIDTH - axis.left - 14) / count
    shown = [index for index, label in enumerate(axis.labels) if label.shown]
    if not axis.tilted:
        assert shown == list(range(count))
        for label in axis.labels:
            width = max(map(len, label.lines)) * CHARACTER
            start = {"middle": label.x - width / 2, "end": label.x - width}[label.anchor]
            assert start >= 0
            assert start + width <= CHART_WIDTH
    else:
        apart = 16 / math.sin(math.radians(35))  # a line's height, tilted
        assert all((b - a) * step >= apart for a, b in itertools.pairwise(shown))
