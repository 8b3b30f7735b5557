"""First-prompt benchmark: how long `coprod-check assess` takes to show its first question, beside a
bare `python -c "import typer, questionary"`, measured side by side in one run.

Runs each several times, alternating, in a pseudo-terminal, and prints the medians and their ratio:

    python benchmarks/first_prompt.py
    python benchmarks/first_prompt.py --runs 21 --plain

The target is a ratio of 1.5 or less.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

TARGET = 1.5


def _command() -> list[str]:
    found = shutil.which("coprod-check")
    return [found] if found else [sys.executable, "-m", "coprod_check"]


def first_prompt(folder: Path, env: dict[str, str], plain: bool, number: int) -> float:
    """Seconds from starting `assess` until its first question is on screen."""
    command = _command()
    output = folder / f"bench-{number}.toml"
    args = [
        *command[1:],
        "assess",
        "--project",
        "Bench",
        "--role",
        "staff",
        "--output",
        str(output),
    ]
    if plain:
        args.append("--plain")
    start = time.perf_counter()
    child = pexpect.spawn(
        command[0], args, env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )
    child.expect("Answer: " if plain else "arrow keys")
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def bare_import(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import typer, questionary"], check=True, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each (default 15)")
    parser.add_argument("--plain", action="store_true", help="time the plain, numbered prompt")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "COPROD_CHECK_CACHE_DIR": str(Path(folder) / "cache"), "TERM": "xterm"}
        first_prompt(Path(folder), env, options.plain, 0)  # warm the caches
        bare_import(env)
        ours, theirs = [], []
        for number in range(1, options.runs + 1):
            ours.append(first_prompt(Path(folder), env, options.plain, number))
            theirs.append(bare_import(env))
    mine, base = statistics.median(ours), statistics.median(theirs)
    ratio = mine / base
    mode = "plain prompt" if options.plain else "arrow-key menu"
    print(f"First prompt of coprod-check assess ({mode})")
    runs = options.runs
    print(f"  coprod-check assess: median {mine * 1000:.0f} ms to the first question, {runs} runs")
    print(f"  python -c 'import typer, questionary': median {base * 1000:.0f} ms, {runs} runs")
    print(f"  ratio {ratio:.2f} (target <= {TARGET}) {'ok' if ratio <= TARGET else 'over target'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
