"""Files are written whole, never over another file without force, with the usual permissions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coprod_check.errors import FileError
from coprod_check.files import write_text


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
