"""Issue 13, item 1: an answers file can set the stage that is right for each area now, with a
top-level ``targets:`` mapping of area ids to stage ids. Each mistake in it is reported at its own
line and column, with a "did you mean" where a known id is close, and all of them at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_check.errors import CoprodError, ManyErrors
from coprod_check.files.answers import AnswersFile, read_answers_file
from coprod_check.frameworks.load import Sources, load_catalog
from coprod_check.io.toml_file import load_data_file
from coprod_check.model.catalog import Catalog


def _bundled_catalog() -> Catalog:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COPROD_CHECK_CACHE_DIR", "")
        return load_catalog(Sources())


CATALOG = _bundled_catalog()
HEAD = "schema: coprod-check/answers/1\nanswers:\n  design-stage: told\n"


def _read(folder: Path, text: str, name: str = "answers.yaml", **given: str) -> AnswersFile:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return read_answers_file(load_data_file(path), CATALOG, **given)


def _error(folder: Path, text: str, name: str = "answers.yaml", **given: str) -> list[str]:
    """The lines of the error reading this file gives, with the folder left out."""
    with pytest.raises(CoprodError) as caught:
        _read(folder, text, name, **given)
    return [line.replace(f"{folder}/", "") for line in caught.value.lines()]


def test_item_1_targets_in_yaml(tmp_path: Path) -> None:
    given = _read(tmp_path, HEAD + "targets:\n  design: consultation\n  voice: delegated-power\n")
    assert given.targets == {"design": "consultation", "voice": "delegated-power"}
    assert set(given.answers) == {"design-stage"}


def test_item_1_targets_in_toml(tmp_path: Path) -> None:
    text = (
        'schema = "coprod-check/answers/1"\npathway = "tlap-ladder"\n\n[answers]\n'
        'design-stage = "told"\n\n[targets]\ndelivery = "co-design"\n'
    )
    assert _read(tmp_path, text, "answers.toml").targets == {"delivery": "co-design"}


def test_item_1_no_targets_or_an_empty_key_sets_none(tmp_path: Path) -> None:
    assert _read(tmp_path, HEAD).targets == {}
    assert _read(tmp_path, HEAD + "targets:\n").targets == {}
    assert _read(tmp_path, HEAD + "targets: {}\n").targets == {}


def test_item_1_targets_are_stages_of_the_files_own_pathway(tmp_path: Path) -> None:
    text = "schema: coprod-check/answers/1\npathway: tlap-ladder\nanswers: {}\n"
    given = _read(tmp_path, text + "targets:\n  design: engagement\n")
    assert given.targets == {"design": "engagement"}
    assert _error(tmp_path, text + "targets:\n  design: partnership\n") == [
        "answers.yaml:5:11: no stage called 'partnership' on the pathway 'tlap-ladder'",
        "  hint: 'partnership' is a stage of the pathway 'arnstein'; stages of 'tlap-ladder', "
        "lowest first: coercion, educating, informing, consultation, engagement, co-design, "
        "co-production",
    ]


def test_item_1_with_no_pathway_named_the_commands_pathway_or_the_default(tmp_path: Path) -> None:
    text = HEAD + "targets:\n  design: co-design\n"
    assert _read(tmp_path, text, pathway="tlap-ladder").targets == {"design": "co-design"}
    assert _error(tmp_path, text)[0] == (
        "answers.yaml:5:11: no stage called 'co-design' on the pathway 'arnstein'"
    )


def test_item_1_an_unknown_area_is_named_at_its_key(tmp_path: Path) -> None:
    assert _error(tmp_path, HEAD + "targets:\n  desing: consultation\n") == [
        "answers.yaml:5:3: unknown area 'desing'",
        "  hint: did you mean 'design'? areas: design, decision-making, delivery, research, voice",
    ]


def test_item_1_a_part_of_an_area_points_to_its_area(tmp_path: Path) -> None:
    assert _error(tmp_path, HEAD + "targets:\n  governance: partnership\n") == [
        "answers.yaml:5:3: unknown area 'governance'",
        "  hint: 'governance' is part of 'decision-making': set the target for 'decision-making'",
    ]


def test_item_1_an_unknown_stage_is_named_at_its_value(tmp_path: Path) -> None:
    lines = _error(tmp_path, HEAD + "targets:\n  voice: partnershp\n")
    assert lines[0] == "answers.yaml:5:10: no stage called 'partnershp' on the pathway 'arnstein'"
    assert lines[1].startswith("  hint: did you mean 'partnership'? stages of 'arnstein', lowest")


def test_item_1_a_target_that_is_not_one_stage(tmp_path: Path) -> None:
    lines = _error(tmp_path, HEAD + "targets:\n  voice: [partnership, placation]\n")
    assert lines[0] == "answers.yaml:5:10: the target for 'voice' should be one stage"


@pytest.mark.parametrize(
    ("value", "column"), [("partnership", 10), ("[design, voice]", 10), ("3", 10)]
)
def test_item_1_targets_that_are_not_a_mapping(tmp_path: Path, value: str, column: int) -> None:
    assert _error(tmp_path, HEAD + f"targets: {value}\n") == [
        f"answers.yaml:4:{column}: 'targets' should map each area to the stage that is right "
        "for it now",
        "  hint: for example:  targets: {delivery: consultation}",
    ]


def test_item_1_every_mistake_in_answers_and_targets_at_once(tmp_path: Path) -> None:
    text = HEAD + "  desing-timing: after-decisions\ntargets:\n  desing: told\n  voice: x\n"
    with pytest.raises(ManyErrors) as caught:
        _read(tmp_path, text)
    found = [str(error.location).replace(f"{tmp_path}/", "") for error in caught.value.errors]
    assert found == ["answers.yaml:4:3", "answers.yaml:6:3", "answers.yaml:7:10"]
