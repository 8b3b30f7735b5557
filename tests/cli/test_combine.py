"""`coprod-check combine FILES_OR_FOLDERS...`: every exit code, broken files, --skip-invalid,
--output and --force, --names, and the combined result read back by `report`."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coprod_check.combine.combine import combined_result
from coprod_check.combine.gather import gather, results_files
from coprod_check.files import results
from tests.combine.test_combine import (
    CATALOG,
    LIVED,
    STAFF,
    _versions,
    combined_of,
    respondent,
    six_voices,
)
from tests.helpers import ROOT, Run

Runner = Callable[..., Run]


def folder_of_voices(tmp_path: Path, name: str = "answers") -> Path:
    """A folder with the six respondents of the by-construction test, one file each."""
    folder = tmp_path / name
    folder.mkdir()
    for index, person in enumerate(six_voices()):
        results.write(folder / f"person-{index}.toml", person)
    return folder


def combined_json(done: Run) -> dict[str, Any]:
    assert done.code == 0, done.err
    report: dict[str, Any] = json.loads(done.out)
    return report


def test_a_folder_combines_and_shows_where_voices_differ(run: Runner, tmp_path: Path) -> None:
    done = run("combine", str(folder_of_voices(tmp_path)), "--format", "json")
    report = combined_json(done)
    combined = report["combined"]
    assert combined["respondents"] == 6
    assert combined["files"] == 6
    assert [(row["id"], row["respondents"]) for row in combined["roles"]] == [
        ("lived-experience", 3),
        ("staff", 3),
    ]
    assert [(row["kind"], row["id"], row["gap"]) for row in combined["differ"]] == [
        ("dimension", "reciprocity", 60.0),
        ("dimension", "recognise-contributions", 60.0),
        ("question", "recognition-of-time", 60.0),
    ]
    assert combined["names"] == []
    assert combined["left_out"] == []
    assert report["respondent"] is None
    assert done.err == ""


def test_files_and_folders_can_be_mixed_and_each_file_counts_once(
    run: Runner, tmp_path: Path
) -> None:
    folder = folder_of_voices(tmp_path)
    (folder / ".hidden.toml").write_text("not even TOML [", encoding="utf-8")
    (folder / "notes.txt").write_text("not a results file", encoding="utf-8")
    inner = folder / "older"
    inner.mkdir()
    (inner / "broken.toml").write_text("not even TOML [", encoding="utf-8")
    extra = tmp_path / "extra.toml"
    results.write(extra, respondent(LIVED[0], role="lived-experience"))
    done = run("combine", str(folder), str(extra), str(folder / "person-0.toml"), "-f", "json")
    assert combined_json(done)["combined"]["respondents"] == 7


def test_names_are_kept_only_with_names(run: Runner, tmp_path: Path) -> None:
    folder = folder_of_voices(tmp_path)
    named = combined_json(run("combine", str(folder), "--names", "--format", "json"))
    assert named["combined"]["names"] == [
        "Lived 0",
        "Lived 1",
        "Lived 2",
        "Staff 0",
        "Staff 1",
        "Staff 2",
    ]


def test_the_threshold_sets_the_smallest_gap_shown(run: Runner, tmp_path: Path) -> None:
    folder = folder_of_voices(tmp_path)
    done = run("combine", str(folder), "--threshold", "61", "--format", "json")
    assert combined_json(done)["combined"]["differ"] == []


def _break(folder: Path) -> dict[str, str]:
    """Three broken files in the folder, with a word each that their error should have."""
    (folder / "damaged.toml").write_text(
        'schema = "coprod-check/result/1"\ncomplete = tru\n', encoding="utf-8"
    )
    (folder / "plan.toml").write_text('project = "Hub"\n', encoding="utf-8")
    results.write(folder / "combined.toml", combined_of(*six_voices()))
    return {
        "damaged.toml:2:": "damaged",
        "plan.toml": "not a coprod-check results file",
        "combined.toml": "already a combined result",
    }


def test_broken_files_stop_it_and_each_is_listed(run: Runner, tmp_path: Path) -> None:
    folder = folder_of_voices(tmp_path)
    broken = _break(folder)
    out = tmp_path / "combined.toml"
    done = run("combine", str(folder), "--output", str(out), "--format", "json")
    assert done.code == 2
    assert done.out == ""
    assert not out.exists()
    for where, what in broken.items():
        line = next(line for line in done.err.splitlines() if where in line)
        assert what in line
    assert "3 of the 9 files could not be used, so nothing was combined" in done.err
    assert "--skip-invalid" in done.err


def test_skip_invalid_combines_the_rest_and_still_lists_them(run: Runner, tmp_path: Path) -> None:
    folder = folder_of_voices(tmp_path)
    broken = _break(folder)
    done = run("combine", str(folder), "--skip-invalid", "--format", "json")
    combined = combined_json(done)["combined"]
    assert combined["respondents"] == 6
    assert combined["files"] == 9
    assert sorted(Path(row["file"]).name for row in combined["left_out"]) == [
        "combined.toml",
        "damaged.toml",
        "plan.toml",
    ]
    assert "warning: skipped 3 files that could not be used:" in done.err
    for where, what in broken.items():
        assert any(where in line and what in line for line in done.err.splitlines())


def test_skip_invalid_with_nothing_left_still_lists_them(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "one.toml").write_text("[[", encoding="utf-8")
    (tmp_path / "two.toml").write_text('project = "Hub"\n', encoding="utf-8")
    done = run("combine", str(tmp_path), "--skip-invalid", "--format", "json")
    assert done.code == 2
    assert done.out == ""
    assert "warning: skipped 2 files that could not be used:" in done.err
    assert f"{tmp_path / 'one.toml'}:1:" in done.err
    assert "there is nothing to combine: none of the files could be used" in done.err


def test_a_missing_file_or_folder_is_an_error(run: Runner, tmp_path: Path) -> None:
    done = run("combine", str(tmp_path / "nowhere"), str(tmp_path / "gone.toml"))
    assert done.code == 2
    assert f"{tmp_path / 'nowhere'}: there is no file or folder here" in done.err
    assert f"{tmp_path / 'gone.toml'}: there is no file or folder here" in done.err


def test_an_empty_folder_is_an_error(run: Runner, tmp_path: Path) -> None:
    done = run("combine", str(tmp_path))
    assert done.code == 2
    assert "there are no results files to combine" in done.err


def test_only_role_can_group(run: Runner, tmp_path: Path) -> None:
    done = run("combine", str(folder_of_voices(tmp_path)), "--by", "team")
    assert done.code == 2
    assert "cannot group respondents by 'team'" in done.err


def test_other_versions_are_left_out_and_said_so(run: Runner, tmp_path: Path) -> None:
    folder = folder_of_voices(tmp_path)
    results.write(
        folder / "newer.toml", respondent(STAFF[0], frameworks=_versions(five_areas="1.2.0"))
    )
    done = run("combine", str(folder), "--format", "json")
    combined = combined_json(done)["combined"]
    assert combined["respondents"] == 6
    reason = "made with five-areas 1.2.0; the others used 2.0.0"
    assert [row["reason"] for row in combined["left_out"]] == [reason]
    assert "Left out 1 file that does not match the others:" in done.err
    assert f"newer.toml: {reason}" in done.err


def test_output_saves_a_results_file_that_report_reads(run: Runner, tmp_path: Path) -> None:
    folder = folder_of_voices(tmp_path)
    out = tmp_path / "combined.toml"
    done = run("combine", str(folder), "--output", str(out), "--format", "json")
    assert combined_json(done)["combined"]["respondents"] == 6
    assert f"Saved the combined result of 6 respondents to {out}" in done.err
    saved = results.read(out)
    assert saved.combined is not None
    assert saved.combined.respondents == 6
    assert tomllib.loads(out.read_text(encoding="utf-8"))["schema"] == "coprod-check/result/1"
    shown = run("report", str(out), "--format", "json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["combined"] == json.loads(done.out)["combined"]


def test_output_never_replaces_a_file_without_force(run: Runner, tmp_path: Path) -> None:
    folder = folder_of_voices(tmp_path)
    out = tmp_path / "combined.toml"
    out.write_text("keep me", encoding="utf-8")
    refused = run("combine", str(folder), "--output", str(out), "--format", "json")
    assert refused.code == 2
    assert "already exists" in refused.err
    assert refused.out == ""
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run("combine", str(folder), "--output", str(out), "--force", "--format", "json")
    assert forced.code == 0, forced.err
    assert results.read(out).combined is not None


def test_toml_output_is_the_report_as_toml(run: Runner, tmp_path: Path) -> None:
    done = run("combine", str(folder_of_voices(tmp_path)), "--format", "toml")
    assert done.code == 0, done.err
    assert tomllib.loads(done.out)["combined"]["respondents"] == 6


def test_many_files_read_by_workers_give_what_one_process_gives(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    people = six_voices()
    for index in range(60):
        results.write(folder / f"{index:03d}.toml", people[index % len(people)])
    (folder / "broken.toml").write_text("[[", encoding="utf-8")
    paths = results_files([folder])
    alone = gather(CATALOG, paths, workers=1)
    shared = gather(CATALOG, paths, workers=3)
    options: dict[str, Any] = {"threshold": 25.0, "names": True, "project": None}
    assert results.to_toml(combined_result(CATALOG, shared, **options)) == results.to_toml(
        combined_result(CATALOG, alone, **options)
    )
    assert [name for name, _ in shared.broken] == [str(folder / "broken.toml")]


def test_a_choice_emptied_by_hand_is_refused_as_report_refuses_it(
    run: Runner, tmp_path: Path
) -> None:
    """`choice = ""` is not "skipped": combine refuses it at its line, as report does."""
    folder = tmp_path / "answers"
    folder.mkdir()
    for source in sorted((ROOT / "examples" / "respondents").glob("*.toml")):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    emptied = folder / "amira.toml"
    text = emptied.read_text(encoding="utf-8")
    line = text.splitlines().index('choice = "told"') + 1
    emptied.write_text(text.replace('choice = "told"', 'choice = ""', 1), encoding="utf-8")
    combined = run("combine", str(folder), "--output", str(tmp_path / "all.toml"))
    assert combined.code == 2, combined.out + combined.err
    assert f"{emptied}:{line}:1: '' is not a choice of question 'design-stage'" in combined.err
    reported = run("report", str(emptied))
    assert reported.code == 2
    assert f"{emptied}:{line}:1: '' is not a choice of question" in reported.err


RESPONDENTS = ROOT / "examples" / "respondents"


def test_a_facilitator_sets_an_area_s_target_for_the_room(run: Runner, tmp_path: Path) -> None:
    """Issue 13, item 1: a facilitator can set the target, as the room agreed it."""
    saved = tmp_path / "room.toml"
    result = run(
        "combine", str(RESPONDENTS), "--target", "design=delegated-power",
        "--target", "voice=consultation", "--output", str(saved), "--format", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    areas = {area["id"]: area for area in json.loads(result.out)["areas"]}
    assert (areas["design"]["target"], areas["design"]["gap"]) == ("delegated-power", 3)
    assert (areas["voice"]["target"], areas["voice"]["gap"]) == ("consultation", -1)
    assert areas["delivery"]["target"] == "partnership"  # not set: the respondents' middle
    stored = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert stored["targets"] == {"design": "delegated-power", "voice": "consultation"}
    assert stored["results"]["areas"]["design"]["target"] == "delegated-power"
    again = run("report", str(saved), "--format", "json")
    assert again.code == 0, again.err
    assert {a["id"]: a["gap"] for a in json.loads(again.out)["areas"]}["design"] == 3


def test_a_facilitator_s_target_must_be_an_area_and_a_stage(run: Runner) -> None:
    for given, said in (
        ("desing=partnership", "--target names 'desing', which is not an area"),
        ("design=partnershp", "'partnershp' is not a stage of"),
        ("design", "--target 'design' is not AREA=STAGE"),
    ):
        result = run("combine", str(RESPONDENTS), "--target", given)
        assert result.code == 2, result.err
        assert said in result.err
        assert "Traceback" not in result.err
        assert result.out == ""
