"""Reading TOML input files into the same located :class:`~coprod_check.yamlio.Document` as YAML.

``tomllib`` keeps no positions, so after parsing, a small scan of the lines finds where each table
and key is. It handles the common shapes (``[table]``, ``[table.sub]`` and ``key = value``), which
is enough to point at the line of an unknown question or a bad choice.
"""

import re
from pathlib import Path

from coprod_check.errors import FileError, Location
from coprod_check.yamlio import DEFAULT_LIMITS, Document, KeyPath, decode, read_input

_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r'^(\s*)("[^"]*"|[A-Za-z0-9_-]+)\s*=')


def _split(dotted: str) -> list[str]:
    return [part.strip().strip('"') for part in dotted.split(".")]


def _marks(text: str) -> dict[KeyPath, tuple[int, int]]:
    marks: dict[KeyPath, tuple[int, int]] = {}
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if found := _TABLE.match(line):
            table = _split(found.group(1))
            marks[tuple(table)] = (number, line.index("[") + 1)
        elif found := _KEY.match(line):
            key = found.group(2).strip('"')
            marks[(*table, key)] = (number, len(found.group(1)) + 1)
    return marks


def load_toml_file(path: Path) -> Document:
    """Read a TOML file into a located document, with the same size and encoding checks as YAML."""
    name = str(path)
    text = decode(read_input(path, name), name)
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = error_position(error)
        raise FileError(
            f"TOML syntax error: {str(error).split(' (at ')[0]}", Location(name, line, column)
        ) from None
    marks = _marks(text)
    return Document(name, data, text, DEFAULT_LIMITS, (marks, dict(marks)))


def load_data_file(path: Path) -> Document:
    """A YAML or TOML input file, chosen by its extension (.toml is TOML; anything else YAML).

    These are people's own files (answers and plans), so they are always read from the file itself,
    never from the cache."""
    if path.suffix.lower() == ".toml":
        return load_toml_file(path)
    from coprod_check.yamlio import load_file

    return load_file(path)


def error_position(error: ValueError) -> tuple[int, int]:
    """Where the TOML is wrong. Python 3.14 gives the line and column as attributes; before it,
    only the message says them ("... (at line 2, column 12)")."""
    line, column = getattr(error, "lineno", 0), getattr(error, "colno", 0)
    if not line:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        if found:
            line, column = int(found[1]), int(found[2])
    return line, column
