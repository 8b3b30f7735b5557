"""Writing files safely: atomically (a temporary file, then a rename), never over another file
unless the user said ``--force``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coprod_check.errors import FileError, Location


def write_text(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` in one step, so a reader never sees half a file."""
    if path.exists() and not force:
        raise FileError(
            "this file already exists", Location(str(path)), "choose another name, or add --force"
        )
    if path.is_dir():
        raise FileError("this is a folder, not a file", Location(str(path)))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileError("the folder for this file does not exist", Location(str(path)))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(temporary, _mode(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """The existing file's permissions, or those a new file normally gets (mkstemp's are 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
