"""The lock on a results file (``io/lock.py``): one session at a time, who holds it said in words
that cannot act on a terminal, nothing left behind, and a file's fingerprint that changes with
its bytes and nothing else."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import msgspec
import pytest

from coprod_check.errors import FileError
from coprod_check.io.lock import Fingerprint, Holder, hold, holder_path, lock_path


def _refused(path: Path) -> FileError:
    with pytest.raises(FileError) as caught, hold(path):
        pass  # pragma: no cover
    return caught.value


def test_a_held_file_names_its_holder_but_never_prints_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    with hold(path):
        holder = holder_path(path).read_text(encoding="utf-8")
        assert f"pid {os.getpid()} on " in _refused(path).message
        holder_path(path).write_text(holder.replace('"host":"', '"host":"\\u001b]0;x\\u0007'))
        refused = _refused(path)
        assert refused.message.startswith(f"another coprod-check assess (pid {os.getpid()}, since")
        assert "\x1b" not in str(refused)
        holder_path(path).write_text("not what a holder file says")
        assert _refused(path).message.startswith("another coprod-check assess has this results")
    assert sorted(item.name for item in tmp_path.iterdir()) == []


def test_the_refusal_says_how_to_carry_on_later(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    with hold(path):
        refused = _refused(path)
    assert refused.exit_code == 2
    assert refused.location is not None
    assert refused.location.path == str(path)
    assert (
        refused.hint == f"once it has stopped, carry on with: coprod-check assess --resume {path}"
    )


def test_the_holder_is_written_beside_the_file_and_both_go_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    with hold(path):
        assert lock_path(path).exists()
        holder = msgspec.json.decode(holder_path(path).read_bytes(), type=Holder)
        assert holder.pid == os.getpid()
        started = dt.datetime.fromisoformat(holder.started)
        assert started.tzinfo is not None
        assert abs(dt.datetime.now(dt.UTC) - started) < dt.timedelta(hours=1)
    assert not lock_path(path).exists()
    assert not holder_path(path).exists()


def test_the_file_is_free_again_once_let_go(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    with hold(path):
        pass
    with hold(path):  # not refused
        assert holder_path(path).exists()


def test_an_error_inside_still_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    with pytest.raises(KeyboardInterrupt), hold(path):
        raise KeyboardInterrupt
    assert sorted(item.name for item in tmp_path.iterdir()) == []
    with hold(path):
        pass


def test_one_lock_however_the_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "inner").mkdir()
    monkeypatch.chdir(tmp_path / "inner")
    with hold(Path("hub.toml")):
        refused = _refused(tmp_path / "inner" / ".." / "inner" / "hub.toml")
    assert "has this results file open" in refused.message


def test_a_folder_that_does_not_exist_is_named_not_made(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "hub.toml"
    with pytest.raises(FileError) as caught, hold(path):
        pass  # pragma: no cover
    assert caught.value.message == "the folder for this file does not exist"
    assert not (tmp_path / "nowhere").exists()


def test_a_holder_from_another_day_gives_the_date(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    long_ago = Holder(pid=4321, host="office-pc", started="2020-03-04T05:06:07+00:00")
    with hold(path):
        holder_path(path).write_bytes(msgspec.json.encode(long_ago))
        message = _refused(path).message
    local = dt.datetime.fromisoformat(long_ago.started).astimezone()
    assert message.startswith(
        f"another coprod-check assess (pid 4321 on office-pc, since {local:%Y-%m-%d %H:%M})"
    )


def test_a_fingerprint_follows_the_bytes_not_the_time(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    assert Fingerprint.of(path) is None
    path.write_text("answers\n", encoding="utf-8")
    first = Fingerprint.of(path)
    assert first == Fingerprint.of_text("answers\n")
    os.utime(path, (0, 0))
    assert Fingerprint.of(path) == first
    path.write_text("answers!\n", encoding="utf-8")
    changed = Fingerprint.of(path)
    assert changed is not None
    assert changed != first
    assert changed.size == len(b"answers!\n")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_fingerprint_is_never_taken_of_a_device(tmp_path: Path) -> None:
    link = tmp_path / "null.toml"
    link.symlink_to("/dev/null")
    with pytest.raises(FileError) as caught:
        Fingerprint.of(link)
    assert caught.value.message == "this is not an ordinary file"


def test_issue12_item2_the_holder_note_is_whole_and_leaves_nothing_behind(tmp_path: Path) -> None:
    results = tmp_path / "hub.toml"
    with hold(results):
        names = sorted(path.name for path in tmp_path.iterdir())
        assert names == [".hub.toml.holder", ".hub.toml.lock"]
        assert b'"pid":' in (tmp_path / ".hub.toml.holder").read_bytes()
    assert list(tmp_path.iterdir()) == []
