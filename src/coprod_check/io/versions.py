"""The one check of a file's ``schema``: which kind of coprod-check file it is, and which version.

Every file the tool reads and writes names itself, as ``coprod-check/KIND/VERSION``. A file of the
version this coprod-check writes is read; a later version is refused with a word to upgrade (the
file is left as it is); any other version is refused as unknown.
"""

from __future__ import annotations

from coprod_check import HOME
from coprod_check.errors import Location, ValidationError

VERSIONS = {"framework": 1, "plan": 1, "answers": 1, "result": 1, "workshop": 1}
"""The version of each kind of file this coprod-check reads and writes."""


def schema_id(kind: str) -> str:
    """What a file of ``kind`` says it is, as this coprod-check writes it."""
    return f"coprod-check/{kind}/{VERSIONS[kind]}"


SCHEMAS = f"{HOME}/raw/main/docs/schemas"
"""Where the JSON Schemas are published: the ``docs/schemas/`` folder of the project."""


def schema_file(schema: str) -> str:
    """The name of the file that holds the JSON Schema for ``schema``, a file kind or an
    output's version (``coprod-check/check/1``): ``check-1.schema.json``."""
    _, kind, version = schema.split("/")
    return f"{kind}-{version}.schema.json"


def published_id(schema: str) -> str:
    """The ``$id`` of the JSON Schema for ``schema`` (``coprod-check/check/1``): a URL-shaped
    name that says which kind and version it describes, and the address of the copy in the
    published docs. Nothing fetches it: ``--schema`` prints the same schema."""
    return f"{SCHEMAS}/{schema_file(schema)}"


def is_kind(schema: object, kind: str) -> bool:
    """Whether ``schema`` names a coprod-check file of ``kind``, of any version."""
    return isinstance(schema, str) and schema.startswith(f"coprod-check/{kind}/")


def check_version(schema: object, kind: str, noun: str, where: Location) -> None:
    """Refuse a ``schema`` that is not the version of ``kind`` this coprod-check reads."""
    expected = schema_id(kind)
    if schema == expected:
        return
    version = str(schema).removeprefix(f"coprod-check/{kind}/") if is_kind(schema, kind) else ""
    if version.isdigit() and int(version) > VERSIONS[kind]:
        raise ValidationError(
            f"this {noun} uses {schema!r}, which is newer than this coprod-check understands",
            where,
            "upgrade coprod-check to read it; nothing was changed",
        )
    raise ValidationError(
        f"unknown {noun} version {schema!r}", where, f"this coprod-check reads {expected!r}"
    )
