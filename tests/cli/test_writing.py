"""Every command that writes a file follows the same rules (issue 11, items 2 and 5): a device or
named pipe is written to as it is, never renamed over; nothing else that is not a file is written
over; no command writes over a file it reads, even with --force; and a place that cannot be
written is exit 2 naming the file, never exit 3, with no temporary file left behind.

Devices are always reached through a link under tmp_path, so that code which renames over its
output (as the code before these rules did) only ever replaces the link, never /dev/full itself.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_check.combine.combine import combined_result
from coprod_check.combine.gather import gather, results_files
from coprod_check.files import results
from coprod_check.frameworks.load import Sources, load_catalog
from tests.helpers import ROOT, Run

Runner = Callable[..., Run]

RESULTS = ROOT / "examples" / "results"
THIS_YEAR = RESULTS / "this-year.toml"
LAST_YEAR = RESULTS / "last-year.toml"
RESPONDENTS = ROOT / "examples" / "respondents"
PLAN = ROOT / "examples" / "plans" / "strong.yaml"
ANSWERS = ROOT / "examples" / "answers-worked-example.yaml"

WRITERS: dict[str, Callable[[str], list[str]]] = {
    "report": lambda out: ["report", str(THIS_YEAR), "-f", "markdown", "-o", out, "--force"],
    "trend": lambda out: ["trend", str(LAST_YEAR), str(THIS_YEAR), "-o", out, "--force"],
    "combine": lambda out: ["combine", str(RESPONDENTS), "-o", out, "--force"],
    "check": lambda out: ["check", str(PLAN), "--format", "json", "-o", out, "--force"],
    "init": lambda out: ["init", "--yes", "-o", out],
    "frameworks schema": lambda out: ["frameworks", "schema", "-o", out, "--force"],
    "assess": lambda out: [
        *("assess", "--project", "Hub", "--answers", str(ANSWERS), "--skip-unanswered"),
        *("-o", out, "--force"),
    ],
}
"""Every command that writes a file, writing to ``out``."""

STREAMING = [name for name in WRITERS if name != "assess"]
"""The commands that write their output once, so can write it to a device or a pipe. ``assess``
saves as it goes and reads its file back, so it needs an ordinary file."""

LINUX = sys.platform.startswith("linux")
LIMITED = (
    "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64)); "
    "sys.argv[0] = 'coprod-check'; runpy.run_module('coprod_check', run_name='__main__')"
)
"""Run coprod-check with no file allowed over 64 bytes."""


def _no_temporary_files(folder: Path) -> None:
    assert not [path.name for path in folder.iterdir() if path.name.endswith(".tmp")]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("name", STREAMING)
def test_issue11_item2_and_5_a_full_device_is_written_to_and_is_exit_2(
    run: Runner, tmp_path: Path, name: str
) -> None:
    """`--output /dev/full --force` once replaced the device with a file; now the write is tried,
    the disk is full (ENOSPC), and that is the user's problem to solve, not a bug."""
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    done = run(*WRITERS[name](str(link)))
    assert done.code == 2, done.err
    assert f"{link}: cannot write this file: the disk is full" in done.err
    assert "free some space" in done.err
    assert "Traceback" not in done.err
    assert link.is_symlink()
    assert stat.S_ISCHR(link.stat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["full"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("name", STREAMING)
def test_issue11_item2_a_named_pipe_gets_the_output_and_stays_a_pipe(
    run: Runner, tmp_path: Path, name: str
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []

    def read() -> None:
        with pipe.open("rb") as stream:
            got.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = run(*WRITERS[name](str(pipe)))
    assert done.code == 0, done.err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)  # first: if it was renamed over, none reads it
    reader.join(timeout=60)  # the writer has closed it: the reader is at the end already
    assert got
    assert got[0].strip()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_issue11_item2_assess_refuses_a_device_or_a_pipe_for_its_results(
    run: Runner, tmp_path: Path
) -> None:
    """assess saves as it goes and reads its file back: a device or pipe is refused at once (it
    once hung reading /dev/full back to see whether it had changed)."""
    device = tmp_path / "full"
    device.symlink_to("/dev/full")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for out, kind in ((device, "a device"), (pipe, "a named pipe")):
        done = run(*WRITERS["assess"](str(out)))
        assert done.code == 2, done.err
        assert f"{out}: this is {kind}, not a file" in done.err
    assert device.is_symlink()
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["full", "pipe"]
    resumed = run("assess", "--resume", str(device))
    assert resumed.code == 2, resumed.err
    assert "Traceback" not in resumed.err


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_issue11_item2_a_device_needs_no_force(run: Runner, tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    done = run("report", str(THIS_YEAR), "--output", str(link))
    assert done.code == 0, done.err
    assert link.is_symlink()


def _copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    target.write_bytes(source.read_bytes())
    return target


def _inputs_as_outputs(tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    """For each command that reads files: a file it reads, and the command writing over it."""
    this_year, last_year = _copy(THIS_YEAR, tmp_path), _copy(LAST_YEAR, tmp_path)
    plan, answers = _copy(PLAN, tmp_path), _copy(ANSWERS, tmp_path)
    folder = tmp_path / "people"
    folder.mkdir()
    for person in RESPONDENTS.glob("*.toml"):
        _copy(person, folder)
    amira = folder / "amira.toml"
    return {
        "report": (this_year, ["report", str(this_year), "-o", str(this_year), "--force"]),
        "report through a link": (
            this_year,
            ["report", str(this_year), "-o", str(tmp_path / "link.toml"), "--force"],
        ),
        "trend": (
            last_year,
            ["trend", str(last_year), str(this_year), "-o", str(last_year), "--force"],
        ),
        "combine, a file named": (
            this_year,
            ["combine", str(this_year), str(last_year), "-o", str(this_year), "--force"],
        ),
        "combine, a file in a folder": (
            amira,
            ["combine", str(folder), "-o", str(amira), "--force"],
        ),
        "check": (plan, ["check", str(plan), "-o", str(plan), "--force"]),
        "assess": (
            answers,
            [
                *("assess", "--project", "Hub", "--answers", str(answers)),
                *("--skip-unanswered", "-o", str(answers), "--force"),
            ],
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "report",
        "report through a link",
        "trend",
        "combine, a file named",
        "combine, a file in a folder",
        "check",
        "assess",
    ],
)
def test_issue11_item2_an_input_is_never_written_over_even_with_force(
    run: Runner, tmp_path: Path, case: str
) -> None:
    (tmp_path / "link.toml").symlink_to("this-year.toml")
    source, arguments = _inputs_as_outputs(tmp_path)[case]
    before = source.read_bytes()
    done = run(*arguments)
    assert done.code == 2, done.err
    assert "this is also a file the command reads" in done.err
    assert source.read_bytes() == before
    _no_temporary_files(source.parent)


def test_issue11_item2_combine_still_replaces_its_own_result_in_the_folder(
    run: Runner, tmp_path: Path
) -> None:
    """A combined result saved into the folder last time is not an input: it is replaced."""
    folder = tmp_path / "people"
    folder.mkdir()
    for person in RESPONDENTS.glob("*.toml"):
        _copy(person, folder)
    catalog = load_catalog(Sources.from_options(None))
    gathering = gather(catalog, results_files([folder]))
    out = folder / "combined.toml"
    previous = combined_result(catalog, gathering, threshold=25.0, names=False, project=None)
    results.write(out, previous)
    done = run("combine", str(folder), "-o", str(out), "--force", "--format", "json")
    assert done.code == 0, done.err
    saved = results.read(out)
    assert saved.combined is not None
    assert saved.combined.respondents == len(list(RESPONDENTS.glob("*.toml")))


def _read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    probe = folder / "probe"
    try:
        probe.write_text("", encoding="utf-8")
    except PermissionError:
        return folder / "out.txt"
    probe.unlink()
    folder.chmod(0o700)
    pytest.skip(
        "this user can write into a read-only folder (root, for example); "
        "the /proc and /sys cases show the same"
    )


DENIED = "cannot write here: permission denied"


def _unwritable(place: str, tmp_path: Path) -> tuple[Path, tuple[str, ...]]:
    """An output that cannot be written, and what the error may say."""
    if place == "read-only folder":
        return _read_only_folder(tmp_path), (DENIED,)
    if not LINUX or not Path(place).is_dir():
        pytest.skip(f"{place} is a Linux kernel folder")
    name = Path(place) / f"coprod-check-{uuid.uuid4().hex}.txt"
    if place == "/proc":  # root may write to the folder, but /proc makes no new files
        return name, (DENIED, "cannot create a file in this folder")
    return name, (DENIED,)


@pytest.mark.parametrize("place", ["read-only folder", "/proc", "/sys"])
@pytest.mark.parametrize("name", list(WRITERS))
def test_issue11_item5_an_unwritable_place_is_exit_2(
    run: Runner, tmp_path: Path, place: str, name: str
) -> None:
    out, words = _unwritable(place, tmp_path)
    done = run(*WRITERS[name](str(out)))
    assert done.code == 2, done.err
    assert any(f"{out}: {said}" in done.err for said in words), done.err
    assert "hint: choose another place to write to" in done.err
    assert not out.exists()
    if place == "read-only folder":
        _no_temporary_files(out.parent)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX file size limit")
@pytest.mark.parametrize("name", list(WRITERS))
def test_issue11_item5_a_write_that_fails_half_way_is_exit_2_and_leaves_nothing(
    run: Runner, tmp_path: Path, name: str
) -> None:
    """A file size limit makes the write fail part way, as a full disk does (EFBIG, not ENOSPC:
    no disk has to be filled), so the temporary file has been started when it fails."""
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "written.txt"
    assert run(*WRITERS[name](str(tmp_path / "warm.txt"))).code in (0, 1)  # fill the cache

    completed = subprocess.run(
        [sys.executable, "-c", LIMITED, *WRITERS[name](str(out))],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2, completed.stderr
    assert f"{out}: cannot write this file: it is bigger than this place allows" in (
        completed.stderr
    )
    assert list(folder.iterdir()) == []
