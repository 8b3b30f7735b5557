"""Issue 16, item 2: a group's show of hands, recorded with ``workshop group``, is read by
``combine`` as that many respondents: its middle, range and where voices differ are those of
the same answers given one person at a time."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from coprod_check.combine.combine import combined_result
from coprod_check.combine.gather import gather
from coprod_check.combine.quickread import read_quickly
from coprod_check.errors import ValidationError
from coprod_check.files import results
from coprod_check.files.results import Meta, Results
from coprod_check.model.answers import Answer
from tests.combine.test_combine import CATALOG, FRAMEWORKS, respondent

FIRST, SECOND = "design-how-to-take-part", "delivery-roles-clear"
HANDS = {
    FIRST: {
        "lived-experience": {"strongly-disagree": 2, "disagree": 1},
        "staff": {"agree": 1, "strongly-agree": 1},
    },
    SECOND: {
        "lived-experience": {"neither": 3},
        "staff": {"strongly-agree": 2},
    },
}
PEOPLE = [
    ("lived-experience", {FIRST: "strongly-disagree", SECOND: "neither"}),
    ("lived-experience", {FIRST: "strongly-disagree", SECOND: "neither"}),
    ("lived-experience", {FIRST: "disagree", SECOND: "neither"}),
    ("staff", {FIRST: "agree", SECOND: "strongly-agree"}),
    ("staff", {FIRST: "strongly-agree", SECOND: "strongly-agree"}),
]
"""The same answers as the hands, one person at a time."""


def group_result(hands: results.Hands = HANDS) -> Results:
    """A group's result as ``workshop group`` saves it: the hands, and the room's middle answer."""
    stamp = "2026-05-01T10:00:00Z"
    middle = {
        FIRST: Answer(question=FIRST, choices=("disagree",), note="Staff were surprised."),
        SECOND: Answer(question=SECOND, choices=("neither",)),
    }
    return Results(
        meta=Meta(
            project="Riverside family hub",
            pathway="arnstein",
            created=stamp,
            updated=stamp,
            respondent="group",
            frameworks=FRAMEWORKS,
        ),
        answers=middle,
        complete=True,
        hands=hands,
    )


def combined(paths: list[Path]) -> Results:
    return combined_result(
        CATALOG,
        gather(CATALOG, [str(path) for path in paths], workers=1),
        threshold=25.0,
        names=False,
        project=None,
    )


def test_issue16_item2_hands_are_that_many_respondents(tmp_path: Path) -> None:
    group = tmp_path / "group.toml"
    results.write(group, group_result())
    one_by_one = []
    for number, (role, answers) in enumerate(PEOPLE):
        path = tmp_path / "people" / f"{number}.toml"
        path.parent.mkdir(exist_ok=True)
        results.write(path, respondent(answers, role=role, name=None, summary=False))
        one_by_one.append(path)

    from_hands, from_people = combined([group]), combined(one_by_one)

    assert from_hands.combined is not None
    assert from_people.combined is not None
    assert from_hands.combined.respondents == 5
    assert from_hands.combined.files == 1  # one file, five people
    assert {role: view.respondents for role, view in from_hands.combined.roles.items()} == {
        "lived-experience": 3,
        "staff": 2,
    }
    assert from_hands.summary == from_people.summary  # the middle and the range
    assert from_hands.combined.roles == from_people.combined.roles
    assert from_hands.combined.differ == from_people.combined.differ  # where voices differ
    assert FIRST in {difference.id for difference in from_hands.combined.differ}


def test_issue16_item2_hands_round_trip_and_skip_the_quick_reader(tmp_path: Path) -> None:
    group = tmp_path / "group.toml"
    results.write(group, group_result())
    text = group.read_text(encoding="utf-8")
    assert read_quickly(text) is None  # the quick layout would count it as one respondent
    assert results.read(group).hands == HANDS


def test_issue16_item2_fewer_hands_than_people_are_skips(tmp_path: Path) -> None:
    hands = {**HANDS, SECOND: {"lived-experience": {"neither": 1}, "staff": {}}}
    group = tmp_path / "group.toml"
    results.write(group, group_result(hands))
    result = combined([group])
    assert result.combined is not None
    assert result.combined.respondents == 5


def test_issue16_item2_negative_hands_are_refused(tmp_path: Path) -> None:
    group = tmp_path / "group.toml"
    results.write(group, group_result())
    text = group.read_text(encoding="utf-8").replace(
        "strongly-disagree = 2", "strongly-disagree = -2"
    )
    group.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="cannot choose"):
        results.read(group)


def test_issue16_item2_hands_for_an_unknown_choice_are_named(tmp_path: Path) -> None:
    hands = msgspec.structs.replace(group_result(), hands={FIRST: {"staff": {"maybe": 2}}})
    group = tmp_path / "group.toml"
    results.write(group, hands)
    gathering = gather(CATALOG, [str(group)], workers=1)
    assert [name for name, _ in gathering.broken] == [str(group)]
    assert "'maybe'" in gathering.broken[0][1].message


def test_issue16_item2_a_group_left_out_is_named_once(tmp_path: Path) -> None:
    group = tmp_path / "group.toml"
    results.write(group, group_result())  # five people, on Arnstein's ladder
    others = [tmp_path / f"other-{number}.toml" for number in range(6)]  # six, on another
    for path in others:
        results.write(path, respondent({FIRST: "agree"}, pathway="tlap-ladder", summary=False))
    result = combined([group, *others])
    assert result.combined is not None
    assert result.combined.respondents == 6
    assert [item.file for item in result.combined.left_out] == [str(group)]
    assert result.combined.files == 7
