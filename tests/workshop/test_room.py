"""The workshop in memory and in its folder: its record, joining, where each participant carries
on, and serving the folder again."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coprod_check.errors import FileError, UsageError, ValidationError
from coprod_check.files import results
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.workshop import guard, record
from coprod_check.workshop.record import RECORD_FILE
from coprod_check.workshop.room import Workshop, hold


def reopen(catalog: Catalog, workshop: Workshop, **options: object) -> Workshop:
    given: dict[str, object] = {"project": None, "frameworks": None, "pathway": None, **options}
    return Workshop.open(catalog, workshop.folder, **given)  # type: ignore[arg-type]


def test_issue16_a_new_workshop_writes_its_record(workshop: Workshop) -> None:
    saved = record.read(workshop.folder / RECORD_FILE)
    assert saved == workshop.record
    assert saved.schema == "coprod-check/workshop/1"
    assert len(saved.code) == guard.CODE_LENGTH
    assert saved.project == "Riverside family hub"
    assert saved.pathway == "arnstein"
    assert saved.joined == []


def test_issue16_the_folder_is_written_with_normal_permissions(workshop: Workshop) -> None:
    workshop.join("staff", None)
    mask = os.umask(0)
    os.umask(mask)
    for path in workshop.folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path.name


def test_issue16_serving_the_folder_again_carries_the_workshop_on(
    catalog: Catalog, workshop: Workshop
) -> None:
    token, participant = workshop.join("lived-experience", "Asha")
    steps = participant.steps()
    participant.answer(steps[0], Answer(question=steps[0].id, choices=("not-involved",)))
    participant.answer(steps[1], Answer(question=steps[1].id, note="not sure"))
    again = reopen(catalog, workshop)
    assert again.code == workshop.code
    back = again.find(token)
    assert back is not None
    assert back.name == "Asha"
    assert back.role == "lived-experience"
    assert back.questionnaire.answers == participant.questionnaire.answers
    where = back.where()
    assert where is not None
    assert where.id == steps[2].id
    assert again.find(guard.new_token()) is None


def test_issue16_carrying_on_with_other_options_is_refused(
    catalog: Catalog, workshop: Workshop
) -> None:
    with pytest.raises(UsageError, match="started with --pathway arnstein, not tlap-ladder"):
        reopen(catalog, workshop, pathway="tlap-ladder")
    with pytest.raises(UsageError, match="started with --project"):
        reopen(catalog, workshop, project="Another")
    assert reopen(catalog, workshop, project="Riverside family hub").code == workshop.code


def test_issue16_a_participant_whose_file_was_removed_has_left(
    catalog: Catalog, workshop: Workshop
) -> None:
    _, first = workshop.join("staff", None)
    token, _second = workshop.join("partner", None)
    first.path.unlink()
    again = reopen(catalog, workshop)
    assert again.left == [first.path.name]
    assert list(again.participants) == [guard.token_hash(token)]


def test_issue16_a_damaged_participant_file_is_named(catalog: Catalog, workshop: Workshop) -> None:
    _, participant = workshop.join("staff", None)
    participant.path.write_text('schema = "coprod-check/result/1"\n[meta\n', encoding="utf-8")
    with pytest.raises(FileError, match=r"staff-01\.toml:2:\d+: this results file is damaged"):
        reopen(catalog, workshop)


def test_issue16_a_damaged_record_is_named(catalog: Catalog, workshop: Workshop) -> None:
    place = workshop.folder / RECORD_FILE
    place.write_text(place.read_text().replace('code = "', 'cod = "'), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"\.workshop\.toml:\d+:\d+: unknown key 'cod'"):
        reopen(catalog, workshop)
    place.write_text('schema = "coprod-check/workshop/9"\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="newer than this coprod-check understands"):
        reopen(catalog, workshop)


def test_issue16_files_are_never_written_over(workshop: Workshop) -> None:
    (workshop.folder / "staff-01.toml").write_text("mine\n", encoding="utf-8")
    _, participant = workshop.join("staff", None)
    assert participant.path.name == "staff-02.toml"
    assert (workshop.folder / "staff-01.toml").read_text() == "mine\n"


def test_issue16_progress_counts_the_steps_behind_each_participant(workshop: Workshop) -> None:
    _, participant = workshop.join("staff", "Asha")
    steps = participant.steps()
    assert workshop.progress()[0].reached == 0
    participant.answer(steps[0], Answer(question=steps[0].id))
    (progress,) = workshop.progress()
    assert (progress.name, progress.role, progress.reached) == ("Asha", "staff", 1)
    assert progress.total == len(participant.steps())
    assert not progress.finished


def test_issue16_the_last_step_saves_the_results_complete(workshop: Workshop) -> None:
    _, participant = workshop.join("staff", None)
    step = participant.where()
    while step is not None:
        following = participant.answer(step, Answer(question=step.id))
        step = following
    assert participant.finished
    assert results.read(participant.path).complete
    assert workshop.progress()[0].finished


def test_issue16_only_one_server_serves_a_folder(tmp_path: Path) -> None:
    with (
        hold(tmp_path / "room"),
        pytest.raises(FileError, match="another coprod-check workshop"),
        hold(tmp_path / "room"),
    ):
        pass
    with hold(tmp_path / "room"):  # let go when the first ended
        pass


def test_issue16_a_file_given_as_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "room").write_text("", encoding="utf-8")
    with pytest.raises(FileError, match="this is a file, not a folder"), hold(tmp_path / "room"):
        pass
