"""Every broken framework in tests/data/bad is refused with one clear error at the right place.

Each file there is a small framework with exactly one defect. ``EXPECTED.toml`` names, for each
file, the line its error must point at (0 when the error is about the whole file) and a piece of
text the error must contain. Each file is checked by running the command, as a user would, in this
process (through the console script's own entry and error handler).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.helpers import run_here

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
EXPECTED_FILE = BAD / "EXPECTED.toml"
EXPECTED: dict[str, dict[str, object]] = tomllib.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
FILES = sorted(path.name for path in BAD.iterdir() if path.is_file() and path != EXPECTED_FILE)


def test_every_file_has_an_expectation() -> None:
    assert len(FILES) >= 20
    assert sorted(EXPECTED) == FILES
    for name, expected in EXPECTED.items():
        assert set(expected) == {"line", "message"}, name
        assert isinstance(expected["line"], int), name
        assert expected["line"] >= 0, name
        assert isinstance(expected["message"], str), name
        assert expected["message"].strip(), name


@pytest.mark.parametrize("name", FILES, ids=FILES)
def test_bad_framework_is_refused(name: str) -> None:
    expected = EXPECTED.get(name)
    if expected is None:
        pytest.fail(f"{name} has no entry in {EXPECTED_FILE.name}")
    line, message = expected["line"], str(expected["message"])
    result = run_here("frameworks", "validate", str(BAD / name), "--no-bundled", seconds=20)

    err = result.err
    assert result.code == 2, err
    assert result.out == ""
    assert "Traceback" not in err
    assert name in err
    if line:
        assert f"{name}:{line}:" in err, f"expected the error at line {line}:\n{err}"
    else:
        assert f"{name}: " in err, f"expected an error about the whole file:\n{err}"
        assert not re.search(rf"{re.escape(name)}:\d", err), err
    assert message.lower() in err.lower(), f"expected {message!r} in:\n{err}"
