"""Unit tests for the one safe YAML loader, ``coprod_check.io.yaml_file``."""

from __future__ import annotations

import math
import os
import threading
import time
from pathlib import Path

import pytest
import yaml

from coprod_check.errors import FileError, Location
from coprod_check.io import yaml_file as yamlio
from coprod_check.io.yaml_file import (
    Document,
    Limits,
    load_bytes,
    load_file,
    load_text,
    read_input,
)


def load(text: str, **kwargs: object) -> object:
    return load_text(text, "f.yaml", **kwargs).data  # type: ignore[arg-type]


def error_of(text: str, **kwargs: object) -> FileError:
    with pytest.raises(FileError) as caught:
        load_text(text, "f.yaml", **kwargs)  # type: ignore[arg-type]
    return caught.value


@pytest.fixture(
    params=[
        pytest.param("default", id="default-loader"),
        pytest.param("pure", id="pure-python-loader"),
    ]
)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the loader yamlio picks (LibYAML when installed) and with PyYAML's own.

    The two parsers report some event details differently (a plain scalar's style is ``None`` in
    one and ``''`` in the other), so behaviour that depends on them is checked with both.
    """
    if request.param == "pure":
        monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    return str(request.param)


# -- plain data and YAML 1.2 scalars -------------------------------------------------------------


def test_plain_nested_data() -> None:
    text = """\
title: A framework
items:
  - id: a
    n: 1
  - {id: b, n: 2}
nested:
  deep:
    - [1, 2]
    - {}
    - []
"""
    assert load(text) == {
        "title": "A framework",
        "items": [{"id": "a", "n": 1}, {"id": "b", "n": 2}],
        "nested": {"deep": [[1, 2], {}, []]},
    }


def test_top_level_sequence_and_scalar() -> None:
    assert load("- a\n- b\n") == ["a", "b"]
    assert load("just words\n") == "just words"


@pytest.mark.parametrize(
    "word", ["yes", "no", "on", "off", "Yes", "No", "ON", "OFF", "y", "n", "Y", "N"]
)
def test_yaml_1_1_booleans_stay_words(loader: str, word: str) -> None:
    assert load(f"a: {word}\n") == {"a": word}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
    ],
)
def test_true_and_false_are_booleans(loader: str, text: str, expected: bool) -> None:
    value = load(f"a: {text}\n")
    assert value == {"a": expected}
    assert isinstance(value, dict)
    assert isinstance(value["a"], bool)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("12", 12),
        ("-7", -7),
        ("+3", 3),
        ("0o17", 15),
        ("0x1f", 31),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("-2.25", -2.25),
        (".5", 0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),
        ("2.5E-1", 0.25),
        (".inf", math.inf),
        ("-.inf", -math.inf),
    ],
)
def test_numbers(loader: str, text: str, expected: float) -> None:
    value = load(f"a: {text}\n")["a"]  # type: ignore[index]
    assert value == expected
    assert type(value) is type(expected)


def test_nan(loader: str) -> None:
    value = load("a: .nan\n")["a"]  # type: ignore[index]
    assert isinstance(value, float)
    assert math.isnan(value)


@pytest.mark.parametrize("text", ["", "~", "null", "Null", "NULL"])
def test_null(loader: str, text: str) -> None:
    assert load(f"a: {text}\n") == {"a": None}


@pytest.mark.parametrize(
    "text",
    [
        "'12'",
        '"12"',
        "'1.5'",
        "'true'",
        '"null"',
        "'~'",
        "''",
        "|\n  12\n",
        ">-\n  12\n",
    ],
)
def test_quoted_and_block_scalars_stay_text(loader: str, text: str) -> None:
    value = load(f"a: {text}\n")["a"]  # type: ignore[index]
    assert isinstance(value, str)


def test_quoted_numbers_keep_their_exact_text() -> None:
    assert load("version: '1.0.0'\nyear: \"2019\"\nzip: '007'\n") == {
        "version": "1.0.0",
        "year": "2019",
        "zip": "007",
    }


@pytest.mark.parametrize(
    "text", ["2024-01-31", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "12:30"]
)
def test_dates_and_times_stay_text(loader: str, text: str) -> None:
    assert load(f"a: {text}\n") == {"a": text}


@pytest.mark.parametrize(
    "text", ["1_000", "0b101", "017_0", "1:20", "0x", ".", "1e", "e5", "+-1", "inf", "nan", ".Nan"]
)
def test_yaml_1_1_only_numbers_and_non_numbers_stay_text(text: str) -> None:
    # YAML 1.1 read "1_000", "0b101" and sexagesimal "1:20" as numbers; YAML 1.2 core does not.
    assert load(f"a: {text}\n") == {"a": text}


def test_keys_are_always_text() -> None:
    assert load("1: a\ntrue: b\nnull: c\n1.5: d\n") == {
        "1": "a",
        "true": "b",
        "null": "c",
        "1.5": "d",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!!str 12", "12"),
        ("!!int '12'", 12),
        ("!!float 1", 1.0),
        ("!!bool true", True),
        ("!!null ''", None),
    ],
)
def test_standard_scalar_tags(text: str, expected: object) -> None:
    value = load(f"a: {text}\n")["a"]  # type: ignore[index]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text", ["!!int 1.5", "!!int abc", "!!bool yes", "!!float abc", "!!int true"]
)
def test_standard_tag_with_wrong_value(text: str) -> None:
    error = error_of(f"a: {text}\n")
    assert "is not a valid" in error.message
    assert error.location == Location("f.yaml", 1, 4)


# -- locations -------------------------------------------------------------------------------------

LOCATED = """\
title: A framework
items:
  - id: a
    n: 1
  - {id: b, n: 2}
nested:
  deep:
    - [1, 2]
"""


@pytest.fixture
def located() -> Document:
    return load_text(LOCATED, "loc.yaml")


@pytest.mark.parametrize(
    ("where", "line", "column"),
    [
        ((), 1, 1),
        (("title",), 1, 8),
        (("items",), 3, 3),
        (("items", 0), 3, 5),
        (("items", 0, "id"), 3, 9),
        (("items", 0, "n"), 4, 8),
        (("items", 1), 5, 5),
        (("items", 1, "id"), 5, 10),
        (("items", 1, "n"), 5, 16),
        (("nested", "deep", 0), 8, 7),
        (("nested", "deep", 0, 1), 8, 11),
    ],
)
def test_value_locations(
    located: Document, where: tuple[str | int, ...], line: int, column: int
) -> None:
    assert located.locate(where) == Location("loc.yaml", line, column)


@pytest.mark.parametrize(
    ("where", "line", "column"),
    [
        (("title",), 1, 1),
        (("items",), 2, 1),
        (("items", 0, "n"), 4, 5),
        (("items", 1, "n"), 5, 13),
        (("nested", "deep"), 7, 3),
    ],
)
def test_key_locations(
    located: Document, where: tuple[str | int, ...], line: int, column: int
) -> None:
    assert located.locate(where, key=True) == Location("loc.yaml", line, column)


def test_key_location_falls_back_to_value_for_sequence_items(located: Document) -> None:
    # A sequence item has no key: key=True gives the item itself.
    assert located.locate(("items", 1), key=True) == located.locate(("items", 1))


@pytest.mark.parametrize(
    ("where", "ancestor"),
    [
        (("items", 1, "missing"), ("items", 1)),
        (("items", 0, "n", "deeper", 3), ("items", 0, "n")),
        (("nested", "deep", 5), ("nested", "deep")),
        (("nested", "deep", 0, 9), ("nested", "deep", 0)),
        (("nope",), ()),
        (("nope", "nope", 0), ()),
    ],
)
def test_unknown_paths_point_at_the_nearest_ancestor(
    located: Document, where: tuple[str | int, ...], ancestor: tuple[str | int, ...]
) -> None:
    assert located.locate(where) == located.locate(ancestor)
    assert located.locate(where, key=True) == located.locate(ancestor)


def test_location_of_a_document_that_starts_late() -> None:
    document = load_text("# a comment\n\n---\nkey:   value\n", "late.yaml")
    assert document.locate(()) == Location("late.yaml", 4, 1)
    assert document.locate(("key",)) == Location("late.yaml", 4, 8)
    assert document.locate(("key",), key=True) == Location("late.yaml", 4, 1)


def test_columns_count_characters_not_bytes() -> None:
    document = load_text("café: thé\n", "u.yaml")
    assert document.data == {"café": "thé"}
    assert document.locate(("café",)) == Location("u.yaml", 1, 7)


# -- duplicate keys --------------------------------------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    error = error_of("a: 1\nb:\n  c: 2\na: 3\n")
    assert error.location == Location("f.yaml", 4, 1)
    assert "duplicate key 'a'" in error.message
    assert "line 1" in error.message


def test_duplicate_key_after_a_nested_value() -> None:
    error = error_of("top:\n  a:\n    - 1\n    - 2\n  b: x\n  a: y\n")
    assert error.location == Location("f.yaml", 6, 3)
    assert "line 2" in error.message


def test_duplicate_key_in_flow_mapping() -> None:
    error = error_of("{a: 1, a: 2}\n")
    assert error.location == Location("f.yaml", 1, 8)
    assert "line 1" in error.message


def test_duplicate_key_inside_a_list_item() -> None:
    error = error_of("- id: a\n- id: b\n  x: 1\n  id: c\n")
    assert error.location == Location("f.yaml", 4, 3)
    assert "duplicate key 'id'" in error.message
    assert "line 2" in error.message


def test_same_key_in_different_mappings_is_fine() -> None:
    assert load("x: {id: a}\ny: {id: a}\nz: [{id: a}, {id: a}]\n") == {
        "x": {"id": "a"},
        "y": {"id": "a"},
        "z": [{"id": "a"}, {"id": "a"}],
    }


def test_quoted_and_plain_spellings_of_one_key_are_duplicates() -> None:
    error = error_of("'1': a\n1: b\n")
    assert error.location.line == 2  # type: ignore[union-attr]


# -- merge keys ------------------------------------------------------------------------------------

MERGE = """\
base: &base
  x: 1
  y: 2
  z: 3
child:
  <<: *base
  y: 20
before:
  z: 30
  <<: *base
"""


@pytest.fixture(
    params=[
        pytest.param("default", id="default-loader"),
        pytest.param("pure", id="pure-python-loader"),
    ]
)
def merge_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure":
        monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    return str(request.param)


def test_merge_key_merges_and_explicit_keys_win(merge_loader: str) -> None:
    data = load(MERGE)
    assert data["child"] == {"x": 1, "y": 20, "z": 3}  # type: ignore[index]
    assert data["before"] == {"x": 1, "y": 2, "z": 30}  # type: ignore[index]
    assert data["base"] == {"x": 1, "y": 2, "z": 3}  # type: ignore[index]


def test_merge_key_with_a_list_of_mappings(merge_loader: str) -> None:
    text = "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n"
    assert load(text)["c"] == {"x": 1, "y": 2, "z": 3}  # type: ignore[index]


def test_merged_keys_are_located_at_the_merge(merge_loader: str) -> None:
    document = load_text(MERGE, "m.yaml")
    assert document.locate(("child", "x")) == Location("m.yaml", 6, 7)
    assert document.locate(("child", "y")) == Location("m.yaml", 7, 6)


def test_merge_key_needs_a_mapping(merge_loader: str) -> None:
    error = error_of("a: &a [1, 2]\nb:\n  <<: *a\n")
    assert "merge key" in error.message
    assert error.location == Location("f.yaml", 3, 7)


def test_quoted_merge_key_is_an_ordinary_key(loader: str) -> None:
    assert load("'<<': {x: 1}\n") == {"<<": {"x": 1}}


# -- anchors, aliases and limits -------------------------------------------------------------------


def test_anchors_and_aliases_within_limits(loader: str) -> None:
    text = "stage: &s {arnstein: consultation}\nsame: *s\nlist: &l [a, b]\nboth: [*l, *l]\n"
    assert load(text) == {
        "stage": {"arnstein": "consultation"},
        "same": {"arnstein": "consultation"},
        "list": ["a", "b"],
        "both": [["a", "b"], ["a", "b"]],
    }


def test_scalar_anchor(loader: str) -> None:
    assert load("a: &x 5\nb: *x\n") == {"a": 5, "b": 5}


def test_undefined_alias(loader: str) -> None:
    error = error_of("a: 1\nb: *nowhere\n")
    assert "*nowhere" in error.message
    assert error.location == Location("f.yaml", 2, 4)


def test_alias_as_key_is_refused(loader: str) -> None:
    error = error_of("a: &k key\n*k : 1\n")
    assert "alias cannot be used as a key" in error.message


def test_complex_key_is_refused(loader: str) -> None:
    error = error_of("? [a, b]\n: c\n")
    assert "key must be plain text" in error.message


def _bomb(levels: int, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_fast(loader: str) -> None:
    text = _bomb(12)  # 10**12 values if expanded
    start = time.perf_counter()
    error = error_of(text)
    assert time.perf_counter() - start < 1.0
    assert "100,000 values" in error.message
    assert error.location is not None
    assert error.location.line > 1


def test_max_values_counts_alias_expansion() -> None:
    text = _bomb(3, width=3)  # 3 + 9 + 27 scalars, plus containers
    assert load(text)
    error = error_of(text, limits=Limits(max_values=30))
    assert "more than 30 values" in error.message


def test_max_values_counts_plain_values() -> None:
    assert load("[1, 2, 3]\n", limits=Limits(max_values=4)) == [1, 2, 3]
    # The list itself counts as one value, so the third item is one too many.
    error = error_of("[1, 2, 3]\n", limits=Limits(max_values=3))
    assert error.location == Location("f.yaml", 1, 8)


def test_max_depth() -> None:
    limits = Limits(max_depth=3)
    assert load("a: [[1]]\n", limits=limits) == {"a": [[1]]}
    error = error_of("a: [[[1]]]\n", limits=limits)
    assert "more than 3 levels" in error.message
    assert error.location == Location("f.yaml", 1, 6)


def test_default_max_depth_refuses_very_deep_nesting() -> None:
    depth = yamlio.DEFAULT_LIMITS.max_depth
    assert load("[" * depth + "]" * depth)
    error = error_of("[" * (depth + 1) + "]" * (depth + 1))
    assert f"more than {depth} levels" in error.message


def test_deep_nesting_far_beyond_the_limit_is_a_clean_error() -> None:
    # LibYAML stops this itself ("exceeded maximum nesting depth"); either way it is a FileError.
    depth = 100_000
    error = error_of("[" * depth + "]" * depth)
    assert "nest" in error.message


def test_max_bytes() -> None:
    limits = Limits(max_bytes=10)
    assert load_bytes(b"a: 1234567", "b.yaml", limits=limits).data == {"a": 1234567}
    with pytest.raises(FileError) as caught:
        load_bytes(b"a: 12345678", "b.yaml", limits=limits)
    assert "too big (11 bytes; the limit is 10)" in caught.value.message
    assert caught.value.location == Location("b.yaml")


def test_max_bytes_through_load_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 100 + "\n", encoding="utf-8")
    with pytest.raises(FileError, match="too big"):
        load_file(path, limits=Limits(max_bytes=50))
    assert load_file(path, limits=Limits(max_bytes=200)).data == {"a": "x" * 100}


# -- tags ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system x",
        "a: !!python/name:os.system ''",
        "!!python/object/apply:os.system ['echo hi']",
        "a: !!binary aGk=",
        "a: !!timestamp 2001-12-14",
        "a: !!set {x: null}",
        "a: !!omap [{x: 1}]",
        "a: !custom x",
        "a: !custom [1]",
        "a: !<tag:example.com,2024:thing> x",
    ],
)
def test_disallowed_tags(text: str) -> None:
    error = error_of(text + "\n")
    assert "is not allowed" in error.message
    assert "plain data only" in error.hint


def test_standard_collection_tags_are_allowed() -> None:
    assert load("a: !!seq [1]\nb: !!map {x: 1}\n") == {"a": [1], "b": {"x": 1}}


@pytest.mark.parametrize(
    ("text", "line", "column"), [("a: !!seq x\n", 1, 4), ("a: !!map x\n", 1, 4), ("!!map\n", 1, 1)]
)
def test_collection_tag_on_a_scalar_is_a_file_error(text: str, line: int, column: int) -> None:
    error = error_of(text)
    assert error.location == Location("f.yaml", line, column)


def test_non_specific_tag_makes_a_plain_scalar_text() -> None:
    assert load("a: ! 12\n") == {"a": "12"}


def test_very_long_integer_is_not_a_crash() -> None:
    # int() refuses more than sys.get_int_max_str_digits() digits; the loader keeps the text.
    digits = "1" * 5000
    assert load(f"a: {digits}\n") == {"a": digits}
    error = error_of(f"a: !!int {digits}\n")
    assert "is not a valid int" in error.message


# -- documents, empty files ------------------------------------------------------------------------


def test_multiple_documents_are_refused() -> None:
    error = error_of("a: 1\n---\nb: 2\n")
    assert "more than one YAML document" in error.message
    assert error.location == Location("f.yaml", 2, 1)


def test_explicit_single_document_is_fine() -> None:
    assert load("---\na: 1\n...\n") == {"a": 1}


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "   \n", "# only a comment\n", "# one\n# two\n\n", "---\n", "~\n", "null\n"],
)
def test_empty_files(text: str) -> None:
    error = error_of(text)
    assert error.message == "this file is empty"
    assert error.location == Location("f.yaml", 1, 1)


def test_empty_mapping_and_list_are_not_empty_files() -> None:
    assert load("{}\n") == {}
    assert load("[]\n") == []


# -- bytes: binary, encodings ----------------------------------------------------------------------


def test_binary_file_with_nul() -> None:
    with pytest.raises(FileError) as caught:
        load_bytes(b"a: 1\nb: x\x00y\n", "bin.yaml")
    assert "binary file" in caught.value.message
    assert caught.value.location == Location("bin.yaml", 2, 5)


def test_not_utf8_reports_the_bad_byte() -> None:
    with pytest.raises(FileError) as caught:
        load_bytes(b"a: 1\nb: caf\xe9\n", "latin1.yaml")
    assert "not UTF-8" in caught.value.message
    assert "0xE9" in caught.value.message
    assert caught.value.location == Location("latin1.yaml", 2, 7)


def test_not_utf8_column_counts_characters_before_the_bad_byte() -> None:
    with pytest.raises(FileError) as caught:
        load_bytes("x: 1\ny: é€".encode() + b"\xff\n", "mixed.yaml")
    assert caught.value.location == Location("mixed.yaml", 2, 6)
    assert "0xFF" in caught.value.message


@pytest.mark.parametrize(
    "raw",
    ["a: 1\n".encode("utf-16"), "a: 1\n".encode("utf-16-le"), b"\xfe\xff\x00a"],
    ids=["utf-16", "utf-16-le-bom-less", "utf-16-be"],
)
def test_utf16(raw: bytes) -> None:
    with pytest.raises(FileError) as caught:
        load_bytes(raw, "wide.yaml")
    # With a BOM the file is named UTF-16; without one, its NUL bytes make it look binary.
    assert "UTF-16" in caught.value.message or "binary" in caught.value.message


def test_utf16_bom_is_named() -> None:
    with pytest.raises(FileError, match="UTF-16"):
        load_bytes("a: 1\n".encode("utf-16"), "wide.yaml")


def test_utf8_bom_is_accepted() -> None:
    document = load_bytes(b"\xef\xbb\xbfa: 1\nb: two\n", "bom.yaml")
    assert document.data == {"a": 1, "b": "two"}
    assert document.locate(("b",)) == Location("bom.yaml", 2, 4)


def test_control_character_is_a_file_error() -> None:
    with pytest.raises(FileError) as caught:
        load_bytes(b"a: 1\nb: x\x07y\n", "ctl.yaml")
    assert "control character" in caught.value.message


def test_control_character_is_located() -> None:
    with pytest.raises(FileError) as caught:
        load_bytes(b"a: 1\nb: x\x07y\n", "ctl.yaml")
    assert caught.value.location == Location("ctl.yaml", 2, 5)
    assert caught.value.hint


# -- syntax errors and tabs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a:\n  b: 1\n\tc: 2\n", 3, 1),
        ("a: 1\n\tb: 2\n", 2, 1),
        ("a:\n  b:\n  \tc: 1\n", 3, 3),
        ("top:\n  - a\n  - b\n\t- c\n", 4, 1),
    ],
)
def test_tab_indentation(text: str, line: int, column: int) -> None:
    error = error_of(text)
    assert error.message == "a tab is used for indentation"
    assert error.location == Location("f.yaml", line, column)
    assert "spaces" in error.hint


def test_tab_inside_a_value_is_fine() -> None:
    assert load("a: x\ty\n") == {"a": "x\ty"}


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ("a: b: c\n", 1, 5, "quotes"),
        # An unclosed bracket or quote is reported where it opens.
        ("a: [1\n", 1, 4, "never closed"),
        ("a: 'open\n", 1, 4, "never closed"),
        ("a: {x: 1\nb: 2\n", 1, 4, "never closed"),
    ],
)
def test_syntax_errors_are_located(text: str, line: int, column: int, hint: str) -> None:
    error = error_of(text)
    assert error.message.startswith("YAML syntax error:")
    assert error.location == Location("f.yaml", line, column)
    assert hint in error.hint


# -- load_file -------------------------------------------------------------------------------------


def test_load_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("a: 1\nb: [x]\n", encoding="utf-8")
    document = load_file(path)
    assert document.data == {"a": 1, "b": ["x"]}
    assert document.path == str(path)
    assert load_file(path, display="shown.yaml").locate(("b", 0)) == Location("shown.yaml", 2, 5)


def test_load_file_missing(tmp_path: Path) -> None:
    with pytest.raises(FileError) as caught:
        load_file(tmp_path / "missing.yaml", display="missing.yaml")
    assert caught.value.message == "file not found"
    assert caught.value.location == Location("missing.yaml")
    assert caught.value.hint


def test_load_file_on_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FileError) as caught:
        load_file(tmp_path)
    assert "folder" in caught.value.message
    assert caught.value.location == Location(str(tmp_path))


def test_load_file_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(FileError, match="binary"):
        load_file(path)


# -- the cache -------------------------------------------------------------------------------------

CACHED = """\
schema: coprod-check/framework/1
id: cached
items:
  - id: first
    score: 10
  - {id: second, score: 20}
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPROD_CHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def cached_file(tmp_path: Path) -> Path:
    path = tmp_path / "framework.yaml"
    path.write_text(CACHED, encoding="utf-8")
    return path


PROBES: list[tuple[tuple[str | int, ...], bool]] = [
    ((), False),
    (("id",), False),
    (("id",), True),
    (("items", 0, "score"), False),
    (("items", 0, "score"), True),
    (("items", 1, "score"), False),
    (("items", 1, "missing"), False),
]


def test_cache_gives_equal_data_and_correct_positions(
    cache_dir: Path, cached_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_file(cached_file, display="fw.yaml", cached=True)
    assert list(cache_dir.glob("*.msgpack"))

    def no_parsing(*args: object, **kwargs: object) -> Document:
        raise AssertionError("the second load should come from the cache")

    monkeypatch.setattr(yamlio, "load_bytes", no_parsing)
    second = load_file(cached_file, display="fw.yaml", cached=True)
    assert second.data == first.data
    assert second.path == "fw.yaml"
    expected = load_text(CACHED, "fw.yaml")
    for where, key in PROBES:
        assert second.locate(where, key=key) == expected.locate(where, key=key)
        assert first.locate(where, key=key) == expected.locate(where, key=key)
    assert second.locate(("items", 1, "score")) == Location("fw.yaml", 6, 25)


def test_cache_is_keyed_by_exact_bytes(cache_dir: Path, cached_file: Path) -> None:
    assert load_file(cached_file, cached=True).data["id"] == "cached"
    cached_file.write_text(CACHED.replace("id: cached", "id: changed"), encoding="utf-8")
    assert load_file(cached_file, cached=True).data["id"] == "changed"
    assert len(list(cache_dir.glob("*.msgpack"))) == 2


@pytest.mark.parametrize("junk", [b"", b"\xc1", b"\x93\x01", b"not msgpack at all \xff\xfe"])
def test_corrupt_cache_file_is_ignored(cache_dir: Path, cached_file: Path, junk: bytes) -> None:
    first = load_file(cached_file, cached=True)
    (entry,) = cache_dir.glob("*.msgpack")
    good = entry.read_bytes()
    entry.write_bytes(junk or good[: len(good) // 2])
    second = load_file(cached_file, cached=True)
    assert second.data == first.data
    assert second.locate(("items", 0, "score")) == first.locate(("items", 0, "score"))
    # The bad entry was replaced with a good one.
    assert load_file(cached_file, cached=True).data == first.data


def test_cache_folder_that_cannot_be_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COPROD_CHECK_CACHE_DIR", str(blocker))
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load_file(path, cached=True).data == {"a": 1}
    assert load_file(path, cached=True).data == {"a": 1}


def test_cache_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPROD_CHECK_CACHE_DIR", "")
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load_file(path, cached=True).data == {"a": 1}
    assert not list(tmp_path.rglob("*.msgpack"))


def test_cache_with_values_msgpack_cannot_hold(cache_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("big: 123456789012345678901234567890\nneg: -99999999999999999999\n")
    expected = {"big": 123456789012345678901234567890, "neg": -99999999999999999999}
    assert load_file(path, cached=True).data == expected
    assert load_file(path, cached=True).data == expected


def test_cached_load_still_reports_errors(cache_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FileError, match="duplicate key"):
            load_file(path, cached=True)
    assert not list(cache_dir.glob("*.msgpack"))


def test_cache_depends_on_limits(cache_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: [[[1]]]\n", encoding="utf-8")
    assert load_file(path, cached=True).data == {"a": [[[1]]]}
    with pytest.raises(FileError, match="levels deep"):
        load_file(path, cached=True, limits=Limits(max_depth=2))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_issue12_item2_the_one_reader_reads_a_pipe_to_its_end(tmp_path: Path) -> None:
    pipe = tmp_path / "plan.yaml"
    os.mkfifo(pipe)
    text = b"project: x\n" * 20_000  # more than one read of a pipe gives

    def feed() -> None:
        with pipe.open("wb") as stream:
            stream.write(text)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert read_input(pipe, "plan.yaml") == text
    finally:
        writer.join()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_issue12_item2_the_one_reader_stops_a_pipe_at_the_size_limit(tmp_path: Path) -> None:
    pipe = tmp_path / "plan.yaml"
    os.mkfifo(pipe)

    def feed() -> None:  # until the reader has had enough and lets go
        handle = os.open(pipe, os.O_WRONLY)
        try:
            while True:
                os.write(handle, b"x" * 65536)
        except BrokenPipeError:
            pass
        finally:
            os.close(handle)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        with pytest.raises(FileError, match="too big"):
            read_input(pipe, "plan.yaml")
    finally:
        writer.join()


def test_issue12_item2_a_bad_byte_after_a_byte_order_mark_is_named_where_it_is() -> None:
    with pytest.raises(FileError) as caught:
        yamlio.decode(b"\xef\xbb\xbfa: \xff\n", "plan.yaml")
    assert caught.value.lines()[0] == (
        "plan.yaml:1:4: this file is not UTF-8 text (byte 0xFF cannot be read)"
    )
    assert yamlio.decode(b"\xef\xbb\xbfa: 1\n", "plan.yaml") == "a: 1\n"
