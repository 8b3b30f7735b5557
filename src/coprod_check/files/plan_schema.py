"""The JSON Schema for plan files, so editors check and complete a plan as it is typed.

Its shape is generated from :class:`~coprod_check.files.plan.PlanFile`, the structs the plan
reader knows its keys by. Given the loaded frameworks, it also lists their ids: the pathways,
the areas, the stages (each pathway's own, once the plan names it), every question with its
choices, the dimensions a score can be set for, and the rules a policy can turn off. So an
editor offers ``partnership`` after ``stage:``, and marks ``tlap`` as no pathway.
"""

from collections.abc import Sequence
from typing import Any

from coprod_check.files.plan import PlanFile
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway, Question

OVERALL = "overall"
"""The key of ``policy.min_stage`` that sets the bar for the project as a whole."""


def plan_schema(catalog: Catalog | None = None, rules: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON Schema for plan files: their shape, and with ``catalog`` the ids of its
    frameworks; with ``rules``, the ids a policy may turn off."""
    from coprod_check.frameworks.schema import file_schema  # noqa: PLC0415 — a schema only

    schema = file_schema(PlanFile, "plan")
    if rules:
        disabled = schema["$defs"]["Disabled"]["properties"]["rule"]
        disabled["enum"] = list(rules)
    if catalog is not None and catalog.pathways:
        _with_ids(schema, catalog)
    return schema


def _with_ids(schema: dict[str, Any], catalog: Catalog) -> None:
    """Name every id ``catalog`` knows in ``schema``, where a plan uses it."""
    top = schema["properties"]
    definitions = schema["$defs"]
    pathways = list(catalog.pathways.values())
    default = catalog.pathway_for(None)
    top["pathway"]["enum"] = [pathway.id for pathway in pathways]
    top["pathway"]["description"] = "The pathway the stages are on: " + ", ".join(
        f"{p.id} (the default)" if p.id == default.id else p.id for p in pathways
    )
    every_stage = list(dict.fromkeys(s.id for p in pathways for s in p.stages))
    area_definition = definitions["PlannedArea"]["properties"]
    for key in ("stage", "target"):
        area_definition[key]["enum"] = every_stage
    areas = [d for d in catalog.dimensions.values() if d.kind == "area"]
    top["areas"] = {
        "description": top["areas"]["description"],
        "type": "object",
        "properties": {
            area.id: {"$ref": "#/$defs/PlannedArea", "description": area.title} for area in areas
        },
        "additionalProperties": False,
    }
    top["answers"] = _answers(top["answers"], catalog, definitions)
    policy = definitions["Policy"]["properties"]
    stage = {"enum": every_stage}
    policy["min_stage"]["properties"] = {key: stage for key in [OVERALL, *(a.id for a in areas)]}
    policy["min_stage"]["additionalProperties"] = False
    score = policy["min_score"]["additionalProperties"]
    policy["min_score"]["properties"] = {
        dimension.id: {**score, "description": dimension.title}
        for dimension in catalog.dimensions.values()
    }
    policy["min_score"]["additionalProperties"] = False
    schema["allOf"] = [_stages_of(pathway, pathway.id == default.id) for pathway in pathways]


def _answers(
    answers: dict[str, Any], catalog: Catalog, definitions: dict[str, Any]
) -> dict[str, Any]:
    """The ``answers:`` mapping, with each question's own choices."""
    generic = answers["additionalProperties"]
    properties: dict[str, Any] = {}
    for question in catalog.questions.values():
        name = f"Answer-{question.id}"
        definitions[name] = _answer(question, generic)
        properties[question.id] = {"$ref": f"#/$defs/{name}"}
    return {
        "description": answers["description"],
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def _answer(question: Question, generic: dict[str, Any]) -> dict[str, Any]:
    """What an answer to ``question`` may be: one of its choices, several, or written out."""
    ids = [choice.id for choice in question.options()]
    described = {"description": question.text}
    if not ids:
        return {**described, **generic}
    choice = {"enum": ids}
    return {
        **described,
        "anyOf": [
            {**choice, "description": "A choice id."},
            {"type": "array", "items": choice, "description": "Several choice ids."},
            {
                "$ref": "#/$defs/PlannedAnswer",
                "properties": {"choice": choice, "choices": {"items": choice}},
            },
        ],
    }


def _stages_of(pathway: Pathway, default: bool) -> dict[str, Any]:
    """Once a plan is on ``pathway`` (named, or the default one when it names none), its stages
    are that pathway's."""
    stage = {"enum": [s.id for s in pathway.stages]}
    on_it: dict[str, Any] = {
        "properties": {"pathway": {"const": pathway.id}},
        "required": ["pathway"],
    }
    if default:
        on_it = {"anyOf": [on_it, {"not": {"required": ["pathway"]}}]}
    every_key = ""  # a pattern that every key matches
    area = {"properties": {"stage": stage, "target": stage}}
    return {
        "if": on_it,
        "then": {
            "properties": {
                "areas": {"patternProperties": {every_key: area}},
                "policy": {"properties": {"min_stage": {"patternProperties": {every_key: stage}}}},
            }
        },
    }
