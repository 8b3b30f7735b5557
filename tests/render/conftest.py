"""The reports and pages the render tests share, and a real browser to open them in.

The browser is Debian's chromium, driven through Playwright; each page it opens is audited with
axe-core. Tests that use it skip when /usr/bin/chromium is missing, unless
COPROD_CHECK_REQUIRE_BROWSER is set (as CI does), when a missing browser is a failure; they are
marked slow (see tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod_check.files import results
from coprod_check.model.catalog import Catalog
from coprod_check.views.report import Report, build_report
from tests.helpers import bundled_catalog
from tests.render.pages import (
    EXAMPLES,
    Visit,
    attack_file,
    combined_results,
    tokenistic_results,
)


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
def tokenistic(catalog: Catalog) -> Report:
    return build_report(catalog, tokenistic_results(catalog))


@pytest.fixture(scope="module")
def attacked(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Report:
    return build_report(catalog, results.read(attack_file(tmp_path_factory.mktemp("xss"))))


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Callable[..., Visit]]:
    """Open HTML in the browser as a file (at ``fragment``, if given), at a width and for a
    medium, screenshot it, check it is no wider than the screen and audit it with axe."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 — only with a browser

    contexts: list[Any] = []

    def _visit(
        html: str, name: str, width: int = 1280, media: str = "screen", fragment: str = ""
    ) -> Visit:
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
        page.goto(url + fragment, wait_until="load")

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
