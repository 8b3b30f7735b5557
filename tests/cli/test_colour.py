"""Colour and layout are separate choices (issue 15, "Command line"): ``--plain`` (or
``TERM=dumb``) is the plain layout; ``NO_COLOR`` turns off only the colour, and only when it is
set to something (no-color.org); ``FORCE_COLOR`` colours even into a pipe (force-color.org)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest

from coprod_check.render import colour
from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
RESULTS = ROOT / "examples" / "results"
THIS_YEAR = str(RESULTS / "this-year.toml")
LAST_YEAR = str(RESULTS / "last-year.toml")
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|9[0-7])[;m]")
"""An escape that sets a foreground colour (bold alone is not a colour)."""
BOX = re.compile("[\u2500-\u257f\u2580-\u259f]")
NEITHER = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm"}
PLAIN_LINE = "Overall: Placation (stage 5 of 8),"
"""A line only the plain layout of the report has."""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # empty: not set, says no-color.org
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, False, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),  # NO_COLOR wins, as in Python
        ({"TERM": "dumb"}, True, False),
        ({"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
    ],
)
def test_issue15_colour_follows_no_color_and_force_color(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool, expected: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = _Terminal() if tty else io.StringIO()
    assert colour.wanted(stream) is expected


def test_issue15_force_color_colours_the_report_in_a_pipe(run: RunFn) -> None:
    result = run("report", THIS_YEAR, env={**NEITHER, "FORCE_COLOR": "1"})
    assert result.code == 0, result.err
    assert COLOUR.search(result.out)


def test_issue15_force_color_colours_the_trend_in_a_pipe(run: RunFn) -> None:
    result = run("trend", LAST_YEAR, THIS_YEAR, env={**NEITHER, "FORCE_COLOR": "1"})
    assert result.code == 0, result.err
    assert "\x1b[" in result.out


def test_issue15_an_empty_no_color_is_not_set(run: RunFn) -> None:
    result = run("report", THIS_YEAR, env={**NEITHER, "FORCE_COLOR": "1", "NO_COLOR": ""})
    assert result.code == 0, result.err
    assert COLOUR.search(result.out)


def test_issue15_no_color_keeps_the_layout(run: RunFn) -> None:
    result = run("report", THIS_YEAR, env={**NEITHER, "FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert result.code == 0, result.err
    assert "\x1b[" not in result.out
    assert BOX.search(result.out), "NO_COLOR is not the plain layout"
    assert PLAIN_LINE not in result.out


@pytest.mark.parametrize("env", [{"FORCE_COLOR": "1"}, {}], ids=["FORCE_COLOR", "none"])
def test_issue15_plain_is_the_layout_and_has_no_colour(run: RunFn, env: dict[str, str]) -> None:
    result = run("report", THIS_YEAR, "--plain", env={**NEITHER, **env})
    assert result.code == 0, result.err
    assert PLAIN_LINE in result.out
    assert "\x1b[" not in result.out
    assert not BOX.search(result.out)


def test_issue15_a_dumb_terminal_still_gets_the_plain_layout(run: RunFn) -> None:
    result = run("report", THIS_YEAR, env={**NEITHER, "TERM": "dumb"})
    assert result.code == 0, result.err
    assert PLAIN_LINE in result.out
