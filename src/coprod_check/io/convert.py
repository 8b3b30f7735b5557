"""Turn a parsed YAML document into typed structs, with errors that point at the file's own lines.

msgspec checks the shape and types against the structs in ``model/`` (and, later, the plan and
answers models). Its error names a path such as ``$.questions[2].choices[0].score``; here that path
becomes the line and column of the key or value in the user's file, and the message is put in plain
words with a hint.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal, TypeVar, get_args, get_origin

import msgspec

from coprod_check.errors import ValidationError, did_you_mean
from coprod_check.io.yaml_file import Document, KeyPath

T = TypeVar("T")

_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[\.\.\.\]")
_WHERE = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_TYPE_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "object": "a mapping (key: value lines)",
    "array": "a list (lines starting with '- ')",
    "null": "nothing",
}


def to_struct(document: Document, cls: type[T]) -> T:
    """Check ``document`` against ``cls`` and build it, or raise a located ``ValidationError``."""
    try:
        return msgspec.convert(document.data, cls, strict=True)
    except msgspec.ValidationError as error:
        raise _located(str(error), document, cls) from None


def _located(raw: str, document: Document, cls: type[Any]) -> ValidationError:
    match = _WHERE.search(raw)
    message = raw[: match.start()] if match else raw
    path = _parse_path(match.group("path")) if match else ()
    key = False
    if found := re.match(r"Object contains unknown field `(.+)`", message):
        path = (*path, found.group(1))
        key = True
        message, hint = _unknown_field(found.group(1), _fields_at(cls, path[:-1]))
    else:
        message, hint = _reworded(message, cls, path)
    return ValidationError(message, document.locate(path, key=key), hint)


def _unknown_field(name: str, known: list[str]) -> tuple[str, str]:
    listing = ("allowed keys here: " + ", ".join(known)) if known else ""
    return f"unknown key {name!r}", did_you_mean(name, known, otherwise=listing)


def _reworded(message: str, cls: type[Any], path: KeyPath) -> tuple[str, str]:
    """msgspec's message in plain words, with a hint where one helps."""
    if found := re.match(r"Object missing required field `(.+)`", message):
        return f"missing required key {found.group(1)!r}", f"add '{found.group(1)}:' here"
    if found := re.match(r"Expected `(.+?)`, got `(.+?)`", message):
        expected = " or ".join(_TYPE_WORDS.get(word, word) for word in found.group(1).split(" | "))
        got = _TYPE_WORDS.get(found.group(2), found.group(2))
        quote = "text" in expected and found.group(2) in {"int", "float", "bool"}
        return (
            f"expected {expected}, got {got}",
            "put quotes around the value to keep it as text" if quote else "",
        )
    if found := re.match(r"Invalid enum value (.+)", message):
        value = found.group(1).strip("'\"")
        allowed = _literals_at(cls, path)
        listing = ("use one of: " + ", ".join(allowed)) if allowed else ""
        return f"{value!r} is not allowed here", did_you_mean(value, allowed, otherwise=listing)
    if found := re.match(r"Expected `(\w+)` (<=|>=|<|>) (\S+)$", message):
        words = {"<=": "at most", ">=": "at least", "<": "less than", ">": "more than"}
        kind = _TYPE_WORDS.get(found.group(1), found.group(1))
        return f"expected {kind} {words[found.group(2)]} {found.group(3)}", ""
    if found := re.match(r"Expected `(\w+)` of length (>=|<=) (\d+)$", message):
        bound = "at least" if found.group(2) == ">=" else "at most"
        count = int(found.group(3))
        noun = "item" if found.group(1) == "array" else "character"
        return f"needs {bound} {count} {noun}{'s' if count != 1 else ''}", ""
    if "matching regex" in message or "match pattern" in message:
        last = path[-1] if path else ""
        if last == "id" or (isinstance(last, int) and len(path) > 1):
            return (
                "this is not a valid id",
                "use lower-case letters, digits and single hyphens, starting with a letter",
            )
        return "this may not be blank", ""
    return message[:1].lower() + message[1:], ""


def _parse_path(text: str) -> KeyPath:
    parts: list[str | int] = []
    for match in _PATH_PART.finditer(text):
        if match.group(0) == "[...]":
            break
        if match.group(1) is not None:
            parts.append(match.group(1))
        else:
            parts.append(int(match.group(2)))
    return tuple(parts)


def _unwrap(hint: Any) -> list[Any]:
    """The concrete types inside Annotated, Optional, unions, lists and dict values."""
    origin = get_origin(hint)
    if origin is typing.Annotated:
        return _unwrap(get_args(hint)[0])
    if origin in (typing.Union, types.UnionType):
        return [inner for arg in get_args(hint) for inner in _unwrap(arg)]
    return [hint]


def _type_at(cls: Any, path: KeyPath) -> list[Any]:
    current: list[Any] = [cls]
    for part in path:
        following: list[Any] = []
        for candidate in current:
            origin = get_origin(candidate)
            if isinstance(part, int) and origin is list:
                following.extend(_unwrap(get_args(candidate)[0]))
            elif (
                isinstance(part, str)
                and isinstance(candidate, type)
                and issubclass(candidate, msgspec.Struct)
            ):
                hints = typing.get_type_hints(candidate, include_extras=True)
                if part in hints:
                    following.extend(_unwrap(hints[part]))
        current = following
    return current


def _fields_at(cls: Any, path: KeyPath) -> list[str]:
    for candidate in _type_at(cls, path):
        if isinstance(candidate, type) and issubclass(candidate, msgspec.Struct):
            return list(candidate.__struct_fields__)
    return []


def _literals_at(cls: Any, path: KeyPath) -> list[str]:
    return [
        str(value)
        for candidate in _type_at(cls, path)
        if get_origin(candidate) is Literal
        for value in get_args(candidate)
    ]
