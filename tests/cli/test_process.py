"""coprod-check as a real process, for what only a process shows: ``python -m coprod_check`` and
the console script, a whole assess → report → explain round trip, the exit code and words of an
internal error (with and without COPROD_CHECK_DEBUG), a reader that has gone away, and a broken
file's error as a person's terminal gets it. Every other command test runs in the test process
(the ``run`` fixture), through the same entry and error handler."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from coprod_check import __version__
from tests.helpers import DATA, ROOT, run_process

BROKEN_SCREEN = """\
import runpy, sys

class Broken:
    def __getattr__(self, name):
        return getattr(sys.__stdout__, name)

    def write(self, text):
        raise RuntimeError("the screen fell off")

sys.stdout = Broken()
sys.argv[0] = "coprod-check"
runpy.run_module("coprod_check", run_name="__main__")
"""
"""Run coprod-check with a stdout whose every write fails with an error no code expects: a bug,
as far as coprod-check can tell."""


def _python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "100", **env}
    if "COPROD_CHECK_DEBUG" not in env:
        environment.pop("COPROD_CHECK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def test_python_m_coprod_check_prints_the_version() -> None:
    done = run_process("--version")
    assert done.code == 0, done.err
    assert done.out == f"coprod-check {__version__}\n"
    assert done.err == ""


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "coprod-check"
    completed = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"coprod-check {__version__}\n"


def test_assess_then_report_then_explain(tmp_path: Path) -> None:
    answers = ROOT / "examples" / "answers-workshop.yaml"
    made = run_process(
        "assess", "--project", "Riverside", "--answers", str(answers), "--skip-unanswered",
        "--output", "riverside.toml", cwd=tmp_path,
    )  # fmt: skip
    assert made.code == 0, made.err
    assert "Your answers and results are saved in riverside.toml" in " ".join(made.out.split())
    saved = tomllib.loads((tmp_path / "riverside.toml").read_text(encoding="utf-8"))
    assert saved["complete"] is True
    assert saved["meta"]["project"] == "Riverside"

    shown = run_process("report", "riverside.toml", "--format", "json", cwd=tmp_path)
    assert shown.code == 0, shown.err
    report = json.loads(shown.out)
    assert report["project"] == "Riverside"
    assert report["overall"]["stage"] == saved["results"]["overall"]["stage"]

    explained = run_process("explain", "riverside.toml", cwd=tmp_path)
    assert explained.code == 0, explained.err
    assert explained.out == run_process("explain", str(answers), cwd=tmp_path).out
    assert sorted(path.name for path in tmp_path.iterdir()) == ["riverside.toml"]


def test_an_internal_error_is_exit_3_in_words_with_no_traceback() -> None:
    done = _python(BROKEN_SCREEN, "glossary")
    assert done.returncode == 3, done.stderr
    assert done.stderr == (
        f"coprod-check {__version__} hit an internal error: RuntimeError: the screen fell off\n"
        "  hint: please report it; set COPROD_CHECK_DEBUG=1 to see the details\n"
    )


def test_debug_shows_the_traceback_of_an_internal_error() -> None:
    done = _python(BROKEN_SCREEN, "glossary", COPROD_CHECK_DEBUG="1")
    assert done.returncode not in (0, 2, 3), done.stderr
    assert "Traceback (most recent call last):" in done.stderr
    assert done.stderr.rstrip().endswith("RuntimeError: the screen fell off")
    assert "hit an internal error" not in done.stderr


def test_a_reader_that_has_gone_is_not_an_error() -> None:
    """`coprod-check report ... | head -1`: the pipe's reader has gone before the report is
    written. Nothing is said about it, and it is not an internal error (click ends with 1)."""
    reader, writer = os.pipe()
    os.close(reader)  # gone before the command starts, so that no write can get through
    try:
        environment = {**os.environ, "COLUMNS": "100"}
        environment.pop("COPROD_CHECK_DEBUG", None)
        done = subprocess.run(
            [sys.executable, "-m", "coprod_check", "glossary"],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert done.stderr == ""
    assert done.returncode in (0, 1)


def test_a_broken_file_is_one_line_on_a_real_stderr() -> None:
    path = DATA / "bad-inputs" / "answers-int.results.toml"
    expected = tomllib.loads((DATA / "bad-inputs" / "EXPECTED.toml").read_text(encoding="utf-8"))
    line = expected[path.name]["line"]
    done = run_process("report", str(path), env={"PYTHONUTF8": "1"})
    assert done.code == 2, done.err
    assert done.out == ""
    first, *rest = done.err.splitlines()
    assert first.startswith(f"{path}:{line}:")
    assert str(expected[path.name]["message"]).lower() in done.err.lower()
    assert all(more.startswith("  hint: ") for more in rest)


def test_a_closed_stdout_is_no_traceback() -> None:
    """`coprod-check glossary >&-`: Python has no stdout at all. What would be printed goes
    nowhere; nothing is said on stderr, and there is no traceback."""
    environment = {**os.environ, "COLUMNS": "100"}
    environment.pop("COPROD_CHECK_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", "import os, runpy, sys; os.close(1); sys.stdout = None; "
         "sys.argv = ['coprod-check', 'glossary']; "
         "runpy.run_module('coprod_check', run_name='__main__')"],
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert "internal error" not in done.stderr
    assert done.returncode == 0, done.stderr
