"""The report as JSON: stable, versioned (``schema = "coprod-check/report/1"``), described by the
JSON Schema that ``coprod-check report --schema`` prints. Characters that could act on a terminal
are written as ``\\uXXXX`` escapes (see ``safe_text``)."""

import json

from coprod_check.text import escape_unsafe
from coprod_check.views.report import Report, report_data


def render(report: Report, *, width: int = 80, plain: bool = False) -> str:
    return escape_unsafe(json.dumps(report_data(report), indent=2, ensure_ascii=False)) + "\n"
