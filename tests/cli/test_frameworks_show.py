"""Issue 14, item 5: `coprod-check frameworks show NAME` prints every question id and every choice
id, which answers files and the starter plan are written with (and which the docs and the starter
plan send people there for), each whole even at 40 columns."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.helpers import Run, bundled_catalog

RunFn = Callable[..., Run]
CATALOG = bundled_catalog()
WITH_QUESTIONS = [item.framework for item in CATALOG.frameworks if item.framework.questions]


@pytest.mark.parametrize("framework", WITH_QUESTIONS, ids=lambda framework: framework.id)
@pytest.mark.parametrize("width", ["40", "100"])
def test_issue14_item_5_show_prints_every_question_and_choice_id_whole(
    run: RunFn, framework: object, width: str
) -> None:
    shown = run("frameworks", "show", framework.id, env={"COLUMNS": width})  # type: ignore[attr-defined]
    assert shown.code == 0, shown.err
    words = set(shown.out.split())
    for question in framework.questions:  # type: ignore[attr-defined]
        assert question.id in words, question.id
        for choice in question.options():
            assert choice.id in words, f"{question.id}: {choice.id}"
    assert all(
        len(line) <= int(width) or " " not in line.strip() for line in shown.out.splitlines()
    )


def test_issue14_item_5_a_choice_id_is_said_beside_its_label(run: RunFn) -> None:
    shown = run("frameworks", "show", "five-areas", env={"COLUMNS": "100"})
    flat = " ".join(shown.out.split())
    assert (
        "- They are not involved. Staff plan it and run it. id: not-involved · arnstein: "
        "manipulation, tlap-ladder: coercion"
    ) in flat
