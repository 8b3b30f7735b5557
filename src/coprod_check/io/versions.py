"""The one check of a file's ``schema``: which kind of coprod-check file it is, and which version.

Every file the tool reads and writes names itself, as ``coprod-check/KIND/VERSION``. A file of the
version this coprod-check writes is read; a later version is refused with a word to upgrade (the
file is left as it is); any other version is refused as unknown.
"""

from __future__ import annotations

from coprod_check.errors import Location, ValidationError

VERSIONS = {"framework": 1, "plan": 1, "answers": 1, "result": 1, "workshop": 1}
"""The version of each kind of file this coprod-check reads and writes."""


def schema_id(kind: str) -> str:
    """What a file of ``kind`` says it is, as this coprod-check writes it."""
    return f"coprod-check/{kind}/{VERSIONS[kind]}"


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
