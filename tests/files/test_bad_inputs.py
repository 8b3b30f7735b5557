"""Issue 11, items 5, 6 and 8: every broken results, answers or plan file in tests/data/bad-inputs
is refused with exit 2 and one clear error at the right place, by every command that reads it.

Each file there has one defect. ``EXPECTED.toml`` names, for each, the line its error must point
at (0 when the error is about the whole file) and a piece of text the error must contain. The
commands run in this process, through the console script's own entry and error handler, which is
much quicker than a process each (tests/cli/test_process.py runs one of them as a real process).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.helpers import run_here

BAD = Path(__file__).resolve().parents[1] / "data" / "bad-inputs"
EXPECTED_FILE = BAD / "EXPECTED.toml"
EXPECTED: dict[str, dict[str, object]] = tomllib.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
FILES = sorted(path.name for path in BAD.iterdir() if path.is_file() and path != EXPECTED_FILE)


def commands(path: Path, output: Path) -> list[list[str]]:
    """Every command that reads a file of this kind, by the kind in its name."""
    name = str(path)
    if path.name.endswith(".results.toml"):
        return [
            ["report", name],
            ["explain", name],
            ["compare", name, name],
            ["trend", name],
            ["combine", name],
        ]
    if ".answers." in path.name:
        return [
            ["explain", name],
            [
                "assess",
                "--answers",
                name,
                "--project",
                "p",
                "--skip-unanswered",
                "--output",
                str(output),
                "--force",
            ],
        ]
    return [["check", name]]


def test_every_file_has_an_expectation() -> None:
    assert sorted(EXPECTED) == FILES
    for name, expected in EXPECTED.items():
        assert set(expected) == {"line", "message"}, name
        assert isinstance(expected["line"], int), name
        assert expected["line"] >= 0, name
        assert isinstance(expected["message"], str), name
        assert expected["message"].strip(), name


def _check(name: str, code: int, err: str, command: list[str]) -> None:
    expected = EXPECTED[name]
    line, message = expected["line"], str(expected["message"])
    assert code == 2, f"{command}: exit {code}\n{err}"
    assert "Traceback" not in err
    if line:
        assert f"{name}:{line}:" in err, f"{command}: expected the error at line {line}:\n{err}"
    else:
        assert f"{name}: " in err, f"{command}: expected an error about the whole file:\n{err}"
        assert not re.search(rf"{re.escape(name)}:\d", err), err
    assert message.lower() in err.lower(), f"{command}: expected {message!r} in:\n{err}"


@pytest.mark.parametrize("name", FILES, ids=FILES)
def test_bad_input_is_refused_at_its_place(name: str, tmp_path: Path) -> None:
    if name not in EXPECTED:
        pytest.fail(f"{name} has no entry in {EXPECTED_FILE.name}")
    for command in commands(BAD / name, tmp_path / "out.toml"):
        done = run_here(*command, seconds=30)
        _check(name, done.code, done.err, command)
    assert not (tmp_path / "out.toml").exists()
