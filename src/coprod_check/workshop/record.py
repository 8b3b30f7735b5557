"""The workshop's own file, ``.workshop.toml`` in its folder: what the workshop is, its join code,
and who has joined, so that serving the folder again carries the same workshop on.

It never holds a participant's token, only a hash of it (SHA-256): the file says whose results
file a browser may change without being able to act as that browser. It is hidden (its name
starts with a dot), so ``coprod-check combine FOLDER`` passes it by, and it is written like every
file coprod-check writes: whole, then renamed into place, with the user's normal permissions.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
import tomli_w
from msgspec import Struct, field

from coprod_check.errors import Location
from coprod_check.io.convert import to_struct
from coprod_check.io.toml_file import load_toml_file
from coprod_check.io.versions import check_version, schema_id
from coprod_check.io.writing import write_text

RECORD_FILE = ".workshop.toml"
WORKSHOP_SCHEMA = schema_id("workshop")


class Joined(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One participant: their results file in the folder, and the hash of their token."""

    file: str
    token: str
    """The SHA-256 of the participant's token, in hex."""


class Record(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What ``.workshop.toml`` holds."""

    schema: str
    id: str
    """A random name for this workshop: its browser cookies carry it, so that two workshops on one
    computer keep theirs apart."""
    code: str
    """The join code."""
    secret: str
    """The key the forms' CSRF tokens are made with (hex)."""
    project: str
    pathway: str
    frameworks: list[str]
    """The ids of the frameworks whose questions are asked."""
    started: str
    combined: str | None = None
    """The SHA-256 of the combined result this workshop last wrote, so it may write it again."""
    joined: list[Joined] = field(default_factory=list)


def read(path: Path) -> Record:
    """The record in ``path``, or a located error when it is damaged or of another version."""
    document = load_toml_file(path)
    check_version(
        document.data.get("schema"),
        "workshop",
        "workshop file",
        document.locate(("schema",)) if "schema" in document.data else Location(str(path), 1, 1),
    )
    return to_struct(document, Record)


def write(path: Path, record: Record) -> None:
    """Write the record (a temporary file, then a rename)."""
    data = msgspec.to_builtins(record)
    data = {key: value for key, value in data.items() if value is not None}
    write_text(path, tomli_w.dumps(data), force=True)
