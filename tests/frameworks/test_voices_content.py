"""Every bundled question can be read by the people who answer it (issue 14, items 1 and 4).

For every questions framework shipped with coprod-check, and for every voice a question has:

- the question has words of its own for people with lived experience;
- every word of its text, help and choice labels is a plain English word or is explained in the
  glossary (the term itself or one of its ``also`` forms);
- its text, and every choice longer than three words, reads easily: Flesch reading ease 70 or
  more (textstat, en_US);
- a question that places an area offers at most six choices, and at most 60 words of them.

Plain English words are the Dale-Chall list of easy words that textstat ships, plus the short
list in tests/data/plain-words.txt of everyday words that list lacks. A word counts as plain when
it, or the word it is made from by a simple ending (-s, -es, -ed, -ing, -er, -est, -ly), is on
either list: "decided" counts as "decide". A word of one syllable is not plain just for being
short: "scribe" and "bid" must be on a list or in the glossary too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache

import pytest
import textstat

from coprod_check.frameworks.load import load_catalog
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Framework, Question
from tests.helpers import DATA

LIVED_EXPERIENCE = "lived-experience"
MOST_CHOICES = 6
MOST_CHOICE_WORDS = 60
EASIEST_READING = 70.0
SHORT_CHOICE_WORDS = 3
"""A choice of this many words or fewer is too short for a reading score to mean anything."""

WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "est", "ly")
CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall"}
"""The word before "n't" when it is not simply the word with "n't" taken off."""

VOICES, PLAIN_WORDS, READING, PLACING = "voices", "plain words", "reading", "placing"
NOT_YET_DONE: dict[str, set[str]] = {}
"""Frameworks whose wording is still being brought up to these checks (expected to fail, not
strictly), by check."""


def _plain_list() -> frozenset[str]:
    lines = (DATA / "plain-words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


PLAIN = _plain_list()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _question_frameworks() -> list[Framework]:
    return [item.framework for item in load_catalog().frameworks if item.framework.questions]


def _frameworks(check: str) -> list[object]:
    """One case per bundled questions framework, marked when its wording is not done yet."""
    cases: list[object] = []
    for framework in _question_frameworks():
        marks = []
        if check in NOT_YET_DONE.get(framework.id, set()):
            reason = f"its wording ({check}) is still being written"
            marks.append(pytest.mark.xfail(reason=reason, strict=False))
        cases.append(pytest.param(framework.id, id=framework.id, marks=marks))
    return cases


def _questions(catalog: Catalog, framework_id: str) -> list[Question]:
    item = next(item for item in catalog.frameworks if item.framework.id == framework_id)
    return list(item.framework.questions)


def _wordings(question: Question) -> Iterator[tuple[str, Question]]:
    """The question in each voice it can be read in: its own words, then each voice's."""
    yield "own words", question
    for voice in question.voices:
        yield voice, question.in_voice(voice)


def _pieces(question: Question) -> list[str]:
    return [question.text, question.help, *(choice.label for choice in question.options())]


# -- plain words ------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return [word.lower().replace("\u2019", "'") for word in WORD.findall(text)]


@cache
def _bases(word: str) -> frozenset[str]:
    """The word and the words it may be made from by a simple ending or a contraction."""
    if word.endswith("n't"):
        stem = word[:-3]
        return frozenset({word, CONTRACTIONS.get(stem, stem)})
    for ending in ("'s", "'re", "'ve", "'ll", "'d", "'m", "'"):
        if word.endswith(ending):
            word = word[: -len(ending)]
            break
    bases = {word}
    for ending in ENDINGS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 2:
            continue
        bases |= {stem, stem + "e"}
        if stem.endswith("i"):
            bases.add(stem[:-1] + "y")  # easier, tries, carried, happily
        if len(stem) > 2 and stem[-1] == stem[-2]:
            bases.add(stem[:-1])  # running, planned, bigger
    return frozenset(bases)


def is_plain(word: str) -> bool:
    """Whether a word is on the Dale-Chall list or the project's list, or made from one."""
    return any(
        base in PLAIN or textstat.is_easy_word(base, syllable_threshold=1) for base in _bases(word)
    )


Forms = dict[str, list[tuple[str, ...]]]
"""Every glossary term and ``also`` form as words, by its first word."""


def _glossary_forms(catalog: Catalog) -> Forms:
    forms: Forms = defaultdict(list)
    for term in catalog.glossary.values():
        for form in (term.term, *term.also):
            words = tuple(_tokens(form))
            if words:
                forms[words[0]].append(words)
    return forms


def _matches(word: str, form_word: str) -> bool:
    return word == form_word or form_word in _bases(word)


def _explained(tokens: list[str], forms: Forms) -> list[bool]:
    """For each word, whether it is part of a glossary term found in the text."""
    explained = [False] * len(tokens)
    for start, token in enumerate(tokens):
        starting_here = {form for base in _bases(token) for form in forms.get(base, [])}
        for form in starting_here:
            end = start + len(form)
            if end <= len(tokens) and all(
                _matches(tokens[start + k], word) for k, word in enumerate(form)
            ):
                explained[start:end] = [True] * len(form)
    return explained


def unexplained_words(text: str, forms: Forms) -> list[str]:
    """The words of ``text`` that are neither plain nor in the glossary."""
    tokens = _tokens(text)
    found = []
    for word, explained in zip(tokens, _explained(tokens, forms), strict=True):
        if explained or is_plain(word):
            continue
        parts = [part for part in word.split("-") if part]
        if len(parts) > 1 and all(is_plain(part) or _explained([part], forms)[0] for part in parts):
            continue
        found.append(word)
    return found


# -- the checks -------------------------------------------------------------------------------


@pytest.mark.parametrize("framework_id", _frameworks(VOICES))
def test_issue14_every_question_has_words_for_people_with_lived_experience(
    catalog: Catalog, framework_id: str
) -> None:
    missing = [  # every question they are asked: a funders' self-check is not theirs
        question.id
        for question in _questions(catalog, framework_id)
        if catalog.asks(question, LIVED_EXPERIENCE)
        and (
            question.voices.get(LIVED_EXPERIENCE) is None
            or question.voices[LIVED_EXPERIENCE].text is None
        )
    ]
    assert missing == []


@pytest.mark.parametrize("framework_id", _frameworks(PLAIN_WORDS))
def test_issue14_every_word_is_plain_or_in_the_glossary(
    catalog: Catalog, framework_id: str
) -> None:
    forms = _glossary_forms(catalog)
    unexplained = {
        (question.id, voice, word)
        for question in _questions(catalog, framework_id)
        for voice, wording in _wordings(question)
        for piece in _pieces(wording)
        for word in unexplained_words(piece, forms)
    }
    assert sorted(unexplained) == []


@pytest.mark.parametrize("framework_id", _frameworks(READING))
def test_issue14_questions_and_choices_read_easily(catalog: Catalog, framework_id: str) -> None:
    textstat.set_lang("en_US")
    hard = []
    for question in _questions(catalog, framework_id):
        for voice, wording in _wordings(question):
            pieces = [wording.text] + [
                choice.label
                for choice in wording.options()
                if len(choice.label.split()) > SHORT_CHOICE_WORDS
            ]
            hard += [
                (question.id, voice, piece, textstat.flesch_reading_ease(piece))
                for piece in pieces
                if textstat.flesch_reading_ease(piece) < EASIEST_READING
            ]
    assert hard == []


@pytest.mark.parametrize("framework_id", _frameworks(PLACING))
def test_issue14_placing_questions_have_few_short_choices(
    catalog: Catalog, framework_id: str
) -> None:
    too_long = []
    for question in _questions(catalog, framework_id):
        if question.places is None:
            continue
        for voice, wording in _wordings(question):
            labels = [choice.label for choice in wording.options()]
            words = sum(len(label.split()) for label in labels)
            if len(labels) > MOST_CHOICES or words > MOST_CHOICE_WORDS:
                too_long.append((question.id, voice, len(labels), words))
    assert too_long == []


# -- the checker itself -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "plain"),
    [
        ("decided", True),  # decide
        ("planning", True),  # plan, doubled
        ("easier", True),  # easy
        ("don't", True),  # do
        ("can't", True),  # can
        ("people's", True),
        ("scribe", False),  # one syllable, and still not plain
        ("governance", False),
    ],
)
def test_plain_words_allow_simple_endings_only(word: str, plain: bool) -> None:
    assert is_plain(word) is plain


def test_a_glossary_term_of_several_words_explains_each_of_them(catalog: Catalog) -> None:
    forms = _glossary_forms(catalog)
    assert unexplained_words("People with lived experience share power.", forms) == []
    assert unexplained_words("A scribe wrote it down.", {}) == ["scribe"]


def test_the_plain_list_holds_no_glossary_term(catalog: Catalog) -> None:
    """A term the glossary explains is one a participant may not know, so it is not plain. (Its
    ``also`` forms may be everyday words, such as "staff" for practitioner.)"""
    terms = {" ".join(_tokens(term.term)) for term in catalog.glossary.values()}
    assert sorted(PLAIN & terms) == []
