"""The plan file's JSON Schema (issue 12, item 3): generated from the structs the plan reader
knows its keys by, accepting and refusing what the hand-written schema did."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from coprod_check.check.rules import RULES
from coprod_check.files.answers import ANSWER_KEYS
from coprod_check.files.plan import AREA_KEYS, PLAN_SCHEMA, POLICY_KEYS, TOP_KEYS
from coprod_check.files.plan_schema import plan_schema
from coprod_check.io.versions import published_id
from coprod_check.render.check.json_format import check_schema
from tests.helpers import ROOT, Run, bundled_catalog, catalog_of, minimal_framework

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
    assert schema["$id"] == published_id(PLAN_SCHEMA)
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


# -- issue 15: the ids of the loaded frameworks, so editors complete and check them ------------

CATALOG = bundled_catalog()
LOADED = plan_schema(CATALOG, rules=list(RULES))
LOADED_BASE = copy.deepcopy(BASE)
del LOADED_BASE["answers"]["delivery-roles"]  # no such question in the bundled frameworks


def test_issue15_the_schema_lists_the_bundled_frameworks_ids() -> None:
    jsonschema.Draft202012Validator.check_schema(LOADED)
    top = LOADED["properties"]
    assert top["pathway"]["enum"] == list(CATALOG.pathways)
    areas = [d.id for d in CATALOG.dimensions.values() if d.kind == "area"]
    assert list(top["areas"]["properties"]) == areas
    assert list(top["answers"]["properties"]) == list(CATALOG.questions)
    timing = LOADED["$defs"]["Answer-design-timing"]
    assert timing["anyOf"][0]["enum"] == [
        c.id for c in CATALOG.questions["design-timing"].options()
    ]
    assert timing["description"] == CATALOG.questions["design-timing"].text
    stages = LOADED["$defs"]["PlannedArea"]["properties"]["stage"]["enum"]
    for pathway in CATALOG.pathways.values():
        assert {stage.id for stage in pathway.stages} <= set(stages)
    policy = LOADED["$defs"]["Policy"]["properties"]
    assert list(policy["min_stage"]["properties"]) == ["overall", *areas]
    assert list(policy["min_score"]["properties"]) == list(CATALOG.dimensions)
    assert LOADED["$defs"]["Disabled"]["properties"]["rule"]["enum"] == list(RULES)


LOADED_CASES: dict[str, tuple[Callable[[dict[str, Any]], None], bool]] = {
    "the whole plan": (lambda plan: None, True),
    "a pathway there is not": (_set("pathway", to="tlap"), False),
    "the other pathway": (_set("pathway", to="tlap-ladder"), False),  # its stages differ
    "the other pathway, with its own stages": (
        lambda plan: plan.update(
            pathway="tlap-ladder",
            areas={"design": {"stage": "co-design", "target": "co-production"}},
            policy={"min_stage": {"overall": "consultation"}},
        ),
        True,
    ),
    "a stage misspelt": (_set("areas", "design", "stage", to="partnershp"), False),
    "a stage of the other pathway": (_set("areas", "design", "stage", to="co-design"), False),
    "no pathway, and a stage of the other one": (
        lambda plan: (plan.pop("pathway"), plan["areas"]["design"].update(stage="co-design")),
        False,
    ),
    "no pathway, and a stage of the default one": (lambda plan: plan.pop("pathway"), True),
    "an area there is not": (_set("areas", "desing", to={"stage": "partnership"}), False),
    "a question there is not": (_set("answers", "design-timeing", to="x"), False),
    "a choice the question lacks": (_set("answers", "recognition-of-time", to="lots"), False),
    "a choice written out that the question lacks": (
        _set("answers", "design-timing", "choice", to="later"),
        False,
    ),
    "choices, one the question lacks": (
        _set("answers", "decision-board-support", to=["training", "cake"]),
        False,
    ),
    "does not apply": (_set("answers", "research-stage", to="not-applicable"), True),
    "a minimum stage for an area there is not": (
        _set("policy", "min_stage", "desing", to="consultation"),
        False,
    ),
    "a minimum stage misspelt": (_set("policy", "min_stage", "overall", to="consultaton"), False),
    "a score for a dimension there is not": (
        _set("policy", "min_score", "reciprosity", to=50),
        False,
    ),
    "a rule there is not": (
        _set("policy", "disable", to=[{"rule": "CP199", "reason": "r"}]),
        False,
    ),
}


@pytest.mark.parametrize("case", LOADED_CASES)
def test_issue15_the_schema_accepts_and_refuses_the_frameworks_ids(case: str) -> None:
    change, valid = LOADED_CASES[case]
    plan = copy.deepcopy(LOADED_BASE)
    change(plan)
    assert jsonschema.Draft202012Validator(LOADED).is_valid(plan) is valid


def test_issue15_the_schema_accepts_the_example_plans_and_the_starter() -> None:
    validator = jsonschema.Draft202012Validator(LOADED)
    for example in sorted((ROOT / "examples" / "plans").glob("*.yaml")):
        validator.validate(yaml.safe_load(example.read_text(encoding="utf-8")))


def test_issue15_plan_schema_lists_the_ids_of_frameworks_dir(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    catalog_of(tmp_path / "mine", minimal_framework())
    result = run("check", "--plan-schema", "--frameworks-dir", str(tmp_path / "mine"))
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    assert schema["properties"]["pathway"]["enum"] == ["arnstein", "tlap-ladder", "steps"]
    assert "making" in schema["properties"]["areas"]["properties"]
    assert schema["$defs"]["Answer-how-made"]["anyOf"][0]["enum"] == ["alone", "together"]
    alone = run(
        "check", "--plan-schema", "--frameworks-dir", str(tmp_path / "mine"), "--no-bundled"
    )
    schema = json.loads(alone.out)
    assert schema["properties"]["pathway"]["enum"] == ["steps"]
    assert list(schema["properties"]["areas"]["properties"]) == ["making"]
    assert schema["$defs"]["PlannedArea"]["properties"]["stage"]["enum"] == [
        "told",
        "asked",
        "sharing",
    ]


def test_issue15_check_schema_is_the_schema_of_the_json_check(run: Callable[..., Run]) -> None:
    result = run("check", "--schema")
    assert result.code == 0, result.err
    assert json.loads(result.out) == check_schema()
    assert check_schema()["$id"] == published_id("coprod-check/check/1")
