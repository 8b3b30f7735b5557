"""The published JSON Schemas of the files people write, generated from the structs that describe
them: framework files here, plan files in ``files/plan.py``."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from coprod_check.io.versions import published_id, schema_id
from coprod_check.model.framework import Framework

_ID = {"$ref": "#/$defs/ConditionId"}
_LIST = {"oneOf": [_ID, {"type": "array", "items": _ID, "minItems": 1}]}
_STAGES = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": {"type": "string"},
    "description": "A stage for each pathway, as {pathway-id: stage-id}.",
}
_SCORE = {"type": "number", "minimum": 0, "maximum": 100}


def _closed(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


CONDITION_SCHEMA: dict[str, Any] = {
    "description": "A condition written as data: on answers, scores or stages, or a combination.",
    "oneOf": [
        _closed(
            {"answer": _ID, "is": _LIST}, ["answer", "is"], "The answer is one of these choices."
        ),
        _closed(
            {"answer": _ID, "is_not": _LIST},
            ["answer", "is_not"],
            "The question was answered and none of these choices was chosen.",
        ),
        _closed({"answered": _ID}, ["answered"], "The question was answered."),
        _closed({"score": _ID, "below": _SCORE}, ["score", "below"], "A dimension scores below N."),
        _closed(
            {"score": _ID, "at_least": _SCORE},
            ["score", "at_least"],
            "A dimension scores N or more.",
        ),
        _closed(
            {"stage": _ID, "below": _STAGES},
            ["stage", "below"],
            "An area (or 'overall') is placed below this stage.",
        ),
        _closed(
            {"stage": _ID, "at_least": _STAGES},
            ["stage", "at_least"],
            "An area (or 'overall') is placed at this stage or higher.",
        ),
        _closed(
            {"all": {"type": "array", "items": {"$ref": "#/$defs/Condition"}, "minItems": 1}},
            ["all"],
            "Every condition holds.",
        ),
        _closed(
            {"any": {"type": "array", "items": {"$ref": "#/$defs/Condition"}, "minItems": 1}},
            ["any"],
            "At least one condition holds.",
        ),
        _closed({"not": {"$ref": "#/$defs/Condition"}}, ["not"], "The condition does not hold."),
    ],
}


def file_schema(cls: type[msgspec.Struct], kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a kind of file people write, generated from the struct
    ``cls`` that describes it: ``cls`` at the top, what it is made of in ``$defs``."""
    definitions: dict[str, Any] = msgspec.json.schema(cls)["$defs"]
    root = definitions.pop(cls.__name__)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": published_id(schema_id(kind)),
        **root,
        "title": f"coprod-check {kind}",
        "$defs": definitions,
    }


def framework_schema() -> dict[str, Any]:
    """The JSON Schema with which editors check and complete framework files."""
    schema = file_schema(Framework, "framework")
    definitions: dict[str, Any] = schema["$defs"]
    definitions["Condition"] = CONDITION_SCHEMA
    definitions["ConditionId"] = {"type": "string", "pattern": r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"}
    for definition in (schema, *definitions.values()):
        for prop in definition.get("properties", {}).values():
            # msgspec keeps the base type beside our $ref; the $ref alone says it all.
            if "$ref" in prop and prop.get("type") == "object":
                del prop["type"]
    return schema


def framework_schema_json() -> str:
    return json.dumps(framework_schema(), indent=2, ensure_ascii=False) + "\n"
