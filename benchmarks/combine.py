"""Combine benchmark: how long `coprod-check combine` takes on 1,000 and 10,000 results files, and
how much memory it needs.

Makes realistic results files in a temporary folder (300 respondents' answers, made up at random
and scored by coprod-check itself, copied with other names and roles), then runs the installed
command

    coprod-check combine FOLDER --output OUT --force

several times for each count, alternating them so that both see the same machine load, and prints
the median wall time of each, their ratio and the peak memory. Anyone can run it, from any folder:

    python benchmarks/combine.py
    python benchmarks/combine.py --counts 1000 10000 --runs 5

The targets: 10,000 files in under 3 seconds; under 150 MB of memory at the peak, adding up every
process (the command reads with worker processes); time growing in step with the number of
files, 10,000 taking at most 12 times as long as 1,000; and every file in the layout that the
quick reader takes (``combine/quickread.py``), as a file the tool writes should be. It exits 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from coprod_check.combine.quickread import read_quickly
from coprod_check.files import results
from coprod_check.files.results import FrameworkUsed, Meta, Results
from coprod_check.frameworks.load import Sources, load_catalog
from coprod_check.model.answers import Answer
from coprod_check.score.assess import assess

TARGET_SECONDS = 3.0
TARGET_MB = 150.0
TARGET_RATIO = 12.0
POOL = 300
"""How many different sets of answers the files are copied from."""
ROLES = ("lived-experience", "staff", "manager", "partner", "funder", "other")

# Runs one command and prints, as JSON, its wall time, the processor time of all its processes and
# the largest resident memory of any one of them. A fresh interpreter for each run, so that the
# figures are that run's alone.
_TIMED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr.decode())
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "seconds": seconds,
    "cpu_seconds": used.ru_utime + used.ru_stime,
    "one_process_mb": used.ru_maxrss / 1024,
}))
"""


def coprod_check_command() -> list[str]:
    """The installed console script beside this Python, else on the PATH, else ``-m``."""
    beside = Path(sys.executable).parent / "coprod-check"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("coprod-check")
    return [found] if found else [sys.executable, "-m", "coprod_check"]


def respondent_pool(size: int, seed: int = 2026) -> list[str]:
    """``size`` results files' text. Each respondent sees the project as doing well or badly (at
    random) and answers most questions in keeping with that, give or take; skips about one in
    five; writes a note on about one answer in ten; and sets its own target for an area or two
    about one time in three. Their answers make guardrails hold and claims contested as real
    answers do."""
    catalog = load_catalog(Sources.from_options(None))
    ladder = catalog.pathways["arnstein"]
    used = tuple(
        FrameworkUsed(id=item.framework.id, version=item.framework.version)
        for item in catalog.frameworks
        if item.framework.kind == "questions"
    )

    def worth(choice: Any) -> float:
        if choice.stage and ladder.id in choice.stage:
            return ladder.index(choice.stage[ladder.id]) / (len(ladder.stages) - 1) * 100
        return float(choice.score or 0)

    chance = random.Random(seed)
    areas = [dimension.id for dimension in catalog.dimensions.values() if dimension.kind == "area"]
    texts = []
    for number in range(size):
        outlook = chance.random()
        answers = {}
        for question in catalog.questions.values():
            note = "We talked it through at the group." if chance.random() < 0.1 else None
            options = sorted(
                (choice for choice in question.options() if not choice.exclusive), key=worth
            )
            if chance.random() < 0.2 or (not options and question.type != "text"):
                answers[question.id] = Answer(question=question.id)
            elif question.type == "text":
                answers[question.id] = Answer(question=question.id, text="Meet in the evening.")
            elif question.type == "multiple":
                count = max(1, round(outlook * len(options) + chance.gauss(0, 1)))
                picked = [choice.id for choice in options[-count:]]
                answers[question.id] = Answer(
                    question=question.id, choices=tuple(picked), note=note
                )
            else:
                place = round(outlook * (len(options) - 1) + chance.gauss(0, 0.8))
                picked = options[min(max(place, 0), len(options) - 1)].id
                answers[question.id] = Answer(question=question.id, choices=(picked,), note=note)
        meta = Meta(
            project="Riverside family hub",
            pathway=ladder.id,
            created="2026-03-02T10:00:00Z",
            updated=f"2026-03-{2 + number % 20:02d}T11:30:00Z",
            respondent="POOL",
            role="ROLE",
            frameworks=used,
        )
        aimed = chance.sample(areas, chance.randint(1, 2)) if chance.random() < 1 / 3 else []
        targets = {area: chance.choice(ladder.stages).id for area in aimed}
        summary = results.summarise(assess(catalog, answers, ladder.id, targets=targets))
        whole = Results(meta=meta, answers=answers, targets=targets, complete=True, summary=summary)
        texts.append(results.to_toml(whole))
    return texts


def write_files(folder: Path, count: int, pool: list[str]) -> int:
    """``count`` results files in ``folder``, each a pool member with its own name and a role;
    returns their total size in bytes."""
    folder.mkdir(parents=True)
    total = 0
    for number in range(count):
        text = pool[number % len(pool)]
        text = text.replace('respondent = "POOL"', f'respondent = "Respondent {number}"', 1)
        text = text.replace('role = "ROLE"', f'role = "{ROLES[(number * 7 // 3) % len(ROLES)]}"', 1)
        data = text.encode()
        (folder / f"respondent-{number:05d}.toml").write_bytes(data)
        total += len(data)
    return total


def timed(command: list[str]) -> dict[str, float]:
    """One run's wall time, the processor time of all its processes, and the largest resident
    memory of any one of them."""
    done = subprocess.run(
        [sys.executable, "-c", _TIMED, *command], capture_output=True, text=True, check=True
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def peak_memory(command: list[str]) -> tuple[float, float]:
    """The peak, in MB, of the memory of the command and its worker processes added up, sampled
    every few milliseconds: resident memory (pages a worker shares with the command count twice,
    so this overstates) and proportional memory (shared pages split between the processes)."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while child.poll() is None:
        pids = _tree(child.pid)
        peak_rss = max(peak_rss, sum(_memory(pid, "Rss") for pid in pids))
        peak_pss = max(peak_pss, sum(_memory(pid, "Pss") for pid in pids))
        time.sleep(0.002)
    return peak_rss / 1024, peak_pss / 1024


def _tree(pid: int) -> list[int]:
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        waiting.extend(int(child) for child in children)
    return found


def _memory(pid: int, kind: str) -> int:
    """A process's resident (``Rss``) or proportional (``Pss``) memory in KiB, 0 once it ended."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith(f"{kind}:")), 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--counts", type=int, nargs=2, default=[1000, 10000], help="the two file counts"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each count (default 5)")
    options = parser.parse_args()
    small, large = options.counts
    print(f"Making {POOL} respondents' answers ...", flush=True)
    pool = respondent_pool(POOL)
    quick = sum(read_quickly(text) is not None for text in pool)
    judged = sum("\n[[results.rules]]\n" in text for text in pool)
    contested = sum("contested = true" in text for text in pool)
    print(f"  {judged} hold rules, {contested} have a contested area")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        commands = {}
        for count in (small, large):
            folder = root / f"files-{count}"
            size = write_files(folder, count, pool)
            print(f"Wrote {count:,} results files of {size / count / 1024:.1f} KB on average")
            out = root / f"combined-{count}.toml"
            commands[count] = [
                *coprod_check_command(), "combine", str(folder), "--output", str(out), "--force"
            ]  # fmt: skip
        for command in commands.values():
            timed(command)  # warm the file-system cache
        runs: dict[int, list[dict[str, float]]] = {small: [], large: []}
        for _ in range(options.runs):
            for count, command in commands.items():
                runs[count].append(timed(command))
        sampled = [peak_memory(commands[large]) for _ in range(3)]
    memory = max(rss for rss, _ in sampled)
    proportional = max(pss for _, pss in sampled)
    seconds = {count: statistics.median(run["seconds"] for run in runs[count]) for count in runs}
    one_process = max(run["one_process_mb"] for run in runs[large])
    ratio = seconds[large] / seconds[small]
    checks = [
        (f"read the quick way: {quick} of {POOL} different files", quick == POOL,
         "target all"),
        (f"{large:,} files: median {seconds[large]:.2f} s", seconds[large] < TARGET_SECONDS,
         f"target under {TARGET_SECONDS:.0f} s"),
        (f"ratio {large:,} / {small:,}: {ratio:.1f}", ratio <= TARGET_RATIO,
         f"target at most {TARGET_RATIO:.0f}"),
        (f"peak memory, all processes added up: {memory:.0f} MB", memory < TARGET_MB,
         f"target under {TARGET_MB:.0f} MB"),
    ]  # fmt: skip
    print(f"Combine: coprod-check combine, {options.runs} runs of each")
    cpu = {count: statistics.median(run["cpu_seconds"] for run in runs[count]) for count in runs}
    print(f"  {small:,} files: median {seconds[small]:.2f} s")
    for text, passed, target in checks:
        print(f"  {text} ({target}) {'PASS' if passed else 'FAIL'}")
    print(f"  peak memory, shared pages split between processes: {proportional:.0f} MB")
    print(f"  largest single process: {one_process:.0f} MB")
    print(
        f"  processor time, all processes: {cpu[small]:.2f} s for {small:,} files,"
        f" {cpu[large]:.2f} s for {large:,} (wall times hold only on an otherwise idle machine)"
    )
    return 0 if all(passed for _, passed, _ in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
