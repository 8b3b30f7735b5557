"""The report as TOML, written with tomli-w: the same data as the JSON report, for keeping with
results files. TOML has no null, so values that are not set are left out. As in the JSON,
characters that could act on a terminal are written as ``\\uXXXX`` escapes."""

import tomli_w

from coprod_check.files.results import drop_none
from coprod_check.text import escape_unsafe
from coprod_check.views.report import Report, report_data


def render(report: Report, *, width: int = 80, plain: bool = False) -> str:
    return escape_unsafe(tomli_w.dumps(drop_none(report_data(report)), multiline_strings=False))
