"""The plan file's JSON Schema (issue 12, item 3): generated from the structs the plan reader
knows its keys by, accepting and refusing what the hand-written schema did."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from coprod_check.files.answers import ANSWER_KEYS
from coprod_check.files.plan import AREA_KEYS, PLAN_SCHEMA, POLICY_KEYS, TOP_KEYS, plan_schema

BASE: dict[str, Any] = {
    "schema": "coprod-check/plan/1",
    "project": "Riverside family hub",
    "people": "Parents of children under four.",
    "pathway": "arnstein",
    "areas": {
        "design": {"stage": "partnership", "applies": True, "how": "Together, from the start."},
        "research": {"applies": False},
    },
    "answers": {
        "design-timing": {"choice": "before-anything-decided", "evidence": "Minutes of March."},
        "recognition-of-time": "agreed-with-each",
        "decision-board-support": ["training", "briefing"],
        "delivery-roles": {"choices": ["peer-mentors"]},
        "do-differently": {"text": "Meet in the evening.", "note": "Parents work days."},
        "voice-stage": {"skip": True},
    },
    "policy": {
        "min_stage": {"overall": "consultation"},
        "min_score": {"reciprocity": 60},
        "disable": [{"rule": "CP107", "reason": "We thank people at every meeting."}],
    },
}

_GONE = object()


def _set(*path: str, to: Any) -> Callable[[dict[str, Any]], None]:
    def change(plan: dict[str, Any]) -> None:
        *parents, last = path
        for key in parents:
            plan = plan[key]
        if to is _GONE:
            del plan[last]
        else:
            plan[last] = to

    return change


def _only_required(plan: dict[str, Any]) -> None:
    for key in [key for key in plan if key not in ("schema", "project")]:
        del plan[key]


CASES: dict[str, tuple[Callable[[dict[str, Any]], None], bool]] = {
    "the whole plan": (lambda plan: None, True),
    "schema and project alone": (_only_required, True),
    "an unknown top-level key": (_set("budget", to=1), False),
    "no project": (_set("project", to=_GONE), False),
    "no schema": (_set("schema", to=_GONE), False),
    "a newer schema": (_set("schema", to="coprod-check/plan/2"), False),
    "a project that is not text": (_set("project", to=3), False),
    "people left empty": (_set("people", to=None), False),
    "an unknown key in an area": (_set("areas", "design", "owner", to="me"), False),
    "an empty area": (_set("areas", "design", to={}), True),
    "a stage left empty": (_set("areas", "design", "stage", to=None), False),
    "applies that is not true or false": (_set("areas", "design", "applies", to="no"), False),
    "an area that is not a mapping": (_set("areas", "design", to="partnership"), False),
    "an answer that is a number": (_set("answers", "recognition-of-time", to=3), False),
    "a list of numbers": (_set("answers", "decision-board-support", to=[1]), False),
    "an unknown key in an answer": (_set("answers", "delivery-roles", "why", to="x"), False),
    "evidence that is not text": (_set("answers", "design-timing", "evidence", to=1), False),
    "skip that is not true or false": (_set("answers", "voice-stage", "skip", to="yes"), False),
    "an unknown policy key": (_set("policy", "max_stage", to={}), False),
    "an empty policy": (_set("policy", to={}), True),
    "a minimum score over 100": (_set("policy", "min_score", "reciprocity", to=101), False),
    "a minimum score below 0": (_set("policy", "min_score", "reciprocity", to=-1), False),
    "a minimum score of 100": (_set("policy", "min_score", "reciprocity", to=100), True),
    "a minimum score of 0.5": (_set("policy", "min_score", "reciprocity", to=0.5), True),
    "a minimum stage that is not text": (_set("policy", "min_stage", "overall", to=2), False),
    "a rule turned off without a reason": (
        _set("policy", "disable", to=[{"rule": "CP107"}]),
        False,
    ),
    "an empty reason": (_set("policy", "disable", to=[{"rule": "CP107", "reason": ""}]), False),
    "a rule that is no rule id": (
        _set("policy", "disable", to=[{"rule": "X1", "reason": "r"}]),
        False,
    ),
    "disable as a mapping": (_set("policy", "disable", to={"rule": "CP107"}), False),
    "nothing turned off": (_set("policy", "disable", to=[]), True),
}


@pytest.mark.parametrize("case", CASES)
def test_issue12_item3_the_schema_accepts_and_refuses_what_it_did(case: str) -> None:
    change, valid = CASES[case]
    plan = copy.deepcopy(BASE)
    change(plan)
    assert jsonschema.Draft202012Validator(plan_schema()).is_valid(plan) is valid


def _properties(schema: dict[str, Any], definition: str) -> dict[str, Any]:
    found: dict[str, Any] = schema["$defs"][definition]["properties"]
    return found


def test_issue12_item3_the_schema_names_the_keys_the_reader_knows() -> None:
    schema = plan_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "urn:coprod-check:schema:plan:1"
    assert tuple(schema["properties"]) == TOP_KEYS
    assert schema["properties"]["schema"]["enum"] == [PLAN_SCHEMA]
    assert tuple(_properties(schema, "PlannedArea")) == AREA_KEYS
    assert tuple(_properties(schema, "Policy")) == POLICY_KEYS
    assert tuple(_properties(schema, "PlannedAnswer")) == (*ANSWER_KEYS, "evidence")


def test_issue12_item3_every_key_in_the_schema_says_what_it_is() -> None:
    """Editors show these descriptions as people type a plan."""
    schema = plan_schema()
    described = {"": schema, **schema["$defs"]}
    for name, definition in described.items():
        for key, value in definition.get("properties", {}).items():
            target = value.get("$ref", "").removeprefix("#/$defs/")
            assert value.get("description") or described[target].get("description"), (name, key)
