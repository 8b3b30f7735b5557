"""Issue 13: the quick reader of ``combine`` takes results files with targets, rules and contested
areas, and still takes files made before them, and every way of reading a file gives the same."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import rtoml
from hypothesis import given
from hypothesis import strategies as st

from coprod_check.combine.combine import combined_result
from coprod_check.combine.quickread import read_quickly
from coprod_check.combine.tally import Gatherer, Gathering
from coprod_check.files import results
from tests.combine.test_combine import CATALOG, SETTINGS, written

BEFORE_TARGETS = Path(__file__).parent / "data" / "before-targets.toml"
"""A results file as coprod-check wrote them before targets and rules were kept (0.1.0, before
issue 13): the workshop example's answers."""

_NEW_KEYS = [
    re.compile(r"\n\[targets\]\n(?:[^\n]+\n)*"),
    re.compile(r"^(?:target|gap|contested) = [^\n]*\n", re.MULTILINE),
    re.compile(r"^rules = \[\]\n", re.MULTILINE),
    re.compile(r"\n\[\[results\.rules\]\]\n(?:[^\n]+\n)*"),
    re.compile(r"\n\[results\.contested\]\n(?:[^\n]+\n)*"),
]


def before_targets(text: str) -> str:
    """A results file's text as it was written before targets and rules were kept."""
    for key in _NEW_KEYS:
        text = key.sub("", text)
    return text


def every_way(texts: Sequence[str]) -> list[str]:
    """The combined result of the files read each way: quickly (where they fit the layout),
    parsed with rtoml, and in full; and as many files as were read quickly."""
    gatherer = Gatherer(CATALOG)
    quick, parsed, full = Gathering(), Gathering(), Gathering()
    fitted = 0
    for index, text in enumerate(texts):
        name = f"{index}.toml"
        response = read_quickly(text)
        if response is None:
            gatherer.add_data(quick, name, rtoml.loads(text), text)
        else:
            fitted += 1
            gatherer.count(quick, name, response)
        gatherer.add_data(parsed, name, rtoml.loads(text), text)
        gatherer.add(full, name, results.from_data(tomllib.loads(text), name, text))
    options: dict[str, Any] = {"threshold": 10.0, "names": True, "project": None}
    return [
        *(
            results.to_toml(combined_result(CATALOG, gathering, **options))
            for gathering in (quick, parsed, full)
        ),
        str(fitted),
    ]


def test_item1_a_file_from_before_targets_is_read_quickly_and_alike_every_way() -> None:
    text = BEFORE_TARGETS.read_text(encoding="utf-8")
    assert "target" not in text
    assert "rules" not in text
    assert "contested" not in text
    assert read_quickly(text) is not None
    quick, parsed, full, fitted = every_way([text, text])
    assert quick == parsed == full
    assert fitted == "2"
    combined = results.from_data(tomllib.loads(quick), "combined.toml", quick)
    assert combined.summary is not None
    assert combined.summary.rules == []
    assert combined.summary.overall.target is None


@SETTINGS
@given(people=st.lists(written(), min_size=1, max_size=5))
def test_item1_files_before_and_after_targets_read_alike_every_way(
    people: list[results.Results],
) -> None:
    texts = [results.to_toml(person) for person in people]
    older = [before_targets(text) for text in texts]
    for text, old in zip(texts, older, strict=True):
        assert (read_quickly(text) is None) == (read_quickly(old) is None)
    quick, parsed, full, _ = every_way(texts)
    assert quick == parsed == full
    quick, parsed, full, _ = every_way(older)
    assert quick == parsed == full
    mixed = every_way([*texts, *older])
    assert mixed[0] == mixed[1] == mixed[2]
