"""The one safe YAML loader every file coprod-check reads goes through.

It builds plain Python data straight from the parser's event stream (no recursion, no object
construction from tags), and keeps the line and column of every key and value so any later check can
point at the exact place in the file. It refuses what would lose or endanger a user's data:

* duplicate keys (PyYAML would silently keep the last one);
* files that are too big, nest too deep or expand aliases without bound ("billion laughs");
* binary files, text that is not UTF-8, and tags that would build anything but plain data.

Plain scalars follow the YAML 1.2 core schema: only ``true``/``false`` are booleans, so ``yes``,
``no``, ``on`` and ``off`` stay words, and dates stay text.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple, cast

import msgspec
import yaml
from yaml import events

from coprod_check.errors import FileError, Location
from coprod_check.io import cache, stdin

KeyPath = tuple[str | int, ...]
"""Where a value sits in a document: mapping keys and sequence indexes from the root."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OTHER = re.compile(r"^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_FLOAT_SPECIAL = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


class _CachedData(msgspec.Struct, frozen=True, array_like=True):
    """What the cache keeps of a parsed file: its data, which is plain values only."""

    data: Any


class Limits(NamedTuple):
    """How much one file may hold before it is refused."""

    max_bytes: int = 1024 * 1024
    max_depth: int = 64
    max_values: int = 100_000


DEFAULT_LIMITS = Limits()


class Document:
    """A parsed YAML file: its data, and where each key and value came from.

    The positions are worked out when first asked for: a document read from the cache parses its
    text again only if something in it needs pointing at.
    """

    __slots__ = ("_key_marks", "_value_marks", "data", "limits", "path", "text")

    def __init__(
        self,
        path: str,
        data: Any,
        text: str,
        limits: Limits = DEFAULT_LIMITS,
        marks: tuple[dict[KeyPath, tuple[int, int]], dict[KeyPath, tuple[int, int]]] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.text = text
        self.limits = limits
        self._value_marks, self._key_marks = marks if marks is not None else ({}, {})
        if marks is None:
            self._value_marks = None  # type: ignore[assignment]

    def _marks(self) -> tuple[dict[KeyPath, tuple[int, int]], dict[KeyPath, tuple[int, int]]]:
        if self._value_marks is None:
            builder = _Builder(self.path, self.limits)
            builder.run(_events(self.text))
            self._value_marks, self._key_marks = builder.value_marks, builder.key_marks
        return self._value_marks, self._key_marks

    def with_data(self, data: Any) -> Document:
        """The same file and positions, holding ``data`` instead (for a cleaned-up copy)."""
        return Document(self.path, data, self.text, self.limits, self._marks())

    def locate(self, where: KeyPath, *, key: bool = False) -> Location:
        """The location of the value at ``where`` (or of its key), or its nearest known ancestor."""
        value_marks, key_marks = self._marks()
        probe = tuple(where)
        if key and probe in key_marks:
            line, column = key_marks[probe]
            return Location(self.path, line, column)
        while True:
            if probe in value_marks:
                line, column = value_marks[probe]
                return Location(self.path, line, column)
            if probe in key_marks:
                line, column = key_marks[probe]
                return Location(self.path, line, column)
            if not probe:
                return Location(self.path, 1, 1)
            probe = probe[:-1]


def load_file(
    path: Path, *, display: str | None = None, limits: Limits = DEFAULT_LIMITS, cached: bool = False
) -> Document:
    """Read and parse one YAML file, raising :class:`FileError` for anything wrong with it.

    With ``cached`` (for framework files), a file parsed before and unchanged since is read back
    from the cache. ``-`` is standard input, never cached.
    """
    name = display if display is not None else stdin.shown(path)
    raw = read_input(path, name, limits)
    if not cached or stdin.is_dash(path):
        return load_bytes(raw, name, limits=limits)

    stamp = cache.SourceStamp.of(path, raw)
    if stamp is None:
        return load_bytes(raw, name, limits=limits)
    key = cache.key(stamp.digest, repr(limits))  # the bytes are hashed once
    hit = cache.read(key, "yaml", [stamp], _CachedData)
    if hit is not None:
        return Document(name, hit.data, decode(raw, name), limits)
    document = load_bytes(raw, name, limits=limits)
    cache.write(key, "yaml", [stamp], _CachedData(document.data))
    return document


_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # no newline translation on Windows


def read_input(path: Path | str, name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of an input file, within the size limit, or one clear :class:`FileError`.

    One open, one look and (for a file) one read, without a file object: ``combine`` reads
    thousands of files this way. A pipe or device is read to its end, up to the limit; ``-`` is
    standard input."""
    if stdin.is_dash(path):
        raw = stdin.read(limits.max_bytes)
        if len(raw) > limits.max_bytes:
            raise _too_big(name, len(raw), limits)
        return raw
    try:
        handle = os.open(path, _READ)
        try:
            raw = _read_all(handle, name, limits)
        finally:
            os.close(handle)
    except FileNotFoundError:
        raise FileError("file not found", Location(name), "check the path and spelling") from None
    except IsADirectoryError:
        raise FileError("this is a folder, not a file", Location(name)) from None
    except PermissionError:
        if os.path.isdir(path):  # where a folder cannot be opened at all
            raise FileError("this is a folder, not a file", Location(name)) from None
        raise FileError("permission denied: cannot read this file", Location(name)) from None
    except OSError as error:
        raise FileError(f"cannot read this file: {error.strerror}", Location(name)) from None
    if len(raw) > limits.max_bytes:
        raise _too_big(name, len(raw), limits)
    return raw


def _read_all(handle: int, name: str, limits: Limits) -> bytes:
    """What an open file holds, up to one byte past the limit."""
    status = os.fstat(handle)
    if stat.S_ISDIR(status.st_mode):
        raise FileError("this is a folder, not a file", Location(name))
    if status.st_size > limits.max_bytes:
        raise _too_big(name, status.st_size, limits)
    regular = stat.S_ISREG(status.st_mode)
    raw = os.read(handle, status.st_size + 1 if regular else limits.max_bytes + 1)
    while len(raw) <= limits.max_bytes and (len(raw) < status.st_size or not regular):
        more = os.read(handle, limits.max_bytes + 1 - len(raw))  # a short read, or a pipe
        if not more:
            break
        raw += more
    return raw


def load_bytes(raw: bytes, name: str, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse YAML from bytes that came from the file called ``name``."""
    if len(raw) > limits.max_bytes:
        raise _too_big(name, len(raw), limits)
    text = decode(raw, name)
    return load_text(text, name, limits=limits)


def decode(raw: bytes, name: str) -> str:
    """Turn a file's bytes into text, refusing binary data and anything that is not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileError(
            "this file is UTF-16 text; coprod-check reads UTF-8",
            Location(name, 1, 1),
            "save the file as UTF-8 in your editor",
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _position(raw, nul)
        raise FileError(
            "this looks like a binary file, not YAML text (it contains a NUL byte)",
            Location(name, line, column),
            "check that you gave the right file",
        )
    try:
        text = raw.decode()  # quicker than "utf-8-sig"; a byte order mark is dropped below
    except UnicodeDecodeError as error:
        line, column = _position(raw, error.start)
        bad = raw[error.start : error.start + 1].hex().upper()
        raise FileError(
            f"this file is not UTF-8 text (byte 0x{bad} cannot be read)",
            Location(name, line, column),
            "save the file as UTF-8 in your editor",
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def load_text(text: str, name: str, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse YAML text into a :class:`Document`."""
    builder = _Builder(name, limits)
    try:
        builder.run(_events(text))
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, name) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise FileError(
            f"this file contains a control character (code {code:#04x}) that YAML does not allow",
            Location(name, line, column),
            "remove control characters from the file",
        ) from None
    except yaml.YAMLError as error:
        raise FileError(f"this file is not valid YAML: {error}", Location(name)) from None
    if builder.empty:
        raise FileError(
            "this file is empty",
            Location(name, 1, 1),
            "a framework, plan or answers file must hold a YAML mapping",
        )
    return Document(name, builder.root, text, limits, (builder.value_marks, builder.key_marks))


def _events(text: str) -> Iterator[events.Event]:
    loader = _Loader(text)
    try:
        yield from iter(loader.get_event, None)  # None: past the end of the stream
    finally:
        loader.dispose()


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = (
        "anchor",
        "awaiting_merge",
        "container",
        "explicit",
        "is_map",
        "key",
        "key_mark",
        "mark",
        "path",
        "size",
    )

    def __init__(
        self,
        container: dict[str, Any] | list[Any],
        path: KeyPath,
        mark: tuple[int, int],
        anchor: str | None,
    ) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.path = path
        self.mark = mark
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None
        self.key_mark = (0, 0)
        self.awaiting_merge = False
        self.explicit: set[str] = set()


class _Builder:
    """Turns parser events into plain data, checking limits, duplicates and tags as it goes."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.max_values = limits.max_values
        self.root: Any = None
        self.empty = True
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values = 0
        self.value_marks: dict[KeyPath, tuple[int, int]] = {}
        self.key_marks: dict[KeyPath, tuple[int, int]] = {}
        self.documents = 0
        self.aliased = False
        """Whether an alias (``*name``) has been used: only then can values be repeated."""

    def fail(self, message: str, mark: tuple[int, int], hint: str = "") -> FileError:
        return FileError(message, Location(self.name, *mark), hint)

    def run(self, stream: Iterator[events.Event]) -> None:
        # By exact type, most common first: the parser makes only these classes, and this loop
        # is most of the time it takes to read a framework afresh.
        scalar, alias, document = events.ScalarEvent, events.AliasEvent, events.DocumentStartEvent
        opening = (events.MappingStartEvent, events.SequenceStartEvent)
        closing = (events.MappingEndEvent, events.SequenceEndEvent)
        for event in stream:
            kind = type(event)
            start = event.start_mark
            mark = (start.line + 1, start.column + 1) if start is not None else (1, 1)
            if kind is scalar:
                self._scalar(event, mark)  # type: ignore[arg-type]
            elif kind in closing:
                frame = self.stack.pop()
                self._remember(frame.anchor, frame.container, frame.size)
                self._place(frame.container, frame.mark, frame.size)
            elif kind in opening:
                self._open(event, mark)  # type: ignore[arg-type]
            elif kind is alias:
                self._alias(event, mark)  # type: ignore[arg-type]
            elif kind is document:
                self.documents += 1
                if self.documents > 1:
                    raise self.fail(
                        "this file holds more than one YAML document",
                        mark,
                        "keep one document per file (remove the extra '---')",
                    )

    def _count(self, size: int, mark: tuple[int, int]) -> None:
        self.values += size
        if self.values > self.max_values:
            if not self.aliased:
                raise self.fail(
                    f"this file holds more than {self.limits.max_values:,} values",
                    mark,
                    "check that you gave the right file",
                )
            raise self.fail(
                f"this file expands to more than {self.limits.max_values:,} values",
                mark,
                "aliases (*name) may be repeating a large block many times; write the data out",
            )

    def _check_tag(self, tag: str | None, mark: tuple[int, int]) -> None:
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            raise self.fail(
                f"the tag {tag!r} is not allowed",
                mark,
                "coprod-check reads plain data only: remove the tag",
            )

    def _scalar(self, event: events.ScalarEvent, mark: tuple[int, int]) -> None:
        if event.tag is not None:
            self._check_tag(event.tag, mark)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.is_map and top.key is None:
            self._key(top, event, mark)
            return
        value = _resolve(event, self.fail, mark)
        self._count(1, mark)
        if event.anchor is not None:
            self._remember(event.anchor, value, 1)
        self._place(value, mark, 1)

    def _key(self, frame: _Frame, event: events.ScalarEvent, mark: tuple[int, int]) -> None:
        key = event.value
        if key == "<<" and not event.style and event.tag is None:
            frame.awaiting_merge = True
        else:
            assert isinstance(frame.container, dict)
            if key in frame.explicit:
                first = self.key_marks.get((*frame.path, key), mark)
                raise self.fail(
                    f"duplicate key {key!r} (first used at line {first[0]})",
                    mark,
                    "each key may appear once in a mapping; merge the two entries",
                )
            frame.explicit.add(key)
        frame.key = key
        frame.key_mark = mark
        self._count(1, mark)

    def _alias(self, event: events.AliasEvent, mark: tuple[int, int]) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            raise self.fail("an alias cannot be used as a key", mark, "write the key out")
        anchor = event.anchor or ""
        if anchor not in self.anchors:
            raise self.fail(
                f"the alias *{anchor} refers to no anchor &{anchor} above it",
                mark,
                "define the anchor before using it",
            )
        value, size = self.anchors[anchor]
        self.aliased = True
        self._count(size, mark)
        self._place(value, mark, size)

    def _open(
        self, event: events.MappingStartEvent | events.SequenceStartEvent, mark: tuple[int, int]
    ) -> None:
        self._check_tag(event.tag, mark)
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            raise self.fail(
                "a key must be plain text, not a list or mapping",
                mark,
                "check the indentation and the colons on this line",
            )
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(
                f"this file nests more than {self.limits.max_depth} levels deep",
                mark,
                "flatten the structure",
            )
        self._count(1, mark)
        path = self._child_path(top)
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, events.MappingStartEvent) else []
        )
        self.stack.append(_Frame(container, path, mark, event.anchor))

    def _child_path(self, top: _Frame | None) -> KeyPath:
        if top is None:
            return ()
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        assert top.key is not None
        return (*top.path, top.key)

    def _remember(self, anchor: str | None, value: Any, size: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)

    def _place(self, value: Any, mark: tuple[int, int], size: int) -> None:
        if not self.stack:
            self.root = value
            self.empty = value is None
            self.value_marks[()] = mark
            return
        top = self.stack[-1]
        top.size += size
        container = top.container
        if not top.is_map:
            assert isinstance(container, list)
            self.value_marks[(*top.path, len(container))] = mark
            container.append(value)
            return
        assert top.key is not None
        if top.awaiting_merge:
            self._merge(top, value, mark)
        else:
            path = (*top.path, top.key)
            self.key_marks[path] = top.key_mark
            self.value_marks[path] = mark
            cast(dict[str, Any], container)[top.key] = value
        top.key = None
        top.awaiting_merge = False

    def _merge(self, frame: _Frame, value: Any, mark: tuple[int, int]) -> None:
        sources = value if isinstance(value, list) else [value]
        assert isinstance(frame.container, dict)
        for source in sources:
            if not isinstance(source, dict):
                raise self.fail(
                    "a merge key '<<' needs a mapping or a list of mappings",
                    mark,
                    "point '<<' at an anchored mapping, like '<<: *defaults'",
                )
            for key, item in source.items():
                if key not in frame.explicit and key not in frame.container:
                    frame.container[key] = item
                    self.key_marks[(*frame.path, key)] = frame.key_mark
                    self.value_marks[(*frame.path, key)] = mark


def _resolve(event: events.ScalarEvent, fail: Any, mark: tuple[int, int]) -> Any:
    value: str = event.value
    tag = event.tag
    if tag == "!" or (tag is None and not event.implicit[0]):
        return value  # quoted, block or "!"-tagged scalar: always text
    if tag is None:
        return _plain(value)
    kind = tag.removeprefix(_TAG)
    if kind == "str":
        return value
    if kind == "null":
        return None
    resolved = _plain(value)
    if kind == "bool":
        valid = isinstance(resolved, bool)
    elif kind in ("int", "float"):
        allowed = int if kind == "int" else (int, float)
        valid = isinstance(resolved, allowed) and not isinstance(resolved, bool)
    else:
        raise fail(f"the tag !!{kind} cannot be used on a single value", mark)
    if not valid:
        raise fail(f"{value!r} is not a valid {kind}", mark)
    return float(resolved) if kind == "float" else resolved


_MAY_RESOLVE = frozenset("0123456789+-.~nNtTfF")
"""The first characters of a plain scalar that can be other than text: null (~, null), true,
false, a number, .inf or .nan."""


def _plain(value: str) -> Any:
    if value and value[0] not in _MAY_RESOLVE:
        return value  # most plain scalars: words and ids
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value) or _INT_OTHER.match(value):
        try:
            return int(value, 0) if _INT_OTHER.match(value) else int(value)
        except ValueError:  # more digits than Python will convert: keep the text
            return value
    if _FLOAT.match(value):
        return float(value)
    if value in _FLOAT_SPECIAL:
        return _FLOAT_SPECIAL[value]
    return value


_BOM = b"\xef\xbb\xbf"


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    if start == 0 and raw.startswith(_BOM):
        start = len(_BOM)  # a byte order mark takes no column
    column = len(raw[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _too_big(name: str, size: int, limits: Limits) -> FileError:
    return FileError(
        f"this file is too big ({size:,} bytes; the limit is {limits.max_bytes:,})",
        Location(name),
        "check that you gave the right file",
    )


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "text that contains ': ' needs quotes around it"),
    ("could not find expected ':'", "each line of a mapping needs 'key: value'"),
    ("found undefined alias", "define the anchor (&name) before using the alias (*name)"),
    ("expected <block end>", "check the indentation: items at one level line up exactly"),
    ("found unexpected end of stream", "a quote or bracket may not be closed"),
    ("found unacceptable character", "remove control characters from the file"),
    ("special characters are not allowed", "remove control characters from the file"),
)


_UNCLOSED = (
    ("scanning a quoted scalar", "this quote is never closed: add the closing quote"),
    ("scanning a block scalar", "check the indentation of this block of text"),
    ("parsing a flow sequence", "this '[' is never closed: add the closing ']'"),
    ("parsing a flow mapping", "this '{' is never closed: add the closing '}'"),
)


def _syntax_error(error: yaml.MarkedYAMLError, text: str, name: str) -> FileError:
    mark = error.problem_mark or error.context_mark
    context = error.context or ""
    unclosed = next((hint for needle, hint in _UNCLOSED if needle in context), "")
    if unclosed and error.context_mark is not None:
        mark = (
            error.context_mark
        )  # where the quote or bracket was opened, not where parsing gave up
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    tab = _leading_tab(text, line)
    if tab is not None:
        return FileError(
            "a tab is used for indentation",
            Location(name, *tab),
            "YAML needs spaces for indentation: replace each tab with spaces",
        )
    problem = (error.problem or error.context or "the YAML cannot be read").strip()
    hint = unclosed or next((h for needle, h in _SYNTAX_HINTS if needle in problem), "")
    if unclosed:
        problem = f"{context.removeprefix('while ').strip()}: {problem}"
    return FileError(f"YAML syntax error: {problem}", Location(name, line, column), hint)


def _leading_tab(text: str, near_line: int) -> tuple[int, int] | None:
    """A tab in the indentation of the error's line or the line above it, if there is one."""
    lines = text.splitlines()
    for number in range(min(near_line, len(lines)), max(near_line - 2, 0), -1):
        content = lines[number - 1]
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        if "\t" in indent:
            return number, indent.index("\t") + 1
    return None
