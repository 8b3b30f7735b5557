"""The report as TOML: the results file it was made from, whole, with the report beside it in a
``[report]`` table. So the TOML export is itself a results file, which every command reads as
it reads the original (they leave ``[report]`` alone); the ``[report]`` table holds the same data
as the JSON report, for people and other programs to read. TOML has no null, so values that are
not set are left out. As in the JSON, characters that could act on a terminal are written as
``\\uXXXX`` escapes, which read back as the same text. See ``docs/results.md``."""

import tomli_w

from coprod_check.files import results
from coprod_check.files.results import drop_none
from coprod_check.text import escape_unsafe
from coprod_check.views.report import Report, report_data

REPORT_TABLE = "report"
"""The table of a results file that holds the report written with it."""


def render(report: Report, *, width: int = 80, plain: bool = False) -> str:
    if report.source is None:
        raise ValueError("a TOML report is its results file: build the report from results")
    document = results.document(report.source)
    document[REPORT_TABLE] = drop_none(report_data(report))
    return escape_unsafe(tomli_w.dumps(document, multiline_strings=False))
