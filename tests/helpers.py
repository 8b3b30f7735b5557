"""Helpers shared by the tests."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any
from unittest import mock

from coprod_check.cli import app as cli

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


class Run:
    """The result of running coprod-check as a separate process."""

    def __init__(self, completed: subprocess.CompletedProcess[str]) -> None:
        self.code = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr


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


def run_process(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run coprod-check as a real process, as a user would: its exit code and its stderr."""
    environment = {**os.environ, "COLUMNS": "100", **(env or {})}
    environment.pop("COPROD_CHECK_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "coprod_check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stderr


def run_here(*args: str, seconds: int = 30) -> tuple[int, str]:
    """Run coprod-check in this process through the console script's own entry (``cli.run``,
    with its single error handler), much quicker than a new process: its exit code and what it
    wrote to stderr."""
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(sys, "argv", ["coprod-check", *args]),
        redirect_stdout(out),
        redirect_stderr(err),
        _no_hang(seconds),
    ):
        code = cli.run()
    return code, err.getvalue()
