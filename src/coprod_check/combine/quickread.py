"""Reading results files quickly, for combining thousands of them.

Results files that coprod-check writes always have the same layout (``results.to_toml``): the same
tables and keys in the same order, one key on a line, strings without escapes unless they hold
quotes, backslashes or control characters. A few regular expressions, which run at the speed of C,
pick out what combining needs from that layout about three times as fast as a TOML parser does.

They are strict: every character of the file must be accounted for by the layout, or the file is
not read this way (:func:`read_quickly` gives None) and goes through the TOML parser, ``rtoml``,
and :func:`results.from_data` instead, which read anything valid and explain anything broken. So
this is never the only way a file is read, only the quick way for the files that fit; the tests
check that both ways give the same for any results file coprod-check can write.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter

from coprod_check.combine.tally import OVERALL, Response

_CHARACTERS = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'
"""What a TOML string holds as it is, without escapes (a string with any is left to the parser)."""
_TEXT = rf'"{_CHARACTERS}*"'
_TEXT_IN = rf'"({_CHARACTERS}+)"'
"""A string that is kept. Not empty, so that an empty group always means "not there"."""
_KEY = r"([A-Za-z0-9_-]+)"
_BOOL = r"(true|false)"
_FLOAT = r"(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:e[+-]?[0-9]+)?|e[+-]?[0-9]+))"
"""A float as TOML writes it (with a point or an exponent), and as Python's float() reads it."""
_INT = r"(0|[1-9][0-9]*)"
_WHOLE = r"-?(?:0|[1-9][0-9]*)"
"""A whole number, perhaps below 0, not kept."""
_TEXTS = rf"(\[\]|\[\n(?:    {_TEXT},\n)+\])"
"""An array of strings, one on a line (or none)."""

_HEAD = re.compile(
    rf"""schema = "coprod-check/result/1"
complete = {_BOOL}

\[meta\]
project = {_TEXT_IN}
pathway = {_TEXT}
created = {_TEXT_IN}
updated = {_TEXT_IN}
tool = {_TEXT}
(?:respondent = {_TEXT_IN}
)?(?:role = {_TEXT_IN}
)?frameworks = (\[\]|\[
(?:    \{{ id = {_TEXT}, version = {_TEXT} \}},
)+\])
"""
)
_FRAMEWORK = re.compile(rf'\{{ id = "({_CHARACTERS}*)", version = "({_CHARACTERS}*)" \}}')

_ANSWER = re.compile(
    rf"""
\[answers\.{_KEY}\]
(?:choice = {_TEXT_IN}|choices = {_TEXTS}|text = "({_CHARACTERS}*)"|skipped = true)
(?:note = {_TEXT}
)?|([\s\S]+)"""
)
"""One answer's table: its question, choice, choices and text. The last group takes whatever
does not fit, to the end, which makes the file not fit: one match for all of it, so a big file
that does not fit costs no more than one that does."""

_TARGET = re.compile(rf"{_KEY} = {_TEXT}\n|([\s\S]+)")
"""One line of the ``[targets]`` table: an area and the stage set for it. The last group takes
whatever does not fit, to the end, which makes the file not fit."""

_RESULTS = re.compile(
    rf"""
\[results\]
pathway = {_TEXT_IN}
recommendations = {_TEXTS}
(rules = \[\]
)?"""
)
"""The ``[results]`` table's own keys; ``rules`` is there (empty) only when no rule held."""
_PLACEMENT = rf"""status = {_TEXT_IN}
(?:stage = {_TEXT_IN}
)?(?:claimed = {_TEXT_IN}
)?provisional = {_BOOL}
coverage = {_FLOAT}
held_back_by = {_TEXTS}
(?:low = {_TEXT}
)?(?:high = {_TEXT}
)?(?:target = {_TEXT_IN}
)?(?:gap = {_WHOLE}
)?(?:contested = {_BOOL}
)?"""
_SCORE = rf"""(?:score = {_FLOAT}
)?answered = {_INT}
total = {_INT}
provisional = {_BOOL}
"""
_PLACEMENT_TABLE = re.compile(
    rf"""
\[results\.(?:overall|areas\.{_KEY})\]
{_PLACEMENT}|([\s\S]+)"""
)
"""A placement's table: its area (empty for ``overall``), status, stage, claimed stage, whether
it is provisional, coverage, guardrails, target and whether it is contested (the gap is worked
out again); the last group takes whatever does not fit, to the end, which makes the file not
fit."""
_SCORE_TABLE = re.compile(
    rf"""
\[results\.scores\.{_KEY}\]
{_SCORE}|([\s\S]+)"""
)
"""A score's table: its dimension, score, questions answered and counted, and whether it is
provisional; the last group takes whatever does not fit, to the end, which makes the file not
fit."""

_RULE_TABLE = re.compile(
    rf"""
\[\[results\.rules\]\]
id = {_TEXT_IN}
severity = {_TEXT_IN}
effect = {_TEXT_IN}
(?:highest = {_TEXT_IN}
)?areas = {_TEXTS}
lowered = {_TEXTS}
below_target = {_TEXTS}
answers = {_TEXTS}
(?:raised_for = (?:0|[1-9][0-9]*)
)?|([\s\S]+)"""
)
"""A rule that held: its id, severity, effect, the highest stage it allows, the areas it is
about, lowered and kept below their target, and the questions behind it; the last group takes
whatever does not fit, to the end, which makes the file not fit."""
_CONTESTED = "\n[results.contested]\n"
_CONTESTED_AREA = re.compile(rf"{_KEY} = {_TEXTS}\n|([\s\S]+)")
"""One line of the ``[results.contested]`` table: an area and the consistency checks it failed;
the last group takes whatever does not fit, to the end, which makes the file not fit."""

_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_THIRD = itemgetter(2)
_FOURTH = itemgetter(3)
_LAST = itemgetter(-1)
_COUNT_TEXTS = itemgetter(2, 3, 4)


def read_quickly(text: str) -> Response | None:
    """What combining needs from a results file in the layout coprod-check writes, or None when
    the file does not fit that layout exactly (it is then read the ordinary way).

    Scores come as the text of their numbers (see :func:`tally.number`); most of the rest
    is picked out by C code (``map`` and ``itemgetter``), not by Python loops."""
    head = _HEAD.match(text)
    start = text.find("\n\n[results]\n")
    if head is None or start < 0:
        return None
    targets = _after(text, "\n\n[targets]\n", head.end() - 1, start + 1)
    answers = _ANSWER.findall(text, head.end(), targets)
    aimed = _TARGET.findall(text, targets + len("\n[targets]\n"), start + 1)
    results = _RESULTS.match(text, start + 1)
    if results is None:
        return None
    # The tables of [results], each kind in its own stretch of the text, in this order.
    contested = _after(text, "\n\n[results.contested]\n", results.end() - 1, len(text))
    rules = _after(text, "\n\n[[results.rules]]\n", results.end() - 1, contested)
    split = _after(text, "\n\n[results.scores.", results.end() - 1, rules)
    placed = _PLACEMENT_TABLE.findall(text, results.end(), split)
    scored = _SCORE_TABLE.findall(text, split, rules)
    ruled = _RULE_TABLE.findall(text, rules, contested)
    disputed = _CONTESTED_AREA.findall(text, contested + len(_CONTESTED))
    if (
        any(map(_LAST, answers))
        or any(map(_LAST, aimed))
        or any(map(_LAST, placed))
        or any(map(_LAST, scored))
        or any(map(_LAST, ruled))
        or any(map(_LAST, disputed))
    ):
        return None  # something that is not part of the layout
    questions = list(map(_FIRST, answers))
    dimensions = list(map(_FIRST, scored))
    placements = [
        (
            area or OVERALL,
            status,
            stage or None,
            claimed or None,
            provisional == "true",
            float(coverage),
            _texts(held),
            aim or None,
            contest == "true",
        )
        for area, status, stage, claimed, provisional, coverage, held, aim, contest, _ in placed
    ]
    areas = [placement[0] for placement in placements]
    if (
        not areas
        or areas[0] != OVERALL
        or len(set(areas)) != len(areas)
        or len(set(dimensions)) != len(dimensions)
        or len(set(questions)) != len(questions)
        or not _once(aimed)
        or not _once(disputed)
        or (ruled and results[3])
    ):
        return None  # a table or key missing, out of place or given twice: for the parser
    complete, project, created, updated, respondent, role, frameworks = head.groups()
    return Response(
        pathway=results[1],
        frameworks=tuple(_FRAMEWORK.findall(frameworks)),
        project=project,
        created=created,
        updated=updated,
        respondent=respondent,
        role=role,
        complete=complete == "true",
        placements=placements,
        dimensions=dimensions,
        scores=map(_SECOND, scored),
        counts=map(_COUNT_TEXTS, scored),
        questions=questions,
        choices=map(_SECOND, answers),
        texts=compress(questions, map(_FOURTH, answers)),
        multiple=[(item[0], _texts(item[2])) for item in filter(_THIRD, answers)],
        recommendations=_texts(results[2]),
        rules=[
            (
                rule,
                severity,
                effect,
                highest or None,
                _texts(about),
                _texts(lowered),
                _texts(below),
                _texts(behind),
            )
            for rule, severity, effect, highest, about, lowered, below, behind, _ in ruled
        ],
        contested=[(area, _texts(checks)) for area, checks, _ in disputed],
    )


def _after(text: str, marker: str, start: int, end: int) -> int:
    """Where the table that ``marker`` (a blank line and the table's name) begins, counting from
    its blank line, between ``start`` and ``end``; ``end`` when it is not there."""
    found = text.find(marker, start, end)
    return end if found < 0 else found + 1


def _once(lines: list[tuple[str, ...]]) -> bool:
    """Whether no key is given twice among a table's lines (``findall``'s groups, key first)."""
    keys = list(map(_FIRST, lines))
    return len(set(keys)) == len(keys)


def _texts(array: str) -> tuple[str, ...]:
    """The strings in an array the layout matched: ``[\\n    "a",\\n    "b",\\n]``. No string in
    it can hold a quote, so splitting at the quotes between them is exact."""
    return () if array == "[]" else tuple(array[7:-4].split('",\n    "'))
