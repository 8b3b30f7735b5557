"""A real `coprod-check workshop serve` process, on a free port of this computer's loopback
address, for the tests that need the whole thing: the server, its signals and its terminal."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

WAIT = 60.0
"""The longest a test waits for the server to say something or to end: a bound, not a timing."""


class Served:
    """One server process: its join address and code, what it has printed, and ways to end it."""

    def __init__(self, folder: Path, *options: str, cwd: Path | None = None) -> None:
        self.folder = folder
        environment = {**os.environ, "COLUMNS": "100"}
        environment.pop("COPROD_CHECK_DEBUG", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coprod_check",
                "workshop",
                "serve",
                str(folder),
                "--port",
                "0",
                *list(options),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env=environment,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.printed: list[str] = []
        self.errors: list[str] = []
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        threading.Thread(
            target=self._gather, args=(self.process.stderr, self.errors), daemon=True
        ).start()
        self.address = self.wait_for(r"^Join at: (\S+)").group(1)
        self.code = self.wait_for(r"^Join code: (\S+)").group(1)

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    @staticmethod
    def _gather(stream: IO[str], into: list[str]) -> None:
        for line in stream:
            into.append(line)

    def wait_for(self, pattern: str) -> re.Match[str]:
        """The first line printed from now on that matches ``pattern``."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError(f"the server never printed {pattern!r}") from None
            if line is None:
                raise AssertionError(
                    f"the server ended without printing {pattern!r}:\n"
                    + "".join(self.printed + self.errors)
                )
            self.printed.append(line)
            found = re.search(pattern, line)
            if found:
                return found

    def end(self, how: signal.Signals | str = signal.SIGINT) -> tuple[int, str, str]:
        """End it with a signal, or by typing ``how``; its exit code, stdout and stderr."""
        if isinstance(how, str):
            assert self.process.stdin is not None
            self.process.stdin.write(how)
            self.process.stdin.flush()
        else:
            self.process.send_signal(how)
        code = self.process.wait(timeout=WAIT)
        while (line := self.lines.get(timeout=WAIT)) is not None:
            self.printed.append(line)
        return code, "".join(self.printed), "".join(self.errors)

    def kill(self) -> None:
        """Kill it at once (SIGKILL): nothing it does after this."""
        self.process.kill()
        self.process.wait(timeout=WAIT)

    def client(self, **options: Any) -> Any:
        """An HTTP client for the server, following redirects as a browser does."""
        import httpx2  # noqa: PLC0415 — only the tests that serve need it

        return httpx2.Client(base_url=self.address, follow_redirects=True, **options)

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:
            self.kill()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
