"""The questionnaire loop, driven directly: numbered plain prompts and arrow-key menus.

Both prompters are fed their keys up front (plain lines through a StringIO, menu keys through a
prompt_toolkit pipe), so every test runs in a few milliseconds without a terminal.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import msgspec
import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from coprod_check.ask.plain import PlainPrompter
from coprod_check.ask.questionnaire import MenuPrompter, Questionnaire
from coprod_check.model.answers import Answer
from tests.helpers import bundled_catalog

CATALOG = bundled_catalog()

SINGLE = "strengths-not-needs"  # 4 choices; uses the term "lived experience"
MULTIPLE = "what-people-gain"  # 5 choices; the last, "not-sure", goes on its own
YES_NO = "same-papers"
SCALE = "equal-say"
TEXT = "do-differently"  # uses no glossary terms
MONEY = "time-and-money-set-aside"
FUNDER = "ask-funder-for-resources"  # asked only when MONEY is "left-over" or "none"


def _label(question_id: str, choice_id: str) -> str:
    """A choice's label in the question's own words."""
    return next(c.label for c in CATALOG.questions[question_id].options() if c.id == choice_id)


DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"


def _questionnaire(
    ids: Sequence[str], answers: dict[str, Answer] | None, saved: list[dict[str, Answer]]
) -> Questionnaire:
    return Questionnaire(
        CATALOG,
        [CATALOG.questions[question_id] for question_id in ids],
        "arnstein",
        dict(answers or {}),
        lambda so_far, _targets: saved.append(dict(so_far)),
    )


def _flat(text: str) -> str:
    """The text with every run of white space made one space, so wrapping does not matter."""
    return " ".join(text.split())


# -- numbered plain prompts ----------------------------------------------------------------------


class EchoStdin(io.StringIO):
    """Typed lines, echoed to the output as a terminal would, so transcripts read as on screen."""

    def __init__(self, typed: str, echo: io.StringIO) -> None:
        super().__init__(typed)
        self.echo = echo

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        line = super().readline(size)
        self.echo.write(line)
        return line


class Plain:
    """One run of the plain questionnaire: what came back, what was saved, what was shown."""

    def __init__(
        self,
        ids: Sequence[str],
        typed: str,
        *,
        answers: dict[str, Answer] | None = None,
        start: int | None = None,
        width: int = 40,
    ) -> None:
        self.saved: list[dict[str, Answer]] = []
        self.stdout = io.StringIO()
        self.questionnaire = _questionnaire(ids, answers, self.saved)
        self.prompter = PlainPrompter(EchoStdin(typed, self.stdout), self.stdout, width=width)
        self.start = start

    def run(self) -> dict[str, Answer]:
        return self.questionnaire.run(self.prompter, self.start)

    @property
    def out(self) -> str:
        return self.stdout.getvalue()

    @property
    def flat(self) -> str:
        return _flat(self.out)


def plain(
    ids: Sequence[str],
    typed: str,
    *,
    answers: dict[str, Answer] | None = None,
    start: int | None = None,
) -> tuple[dict[str, Answer], Plain]:
    session = Plain(ids, typed, answers=answers, start=start)
    return session.run(), session


def test_plain_single_choice() -> None:
    answers, session = plain([SINGLE], "2\n\n")
    assert answers == {SINGLE: Answer(question=SINGLE, choices=("mixed",))}
    assert "1 of 1 · Equality" in session.out
    assert "How do you see what people with lived experience bring?" in session.flat
    assert f"1. {_label(SINGLE, 'strengths')}" in session.flat
    assert "Type a number and press Enter." in session.flat


def test_plain_multiple_choice_numbers_separated_by_spaces() -> None:
    answers, session = plain([MULTIPLE], "1 3\n\n")
    assert answers[MULTIPLE].choices == ("confidence", "connections")
    assert "Type the numbers of all that apply, separated by spaces" in session.flat


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2 4", ("skills", "work")),
        ("2,4", ("skills", "work")),
        ("  4   2  ", ("work", "skills")),
        ("2 2 2", ("skills",)),
    ],
)
def test_plain_multiple_choice_forms(typed: str, expected: tuple[str, ...]) -> None:
    answers, _ = plain([MULTIPLE], f"{typed}\n\n")
    assert answers[MULTIPLE].choices == expected


def test_plain_yes_no() -> None:
    answers, session = plain([YES_NO], "2\n\n")
    assert answers[YES_NO].choices == ("no",)
    assert "1. Yes" in session.out
    assert "2. No" in session.out


def test_plain_scale() -> None:
    answers, session = plain([SCALE], "4\n\n")
    assert answers[SCALE].choices == ("agree",)
    assert "1. Strongly disagree" in session.out
    assert "5. Strongly agree" in session.out


def test_plain_text() -> None:
    answers, session = plain([TEXT], "\nMeet in the evening as well\n\n")
    assert answers == {TEXT: Answer(question=TEXT, text="Meet in the evening as well")}
    assert "Type your answer and press Enter." in session.flat
    assert "Type an answer, or h=help" in session.flat  # the empty line was asked again
    assert "w=words" not in session.flat  # no glossary terms here


def test_plain_text_shows_the_answer_so_far() -> None:
    earlier = {TEXT: Answer(question=TEXT, text="Evening meetings")}
    answers, session = plain([TEXT], "Weekend meetings\n\n", answers=earlier, start=0)
    assert "Your answer so far: Evening meetings" in session.flat
    assert answers[TEXT].text == "Weekend meetings"


@pytest.mark.parametrize("typed", ["h", "H", "help"])
def test_plain_help_shows_the_help_text_and_asks_again(typed: str) -> None:
    answers, session = plain([SINGLE], f"{typed}\n1\n\n")
    assert _flat(CATALOG.questions[SINGLE].help) in session.flat
    assert session.out.count("1 of 1 · Equality") == 2  # asked again after the help
    assert answers[SINGLE].choices == ("strengths",)


@pytest.mark.parametrize("typed", ["w", "words"])
def test_plain_words_shows_the_glossary(typed: str) -> None:
    answers, session = plain([MULTIPLE], f"{typed}\n2\n\n")
    term = CATALOG.glossary["reciprocity"]
    assert _flat(f"{term.term}: {term.definition}") in session.flat
    assert answers[MULTIPLE].choices == ("skills",)


def test_plain_words_for_every_term_of_the_question() -> None:
    _, session = plain([SCALE], "w\n3\n\n")
    for term_id in CATALOG.questions[SCALE].terms:
        assert _flat(CATALOG.glossary[term_id].definition) in session.flat


def test_plain_skip_stores_an_answer_with_no_choices() -> None:
    answers, session = plain([SINGLE, SCALE], "s\n4\n\n")
    assert answers[SINGLE] == Answer(question=SINGLE)
    assert answers[SINGLE].skipped
    assert answers[SCALE].choices == ("agree",)
    assert session.saved[0] == {SINGLE: Answer(question=SINGLE)}
    assert (
        session.out.count("Why did you choose this?") == 1
    )  # no note is asked for a skipped question


def test_plain_skip_keeps_an_earlier_note() -> None:
    earlier = {SINGLE: Answer(question=SINGLE, choices=("mixed",), note="We talked it over.")}
    answers, _ = plain([SINGLE], "s\n", answers=earlier, start=0)
    assert answers[SINGLE] == Answer(question=SINGLE, note="We talked it over.")


def test_plain_back_returns_to_the_previous_question() -> None:
    typed = "2\nfirst thoughts\nb\n3\n\n4\n\n"
    answers, session = plain([SINGLE, SCALE], typed)
    flat = session.flat
    assert "b=back" in flat
    # The first question again, with the answer given marked.
    assert f"2. {_label(SINGLE, 'mixed')} (your answer)" in flat
    assert flat.count("(your answer)") == 1
    assert "Now: first thoughts" in flat
    assert answers == {
        SINGLE: Answer(question=SINGLE, choices=("needs",), note="first thoughts"),
        SCALE: Answer(question=SCALE, choices=("agree",)),
    }
    # The answer, its note, the changed answer (keeping the note), then the second question.
    assert [list(saved) for saved in session.saved] == [
        [SINGLE],
        [SINGLE],
        [SINGLE],
        [SINGLE, SCALE],
    ]


def test_plain_back_is_not_offered_on_the_first_question() -> None:
    answers, session = plain([SINGLE], "b\n1\n\n")
    assert "b=back" not in session.flat
    assert "Type a number from 1 to 4." in session.flat
    assert answers[SINGLE].choices == ("strengths",)


def test_plain_notes_are_kept_with_the_answer_and_enter_keeps_the_old_one() -> None:
    typed = "2\nWe are halfway there, “mostly”.\n4\n\n"
    answers, _ = plain([SINGLE, SCALE], typed)
    assert answers[SINGLE].note == "We are halfway there, “mostly”."
    assert answers[SCALE].note is None

    earlier = {SCALE: Answer(question=SCALE, choices=("agree",), note="Said in the meeting.")}
    answers, session = plain([SCALE], "5\n\n", answers=earlier, start=0)
    assert "4. Agree (your answer)" in session.out
    assert "Now: Said in the meeting." in session.flat
    assert answers[SCALE] == Answer(
        question=SCALE, choices=("strongly-agree",), note="Said in the meeting."
    )

    answers, _ = plain([SCALE], "5\nA new note\n", answers=earlier, start=0)
    assert answers[SCALE].note == "A new note"


def test_issue14_item_5_plain_enter_keeps_the_answer_after_going_back() -> None:
    # Agree, with a note; back from the second question; Enter alone at the first keeps Agree
    # (it used to say "Type a number from the list."), Enter keeps the note; then the second.
    answers, session = plain([SCALE, SINGLE], "4\nSaid in March\nb\n\n\n2\n\n")
    assert answers == {
        SCALE: Answer(question=SCALE, choices=("agree",), note="Said in March"),
        SINGLE: Answer(question=SINGLE, choices=("mixed",)),
    }
    assert "Press Enter alone to keep your answer." in session.flat
    assert "Type a number from the list." not in session.flat


@pytest.mark.parametrize(
    ("question", "earlier"),
    [
        (SCALE, Answer(question=SCALE, choices=("agree",))),
        (MULTIPLE, Answer(question=MULTIPLE, choices=("confidence", "skills"))),
        (TEXT, Answer(question=TEXT, text="Meet in the library")),
    ],
    ids=["single", "multiple", "text"],
)
def test_issue14_item_5_plain_enter_keeps_an_answer_on_resume(
    question: str, earlier: Answer
) -> None:
    answers, session = plain([question], "\n\n", answers={question: earlier}, start=0)
    assert answers == {question: earlier}
    assert "Press Enter alone to keep your answer." in session.flat


def test_issue14_item_5_plain_enter_on_a_skipped_question_asks_for_an_answer() -> None:
    skipped = {SCALE: Answer(question=SCALE)}
    answers, session = plain([SCALE], "\n3\n\n", answers=skipped, start=0)
    assert "Press Enter alone" not in session.flat
    assert "Type a number from the list." in session.flat
    assert answers[SCALE].choices == ("neither",)


def test_plain_invalid_input_asks_again() -> None:
    typed = "9\n0\nx\n-1\n\n1 2\nw x\n2\n\n"
    answers, session = plain([SINGLE], typed)
    flat = session.flat
    assert flat.count("Type a number from 1 to 4.") == 4  # 9, 0, x and -1
    assert "Type a number from the list." in flat  # an empty line
    assert "Type just one number." in flat  # "1 2" and "w x" on a single-choice question
    assert answers[SINGLE].choices == ("mixed",)
    assert len(session.saved) == 1


def test_plain_invalid_number_in_a_multiple_choice_list() -> None:
    answers, session = plain([MULTIPLE], "1 6\n1 two\n1 2\n\n")
    assert session.flat.count("Type a number from 1 to 5.") == 2
    assert answers[MULTIPLE].choices == ("confidence", "skills")


def test_plain_exclusive_none_with_other_numbers_is_refused() -> None:
    answers, session = plain([MULTIPLE], "1 5\n5\n\n")
    assert '"We are not sure they gain anything" goes on its own.' in session.flat
    assert answers[MULTIPLE].choices == ("not-sure",)
    assert len(session.saved) == 1


def test_when_condition_asks_the_follow_up_question() -> None:
    answers, session = plain([MONEY, FUNDER, SCALE], "4\n\n2\n\n4\n\n")
    assert "Have you asked your funder" in session.flat
    assert "2 of 3 · Time and resources" in session.out
    assert answers[MONEY].choices == ("none",)
    assert answers[FUNDER].choices == ("no",)
    assert answers[SCALE].choices == ("agree",)


def test_when_condition_leaves_the_follow_up_question_out() -> None:
    answers, session = plain([MONEY, FUNDER, SCALE], "1\n\n4\n\n")
    assert "Have you asked your funder" not in session.flat
    assert "2 of 2 · Equality" in session.out
    assert set(answers) == {MONEY, SCALE}
    assert [q.id for q in session.questionnaire.applicable()] == [MONEY, SCALE]


def test_changing_an_earlier_answer_drops_the_follow_up_it_no_longer_needs() -> None:
    # Money "none" asks the funder question; going back and choosing a set budget takes it away.
    typed = "4\n\n1\n\nb\nb\n1\n\n4\n\n"
    answers, session = plain([MONEY, FUNDER, SCALE], typed)
    assert set(answers) == {MONEY, SCALE}
    assert answers[MONEY].choices == ("planned-budget",)
    assert FUNDER in session.saved[1]
    assert FUNDER not in session.saved[-1]


def test_save_is_called_after_every_answer_with_the_answers_so_far() -> None:
    typed = "1\n\n2 3\nnote\ns\n4\n\nAn idea\n\n"
    answers, session = plain([SINGLE, MULTIPLE, YES_NO, SCALE, TEXT], typed)
    assert [list(saved) for saved in session.saved] == [
        [SINGLE],
        [SINGLE, MULTIPLE],
        [SINGLE, MULTIPLE],  # again, with its note
        [SINGLE, MULTIPLE, YES_NO],
        [SINGLE, MULTIPLE, YES_NO, SCALE],
        [SINGLE, MULTIPLE, YES_NO, SCALE, TEXT],
    ]
    assert session.saved[1][MULTIPLE] == Answer(
        question=MULTIPLE, choices=("skills", "connections")
    )
    assert session.saved[2][MULTIPLE] == Answer(
        question=MULTIPLE, choices=("skills", "connections"), note="note"
    )
    assert session.saved[-1] == answers


def test_help_words_and_invalid_input_do_not_save() -> None:
    _, session = plain([SINGLE], "h\nw\n7\n1\n\n")
    assert len(session.saved) == 1


def test_eof_raises_after_earlier_answers_were_saved() -> None:
    session = Plain([SINGLE, SCALE, YES_NO], "2\nwhy\n4\n")  # stdin closes at the second note
    with pytest.raises(EOFError):
        session.run()
    assert session.saved[-1] == {  # the answer whose note was never given is kept
        SINGLE: Answer(question=SINGLE, choices=("mixed",), note="why"),
        SCALE: Answer(question=SCALE, choices=("agree",)),
    }
    session = Plain([SINGLE, SCALE, YES_NO], "2\nwhy\n4\n\n")  # closes at the third question
    with pytest.raises(EOFError):
        session.run()
    assert session.saved[-1] == {
        SINGLE: Answer(question=SINGLE, choices=("mixed",), note="why"),
        SCALE: Answer(question=SCALE, choices=("agree",)),
    }


def test_start_resumes_at_the_first_open_question() -> None:
    earlier = {
        SINGLE: Answer(question=SINGLE, choices=("mixed",)),
        MULTIPLE: Answer(question=MULTIPLE),  # skipped: still open
    }
    answers, session = plain([SINGLE, MULTIPLE, SCALE], "2\n\n4\n\n", answers=earlier)
    assert "1 of 3" not in session.out
    assert session.out.lstrip().startswith("2 of 3")
    assert answers[SINGLE].choices == ("mixed",)
    assert answers[MULTIPLE].choices == ("skills",)


# Everything a person can do, at 40 columns: used by the width and colour checks.
EVERYTHING = (
    [SINGLE, MULTIPLE, YES_NO, SCALE, MONEY, FUNDER, TEXT],
    "h\nw\n9\n2\nA note that is quite long, to see it wrap\n"
    "1 5\n1 2\n\n"
    "b\n2 3\n\n"
    "s\n"
    "3\n\n"
    "4\n\n"
    "1\n\n"
    "Meet in the evenings too\n\n",
)


def _transcript() -> str:
    _, session = plain(*EVERYTHING)
    return session.out


def _too_wide(lines: list[str], width: int = 40) -> list[str]:
    """Lines wider than the screen, leaving out what the person typed (echoed after a prompt)."""
    typed = ("Answer: ", "Note: ")
    return [
        line for line in lines if len(line) > width and " " in line and not line.startswith(typed)
    ]


def test_plain_output_fits_40_columns() -> None:
    out = _transcript()
    assert _too_wide(out.splitlines()) == []


def test_plain_output_has_no_escape_sequences() -> None:
    out = _transcript()
    assert "\x1b" not in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)


# -- arrow-key menus (questionary on a prompt_toolkit pipe) --------------------------------------


class Menu:
    """One run of the menu questionnaire with the keys sent up front."""

    def __init__(
        self,
        ids: Sequence[str],
        keys: str,
        *,
        answers: dict[str, Answer] | None = None,
        start: int | None = None,
    ) -> None:
        self.saved: list[dict[str, Answer]] = []
        self.stream = io.StringIO()
        self.questionnaire = _questionnaire(ids, answers, self.saved)
        self.keys = keys
        self.start = start

    def run(self) -> dict[str, Answer]:
        with create_pipe_input() as pipe:
            pipe.send_text(self.keys)
            pipe.close()  # keys that run out end in EOFError rather than a hang
            prompter = MenuPrompter(stream=self.stream, input=pipe, output=DummyOutput())
            return self.questionnaire.run(prompter, self.start)

    @property
    def shown(self) -> str:
        return self.stream.getvalue()


def menu(
    ids: Sequence[str],
    keys: str,
    *,
    answers: dict[str, Answer] | None = None,
    start: int | None = None,
) -> tuple[dict[str, Answer], Menu]:
    session = Menu(ids, keys, answers=answers, start=start)
    return session.run(), session


def test_menu_single_choice() -> None:
    answers, session = menu([SINGLE], DOWN + ENTER + ENTER)
    assert answers == {SINGLE: Answer(question=SINGLE, choices=("mixed",))}
    assert session.saved == [answers]


def test_menu_help_entry_after_the_separator() -> None:
    # Four choices, a separator (skipped by the arrow keys), then Help.
    answers, session = menu([SINGLE], DOWN * 4 + ENTER + ENTER + ENTER)
    assert session.shown.startswith("Help: ")
    assert _flat(CATALOG.questions[SINGLE].help) in _flat(session.shown)
    assert answers[SINGLE].choices == ("strengths",)  # asked again, and the first choice taken


def test_menu_words_entry() -> None:
    answers, session = menu([SINGLE], DOWN * 5 + ENTER + DOWN * 3 + ENTER + ENTER)
    term = CATALOG.glossary["lived-experience"]
    assert _flat(f"{term.term}: {term.definition}") in _flat(session.shown)
    assert answers[SINGLE].choices == ("not-thought",)


def test_menu_skip_entry() -> None:
    # Help, then "What do these words mean?", then "Skip for now".
    answers, session = menu([SINGLE, SCALE], DOWN * 6 + ENTER + DOWN * 3 + ENTER + ENTER)
    assert answers[SINGLE] == Answer(question=SINGLE)
    assert answers[SINGLE].skipped
    assert answers[SCALE].choices == ("agree",)
    assert session.saved[0] == {SINGLE: Answer(question=SINGLE)}


def test_menu_go_back_entry_marks_the_earlier_answer_as_the_default() -> None:
    # Scale: five choices, separator, Help, Words, Skip, Go back.
    keys = DOWN + ENTER + ENTER  # SINGLE: mixed
    keys += DOWN * 9 + ENTER  # SCALE: Go back
    keys += ENTER + ENTER  # SINGLE again: Enter keeps the highlighted earlier answer
    keys += ENTER + ENTER  # SCALE: the first choice
    answers, _ = menu([SINGLE, SCALE], keys)
    assert answers[SINGLE].choices == ("mixed",)
    assert answers[SCALE].choices == ("strongly-disagree",)


def test_menu_checkbox_answer() -> None:
    keys = SPACE + DOWN + SPACE + DOWN + DOWN + SPACE + ENTER + ENTER
    answers, _ = menu([MULTIPLE], keys)
    assert answers[MULTIPLE] == Answer(question=MULTIPLE, choices=("confidence", "skills", "work"))


def test_menu_checkbox_exclusive_choice_is_refused() -> None:
    keys = SPACE + DOWN * 4 + SPACE + ENTER  # "More confidence" with "We are not sure"
    keys += DOWN * 4 + SPACE + ENTER + ENTER  # ticked again: just "We are not sure"
    answers, session = menu([MULTIPLE], keys)
    assert '"We are not sure they gain anything" goes on its own.' in session.shown
    assert answers[MULTIPLE].choices == ("not-sure",)
    assert len(session.saved) == 1


def test_menu_checkbox_with_nothing_ticked_offers_help_and_skip() -> None:
    # Enter with nothing ticked: a menu of Answer the question, Help, Words, Skip.
    keys = ENTER + DOWN + ENTER  # Help
    keys += ENTER + DOWN * 3 + ENTER  # Skip for now
    answers, session = menu([MULTIPLE], keys)
    assert _flat(CATALOG.questions[MULTIPLE].help) in _flat(session.shown)
    assert answers[MULTIPLE] == Answer(question=MULTIPLE)


def test_menu_text_answer() -> None:
    answers, _ = menu([TEXT], "  Meet in the evening too  " + ENTER + ENTER)
    assert answers == {TEXT: Answer(question=TEXT, text="Meet in the evening too")}


def test_menu_empty_text_offers_help_and_skip() -> None:
    keys = ENTER + DOWN + ENTER  # empty: the menu, then Help
    keys += ENTER + DOWN * 2 + ENTER  # empty again: Skip for now (no words for this question)
    answers, session = menu([TEXT], keys)
    assert _flat(CATALOG.questions[TEXT].help) in _flat(session.shown)
    assert answers[TEXT] == Answer(question=TEXT)


def test_menu_note() -> None:
    keys = DOWN + ENTER + "Parents said so, “twice”. 👍" + ENTER
    keys += ENTER + "   " + ENTER  # a note of spaces is no note
    answers, _ = menu([SINGLE, SCALE], keys)
    assert answers[SINGLE].note == "Parents said so, “twice”. 👍"
    assert answers[SCALE].note is None


def test_menu_note_and_answer_start_from_the_earlier_ones() -> None:
    earlier = {SCALE: Answer(question=SCALE, choices=("agree",), note="Said in the meeting.")}
    answers, _ = menu([SCALE], ENTER + ENTER, answers=earlier, start=0)
    assert answers[SCALE] == earlier[SCALE]


def test_menu_ctrl_c_raises_after_earlier_answers_were_saved() -> None:
    session = Menu([SINGLE, SCALE], DOWN + ENTER + "why" + ENTER + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        session.run()
    assert session.saved[-1] == {SINGLE: Answer(question=SINGLE, choices=("mixed",), note="why")}


def test_an_answer_is_saved_before_its_note_is_asked() -> None:
    # Issue 11, item 3: Ctrl-C (menus) or the end of input (plain lines) at the note prompt lost
    # the answer just chosen.
    chosen = {SINGLE: Answer(question=SINGLE, choices=("mixed",))}
    session = Menu([SINGLE, SCALE], DOWN + ENTER + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        session.run()
    assert session.saved == [chosen]
    plain_session = Plain([SINGLE, SCALE], "2\n")
    with pytest.raises(EOFError):
        plain_session.run()
    assert plain_session.saved == [chosen]


def test_a_changed_answer_keeps_its_note_when_stopped_at_the_note() -> None:
    earlier = {SINGLE: Answer(question=SINGLE, choices=("mixed",), note="Said in May.")}
    session = Plain([SINGLE, SCALE], "1\n", answers=earlier, start=0)
    with pytest.raises(EOFError):
        session.run()
    assert session.saved == [
        {SINGLE: Answer(question=SINGLE, choices=("strengths",), note="Said in May.")}
    ]


def test_menu_keys_running_out_raise_eof() -> None:
    session = Menu([SINGLE, SCALE], DOWN + ENTER + ENTER)
    with pytest.raises(EOFError):
        session.run()
    assert len(session.saved) == 1


def test_item_7_framework_text_never_acts_on_the_terminal() -> None:
    """A framework of someone else's can carry ESC, C1 and bidi controls in any text: the
    questionnaire shows each as U+FFFD, in the question, its choices, its help and its words."""
    hostile = "\x1b[2J\x1b]0;title\x07\x9b31m\u202e"
    question = CATALOG.questions[SINGLE]
    poisoned = msgspec.structs.replace(
        question,
        text=question.text + hostile,
        help=(question.help or "") + hostile,
        choices=[msgspec.structs.replace(c, label=c.label + hostile) for c in question.choices],
    )
    saved: list[dict[str, Answer]] = []
    stdout = io.StringIO()
    questionnaire = Questionnaire(
        CATALOG, [poisoned], "arnstein", {}, lambda so_far, _targets: saved.append(so_far)
    )
    prompter = PlainPrompter(EchoStdin("h\nw\n1\n\n", stdout), stdout, width=80)
    answers = questionnaire.run(prompter)
    assert answers[SINGLE].choices == (question.choices[0].id,)
    shown = stdout.getvalue()
    assert "\ufffd" in shown
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)
