"""A session's saves, driven directly: Ctrl-C while saving, and a file changed by something else.
The lock a session holds on its file is tested in tests/io/test_lock.py."""

from __future__ import annotations

import signal
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod_check.ask import session as session_module
from coprod_check.ask.session import Session
from coprod_check.errors import FileError
from coprod_check.model.answers import Answer
from tests.helpers import bundled_catalog

CATALOG = bundled_catalog()
AGREE = {"equal-say": Answer(question="equal-say", choices=("agree",))}


def _session(path: Path) -> Session:
    return Session.start(
        CATALOG,
        output=path,
        project="Hub",
        respondent=None,
        role=None,
        frameworks=["scie-principles"],
        pathway=None,
    )


def _answers(path: Path) -> dict[str, object]:
    return dict(tomllib.loads(path.read_text(encoding="utf-8"))["answers"])


@pytest.fixture
def ctrl_c() -> Iterator[None]:
    """Python's own Ctrl-C handler, as a person's terminal session has it, even when pytest was
    started with Ctrl-C ignored (as a shell does for a command run in the background)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("ctrl_c")
def test_ctrl_c_during_a_save_waits_until_the_file_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 11, item 3: Ctrl-C anywhere keeps every chosen answer, even half way through saving it.
    path = tmp_path / "hub.toml"
    session = _session(path)
    written = session_module.write_text

    def pressed_while_writing(target: Path, text: str, *, force: bool = False) -> None:
        signal.raise_signal(signal.SIGINT)
        written(target, text, force=force)

    monkeypatch.setattr(session_module, "write_text", pressed_while_writing)
    with pytest.raises(KeyboardInterrupt):
        session.save(AGREE)
    assert _answers(path) == {"equal-say": {"choice": "agree"}}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_save_after_a_change_by_something_else_keeps_both(tmp_path: Path) -> None:
    # Issue 11, item 4: before each save, the file on disk is checked against the last one saved.
    path = tmp_path / "hub.toml"
    session = _session(path)
    session.save({})
    session.save(AGREE)
    other = path.read_text(encoding="utf-8").replace('"agree"', '"disagree"')
    path.write_text(other, encoding="utf-8")
    more = {**AGREE, "same-papers": Answer(question="same-papers", choices=("yes",))}
    with pytest.raises(FileError) as caught:
        session.save(more)
    assert caught.value.exit_code == 2
    assert "was changed by something else" in caught.value.message
    assert path.read_text(encoding="utf-8") == other
    assert _answers(tmp_path / "hub-copy.toml") == {
        "equal-say": {"choice": "agree"},
        "same-papers": {"choice": "yes"},
    }
    with pytest.raises(FileError):  # a second copy never replaces the first
        session.save(more)
    assert (tmp_path / "hub-copy-2.toml").exists()


def test_a_file_touched_but_not_changed_is_saved_as_usual(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    session = _session(path)
    session.save(AGREE)
    stat = path.stat()
    path.write_bytes(path.read_bytes())  # the same bytes, a new time
    assert path.stat().st_mtime_ns >= stat.st_mtime_ns
    session.save({**AGREE, "same-papers": Answer(question="same-papers", choices=("yes",))})
    assert set(_answers(path)) == {"equal-say", "same-papers"}


def test_a_session_started_with_force_replaces_the_file_it_found(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    path.write_text("old notes\n", encoding="utf-8")
    session = _session(path)
    session.take_over()
    session.save(AGREE)
    assert _answers(path) == {"equal-say": {"choice": "agree"}}
