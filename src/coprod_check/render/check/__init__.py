"""Output formats for `coprod-check check`: one module per format, each with
``render(report: CheckReport) -> str``. Add a format by adding a module and its enum member."""

from enum import StrEnum
from importlib import import_module

from coprod_check.check import CheckReport


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"


def render(report: CheckReport, output_format: CheckFormat) -> str:
    """The report in one format."""
    module = import_module(f"coprod_check.render.check.{output_format.value}_format")
    text: str = module.render(report)
    return text
