"""Documents to typed structs (``io/convert.py``): a file that fits the structs becomes them, and
one that does not gets one error in plain words at the line and column of the key or value that is
wrong, with a hint where one helps."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
import pytest

from coprod_check.errors import ValidationError
from coprod_check.io.convert import to_struct
from coprod_check.io.yaml_file import load_text

Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]


class Item(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    title: Annotated[str, msgspec.Meta(pattern=r"\S")]
    size: Annotated[int, msgspec.Meta(ge=0, le=10)] = 0
    colour: Literal["red", "green", "blue"] = "red"


class Box(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    items: Annotated[list[Item], msgspec.Meta(min_length=1)]
    weight: float | None = None


GOOD = """\
name: Tools
weight: 2.5
items:
  - id: hammer
    title: A hammer
    size: 3
  - id: saw
    title: A saw
    colour: blue
"""


def _error(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        to_struct(load_text(text, "box.yaml"), Box)
    return caught.value


def _where(error: ValidationError) -> tuple[int, int]:
    assert error.location is not None
    assert error.location.path == "box.yaml"
    return error.location.line, error.location.column


def test_a_document_that_fits_becomes_the_structs() -> None:
    box = to_struct(load_text(GOOD, "box.yaml"), Box)
    assert box == Box(
        name="Tools",
        weight=2.5,
        items=[
            Item(id="hammer", title="A hammer", size=3),
            Item(id="saw", title="A saw", colour="blue"),
        ],
    )


def test_an_unknown_key_is_named_at_the_key_with_the_closest_one() -> None:
    error = _error(GOOD.replace("    colour: blue", "    colur: blue"))
    assert error.message == "unknown key 'colur'"
    assert error.hint == "did you mean 'colour'?"
    assert _where(error) == (9, 5)


def test_an_unknown_key_far_from_any_lists_the_keys_allowed() -> None:
    error = _error(GOOD.replace("weight: 2.5", "zzz: 2.5"))
    assert error.message == "unknown key 'zzz'"
    assert error.hint == "allowed keys here: name, items, weight"
    assert _where(error) == (2, 1)


def test_a_missing_key_is_named_at_its_parent() -> None:
    error = _error(GOOD.replace("    title: A saw\n", ""))
    assert error.message == "missing required key 'title'"
    assert error.hint == "add 'title:' here"
    assert _where(error)[0] == 7


def test_a_wrong_type_says_what_was_expected_in_words() -> None:
    error = _error(GOOD.replace("size: 3", "size: three"))
    assert error.message == "expected a whole number, got text"
    assert _where(error) == (6, 11)


def test_a_number_where_text_goes_says_to_quote_it() -> None:
    error = _error(GOOD.replace("title: A hammer", "title: 1.5"))
    assert error.message == "expected text, got a number"
    assert error.hint == "put quotes around the value to keep it as text"


def test_a_value_outside_its_range_gives_the_bound() -> None:
    error = _error(GOOD.replace("size: 3", "size: 11"))
    assert error.message == "expected a whole number at most 10"
    assert _where(error) == (6, 11)


def test_a_value_not_in_the_list_gives_the_closest_one() -> None:
    error = _error(GOOD.replace("colour: blue", "colour: bleu"))
    assert error.message == "'bleu' is not allowed here"
    assert error.hint == "did you mean 'blue'?"
    far = _error(GOOD.replace("colour: blue", "colour: purple"))
    assert far.hint == "use one of: red, green, blue"


def test_an_empty_list_says_how_many_it_needs() -> None:
    error = _error("name: Tools\nitems: []\n")
    assert error.message == "needs at least 1 item"
    assert _where(error) == (2, 8)


def test_a_bad_id_says_what_an_id_is() -> None:
    error = _error(GOOD.replace("id: saw", "id: Big Saw"))
    assert error.message == "this is not a valid id"
    assert error.hint.startswith("use lower-case letters, digits and single hyphens")


def test_blank_text_is_refused() -> None:
    error = _error(GOOD.replace("title: A saw", "title: ' '"))
    assert error.message == "this may not be blank"


def test_the_error_is_a_validation_error_with_exit_code_2() -> None:
    error = _error("name: [not, text]\nitems: []\n")
    assert error.exit_code == 2
    assert "Traceback" not in str(error)
    assert str(error).startswith("box.yaml:1:7: expected text, got a list")
