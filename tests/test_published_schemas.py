"""The JSON Schemas published in ``docs/schemas/`` (issue 15, "Schemas for editors"): each is
what its command prints, each ``$id`` is a URL that names its kind and version and is where the
published copy lives, and ``docs/schemas.md`` lists them all."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlparse

import jsonschema
import pytest

from coprod_check import HOME
from coprod_check.io.versions import published_id
from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
FOLDER = ROOT / "docs" / "schemas"
PUBLISHED = {
    "check-1.schema.json": ("check", "--schema"),
    "trend-1.schema.json": ("trend", "--schema"),
    "plan-1.schema.json": ("check", "--plan-schema"),
    "framework-1.schema.json": ("frameworks", "schema"),
}
"""Each published schema, and the command that prints it."""
PRINTED = [
    ("check", "--schema"),
    ("check", "--plan-schema"),
    ("trend", "--schema"),
    ("report", "--schema"),
    ("explain", "--schema"),
    ("frameworks", "schema"),
]


def _printed(run: RunFn, *command: str) -> dict[str, object]:
    result = run(*command)
    assert result.code == 0, result.err
    schema: dict[str, object] = json.loads(result.out)
    return schema


def test_issue15_the_folder_holds_the_published_schemas_and_nothing_else() -> None:
    assert sorted(path.name for path in FOLDER.iterdir()) == sorted(PUBLISHED)


@pytest.mark.parametrize("name", PUBLISHED)
def test_issue15_each_published_schema_is_what_its_command_prints(run: RunFn, name: str) -> None:
    command = PUBLISHED[name]
    published = json.loads((FOLDER / name).read_text(encoding="utf-8"))
    assert published == _printed(run, *command), (
        f"regenerate it: coprod-check {' '.join(command)} > docs/schemas/{name}"
    )
    assert published["$id"] == f"{HOME}/raw/main/docs/schemas/{name}"


@pytest.mark.parametrize("command", PRINTED, ids=" ".join)
def test_issue15_every_schema_has_a_url_for_its_id(run: RunFn, command: tuple[str, ...]) -> None:
    schema = _printed(run, *command)
    jsonschema.Draft202012Validator.check_schema(schema)
    identifier = schema["$id"]
    assert isinstance(identifier, str)
    parts = urlparse(identifier)
    assert (parts.scheme, parts.netloc) == ("https", urlparse(HOME).netloc)
    kind, _, version = parts.path.rpartition("/")[2].removesuffix(".schema.json").partition("-")
    assert identifier == published_id(f"coprod-check/{kind}/{version}")


def test_issue15_the_schemas_page_lists_every_published_schema() -> None:
    page = (ROOT / "docs" / "schemas.md").read_text(encoding="utf-8")
    for name, command in PUBLISHED.items():
        assert f"schemas/{name}" in page
        assert f"coprod-check {' '.join(command)}" in page
        assert f"{HOME}/raw/main/docs/schemas/{name}" in page
