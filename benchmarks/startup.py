"""Startup benchmark: how long coprod-check takes to answer, beside a bare import of its libraries.

Runs each command several times, alternating them so that both see the same machine load, and prints
the median wall time of each and their ratio. Anyone can run it:

    python benchmarks/startup.py                  # frameworks list against `import typer, yaml`
    python benchmarks/startup.py --runs 31

The targets: with the cache warm, a ratio of 1.3 or less; with no cache at all (every run reads
and checks the frameworks afresh), 1.5 or less. The exit code is 1 if either is missed.
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

TARGET = 1.5
WARM_TARGET = 1.3


def _time(command: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=cwd)
    return time.perf_counter() - start


def coprod_check_command() -> list[str]:
    """The installed command, or ``python -m coprod_check`` when it is not on the PATH."""
    found = shutil.which("coprod-check")
    if found is None:
        return [sys.executable, "-m", "coprod_check"]
    return [found]


def compare(
    name: str,
    command: list[str],
    baseline: list[str],
    runs: int,
    env: dict[str, str],
    *,
    cwd: Path | None = None,
    target: float = TARGET,
) -> float:
    """Time both commands, alternating, and print their medians and ratio; return the ratio."""
    _time(command, env, cwd)  # warm the file-system cache and the parse cache
    _time(baseline, env, cwd)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        ours.append(_time(command, env, cwd))
        theirs.append(_time(baseline, env, cwd))
    mine, base = statistics.median(ours), statistics.median(theirs)
    ratio = mine / base
    verdict = "ok" if ratio <= target else "over target"
    print(f"{name}")
    print(f"  {' '.join(command[-3:])}: median {mine * 1000:.0f} ms over {runs} runs")
    print(f"  {' '.join(baseline[-2:])}: median {base * 1000:.0f} ms over {runs} runs")
    print(f"  ratio {ratio:.2f} (target <= {target}) {verdict}")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "COPROD_CHECK_CACHE_DIR": cache}
        warm = compare(
            "Startup: coprod-check frameworks list",
            [*coprod_check_command(), "frameworks", "list"],
            [sys.executable, "-c", "import typer, yaml"],
            options.runs,
            env,
            target=WARM_TARGET,
        )
        cold_env = {**os.environ, "COPROD_CHECK_CACHE_DIR": ""}
        cold = compare(
            "Startup without the cache (every run reads and checks the frameworks afresh)",
            [*coprod_check_command(), "frameworks", "list"],
            [sys.executable, "-c", "import typer, yaml"],
            max(options.runs // 2, 5),
            cold_env,
        )
    return 0 if warm <= WARM_TARGET and cold <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
