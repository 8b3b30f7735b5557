"""Files are written whole, never over another file without force, with the usual permissions."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from coprod_check.errors import FileError
from coprod_check.io import writing as files
from coprod_check.io.writing import replace_atomically, write_text


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        target = tmp_path / "out.toml"
        write_text(target, "a = 1\n")
        assert target.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(mask)


def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_text(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileError, match="already exists"):
        write_text(target, "theirs")
    assert target.read_text(encoding="utf-8") == "mine"


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    write_text(tmp_path / "a.toml", "x")
    write_text(tmp_path / "a.toml", "y", force=True)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.toml"]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="folder"):
        write_text(tmp_path / "nope" / "a.toml", "x")


# Issue 11, item 2: writing over things that are not regular files ----------------------------


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with path.open("rb") as stream:
            into.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_issue11_item2_a_named_pipe_is_written_to_never_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = _read_fifo(pipe, got)
    write_text(pipe, "streamed\n", force=True)
    assert stat.S_ISFIFO(pipe.lstat().st_mode)  # first: if it was renamed over, none reads it
    reader.join(timeout=30)  # written and closed: the reader is at the end already
    assert got == [b"streamed\n"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_issue11_item2_a_character_device_is_written_to_through_a_link(tmp_path: Path) -> None:
    """Through a link, so that code that renames over the device only ever touches tmp_path."""
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    write_text(link, "gone\n")  # nothing is stored there to lose: no --force needed
    assert link.is_symlink()
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["null"]


def test_issue11_item2_a_link_to_a_file_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real.name)
    with pytest.raises(FileError, match="already exists"):
        write_text(link, "new")
    write_text(link, "new", force=True)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def _socket(path: Path) -> socket.socket:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    return listener


def _block_device() -> Path | None:
    folder = Path("/dev")
    if not folder.is_dir():
        return None
    for entry in sorted(folder.iterdir()):
        with contextlib.suppress(OSError):
            if stat.S_ISBLK(entry.stat().st_mode):
                return entry
    return None


@pytest.mark.parametrize("kind", ["folder", "link to a folder", "socket", "block device"])
def test_issue11_item2_refuses_what_is_not_a_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out"
    opened: list[socket.socket] = []
    if kind == "folder":
        target.mkdir()
        words = "a folder"
    elif kind == "link to a folder":
        (tmp_path / "inside").mkdir()
        target.symlink_to("inside")
        words = "a folder"
    elif kind == "socket":
        if not hasattr(socket, "AF_UNIX"):
            pytest.skip("needs Unix sockets")
        opened.append(_socket(target))
        words = "a socket"
    else:
        device = _block_device()
        if device is None:
            pytest.skip("no block device on this machine to point a link at")
        target.symlink_to(device)
        words = "a block device"
    try:
        with pytest.raises(FileError, match=words) as refused:
            write_text(target, "text", force=True)
    finally:
        for listener in opened:
            listener.close()
    assert refused.value.location is not None
    assert refused.value.location.path == str(target)
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]


def test_issue11_item2_a_link_to_nothing_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to("missing.md")
    with pytest.raises(FileError, match="link to something that does not exist"):
        write_text(link, "text", force=True)
    assert not (tmp_path / "missing.md").exists()


@pytest.mark.parametrize("how", ["same path", "another spelling", "a link", "a hard link"])
def test_issue11_item2_never_writes_over_an_input_even_with_force(tmp_path: Path, how: str) -> None:
    source = tmp_path / "results.toml"
    source.write_text("mine", encoding="utf-8")
    output = {
        "same path": source,
        "another spelling": tmp_path / "." / "results.toml",
        "a link": tmp_path / "link.toml",
        "a hard link": tmp_path / "hard.toml",
    }[how]
    if how == "a link":
        output.symlink_to(source)
    if how == "a hard link":
        os.link(source, output)
    with pytest.raises(FileError, match="also a file the command reads"):
        write_text(output, "theirs", force=True, inputs=[source])
    assert source.read_text(encoding="utf-8") == "mine"


# Issue 11, item 5: an unwritable output is a user's problem, with nothing left behind ---------


def test_issue11_item5_a_write_that_fails_half_way_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def full(handle: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_write_all", full)
    with pytest.raises(FileError, match="disk is full") as refused:
        write_text(target, "new", force=True)
    assert "free some space" in refused.value.hint
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.md"]
    assert target.read_text(encoding="utf-8") == "old"


def test_issue12_item2_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o640)
    replace_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["out.md"]
