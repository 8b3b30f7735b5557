"""Shared fixtures: run the command, build framework files under tmp_path, and a browser."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import Run, run_here

HERE = Path(__file__).resolve().parent

SLOW_FILES = {
    "cli/test_pre_commit.py",  # pre-commit builds an environment from the package index
    "cli/test_assess_pty.py",  # a real process in a terminal for each session, and its timeouts
    "cli/test_workshop.py",  # a real server process for each test, ended by a signal
    "cli/test_workshop_pty.py",  # a real server in a terminal, and its live panel
    "files/test_input_properties.py",  # the property hunt over every command that reads a file
    "score/test_scoring_properties.py",  # the scorer over generated answer sets, many of them
}
"""Whole test files that are slow (single slow tests carry ``@pytest.mark.slow`` themselves).
``pytest -m "not slow"`` leaves them out; the whole suite, and so CI, runs them."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as slow every test that drives the browser, and every test in a slow file."""
    for item in items:
        path = item.path.resolve()
        where = path.relative_to(HERE).as_posix() if path.is_relative_to(HERE) else ""
        if where in SLOW_FILES or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One cache folder, and one folder for the key that signs it, for the whole run."""
    return tmp_path_factory.mktemp("cache"), tmp_path_factory.mktemp("state")


@pytest.fixture(autouse=True)
def _own_cache(
    request: pytest.FixtureRequest,
    _shared_cache: tuple[Path, Path],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Keep the tests' cache, and the key that signs it, apart from the user's. The tests share
    one, so the bundled frameworks are parsed once a run rather than once a test; a test marked
    ``own_cache`` (one that looks into the cache, or damages it) starts with an empty one."""
    if request.node.get_closest_marker("own_cache"):
        folder, state = tmp_path_factory.mktemp("cache"), tmp_path_factory.mktemp("state")
    else:
        folder, state = _shared_cache
    monkeypatch.setenv("COPROD_CHECK_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.delenv("COPROD_CHECK_FRAMEWORKS", raising=False)


@pytest.fixture
def run() -> Callable[..., Run]:
    """Run a command in this process, as a user would run it (``run_here``): same arguments,
    exit code, stdout and stderr. Takes ``cwd=``, ``env=`` and ``input=`` (stdin, never a
    terminal). Tests that need a real process call ``run_process`` instead."""
    return run_here


@pytest.fixture
def write_framework(tmp_path: Path) -> Callable[..., Path]:
    def _write(
        data: dict[str, Any] | str, name: str = "tiny.yaml", folder: Path | None = None
    ) -> Path:
        target = (folder or tmp_path) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
        target.write_text(text, encoding="utf-8")
        return target

    return _write


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium: the browser tests drive it, never a browser a tool downloads."""
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
    """Headless chromium for the pages' tests; they skip without it, unless
    COPROD_CHECK_REQUIRE_BROWSER is set (as CI sets it)."""
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
