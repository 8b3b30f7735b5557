"""Issue 14, item 5: the questionnaire's text is wrapped at word boundaries at any width.

Unit tests of the one wrapping function and of how both prompters lay a question out with it.
The arrow-key menus are drawn by prompt_toolkit into a terminal emulator (pyte) at 40, 80 and
120 columns, so the tests read the screen as a person would; they run without a terminal, in
milliseconds (``tests/cli/test_assess_width.py`` runs the installed command in a real one).
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from coprod_check.ask.menu import TOO_TALL, MenuPrompter
from coprod_check.ask.plain import PlainPrompter
from coprod_check.ask.prompts import after_mark, block, numbered, progress_and_question
from coprod_check.ask.questionnaire import Questionnaire
from coprod_check.model.answers import Answer
from coprod_check.text import columns, wrap
from tests.helpers import bundled_catalog

pyte = pytest.importorskip("pyte")

CATALOG = bundled_catalog()
LONG = "design-stage"  # six choices of up to eleven words
TICKS = "design-parts"  # a tick list
DRAWN = "\x1b[?7h"  # prompt_toolkit has drawn the whole menu (line wrapping is back on)
WIDTHS = [40, 80, 120]


def _texts() -> list[str]:
    """Every question, choice and help text of the bundled frameworks."""
    texts: list[str] = []
    for question in CATALOG.questions.values():
        texts += [question.text, question.help, *(c.label for c in question.options())]
    return texts


def _fits(lines: Sequence[str], width: int) -> bool:
    return all(len(line) <= width or " " not in line.strip() for line in lines)


# -- the one wrapping function --------------------------------------------------------------------


def test_wrap_never_breaks_a_word_even_one_longer_than_the_line() -> None:
    path = "/home/someone/projects/riverside-family-hub-2026-11-25.toml"
    lines = wrap(f"Each answer is saved in {path}.", 40)
    assert f"{path}." in lines  # once cut at 40 columns, mid-name
    assert lines[0] == "Each answer is saved in"


def test_columns_follow_columns_but_never_pass_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def terminal(width: int | None) -> None:
        def size(*_: object) -> os.terminal_size:
            if width is None:
                raise OSError
            return os.terminal_size((width, 24))

        monkeypatch.setattr(os, "get_terminal_size", size)

    terminal(40)
    monkeypatch.setenv("COLUMNS", "120")
    assert columns() == 40  # a 40-column terminal breaks anything wider wherever it runs out
    monkeypatch.setenv("COLUMNS", "30")
    assert columns() == 30
    monkeypatch.delenv("COLUMNS")
    assert columns() == 40
    terminal(None)  # no terminal: COLUMNS, or 80; from 20 to 100
    assert columns() == 80
    monkeypatch.setenv("COLUMNS", "120")
    assert columns() == 100
    monkeypatch.setenv("COLUMNS", "5")
    assert columns() == 20


@pytest.mark.parametrize("width", range(20, 121, 7))
def test_every_bundled_text_wraps_at_spaces_whole_and_in_order(width: int) -> None:
    position = "12 of 69 · Decision-making"
    for text in _texts():
        words = text.split()
        for laid, expected in (
            (block(text, width), words),
            (after_mark(text, width, 3, 5).split("\n"), words),
            (numbered(8, text, width, " (your answer)"), ["8.", *words, "(your", "answer)"]),
            (progress_and_question(position, text, width, mark=2), [*position.split(), *words]),
        ):
            assert _fits(laid, width), laid
            assert " ".join(laid).split() == expected


def test_after_mark_leaves_room_for_the_mark_and_indents_the_rest() -> None:
    laid = after_mark("one two three four five six seven eight nine", 20, 3, 5).split("\n")
    assert laid == ["one two three", "     four five six", "     seven eight", "     nine"]
    assert len(" » " + laid[0]) <= 20 < len(" » " + laid[0] + " four")


def test_block_keeps_each_line_and_blank_line() -> None:
    text = "first: one two three\nsecond: four five six\n\nthird"
    assert block(text, 20) == ["first: one two three", "second: four five", "six", "", "third"]


# -- arrow-key menus, drawn ---------------------------------------------------------------------


class Drawn:
    """A menu questionnaire on a screen of ``width`` columns: the keys sent up front, what
    prompt_toolkit drew (through a terminal emulator) and what was printed around it."""

    def __init__(self, ids: Sequence[str], keys: str, width: int, height: int = 60) -> None:
        self.width = width
        self.raw = io.StringIO()
        self.printed = io.StringIO()
        self.saved: list[dict[str, Answer]] = []
        questionnaire = Questionnaire(
            CATALOG,
            [CATALOG.questions[question_id] for question_id in ids],
            "arnstein",
            {},
            lambda so_far, _targets: self.saved.append(dict(so_far)),
            ask_targets=False,
        )
        output = Vt100_Output(self.raw, lambda: Size(rows=height, columns=width), term="xterm")
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            pipe.close()
            prompter = MenuPrompter(stream=self.printed, width=width, input=pipe, output=output)
            self.answers = questionnaire.run(prompter)

    def first_menu(self) -> list[str]:
        """The screen when the first menu was drawn whole."""
        raw = self.raw.getvalue()
        screen = pyte.Screen(self.width, 80)
        pyte.Stream(screen).feed(raw[: raw.index(DRAWN) + len(DRAWN)])
        return [line.rstrip() for line in screen.display]


def _whole(texts: Sequence[str], lines: Sequence[str]) -> None:
    shown = set(" ".join(lines).split())
    missing = [word for text in texts for word in text.split() if word not in shown]
    assert not missing, "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_issue14_item_5_a_long_choice_wraps_inside_the_menu(width: int) -> None:
    question = CATALOG.questions[LONG]
    drawn = Drawn([LONG], "\r\r", width)
    lines = drawn.first_menu()
    _whole([question.text, *(choice.label for choice in question.options())], lines)
    assert max(len(line) for line in lines) <= width
    assert lines[0] == "? 1 of 1 · Design"
    pointed = [line for line in lines if "»" in line]
    assert pointed == [" » " + after_mark(question.options()[0].label, width, 3).split("\n")[0]]
    assert drawn.answers[LONG].choices == (question.options()[0].id,)


@pytest.mark.parametrize("width", WIDTHS)
def test_issue14_item_5_a_tick_list_wraps_too(width: int) -> None:
    question = CATALOG.questions[TICKS]
    drawn = Drawn([TICKS], " \r\r", width)
    _whole([question.text, *(c.label for c in question.options())], drawn.first_menu())


@pytest.mark.parametrize("width", WIDTHS)
def test_issue14_item_5_the_answer_stays_on_screen_wrapped(width: int) -> None:
    question = CATALOG.questions[LONG]
    last_choice = "\x1b[B" * (len(question.options()) - 1)
    drawn = Drawn([LONG], last_choice + "\r" + "Because we asked\r", width)
    printed = drawn.printed.getvalue().splitlines()
    last = question.options()[-1].label
    assert printed[0] == "? 1 of 1 · Design"
    _whole([question.text, f"Your answer: {last}", "Note: Because we asked"], printed)
    assert _fits(printed, width)


def test_issue14_item_5_help_and_definitions_wrap_in_the_menu() -> None:
    question = CATALOG.questions["strengths-not-needs"]
    drawn = Drawn(["strengths-not-needs"], "\x1b[A" * 3 + "\r" + "\x1b[A" * 2 + "\r\r\r", 40)
    printed = drawn.printed.getvalue().splitlines()
    term = CATALOG.glossary["lived-experience"]
    _whole([question.help, f"{term.term}: {term.definition}"], printed)
    assert _fits(printed, 40)


def test_issue14_item_5_a_menu_too_tall_for_the_screen_is_numbered_said_once() -> None:
    typed, out = io.StringIO("1\n1\n"), io.StringIO()
    numbered_lines = PlainPrompter(typed, out, 40)
    questionnaire = Questionnaire(
        CATALOG,
        [CATALOG.questions[LONG], CATALOG.questions["decision-making-stage"]],
        "arnstein",
        {},
        lambda _answers, _targets: None,
        ask_targets=False,
    )
    with create_pipe_input() as pipe:
        pipe.send_text("\r\r")  # the notes, in their text boxes
        pipe.close()
        prompter = MenuPrompter(
            stream=out,
            width=40,
            height=16,  # a short screen: these menus need more lines at 40 columns
            fallback=numbered_lines,
            input=pipe,
            output=DummyOutput(),
        )
        answers = questionnaire.run(prompter)
    shown = " ".join(out.getvalue().split())
    assert shown.count(" ".join(TOO_TALL.split())) == 1
    assert shown.count("Type a number and press Enter.") == 2
    assert answers[LONG].choices == ("not-involved",)
    assert answers["decision-making-stage"].choices[0]
