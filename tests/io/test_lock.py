"""The lock on a results file and the note saying who holds it."""

from __future__ import annotations

from pathlib import Path

from coprod_check.io import lock


def test_issue12_item2_the_holder_note_is_whole_and_leaves_nothing_behind(tmp_path: Path) -> None:
    results = tmp_path / "hub.toml"
    with lock.hold(results):
        names = sorted(path.name for path in tmp_path.iterdir())
        assert names == [".hub.toml.holder", ".hub.toml.lock"]
        assert b'"pid":' in (tmp_path / ".hub.toml.holder").read_bytes()
    assert list(tmp_path.iterdir()) == []
