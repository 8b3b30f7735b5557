"""Writing files safely, by one set of rules for every command that writes.

- A regular file is written atomically (a temporary file beside it, then a rename), so a reader
  never sees half a file, and never over another file unless the user said ``--force``. Through a
  link to a file, the file it points to is replaced and the link kept.
- A character device or a named pipe (``/dev/stdout``, ``/dev/null``, a FIFO) is a stream the
  user means to write to: it is opened and written as it is, never renamed over, changed or
  truncated. Nothing is stored there to lose, so it needs no ``--force``.
- Anything else that is already there (a folder, a socket, a block device, or a link to one) is
  refused, and so is a file the command reads (the same path, or the same file by another name),
  even with ``--force``.
- A place that cannot be written (a read-only folder or disk, ``/proc``, a full disk) is a
  :class:`FileError` naming the file and what to do, and leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from coprod_check.errors import FileError, Location

EXISTS_HINT = "choose another name, or add --force"
ELSEWHERE = "choose another place to write to"


class Target(NamedTuple):
    """Where the text goes: a regular file to replace (or create), or a stream to write to."""

    path: Path
    stream: bool


def check_output(
    path: Path,
    *,
    force: bool = False,
    inputs: Iterable[Path | str] = (),
    exists_hint: str = EXISTS_HINT,
    streams: bool = True,
) -> Target:
    """Refuse an output that must not or cannot be written, before any work is done.

    ``inputs`` are the files the command reads; writing over one of them is refused. With
    ``streams=False`` (a file that is read back, as ``assess`` does) a device or pipe is refused
    too. Returns where the text would go (:func:`write_text` checks again when it writes)."""
    location = Location(str(path))
    try:
        link = path.lstat()
    except FileNotFoundError:
        return Target(path, stream=False)
    except OSError as error:
        raise cannot_write(path, error) from None
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise FileError(
            "this is a link to something that does not exist",
            location,
            f"remove the link, or {ELSEWHERE}",
        ) from None
    except OSError as error:
        raise cannot_write(path, error) from None
    if (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)) and streams:
        return Target(path, stream=True)
    if not stat.S_ISREG(mode):
        raise FileError(f"this is {_kind(mode)}, not a file", location, ELSEWHERE)
    if read_here(path, inputs):
        raise FileError(
            "this is also a file the command reads, so writing it would destroy what it reads",
            location,
            ELSEWHERE,
        )
    if not force:
        raise FileError("this file already exists", location, exists_hint)
    return Target(path.resolve() if stat.S_ISLNK(link.st_mode) else path, stream=False)


def write_text(
    path: Path, text: str, *, force: bool = False, inputs: Iterable[Path | str] = ()
) -> None:
    """Write ``text`` to ``path`` by the rules above; ``inputs`` are the files the command read."""
    target = check_output(path, force=force, inputs=inputs)
    data = text.encode("utf-8")
    if target.stream:
        _stream(path, data)
    else:
        _replace(target.path, data, shown=path)


def read_here(path: Path, inputs: Iterable[Path | str]) -> list[Path | str]:
    """The ``inputs`` that are the file at ``path``: the same path once links are followed, or
    the same file under another name (a hard link). One look at each input, as combine may
    give thousands."""
    here = _identity(path)
    if here is None:
        return []
    return [given for given in inputs if _identity(given) == here]


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def cannot_write(path: Path, error: OSError) -> FileError:
    """An operating-system error while writing ``path``, as words that say what to do."""
    location = Location(str(path))
    code = error.errno
    if code in (errno.EACCES, errno.EPERM):
        return FileError(
            "cannot write here: permission denied",
            location,
            f"{ELSEWHERE}, or change the folder's permissions",
        )
    if code == errno.EROFS:
        return FileError("cannot write here: the disk is read-only", location, ELSEWHERE)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return FileError(
            "cannot write this file: the disk is full", location, f"free some space, or {ELSEWHERE}"
        )
    if code == errno.EFBIG:
        return FileError(
            "cannot write this file: it is bigger than this place allows", location, ELSEWHERE
        )
    if code == errno.ENOENT:
        return FileError("cannot create a file in this folder", location, ELSEWHERE)
    if code == errno.ENOTDIR:
        return FileError("cannot write here: part of this path is not a folder", location)
    if code == errno.ENAMETOOLONG:
        return FileError("cannot write here: the name is too long", location, "use a shorter one")
    if code == errno.EPIPE:
        return FileError("cannot write here: nothing is reading from it any more", location)
    reason = (error.strerror or str(error)).lower()
    return FileError(f"cannot write this file: {reason}", location, ELSEWHERE)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device (a disk)"
    if stat.S_ISCHR(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    return "something other than a file"


def _stream(path: Path, data: bytes) -> None:
    """Write to a character device or named pipe as it is: no rename, no change of mode."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise cannot_write(path, error) from None
    try:
        mode = os.fstat(handle).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):  # swapped since it was looked at
            raise FileError(
                "this changed while it was being opened, so nothing was written",
                Location(str(path)),
                "run the command again",
            )
        _write_all(handle, data)
    except OSError as error:
        raise cannot_write(path, error) from None
    finally:
        os.close(handle)


def _replace(path: Path, data: bytes, *, shown: Path) -> None:
    """Write ``data`` over ``path`` atomically; errors name ``shown``, the path the user gave."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileError("the folder for this file does not exist", Location(str(shown)))
    try:
        replace_atomically(path, data)
    except OSError as error:
        raise cannot_write(shown, error) from None


def replace_atomically(
    path: Path, data: bytes, *, sync: bool = True, mode: int | None = None
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``, so that a
    reader finds the old file or the new one, never half of one. The one way coprod-check
    replaces a file: outputs, cache entries, a session's holder note.

    ``sync`` puts the data on the disk before the rename (for what people keep; a cache entry or
    a note can do without). The file gets ``mode``, else the permissions of the file it replaces,
    else those a new file normally gets. Raises :class:`OSError`, leaving no temporary file."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".tmp", dir=folder)
    try:
        try:
            os.chmod(temporary, _mode(path) if mode is None else mode)
            _write_all(handle, data)
            if sync:
                os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink(missing_ok=True)
        raise


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        view = view[written:]


def _mode(path: Path) -> int:
    """The existing file's permissions, or those a new file normally gets (mkstemp's are 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
