"""Shared fixtures: run the real command, and build framework files under tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import Run

SLOW_MODULES = {"test_pre_commit", "test_input_properties"}
"""Whole test files that are slow: pre-commit builds environments; the property hunts are long."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as slow every test that drives the browser, and every test in a slow file."""
    for item in items:
        module = item.module.__name__.rpartition(".")[2] if item.module else ""
        if module in SLOW_MODULES or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep each test's cache, and the key that signs it, apart from the user's."""
    monkeypatch.setenv("COPROD_CHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("COPROD_CHECK_FRAMEWORKS", raising=False)


@pytest.fixture
def run() -> Callable[..., Run]:
    def _run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
        completed = subprocess.run(
            [sys.executable, "-m", "coprod_check", *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env={**os.environ, "COLUMNS": "100", **(env or {})},
            timeout=60,
            check=False,
        )
        return Run(completed)

    return _run


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
