"""The output formats, named once: the command line offers these, and each renderer's registry
has one entry for each (a test checks none is forgotten). Nothing else is imported here, so the
command line can list them without loading any renderer."""

from enum import StrEnum


class ReportFormat(StrEnum):
    """The formats of `report`, `combine` and `trend`."""

    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"
    toml = "toml"


class CheckFormat(StrEnum):
    """The formats of `check`."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"
    gitlab = "gitlab"


class ExplainFormat(StrEnum):
    """The formats of `explain`."""

    text = "text"
    markdown = "markdown"
    json = "json"


class RuleFormat(StrEnum):
    """The formats of `rule`."""

    text = "text"
    markdown = "markdown"
    json = "json"


class Audience(StrEnum):
    """Whose advice a report or explanation gives."""

    practitioners = "practitioners"
    funders = "funders"
