"""Output formats for `coprod-check report` (and `combine`): one module per format, each with
``render(report: Report, *, width: int, plain: bool) -> str``. Add a format by adding a module
and its enum member; every format renders the same ``Report``, so none can disagree."""

from enum import StrEnum
from importlib import import_module

from coprod_check.views.report import Report


class ReportFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"
    toml = "toml"


def render(
    report: Report, output_format: ReportFormat, *, width: int = 80, plain: bool = False
) -> str:
    """The report in one format."""
    module = import_module(f"coprod_check.render.report.{output_format.value}_format")
    text: str = module.render(report, width=width, plain=plain)
    return text
