"""Gathering many respondents' results files: which files to read, then reading and counting
each in, with several processes when there are many.

Reading is the slow part: parsing a results file with ``tomllib`` takes about ten times as long as
everything else combining does with it. So files in the layout coprod-check writes are read with a
few regular expressions (``quickread.py``); any other file is parsed with ``rtoml`` and counted in
from the parsed data (:meth:`Gatherer.add_data`); and a file that ``rtoml`` cannot parse is read
again the ordinary way, which gives the error with its line and column. Many files are read by
several processes, one per processor (up to four), each counting its share; the counts add up in
any order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import rtoml

from coprod_check.combine.quickread import read_quickly  # before any worker starts: compiled once
from coprod_check.combine.tally import Gatherer, Gathering
from coprod_check.errors import CoprodError, FileError, Location, ManyErrors, UsageError
from coprod_check.files import matching
from coprod_check.files.matching import FrameworksDiffer
from coprod_check.io import stdin
from coprod_check.io.toml_file import check_depth
from coprod_check.io.yaml_file import decode, read_input
from coprod_check.model.catalog import Catalog

PARALLEL_FROM = 500
"""Fewer files are read in this process: starting workers would cost more than it saves."""
MAX_WORKERS = 4
"""The most processes that read files, this one included."""


def results_files(inputs: Sequence[Path]) -> list[str]:
    """The files to combine: each file given, and every ``.toml`` file in each folder given (not
    in folders inside it, and not hidden files), each once, in order; ``-`` is standard input."""
    found: dict[str, str] = {}
    missing: list[CoprodError] = []
    for given in inputs:
        if stdin.is_dash(given):
            found.setdefault(stdin.DASH, stdin.DASH)
        elif given.is_dir():
            with os.scandir(given) as entries:
                inside = sorted(
                    entry.name
                    for entry in entries
                    if entry.name.lower().endswith(".toml")
                    and not entry.name.startswith(".")
                    and _is_file(entry)
                )
            folder, absolute = os.path.join(given, ""), os.path.join(os.path.abspath(given), "")
            for name in inside:
                found.setdefault(absolute + name, folder + name)
        elif given.exists() or given.is_symlink():  # a link that loops: reading it says so
            found.setdefault(os.path.abspath(given), str(given))
        else:
            missing.append(
                FileError(
                    "there is no file or folder here",
                    Location(str(given)),
                    "check the path and spelling",
                )
            )
    if missing:
        raise missing[0] if len(missing) == 1 else ManyErrors(missing)
    if not found:
        raise UsageError(
            "there are no results files to combine in " + ", ".join(str(given) for given in inputs),
            None,
            "give results files (.toml), or folders that hold them",
        )
    return list(found.values())


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Whether a folder's entry is a file to read. A link that cannot be followed to the end
    (one that loops) is, so that reading it says what is wrong, with the file's name."""
    try:
        return entry.is_file()
    except OSError:
        return True


def gather(catalog: Catalog, paths: Sequence[str], *, workers: int | None = None) -> Gathering:
    """Read every file and count it in; broken files go to the gathering's ``broken`` list.

    With several workers, this process reads a share of the files itself while the others (forked
    from it, so sharing the loaded frameworks) read the rest; their counts are then added in."""
    if workers is None:
        workers = _workers(len(paths))
    if workers <= 1:
        return _read(Gatherer(catalog), paths)
    here_first = sorted(paths, key=lambda path: not stdin.is_dash(path))  # stdin: not in a worker
    shares = [here_first[start::workers] for start in range(workers)]
    with ProcessPoolExecutor(
        workers - 1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(catalog,),
    ) as pool:
        others = [pool.submit(_read_in_worker, share) for share in shares[1:]]
        gathering = _read(Gatherer(catalog), shares[0])
        for other in others:
            gathering.merge(other.result())
    return gathering


def _workers(count: int) -> int:
    """How many processes to read ``count`` files with. Workers are forked (they share the loaded
    frameworks without loading them again), so this is only done where forking is safe: Linux."""
    if count < PARALLEL_FROM or not sys.platform.startswith("linux"):
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), MAX_WORKERS))


_worker_gatherer: Gatherer | None = None


def _start_worker(catalog: Catalog) -> None:
    global _worker_gatherer  # noqa: PLW0603 (each worker process keeps its own)
    _worker_gatherer = Gatherer(catalog)


def _read_in_worker(paths: Sequence[str]) -> Gathering:
    assert _worker_gatherer is not None
    return _read(_worker_gatherer, paths)


def _read(gatherer: Gatherer, paths: Sequence[str]) -> Gathering:
    """Count in each file: the quick way when it fits the layout coprod-check writes, else parsed
    with ``rtoml``, else read the ordinary way, which says what is wrong with it."""
    gathering = Gathering()
    for path in paths:
        try:
            text = _text(path)
            response = None if text is None else read_quickly(text)
            if response is not None:
                gatherer.count(gathering, path, response)
                continue
            try:
                data = None if text is None else rtoml.loads(text)
            except ValueError:  # not TOML
                data = None
            if data is None:
                gatherer.add(gathering, path, matching.read(Path(path), gatherer.catalog))
            else:
                check_depth(data, text or "", path)
                gatherer.add_data(gathering, path, data, text or "")
        except FrameworksDiffer as error:
            gathering.unmatched.append((path, error))
        except CoprodError as error:
            gathering.broken.append((path, error))
    return gathering


def _text(path: str) -> str | None:
    """A results file's text; None when anything is unusual (too big, not UTF-8 text), for
    :func:`matching.read` to say what."""
    try:
        return decode(read_input(path, stdin.shown(path)), stdin.shown(path))
    except FileError:
        return None
