"""Reading TOML input files into the same located :class:`~coprod_check.io.yaml_file.Document`
as YAML.

``tomllib`` keeps no positions, so when something needs pointing at, a small scan of the lines
finds where each table and key is. It handles the common shapes (``[table]``, ``[table.sub]``,
``key = value`` and ``dotted.key = value``), which is enough to point at the line of an unknown
question or a bad choice.

TOML files are held to the same limits as YAML ones: the same size, and no deeper nesting than
``Limits.max_depth``. The depth is checked on the parsed data, so it costs nothing for the files
read quickly in ``combine``; a file nested so deep that the parser itself gives up (thousands of
``[`` or ``{``) gets the same located error.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from coprod_check.errors import FileError, Location
from coprod_check.io import stdin
from coprod_check.io.yaml_file import (
    DEFAULT_LIMITS,
    Document,
    KeyPath,
    Limits,
    decode,
    load_file,
    load_text,
    read_input,
)

_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_PART = r'(?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_-]+)'
_KEY = re.compile(rf"^(\s*)({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_NESTING = re.compile(
    r'"""(?:[^\\]|\\[\s\S])*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
    r"|[\[\]{}]"
)
"""What matters for how deep brackets nest: strings and comments (skipped) and brackets."""


def _split(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(_PART, dotted)]


def _marks(text: str) -> dict[KeyPath, tuple[int, int]]:
    marks: dict[KeyPath, tuple[int, int]] = {}
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if found := _TABLE.match(line):
            table = _split(found.group(1))
            marks[tuple(table)] = (number, line.index("[") + 1)
        elif found := _KEY.match(line):
            marks[(*table, *_split(found.group(2)))] = (number, len(found.group(1)) + 1)
    return marks


class TomlDocument(Document):
    """A parsed TOML file. Where its tables and keys are is worked out only when first asked
    for, as most files never need pointing into."""

    __slots__ = ()

    def _marks(
        self,
    ) -> tuple[dict[KeyPath, tuple[int, int]], dict[KeyPath, tuple[int, int]]]:
        if self._value_marks is None:
            marks = _marks(self.text)
            self._value_marks, self._key_marks = marks, dict(marks)
        return self._value_marks, self._key_marks

    def locate(self, where: KeyPath, *, key: bool = False) -> Location:
        """Where a key is, or its nearest parent that the text shows; the whole file when none
        is. A table given only through its sub-tables (``[answers.x]`` with no ``[answers]``)
        is where the first of them is."""
        if not self.text:
            return Location(self.path)  # results made in memory: no text to point into
        marks = self._marks()[0]
        probe = tuple(where)
        while probe:
            if probe in marks:
                return super().locate(probe, key=key)
            inside = [mark for path, mark in marks.items() if path[: len(probe)] == probe]
            if inside:
                return Location(self.path, *min(inside))
            probe = probe[:-1]
        return Location(self.path)


def load_toml_file(path: Path) -> Document:
    """Read a TOML file into a located document, with the same size, encoding and depth checks
    as YAML."""
    name = stdin.shown(path)
    return toml_document(decode(read_input(path, name), name), name)


def toml_document(text: str, name: str) -> Document:
    """TOML text from the file called ``name``, as a located document."""
    try:
        data = parse(text, name)
    except tomllib.TOMLDecodeError as error:
        line, column = error_position(error, text)
        raise FileError(
            f"TOML syntax error: {error_message(error)}", Location(name, line, column)
        ) from None
    if not data:
        raise FileError(
            "this file is empty",
            Location(name, 1, 1),
            "a plan or answers file must hold TOML keys and tables",
        )
    return TomlDocument(name, data, text)


def load_data_file(path: Path) -> Document:
    """A YAML or TOML input file, chosen by its extension (.toml is TOML; anything else YAML).
    Standard input (``-``) has no extension: it is TOML when its first line that is not blank or
    a comment is a TOML table (``[answers]``) or key (``schema = ...``), and YAML otherwise.

    These are people's own files (answers and plans), so they are always read from the file itself,
    never from the cache."""
    if stdin.is_dash(path):
        text = decode(read_input(path, stdin.NAME), stdin.NAME)
        if looks_like_toml(text):
            return toml_document(text, stdin.NAME)
        return load_text(text, stdin.NAME)
    if path.suffix.lower() == ".toml":
        return load_toml_file(path)

    return load_file(path)


def looks_like_toml(text: str) -> bool:
    """Whether the first line of ``text`` that is not blank or a comment is a TOML table header
    or a ``key = value`` line (which YAML would read as one long word, not a mapping)."""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        return bool(_TABLE.match(line) or _KEY.match(line) or line.lstrip().startswith("[["))
    return False


def parse(text: str, name: str, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """TOML text as data, refusing nesting deeper than the limit with a located
    :class:`FileError`. A syntax error is left as ``tomllib.TOMLDecodeError``, for the caller to
    put in its own words."""
    try:
        data = tomllib.loads(text)
    except RecursionError:  # the parser recurses for each [ or {: thousands give up at once
        raise too_deep(text, name, limits) from None
    check_depth(data, text, name, limits)
    return data


def check_depth(data: Any, text: str, name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse parsed TOML that nests more than ``limits.max_depth`` tables and arrays deep,
    counting the top-level table as the first, as the YAML reader counts its mappings."""
    deepest = _too_deep_path(data, limits.max_depth)
    if deepest is not None:
        raise too_deep(text, name, limits, deepest)


def _too_deep_path(data: Any, limit: int) -> KeyPath | None:
    """The path to the first table or array deeper than ``limit``, or None. Iterative, so any
    depth is walked without recursion."""
    stack: list[tuple[Any, KeyPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) >= limit:
            return path
        items = value.items() if isinstance(value, dict) else enumerate(value)
        stack.extend((item, (*path, key)) for key, item in items if isinstance(item, dict | list))
    return None


def too_deep(
    text: str, name: str, limits: Limits = DEFAULT_LIMITS, path: KeyPath | None = None
) -> FileError:
    """The error for a TOML file that nests too deep, at the bracket that goes past the limit
    or at the line of the too-deep table or key."""
    line, column = _deep_bracket(text, limits.max_depth)
    where = Location(name, line, column)
    if not line and path is not None:
        where = TomlDocument(name, None, text).locate(path)
    return FileError(
        f"this file nests more than {limits.max_depth} levels deep",
        where,
        "flatten the structure",
    )


def _deep_bracket(text: str, limit: int) -> tuple[int, int]:
    """Where the first ``[`` or ``{`` opens a level deeper than ``limit`` (counting the
    top-level table as the first level), or (0, 0)."""
    depth = 1
    for found in _NESTING.finditer(text):
        token = found.group()
        if token in ("[", "{"):
            start = found.start()
            before = text[text.rfind("\n", 0, start) + 1 : start]
            if token == "[" and depth == 1 and not before.strip():
                continue  # a [table] or [[table]] header: not nesting
            depth += 1
            if depth > limit:
                return _place(text, start)
        elif token in ("]", "}"):
            depth = max(1, depth - 1)
    return 0, 0


def _place(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def error_message(error: ValueError) -> str:
    """A TOML parser's message without the position it adds at the end."""
    return str(error).split(" (at ")[0]


def error_position(error: ValueError, text: str = "") -> tuple[int, int]:
    """Where the TOML is wrong. Python 3.14 gives the line and column as attributes; before it,
    only the message says them ("... (at line 2, column 12)", or "(at end of document)", which
    is the end of ``text``)."""
    line, column = getattr(error, "lineno", 0), getattr(error, "colno", 0)
    if not line:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            line, column = int(found[1]), int(found[2])
        elif "(at end of document)" in message and text:
            line, column = _place(text, len(text))
    return line, column
