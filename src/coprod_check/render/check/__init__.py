"""Output formats for `coprod-check check`: one module per format, each with
``render(report: CheckReport) -> str``. Add a format by adding a module and its enum member.
Whatever the format, no control character or mark that reorders text from the plan reaches the
output as it is (see ``safe_text``): JSON and SARIF escape it, the others show U+FFFD."""

from enum import StrEnum
from importlib import import_module

from coprod_check.check.rules import CheckReport
from coprod_check.text import escape_unsafe, safe_text


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
    if output_format in (CheckFormat.json, CheckFormat.sarif):
        return escape_unsafe(text)
    return safe_text(text)
