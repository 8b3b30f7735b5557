"""A session's saves, driven directly: Ctrl-C while saving, and a file changed by something else.
The lock a session holds on its file is tested in tests/io/test_lock.py."""

from __future__ import annotations

import signal
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod_check.ask import session as session_module
from coprod_check.ask.questionnaire import Action
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


DESIGN = [q.id for q in CATALOG.questions.values() if q.id.startswith("design-")]


class Answering:
    """Answers every question with its first choice, picks ``stage`` as design's target and
    skips the other target questions."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.asked: list[str] = []

    def show(self, text: str) -> None:
        pass

    def ask(self, question: Any, position: Any, previous: Any, options: Any) -> Answer | Action:
        self.asked.append(question.id)
        if question.id.startswith("target:") and question.id != "target:design":
            return Action.SKIP
        if question.type == "text":
            return Answer(question=question.id, text="Something")
        choice = self.stage if question.id == "target:design" else question.options()[0].id
        return Answer(question=question.id, choices=(choice,))

    def note(self, previous: str | None) -> str | None:
        return previous


def _five_areas(path: Path, pathway: str | None = None) -> Session:
    return Session.start(
        CATALOG,
        output=path,
        project="Hub",
        respondent=None,
        role=None,
        frameworks=["five-areas"],
        pathway=pathway,
    )


def test_item_1_targets_are_saved_beside_the_answers_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    session = _five_areas(path)
    design = {"design-stage": Answer(question="design-stage", choices=("told",))}
    session.save(design, {"design": "consultation"})
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["targets"] == {"design": "consultation"}
    assert set(saved["answers"]) == {"design-stage"}  # not a question's answer
    session.save(design)  # targets left out: the ones kept already
    assert tomllib.loads(path.read_text(encoding="utf-8"))["targets"] == {"design": "consultation"}
    again = Session.resume(CATALOG, path, None)
    assert again.targets == {"design": "consultation"}
    assert again.questionnaire().targets == {"design": "consultation"}


def test_item_1_the_chosen_target_is_saved_at_once_and_scored(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    session = _five_areas(path)
    written: list[dict[str, Any]] = []
    save = session.save

    def watched(*args: Any, **kwargs: Any) -> Any:
        done = save(*args, **kwargs)
        written.append(tomllib.loads(path.read_text(encoding="utf-8")))
        return done

    session.save = watched  # type: ignore[method-assign]
    prompter = Answering("delegated-power")
    results = session.ask(prompter)
    at = prompter.asked.index("target:design")
    assert prompter.asked[at - 1] == DESIGN[-1]
    # One save for each answer before it, then one for the target, there and then.
    assert "targets" not in written[at - 1]
    assert written[at]["targets"] == {"design": "delegated-power"}
    assert written[at]["answers"] == written[at - 1]["answers"]
    assert results.targets == {"design": "delegated-power"}
    assert results.assessment is not None
    placed = {placement.area: placement for placement in results.assessment.areas}
    assert placed["design"].target == "delegated-power"
    assert placed["delivery"].target == "partnership"  # skipped: the framework's stands


def test_item_1_a_resumed_session_asks_the_target_it_stopped_at(tmp_path: Path) -> None:
    path = tmp_path / "hub.toml"
    session = _five_areas(path)
    answered = {q: Answer(question=q, choices=("yes",)) for q in ["design-during-delivery"]}
    answered |= {
        q: Answer(question=q, choices=(CATALOG.questions[q].options()[0].id,)) for q in DESIGN
    }
    session.save(answered)
    resumed = Session.resume(CATALOG, path, None).questionnaire()
    assert resumed.steps()[resumed.first_open()].id == "target:design"
    with_file_targets = Session.resume(CATALOG, path, None).questionnaire(ask_targets=False)
    assert with_file_targets.steps()[with_file_targets.first_open()].id == "decision-making-stage"
