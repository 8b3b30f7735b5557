"""Whether a file holds a report that `coprod-check check` wrote, in any of its formats, so that
a CI job run again may replace its own earlier report without ``--force``. Anything else (a file
of the user's, another tool's report) still needs ``--force``.

Each format is recognised by what only this tool writes there: the JSON report's ``schema``, the
SARIF run's tool name, the JUnit root's name, the Markdown heading and the line after it, the
GitHub summary line, and the text report's verdict line with every line before it a finding or
an indented line of one. A new format adds its recogniser here (a test checks every format has
one, and that each recognises what its renderer writes).
"""

import json
import re
from collections.abc import Callable
from typing import Any

from coprod_check.render.formats import CheckFormat

_TALLY = r"\(\d+ errors?, \d+ warnings?, \d+ infos?\); overall stage: "
_VERDICT = re.compile(rf"^\S.*: (?:passed|failed) {_TALLY}.+$")
_FINDING = re.compile(r"^\S.*:\d+:\d+: CP\d{3} \[(?:error|warning|info)\] ")
_COMMAND = re.compile(r"^::(?:error|warning|notice) file=[^\n]*::")
_SUMMARY = re.compile(rf"^coprod-check: .*: (?:passed|failed) {_TALLY}")
_JUNIT = re.compile(r'^<\?xml [^>]*\?>\n<testsuites name="coprod-check"[ >]')
_MARKDOWN = re.compile(r"^## coprod-check: .*: (?:passed|failed)\n\nPlan .+ pathway: \*\*")


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _is_json(text: str) -> bool:
    data = _json(text)
    return isinstance(data, dict) and str(data.get("schema", "")).startswith("coprod-check/check/")


def _is_sarif(text: str) -> bool:
    data = _json(text)
    runs = data.get("runs") if isinstance(data, dict) else None
    if not isinstance(runs, list) or not runs:
        return False
    try:
        return all(run["tool"]["driver"]["name"] == "coprod-check" for run in runs)
    except (KeyError, TypeError):
        return False


_RULE = re.compile(r"^CP\d{3}$")


def _is_gitlab(text: str) -> bool:
    """A list of Code Quality issues, each named for one of this tool's rules (an empty list
    holds nothing to lose)."""
    data = _json(text)
    if not isinstance(data, list):
        return False
    return all(
        isinstance(issue, dict)
        and isinstance(issue.get("check_name"), str)
        and bool(_RULE.match(issue["check_name"]))
        and {"description", "fingerprint", "severity", "location"} <= set(issue)
        for issue in data
    )


def _is_text(text: str) -> bool:
    lines = text.rstrip("\n").split("\n")
    verdict = [n for n, line in enumerate(lines) if not line.startswith(" ")][-1:]
    if not verdict or not _VERDICT.match(lines[verdict[0]]):
        return False
    before = lines[: verdict[0]]
    return all(line.startswith("  ") or _FINDING.match(line) for line in before)


def _is_github(text: str) -> bool:
    *commands, last = text.rstrip("\n").split("\n")
    return bool(_SUMMARY.match(last)) and all(_COMMAND.match(line) for line in commands)


RECOGNISERS: dict[CheckFormat, Callable[[str], bool]] = {
    CheckFormat.text: _is_text,
    CheckFormat.json: _is_json,
    CheckFormat.github: _is_github,
    CheckFormat.sarif: _is_sarif,
    CheckFormat.junit: lambda text: bool(_JUNIT.match(text)),
    CheckFormat.markdown: lambda text: bool(_MARKDOWN.match(text)),
    CheckFormat.gitlab: _is_gitlab,
}


def written_by_check(text: str) -> bool:
    """Whether ``text`` is a report `coprod-check check` wrote, in any format."""
    return any(recognise(text) for recognise in RECOGNISERS.values())
