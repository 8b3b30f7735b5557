"""One session at a time on a results file, and no saving over changes made by something else.

A session holds an exclusive lock on a lock file beside the results file (``.NAME.lock``, through
filelock) for as long as it runs. The operating system lets go of the lock when the process ends,
however it ends, so a session that was killed never blocks the next one. While it holds the lock,
the session writes who it is (process id, computer, start time) into ``.NAME.holder``, so that a
second session can be told who has the file. Both files are removed as the session ends, while the
lock is still held; a killed session leaves them behind, and the next session takes them over.

(A session starting in the instant another one removes its lock file could, with filelock 3, lock
the removed file; the check before every save still stops it from saving over the other's answers.)

A :class:`Fingerprint` of the results file, taken when it was read or last written, shows before
each save whether anything else has changed it since.
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import os
import re
import socket
import stat
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import filelock
import msgspec

from coprod_check.errors import FileError, Location
from coprod_check.io.writing import cannot_write, replace_atomically

if TYPE_CHECKING:
    from filelock import BaseFileLock


class Holder(msgspec.Struct, frozen=True, kw_only=True):
    """Who holds a results file: written beside it while a session runs."""

    pid: int
    host: str
    started: str
    """When the session began, in UTC, as ISO 8601."""


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def holder_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.holder")


@contextmanager
def hold(path: Path) -> Iterator[None]:
    """Hold the results file at ``path`` for the life of a session, or refuse (exit 2) when
    another session holds it, naming that session."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():  # filelock would make the folder
        raise FileError("the folder for this file does not exist", Location(str(path)))
    place = folder.resolve() / path.name  # one lock, however the folder is named
    lock = _lock(path, place)
    try:
        _write_holder(holder_path(place))
        yield
    finally:
        for made in (holder_path(place), lock_path(place)):  # removed while the lock is still held
            with suppress(OSError):
                made.unlink(missing_ok=True)
        lock.release()


def _lock(path: Path, place: Path) -> BaseFileLock:
    """The lock on the results file, taken; ``path`` is the name the person gave it."""
    lock = filelock.FileLock(str(lock_path(place)), timeout=0)
    for _ in range(2):
        try:
            with warnings.catch_warnings():  # a folder with no OS locks gets filelock's, quietly
                warnings.simplefilter("ignore")
                lock.acquire()
        except filelock.Timeout:
            if lock_path(place).exists():
                raise FileError(
                    f"{_held_by(holder_path(place))} has this results file open; "
                    "finish or stop that one first",
                    Location(str(path)),
                    f"once it has stopped, carry on with: coprod-check assess --resume {path}",
                ) from None
            continue  # no lock file: its holder let go just then, or none can be made here
        except OSError as error:  # the same words as for any place that cannot be written
            raise cannot_write(path, error) from None
        return lock
    raise cannot_write(path, OSError(errno.ENOENT, "no file can be made in this folder"))


def _write_holder(path: Path) -> None:
    """Say who holds the file: written whole, then renamed into place, so that it is never read
    half written. Only words for a second session, so a failure is no error, and it is not synced
    to the disk (which would cost as much as the rest of the lock)."""
    started = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    holder = Holder(pid=os.getpid(), host=socket.gethostname(), started=started)
    with suppress(OSError):
        replace_atomically(path, msgspec.json.encode(holder) + b"\n", sync=False)


_HOST = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}")


def _held_by(path: Path) -> str:
    """Who holds the file, as far as it is known: "another coprod-check assess (pid 1234 on
    HOST, since 21:05)"."""
    try:
        holder = msgspec.json.decode(path.read_bytes()[:4096], type=Holder)
    except (OSError, msgspec.DecodeError):
        return "another coprod-check assess"
    details = [f"pid {holder.pid}"]
    if _HOST.fullmatch(holder.host):  # never shown if it could be anything but a name
        details[0] += f" on {holder.host}"
    with suppress(ValueError, OverflowError, OSError):
        started = _dt.datetime.fromisoformat(holder.started).astimezone()
        same_day = started.date() == _dt.datetime.now().astimezone().date()
        details.append(f"since {started:%H:%M}" if same_day else f"since {started:%Y-%m-%d %H:%M}")
    return f"another coprod-check assess ({', '.join(details)})"


class Fingerprint(NamedTuple):
    """What a file held at one moment: its size and a hash of its bytes. The time it was
    changed is left out on purpose: a file touched or copied back unchanged is not a change."""

    size: int
    digest: str

    @classmethod
    def of_text(cls, text: str) -> Fingerprint:
        data = text.encode("utf-8")
        return cls(len(data), hashlib.sha256(data).hexdigest())

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        """The file's fingerprint now, or None when there is no file."""
        try:
            if not stat.S_ISREG(path.stat().st_mode):  # a device or pipe could be read forever
                raise FileError(
                    "this is not an ordinary file",
                    Location(str(path)),
                    "assess keeps its answers in an ordinary file: choose another --output",
                )
            with path.open("rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                return cls(size, hashlib.file_digest(handle, "sha256").hexdigest())
        except FileNotFoundError:
            return None
        except OSError as error:
            raise FileError(
                f"cannot read this file: {error.strerror or error}", Location(str(path))
            ) from None
