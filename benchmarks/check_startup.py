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
import sys
import tempfile
from pathlib import Path

from startup import TARGET, compare, coprod_check_command

ROOT = Path(__file__).resolve().parents[1]
PLAN = "examples/plans/strong.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    options = parser.parse_args()
    command = [*coprod_check_command(), "check", PLAN]
    baseline = [sys.executable, "-c", "import typer, yaml"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "COPROD_CHECK_CACHE_DIR": cache}
        ratio = compare("Check: coprod-check check", command, baseline, options.runs, env, cwd=ROOT)
        cold_env = {**os.environ, "COPROD_CHECK_CACHE_DIR": ""}
        compare(
            "Check without the parse cache (every run parses the YAML afresh)",
            command,
            baseline,
            max(options.runs // 2, 5),
            cold_env,
            cwd=ROOT,
        )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
