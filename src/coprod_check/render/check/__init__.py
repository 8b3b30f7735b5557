"""Output formats for `coprod-check check`: one module per format, each with
``render(outcomes: Sequence[Outcome]) -> str``, for every plan given: its report, or the
problems that kept it from being checked (shown where the format shows findings, so CI shows
them too). Add a format by adding a module, its member in ``render/formats.py`` and its entry in
:data:`RENDERERS`. Whatever the format, no control character or mark that reorders text from the
plan reaches the output as it is (see ``safe_text``): JSON, SARIF and GitLab's JSON escape it,
the others show U+FFFD."""

from collections.abc import Callable, Sequence
from functools import partial

from coprod_check.check.unchecked import Outcome
from coprod_check.render.formats import CheckFormat
from coprod_check.text import escape_unsafe, safe_text

__all__ = ["RENDERERS", "CheckFormat", "render"]

CheckRenderer = Callable[[Sequence[Outcome]], str]

# Each format's module is imported only when that format is asked for (SARIF and JUnit build
# their own structures, which a plain text check never needs).


def _text(width: int = 80) -> CheckRenderer:
    from coprod_check.render.check import text_format  # noqa: PLC0415 — on demand (see above)

    return partial(text_format.render, width=width)


def _json() -> CheckRenderer:
    from coprod_check.render.check import json_format  # noqa: PLC0415 — on demand (see above)

    return json_format.render


def _github() -> CheckRenderer:
    from coprod_check.render.check import github_format  # noqa: PLC0415 — on demand (see above)

    return github_format.render


def _sarif() -> CheckRenderer:
    from coprod_check.render.check import sarif_format  # noqa: PLC0415 — on demand (see above)

    return sarif_format.render


def _junit() -> CheckRenderer:
    from coprod_check.render.check import junit_format  # noqa: PLC0415 — on demand (see above)

    return junit_format.render


def _markdown() -> CheckRenderer:
    from coprod_check.render.check import markdown_format  # noqa: PLC0415 — on demand (see above)

    return markdown_format.render


def _gitlab() -> CheckRenderer:
    from coprod_check.render.check import gitlab_format  # noqa: PLC0415 — on demand (see above)

    return gitlab_format.render


RENDERERS: dict[CheckFormat, Callable[[], CheckRenderer]] = {
    CheckFormat.text: _text,
    CheckFormat.json: _json,
    CheckFormat.github: _github,
    CheckFormat.sarif: _sarif,
    CheckFormat.junit: _junit,
    CheckFormat.markdown: _markdown,
    CheckFormat.gitlab: _gitlab,
}
"""How to get each format's renderer; typed, so a format with the wrong signature fails mypy."""


_JSON = (CheckFormat.json, CheckFormat.sarif, CheckFormat.gitlab)


def render(outcomes: Sequence[Outcome], output_format: CheckFormat, *, width: int = 80) -> str:
    """What came of checking each plan, in one format; the text format is laid out for
    ``width`` columns (the others are read by programs, which want each thing whole)."""
    renderer = _text(width) if output_format is CheckFormat.text else RENDERERS[output_format]()
    text = renderer(outcomes)
    if output_format in _JSON:
        return escape_unsafe(text)
    return safe_text(text)
