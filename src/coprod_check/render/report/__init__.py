"""Output formats for `coprod-check report` (and `combine`): one module per format, each with
``render(report: Report, *, width: int, plain: bool) -> str``. Add a format by adding a module,
its member in ``render/formats.py`` and its entry in :data:`RENDERERS`; every format renders the
same ``Report``, so none can disagree."""

from collections.abc import Callable
from typing import Protocol

from coprod_check.render.formats import ReportFormat
from coprod_check.views.report import Report

__all__ = ["RENDERERS", "ReportFormat", "render"]


class ReportRenderer(Protocol):
    def __call__(self, report: Report, *, width: int, plain: bool) -> str: ...


# Each format's module is imported only when that format is asked for: the HTML one loads jinja2,
# the terminal one rich, and a command pays only for the one it uses.


def _terminal() -> ReportRenderer:
    from coprod_check.render.report import terminal_format  # noqa: PLC0415 — on demand (see above)

    return terminal_format.render


def _markdown() -> ReportRenderer:
    from coprod_check.render.report import markdown_format  # noqa: PLC0415 — on demand (see above)

    return markdown_format.render


def _html() -> ReportRenderer:
    from coprod_check.render.report import html_format  # noqa: PLC0415 — on demand (see above)

    return html_format.render


def _json() -> ReportRenderer:
    from coprod_check.render.report import json_format  # noqa: PLC0415 — on demand (see above)

    return json_format.render


def _toml() -> ReportRenderer:
    from coprod_check.render.report import toml_format  # noqa: PLC0415 — on demand (see above)

    return toml_format.render


RENDERERS: dict[ReportFormat, Callable[[], ReportRenderer]] = {
    ReportFormat.terminal: _terminal,
    ReportFormat.markdown: _markdown,
    ReportFormat.html: _html,
    ReportFormat.json: _json,
    ReportFormat.toml: _toml,
}
"""How to get each format's renderer; typed, so a format with the wrong signature fails mypy."""


def render(
    report: Report, output_format: ReportFormat, *, width: int = 80, plain: bool = False
) -> str:
    """The report in one format."""
    return RENDERERS[output_format]()(report, width=width, plain=plain)
