"""Issue 11, items 5, 6 and 8: results files edited by hand, made with other framework versions,
or unusual on disk, as every command that reads results sees them.

The broken files themselves, one defect each, are in tests/data/bad-inputs (see
files/test_bad_inputs.py); these tests cover what a single file cannot: folders, links, several
commands at once, and the quick reader of ``combine`` agreeing with the full check.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_check.combine.gather import gather, results_files
from coprod_check.combine.quickread import _ANSWER, read_quickly
from coprod_check.errors import CoprodError, Location, ValidationError
from coprod_check.files import matching, results
from coprod_check.files.matching import FrameworksDiffer
from coprod_check.files.results import Results
from coprod_check.io.yaml_file import Limits, load_text
from coprod_check.model.answers import Answer
from tests.combine.test_combine import (
    CATALOG,
    JUDGED,
    SETTINGS,
    STAFF,
    _versions,
    respondent,
    six_voices,
)
from tests.helpers import Run

Runner = Callable[..., Run]
READERS = ("report", "explain", "trend")


def _write(path: Path, person: Results) -> Path:
    results.write(path, person)
    return path


def _edited(person: Results, **answers: Answer) -> Results:
    return msgspec.structs.replace(person, answers={**person.answers, **answers})


# -- item 6: hand-edited results -----------------------------------------------------------------


def test_item6_an_unknown_choice_no_longer_raises_the_stage(run: Runner, tmp_path: Path) -> None:
    person = respondent({"design-stage": "told"})
    edited = tmp_path / "edited.toml"
    edited.write_text(
        results.to_toml(person).replace('choice = "told"', 'choice = "people-leads"'),
        encoding="utf-8",
    )
    for command in READERS:
        done = run(command, str(edited))
        assert done.code == 2, (command, done.out)
        assert f"{edited}:" in done.err
        assert "'people-leads' is not a choice of question 'design-stage'" in done.err
        assert "did you mean 'people-lead'?" in done.err
    done = run("compare", str(edited), str(edited))
    assert done.code == 2
    assert "did you mean 'people-lead'?" in done.err


def test_item6_other_framework_versions_are_read_while_their_answers_still_match(
    run: Runner, tmp_path: Path
) -> None:
    older = respondent(STAFF[0], frameworks=_versions(five_areas="0.9.0"))
    path = _write(tmp_path / "older.toml", older)
    for command in READERS:
        done = run(command, str(path))
        assert done.code == 0, (command, done.err)
    assert run("compare", str(path), str(path)).code == 0


def test_item6_other_framework_versions_that_no_longer_match_are_named(
    run: Runner, tmp_path: Path
) -> None:
    older = _edited(
        respondent(STAFF[0], frameworks=_versions(five_areas="0.9.0")),
        **{"voice-level": Answer(question="voice-level", choices=("told",))},
    )
    path = _write(tmp_path / "older.toml", older)
    for command in READERS:
        done = run(command, str(path))
        assert done.code == 2, (command, done.out)
        assert "does not match the frameworks loaded now" in done.err
        assert "five-areas 0.9.0 (2.0.0 is loaded)" in done.err
        assert "unknown question 'voice-level'" in done.err


def test_item6_combine_refuses_hand_edited_files_and_leaves_out_other_versions(
    run: Runner, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    for index, person in enumerate(six_voices()):
        _write(folder / f"person-{index}.toml", person)
    edited = folder / "edited.toml"
    edited.write_text(
        results.to_toml(respondent({"design-stage": "told"})).replace(
            'role = "staff"', 'role = "staf"'
        ),
        encoding="utf-8",
    )
    done = run("combine", str(folder))
    assert done.code == 2
    assert f"{edited}:11:1: no role called 'staf'" in done.err
    assert "did you mean 'staff'?" in done.err
    edited.unlink()
    older = _edited(
        respondent(STAFF[0], frameworks=_versions(five_areas="0.9.0")),
        **{"voice-level": Answer(question="voice-level", choices=("told",))},
    )
    _write(folder / "older.toml", older)
    done = run("combine", str(folder))
    assert done.code == 0, done.err
    assert "Left out 1 file that does not match the others:" in done.err
    assert "older.toml: made with five-areas 0.9.0 (2.0.0 is loaded)" in done.err
    assert "unknown question 'voice-level'" in done.err


def _answer(question_id: str, value: str | tuple[str, ...], text: bool) -> Answer:
    if text:
        return Answer(question=question_id, text=str(value))
    return Answer(question=question_id, choices=(value,) if isinstance(value, str) else value)


ANY_ID = st.sampled_from(
    sorted({*CATALOG.questions, *(c.id for q in CATALOG.questions.values() for c in q.options())})
) | st.sampled_from(["design-stag", "told-off", ""])


@st.composite
def hand_edited(draw: st.DrawFn) -> Results:
    """A respondent's results with a few answers changed by hand: questions, choices and roles
    that may or may not be known, choices that may not go together, text where a choice goes."""
    person = respondent(
        {"design-stage": "told", **JUDGED[0], **JUDGED[12]},  # a rule holds; an area contested
        role=draw(st.sampled_from(["staff", "staf"])),
        targets={"design": "placation"},
    )
    changed = {}
    for _ in range(draw(st.integers(1, 3))):
        question = draw(ANY_ID)
        value = draw(ANY_ID | st.lists(ANY_ID, min_size=2, max_size=3).map(tuple))
        changed[question] = _answer(question, value, draw(st.booleans()))
    return _edited(person, **changed)


@SETTINGS
@given(person=hand_edited())
def test_item6_the_quick_reader_and_the_full_check_agree(
    person: Results, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = _write(tmp_path_factory.mktemp("edited") / "edited.toml", person)
    try:
        matching.read(path, CATALOG)
        refused: CoprodError | None = None
    except CoprodError as error:
        refused = error
    gathering = gather(CATALOG, [str(path)], workers=1)
    if refused is None:
        assert not gathering.broken
    else:
        assert [(name, error.lines()) for name, error in gathering.broken] == [
            (str(path), refused.lines())
        ]


# -- item 5: folders and links -------------------------------------------------------------------


def test_item5_a_link_that_loops_in_a_folder_is_named_not_an_internal_error(
    run: Runner, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    _write(folder / "person.toml", respondent(STAFF[0]))
    os.symlink("loop.toml", folder / "loop.toml")
    os.symlink("b.toml", folder / "a.toml")
    os.symlink("a.toml", folder / "b.toml")
    os.symlink("..", folder / "up")  # a folder inside, which is not read
    done = run("combine", str(folder))
    assert done.code == 2, done.err
    assert "internal error" not in done.err
    for name in ("a.toml", "b.toml", "loop.toml"):
        assert f"{folder / name}: cannot read this file" in done.err
    assert "3 of the 4 files could not be used" in done.err
    done = run("combine", str(folder), "--skip-invalid")
    assert done.code == 0, done.err
    assert "warning: skipped 3 files that could not be used:" in done.err


def test_item5_a_link_that_loops_given_alone_says_why(run: Runner, tmp_path: Path) -> None:
    os.symlink("loop.toml", tmp_path / "loop.toml")
    assert results_files([tmp_path / "loop.toml"]) == [str(tmp_path / "loop.toml")]
    for command in ("combine", "report"):
        done = run(command, str(tmp_path / "loop.toml"))
        assert done.code == 2, done.err
        assert "cannot read this file" in done.err


def test_item5_deep_nesting_is_refused_however_combine_reads_the_file(tmp_path: Path) -> None:
    text = results.to_toml(respondent(STAFF[0]))
    deepest = tmp_path / "deepest.toml"  # too deep for rtoml: read again by tomllib
    deepest.write_text(text + "\n[extra]\nx = " + "[" * 2000 + "]" * 2000 + "\n", "utf-8")
    deep = tmp_path / "deep.toml"  # rtoml reads it; the depth check refuses it
    deep.write_text(text + "\n[extra]\nx = " + "[" * 70 + "]" * 70 + "\n", "utf-8")
    gathering = gather(CATALOG, [str(deepest), str(deep)], workers=1)
    assert len(gathering.broken) == 2
    for path, error in gathering.broken:
        assert error.location is not None
        assert error.location.line > 0, path
        assert "nests more than 64 levels deep" in error.message


def test_item5_the_quick_reader_gives_up_on_a_big_file_in_one_step() -> None:
    text = results.to_toml(respondent(STAFF[0]))
    start = text.index("[answers.")
    junk = text[:start] + "x" * 100_000 + "\n" + text[start:]
    assert read_quickly(junk) is None
    found = _ANSWER.findall(junk, start - 1)
    assert len(found) == 1  # not one match for each character that does not fit
    assert found[0][-1].startswith("\nx")


# -- item 8: messages with their place -----------------------------------------------------------


def test_item8_the_alias_hint_is_only_for_files_with_aliases(run: Runner, tmp_path: Path) -> None:
    many = "".join(f"  q{index}: [a, b, c]\n" for index in range(26_000))
    with pytest.raises(CoprodError) as plain:
        load_text("answers:\n" + many, "many.yaml", limits=Limits(max_values=1_000))
    assert "holds more than 1,000 values" in plain.value.message
    assert "alias" not in plain.value.hint
    aliased = "base: &base [a, b, c, d, e, f, g, h, i, j]\n" + "".join(
        f"q{index}: *base\n" for index in range(200)
    )
    with pytest.raises(CoprodError) as bomb:
        load_text(aliased, "aliased.yaml", limits=Limits(max_values=1_000))
    assert "expands to more than 1,000 values" in bomb.value.message
    assert "aliases (*name)" in str(bomb.value)
    big = tmp_path / "many.yaml"
    big.write_text("answers:\n" + many, encoding="utf-8")
    done = run("explain", str(big))
    assert done.code == 2
    assert f"{big}:" in done.err
    assert "holds more than 100,000 values" in done.err
    assert "*name" not in done.err


def test_item8_a_results_file_over_the_size_limit_names_the_file(
    run: Runner, tmp_path: Path
) -> None:
    big = tmp_path / "big.toml"
    big.write_text(
        results.to_toml(respondent(STAFF[0])) + "#" * (1024 * 1024) + "\n", encoding="utf-8"
    )
    for command in (*READERS, "combine"):
        done = run(command, str(big))
        assert done.code == 2, (command, done.out)
        assert f"{big}: this file is too big" in done.err


def test_item6_the_difference_survives_worker_processes() -> None:
    problem = ValidationError("unknown question 'voice-level'", Location("older.toml", 30, 1))
    error = FrameworksDiffer(
        ["five-areas 0.9.0 (2.0.0 is loaded)"], [problem], Location("older.toml", 12, 1)
    )
    again = pickle.loads(pickle.dumps(error))
    assert again.lines() == error.lines()
    assert (
        again.reason
        == error.reason
        == ("made with five-areas 0.9.0 (2.0.0 is loaded); line 30: unknown question 'voice-level'")
    )
