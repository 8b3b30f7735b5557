"""Check benchmark: how long `coprod-check check` takes on a plan, beside a bare import of its
libraries.

Runs `coprod-check check examples/plans/strong.yaml` and `python -c "import typer, yaml"` several
times, alternating them so that both see the same machine load, and prints the median wall time of
each and their ratio. Anyone can run it, from any folder:

    python benchmarks/check_startup.py
    python benchmarks/check_startup.py --runs 31

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

TARGET = 1.5
ROOT = Path(__file__).resolve().parents[1]
PLAN = "examples/plans/strong.yaml"


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - start


def _coprod_check() -> list[str]:
    found = shutil.which("coprod-check")
    if found is None:
        return [sys.executable, "-m", "coprod_check"]
    return [found]


def compare(
    name: str, command: list[str], baseline: list[str], runs: int, env: dict[str, str]
) -> float:
    _time(command, env)  # warm the file-system cache and the parse cache
    _time(baseline, env)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        ours.append(_time(command, env))
        theirs.append(_time(baseline, env))
    mine, base = statistics.median(ours), statistics.median(theirs)
    ratio = mine / base
    verdict = "ok" if ratio <= TARGET else "over target"
    print(name)
    print(f"  coprod-check {' '.join(command[-2:])}: median {mine * 1000:.0f} ms over {runs} runs")
    print(f"  {' '.join(baseline[-2:])}: median {base * 1000:.0f} ms over {runs} runs")
    print(f"  ratio {ratio:.2f} (target <= {TARGET}) {verdict}")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    options = parser.parse_args()
    command = [*_coprod_check(), "check", PLAN]
    baseline = [sys.executable, "-c", "import typer, yaml"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "COPROD_CHECK_CACHE_DIR": cache}
        ratio = compare("Check: coprod-check check", command, baseline, options.runs, env)
        cold_env = {**os.environ, "COPROD_CHECK_CACHE_DIR": ""}
        compare(
            "Check without the parse cache (every run parses the YAML afresh)",
            command,
            baseline,
            max(options.runs // 2, 5),
            cold_env,
        )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
