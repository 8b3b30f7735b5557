"""The report as TOML, written with tomli-w: the same data as the JSON report, for keeping with
results files. TOML has no null, so values that are not set are left out."""

from typing import Any

import tomli_w

from coprod_check.report import Report, report_data


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def render(report: Report, *, width: int = 80, plain: bool = False) -> str:
    return tomli_w.dumps(_without_none(report_data(report)), multiline_strings=False)
