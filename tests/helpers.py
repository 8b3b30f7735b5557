"""Helpers shared by the tests."""

from __future__ import annotations

import functools
import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml

from coprod_check.cli import app as cli
from coprod_check.frameworks.load import Sources, load_catalog
from coprod_check.model.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Run:
    """What one run of coprod-check ended with: its exit code, stdout and stderr."""

    code: int
    out: str
    err: str


@functools.cache
def bundled_catalog() -> Catalog:
    """The bundled frameworks' catalog, loaded once for all the tests that only read it. Test
    modules load it at import, before conftest's fixtures run, so the parse cache is off while it
    loads: the user's own cache folder is left alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COPROD_CHECK_CACHE_DIR", "")
        return load_catalog(Sources())


def catalog_of(folder: Path, *frameworks: dict[str, Any]) -> Catalog:
    """The catalog of these frameworks alone (no bundled ones), written as files into ``folder``
    and loaded as coprod-check loads any framework."""
    folder.mkdir(parents=True, exist_ok=True)
    for framework in frameworks:
        text = yaml.safe_dump(framework, sort_keys=False, allow_unicode=True)
        path = folder / f"{framework['id']}.yaml"
        number = 2
        while path.exists():  # two frameworks with one id: two files
            path = folder / f"{framework['id']}-{number}.yaml"
            number += 1
        path.write_text(text, encoding="utf-8")
    return load_catalog(Sources(folders=(folder,), bundled=False))


def minimal_framework(**overrides: Any) -> dict[str, Any]:
    """A small, valid, self-contained framework with a pathway, one area, one question."""
    framework: dict[str, Any] = {
        "schema": "coprod-check/framework/1",
        "id": "tiny",
        "kind": "questions",
        "title": "A tiny framework",
        "version": "1.0.0",
        "description": "Just enough to test with.",
        "source": {"title": "Our own notes", "author": "Us", "year": 2026},
        "pathway": {
            "id": "steps",
            "title": "Three steps",
            "description": "From told, to asked, to sharing.",
            "default": True,
            "groups": [{"id": "all", "title": "All", "description": "Every step."}],
            "stages": [
                {
                    "id": "told",
                    "title": "Told",
                    "group": "all",
                    "description": "People are told.",
                    "next_step": "Ask them.",
                },
                {
                    "id": "asked",
                    "title": "Asked",
                    "group": "all",
                    "description": "People are asked.",
                    "next_step": "Share the decision.",
                },
                {
                    "id": "sharing",
                    "title": "Sharing",
                    "group": "all",
                    "description": "Decisions are shared.",
                    "next_step": "Keep it up.",
                },
            ],
        },
        "dimensions": [
            {
                "id": "making",
                "kind": "area",
                "title": "Making",
                "description": "Making things together.",
                "section": "Design",
            }
        ],
        "questions": [
            {
                "id": "how-made",
                "text": "How do you make things?",
                "help": "Think of the last thing you made.",
                "type": "single",
                "dimensions": ["making"],
                "places": "making",
                "section": "Design",
                "choices": [
                    {"id": "alone", "label": "Alone", "stage": {"steps": "told"}},
                    {"id": "together", "label": "Together", "stage": {"steps": "sharing"}},
                ],
            }
        ],
    }
    framework.update(overrides)
    return framework


@contextmanager
def _no_hang(seconds: int) -> Iterator[None]:
    """Fail, rather than wait for ever, when one command runs too long in this process."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"the command ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


Environment = Mapping[str, str | None]
"""Variables to set for one command, over the tests' own; ``None`` removes one."""


def _environment(env: Environment | None) -> dict[str, str | None]:
    """What a command run by the tests sees on top of the tests' own environment: a 100-column
    terminal, never the debugging switch (which turns an internal error into a traceback), and
    the variables the test gives."""
    return {"COLUMNS": "100", "COPROD_CHECK_DEBUG": None, **(env or {})}


def run_process(
    *args: str,
    cwd: Path | None = None,
    env: Environment | None = None,
    input: str = "",
    timeout: int = 60,
) -> Run:
    """Run coprod-check as a real process, as a user would, with ``input`` on its stdin (never a
    terminal). For what only a process shows: the console script itself, signals, closed pipes,
    resource limits, what is left when the interpreter exits."""
    environment: dict[str, str] = dict(os.environ)
    for key, value in _environment(env).items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    done = subprocess.run(
        [sys.executable, "-m", "coprod_check", *args],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env=environment,
        timeout=timeout,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@contextmanager
def _variables(env: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or, for ``None``, remove) environment variables, and put them back afterwards."""
    saved = {key: os.environ.get(key) for key in env}
    try:
        for key, value in env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def _folder(cwd: Path | None) -> Iterator[None]:
    """Work in ``cwd`` (when given) for one command, then go back."""
    if cwd is None:
        yield
        return
    before = Path.cwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(before)


def _streams(input: str) -> tuple[io.TextIOWrapper, io.TextIOWrapper, io.TextIOWrapper]:
    """stdin, stdout and stderr as a process run from the tests has them: UTF-8 text over bytes,
    none of them a terminal, stderr replacing what it cannot encode as Python's own does."""
    stdin = io.TextIOWrapper(io.BytesIO(input.encode("utf-8")), encoding="utf-8")
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(
        io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True
    )
    return stdin, stdout, stderr


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", errors="replace")


def run_here(
    *args: str,
    cwd: Path | None = None,
    env: Environment | None = None,
    input: str = "",
    seconds: int = 60,
) -> Run:
    """Run coprod-check in this process, through the console script's own entry (``cli.run``,
    with its single error handler), as :func:`run_process` would run it and much quicker: the
    same arguments, folder, environment and stdin (never a terminal), with stdout and stderr
    kept apart. Everything it changes (the folder, the environment, ``sys.argv`` and the three
    streams) is put back afterwards."""
    stdin, stdout, stderr = _streams(input)
    with (
        _folder(cwd),
        _variables(_environment(env)),
        mock.patch.object(sys, "argv", ["coprod-check", *args]),
        mock.patch.multiple(sys, stdin=stdin, stdout=stdout, stderr=stderr),
        _no_hang(seconds),
    ):
        code = cli.run()
    return Run(code, _text(stdout), _text(stderr))
