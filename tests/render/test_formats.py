"""Every output format named in ``render/formats.py`` has a renderer, and nothing is loaded by
name: each registry is a typed table, one entry per member."""

from __future__ import annotations

from coprod_check.render import check as check_formats
from coprod_check.render import report as report_formats
from coprod_check.render import trend as trend_formats
from coprod_check.render.formats import CheckFormat, ReportFormat
from tests.helpers import ROOT


def test_every_report_format_has_a_renderer() -> None:
    assert set(report_formats.RENDERERS) == set(ReportFormat)
    for get in report_formats.RENDERERS.values():
        assert callable(get())


def test_every_trend_format_has_a_renderer() -> None:
    assert set(trend_formats.RENDERERS) == set(ReportFormat)


def test_every_check_format_has_a_renderer() -> None:
    assert set(check_formats.RENDERERS) == set(CheckFormat)
    for get in check_formats.RENDERERS.values():
        assert callable(get())


def test_no_format_is_loaded_by_its_name() -> None:
    for path in (ROOT / "src" / "coprod_check").rglob("*.py"):
        assert "import_module" not in path.read_text(encoding="utf-8"), path
