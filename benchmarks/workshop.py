"""Workshop benchmark: 50 participants answering at once through `coprod-check workshop serve`.

Starts the installed command on a free port of this computer's loopback address (127.0.0.1,
nowhere else), in a temporary folder, then runs that many simulated participants side by side.
Each joins with the join code, picks a role (taking turns through the roles), and answers every
question it is shown, one page at a time, as a browser would: it loads the page, sends the answer
(which the server saves into the participant's results file before it replies), and follows the
redirect. Before every answer, it also sends a bare request to the same server: the front door
page, with no cookie, which reads nothing and saves nothing. When every participant is done, the
workshop is ended (Ctrl-C) and combines their answers.

It prints the answers saved per second, the p50 and p95 time to save an answer beside the same
for the bare request, and the server's memory at its peak. Anyone can run it, from any folder:

    python benchmarks/workshop.py
    python benchmarks/workshop.py --participants 20 --seconds 120

The target: the p95 time to save an answer at most 3 times the p95 of the bare request. It exits
1 when the target is missed, or when any answer was not saved. It is bounded: at most
``--seconds`` in all (the server is stopped then, whatever is left), and at most 200 answers per
participant.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

TARGET_RATIO = 3.0
MOST_ANSWERS = 200
ROLES = ("lived-experience", "staff", "manager", "partner", "funder", "other")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
ACTION = re.compile(r'<form method="post" action="(/q/[^"]+)"')
CHOICE = re.compile(r'name="choice" id="choice-\d+" value="([^"]+)"')


def coprod_check_command() -> list[str]:
    """The installed command, or ``python -m coprod_check`` when it is not on the PATH."""
    found = shutil.which("coprod-check")
    return [found] if found else [sys.executable, "-m", "coprod_check"]


@dataclass
class Timings:
    saves: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    answers: int = 0


class Connection:
    """One participant's keep-alive HTTP/1.1 connection to the server, with its cookies."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, form: dict[str, str] | None = None, *, cookies: bool = True
    ) -> tuple[int, dict[str, str], str]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if cookies and self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded"]
            lines += [f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers: dict[str, str] = {}
        for line in head[1:]:
            if not line:
                continue
            key, value = line.split(":", 1)
            key, value = key.strip().lower(), value.strip()
            if key == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            headers[key] = value
        text = (await self.reader.readexactly(int(headers.get("content-length", "0")))).decode()
        if headers.get("connection") == "close":
            self.writer.close()
            self.reader = self.writer = None
        return status, headers, text

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def participant(number: int, host: str, port: int, code: str, timings: Timings) -> None:
    """Join, then answer every question shown (the first choice, or a few words), timing each
    save and a bare request before it."""
    me, bare = Connection(host, port), Connection(host, port)
    try:
        _, _, page = await me.request("GET", f"/j/{code}")
        role = ROLES[number % len(ROLES)]
        csrf = CSRF.search(page)
        assert csrf is not None, page[:500]
        form = {"csrf": csrf.group(1), "code": code, "role": role, "name": ""}
        status, headers, _ = await me.request("POST", "/join", form)
        assert status == 303, status
        where = headers["location"]
        for _ in range(MOST_ANSWERS):
            if not where.startswith("/q/"):
                break
            _, _, page = await me.request("GET", where)
            csrf, action = CSRF.search(page), ACTION.search(page)
            assert csrf is not None
            assert action is not None
            choices = CHOICE.findall(page)
            form = {"csrf": csrf.group(1), "do": "save", "note": ""}
            if choices:
                form["choice"] = choices[0]
            else:
                form["text"] = "We talked it through together."
            started = time.perf_counter()
            await bare.request("GET", "/", cookies=False)
            timings.bare.append(time.perf_counter() - started)
            started = time.perf_counter()
            status, headers, _ = await me.request("POST", action.group(1), form)
            timings.saves.append(time.perf_counter() - started)
            assert status == 303, (status, action.group(1))
            timings.answers += 1
            where = headers["location"]
        assert where == "/done", where
    finally:
        await me.close()
        await bare.close()


async def run_all(count: int, host: str, port: int, code: str, seconds: float) -> Timings:
    timings = Timings()
    tasks = [participant(number, host, port, code, timings) for number in range(count)]
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds)
    return timings


def peak_memory(pid: int) -> float | None:
    """The process's peak resident memory in MB, where the system says (Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Run:
    """What one run of the benchmark found."""

    participants: int
    timings: Timings
    took: float
    saved: int
    memory: float | None
    ending: float
    combined: bool


def serve_and_answer(count: int, seconds: float) -> Run:
    """Start the server, let ``count`` participants answer, end it; what happened."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "workshop"
        env = {**os.environ, "COPROD_CHECK_CACHE_DIR": str(Path(temporary) / "cache")}
        server = subprocess.Popen(
            [*coprod_check_command(), "workshop", "serve", str(folder), "--port", "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            host, port, code = _joining(server)
            started = time.perf_counter()
            timings = asyncio.run(run_all(count, host, port, code, seconds))
            took = time.perf_counter() - started
            memory = peak_memory(server.pid)
            server.send_signal(signal.SIGINT)
            ended = time.perf_counter()
            said = server.communicate(timeout=120)[0]
            ending = time.perf_counter() - ended
        finally:
            if server.poll() is None:
                server.kill()
        saved = 0
        for path in folder.glob("[!.]*.toml"):
            kept = tomllib.loads(path.read_text())
            saved += len(kept["answers"]) + len(kept.get("targets", {}))
    combined = "Saved the combined result of" in said
    return Run(count, timings, took, saved, memory, ending, combined)


def _joining(server: subprocess.Popen[str]) -> tuple[str, int, str]:
    """The host, port and join code the server prints."""
    assert server.stdout is not None
    address = ""
    for line in server.stdout:
        if line.startswith("Join at: "):
            address = line.split()[-1]
        if line.startswith("Join code: "):
            host, port = address.removeprefix("http://").rsplit(":", 1)
            return host, int(port), line.split()[-1]
    raise SystemExit("the server ended before it said how to join")


def report(run: Run) -> bool:
    """Print what was found; whether every target was met."""
    timings = run.timings
    save50, save95 = percentile(timings.saves, 0.5), percentile(timings.saves, 0.95)
    bare50, bare95 = percentile(timings.bare, 0.5), percentile(timings.bare, 0.95)
    ratio = save95 / bare95
    every = run.saved == timings.answers
    rate = timings.answers / run.took
    print(f"Workshop: {run.participants} participants on loopback, every question each")
    print(f"  answers saved: {timings.answers} in {run.took:.1f} s ({rate:.0f} a second)")
    print(f"  in the results files: {run.saved} answers and targets (every one: {every})")
    print(f"  save an answer: p50 {save50 * 1000:.1f} ms, p95 {save95 * 1000:.1f} ms")
    print(f"  bare request:   p50 {bare50 * 1000:.1f} ms, p95 {bare95 * 1000:.1f} ms")
    verdict = "ok" if ratio <= TARGET_RATIO else "over target"
    print(f"  ratio of the p95s {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}")
    if run.memory is not None:
        print(f"  server memory at its peak: {run.memory:.0f} MB")
    done = "done" if run.combined else "NOT DONE"
    print(f"  ending the workshop and combining the answers: {run.ending:.1f} s ({done})")
    return ratio <= TARGET_RATIO and every and run.combined


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=50, help="how many (default 50)")
    parser.add_argument(
        "--seconds", type=float, default=600.0, help="the most it may take (default 600)"
    )
    options = parser.parse_args()
    return 0 if report(serve_and_answer(options.participants, options.seconds)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
