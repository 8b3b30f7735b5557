"""Conditions written as data: parsing every documented form, errors, evaluation and walking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from coprod_check.io.yaml_file import load_text
from coprod_check.model.conditions import (
    OVERALL,
    AllOf,
    Answered,
    AnswerIs,
    AnyOf,
    Condition,
    ConditionError,
    Not,
    ScoreCompare,
    StageCompare,
    holds,
    parse,
    walk,
)

# -- parse: every form in docs/frameworks.md -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"answer": "design-timing", "is": "after-decisions"},
            AnswerIs("design-timing", ("after-decisions",)),
        ),
        (
            {"answer": "hear-what-came-of-it", "is": ["rarely", "never"]},
            AnswerIs("hear-what-came-of-it", ("rarely", "never")),
        ),
        (
            {"answer": "delivery-stage", "is_not": "no-role"},
            AnswerIs("delivery-stage", ("no-role",), negated=True),
        ),
        (
            {"answer": "research-stage", "is_not": ["subjects-only", "told-results"]},
            AnswerIs("research-stage", ("subjects-only", "told-results"), negated=True),
        ),
        ({"answered": "research-stage"}, Answered("research-stage")),
        ({"score": "reciprocity", "below": 50}, ScoreCompare("reciprocity", False, 50.0)),
        ({"score": "reciprocity", "at_least": 75}, ScoreCompare("reciprocity", True, 75.0)),
        ({"score": "access", "below": 0}, ScoreCompare("access", False, 0.0)),
        ({"score": "access", "at_least": 100}, ScoreCompare("access", True, 100.0)),
        ({"score": "access", "below": 33.5}, ScoreCompare("access", False, 33.5)),
        (
            {"stage": "design", "below": {"arnstein": "partnership"}},
            StageCompare("design", False, (("arnstein", "partnership"),)),
        ),
        (
            {
                "stage": "overall",
                "at_least": {"arnstein": "partnership", "tlap-ladder": "co-design"},
            },
            StageCompare(
                OVERALL, True, (("arnstein", "partnership"), ("tlap-ladder", "co-design"))
            ),
        ),
        (
            {"all": [{"answered": "a"}, {"score": "b", "below": 10}]},
            AllOf((Answered("a"), ScoreCompare("b", False, 10.0))),
        ),
        ({"any": [{"answered": "a"}]}, AnyOf((Answered("a"),))),
        ({"not": {"answered": "a"}}, Not(Answered("a"))),
    ],
)
def test_parse_each_form(raw: dict[str, Any], expected: Condition) -> None:
    assert parse(raw) == expected


def test_parse_nested() -> None:
    raw = {
        "all": [
            {"any": [{"answer": "q1", "is": ["a", "b"]}, {"not": {"answered": "q2"}}]},
            {
                "not": {
                    "all": [{"score": "s", "at_least": 50}, {"stage": "x", "below": {"p": "s1"}}]
                }
            },
            {"not": {"not": {"answer": "q3", "is_not": "c"}}},
        ]
    }
    assert parse(raw) == AllOf(
        (
            AnyOf((AnswerIs("q1", ("a", "b")), Not(Answered("q2")))),
            Not(AllOf((ScoreCompare("s", True, 50.0), StageCompare("x", False, (("p", "s1"),))))),
            Not(Not(AnswerIs("q3", ("c",), negated=True))),
        )
    )


def test_parse_what_the_yaml_loader_gives() -> None:
    text = """\
when:
  any:
    - {answer: fronting-work, is: [sometimes, often]}
    - all:
        - score: reciprocity
          below: 50
        - stage: overall
          at_least: {arnstein: partnership}
"""
    raw = load_text(text, "when.yaml").data["when"]
    assert parse(raw) == AnyOf(
        (
            AnswerIs("fronting-work", ("sometimes", "often")),
            AllOf(
                (
                    ScoreCompare("reciprocity", False, 50.0),
                    StageCompare("overall", True, (("arnstein", "partnership"),)),
                )
            ),
        )
    )


def test_score_is_stored_as_float() -> None:
    parsed = parse({"score": "x", "below": 50})
    assert isinstance(parsed, ScoreCompare)
    assert type(parsed.value) is float


# -- parse: malformed conditions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "path", "words"),
    [
        # not a mapping
        ("answered: q", (), "must be a mapping"),
        (["answered", "q"], (), "must be a mapping"),
        (None, (), "must be a mapping"),
        ({"not": [{"answered": "q"}]}, ("not",), "must be a mapping"),
        ({"all": ["q"]}, ("all", 0), "must be a mapping"),
        # unknown keys
        ({}, (), "not understood (it has nothing)"),
        ({"question": "q", "is": "a"}, (), "not understood (it has is, question)"),
        ({"answer": "q", "is": "a", "extra": 1}, ("extra",), "unexpected key 'extra'"),
        ({"score": "s", "below": 5, "is": "a"}, ("is",), "unexpected key 'is'"),
        ({"stage": "s", "below": {"p": "x"}, "extra": "y"}, ("extra",), "unexpected key 'extra'"),
        ({"score": "s", "below": 5, "stage": "y"}, ("stage",), "unexpected key 'stage'"),
        ({"all": [{"answered": "q"}], "any": []}, (), "not understood"),
        ({"not": {"answered": "q"}, "extra": 1}, (), "not understood"),
        ({"answered": "q", "is": "a"}, (), "not understood"),
        # is / is_not
        ({"answer": "q", "is": "a", "is_not": "b"}, (), "exactly one of 'is' or 'is_not'"),
        ({"answer": "q"}, (), "exactly one of 'is' or 'is_not'"),
        ({"answer": "q", "is": []}, ("is",), "needs a choice id"),
        ({"answer": "q", "is_not": ["a", 1]}, ("is_not",), "needs a choice id"),
        ({"answer": "q", "is": ""}, ("is",), "needs a choice id"),
        ({"answer": "q", "is": True}, ("is",), "needs a choice id"),
        ({"answer": "", "is": "a"}, ("answer",), "'answer' needs an id"),
        ({"answer": 3, "is": "a"}, ("answer",), "'answer' needs an id"),
        ({"answered": None}, ("answered",), "'answered' needs an id"),
        # scores
        ({"score": "s", "below": 101}, ("below",), "from 0 to 100"),
        ({"score": "s", "at_least": -1}, ("at_least",), "from 0 to 100"),
        ({"score": "s", "below": "50"}, ("below",), "from 0 to 100"),
        ({"score": "s", "below": True}, ("below",), "from 0 to 100"),
        ({"score": "s", "below": None}, ("below",), "from 0 to 100"),
        ({"score": "s", "below": 5, "at_least": 1}, (), "exactly one of 'below' or 'at_least'"),
        ({"score": "s"}, (), "exactly one of 'below' or 'at_least'"),
        ({"score": "", "below": 5}, ("score",), "'score' needs an id"),
        # stages
        ({"stage": "a", "below": "partnership"}, ("below",), "name a stage for each pathway"),
        ({"stage": "a", "at_least": {}}, ("at_least",), "name a stage for each pathway"),
        ({"stage": "a", "below": {"p": 3}}, ("below", "p"), "a stage is given by its id"),
        ({"stage": "a", "below": {"p": ""}}, ("below", "p"), "a stage is given by its id"),
        ({"stage": "a"}, (), "exactly one of 'below' or 'at_least'"),
        ({"stage": None, "below": {"p": "s"}}, ("stage",), "'stage' needs an id"),
        # all / any
        ({"all": []}, ("all",), "'all' needs a list"),
        ({"any": []}, ("any",), "'any' needs a list"),
        ({"all": {"answered": "q"}}, ("all",), "'all' needs a list"),
        ({"any": None}, ("any",), "'any' needs a list"),
    ],
)
def test_malformed(raw: Any, path: tuple[str | int, ...], words: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse(raw)
    assert caught.value.path == path
    assert words in caught.value.message
    assert str(caught.value) == caught.value.message


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        (
            {"all": [{"answered": "q"}, {"any": [{"score": "s", "below": 500}]}]},
            ("all", 1, "any", 0, "below"),
        ),
        ({"not": {"not": {"answer": "q", "is": "a", "nope": 1}}}, ("not", "not", "nope")),
        ({"any": [{"answered": "q"}, {"all": []}]}, ("any", 1, "all")),
        ({"all": [{"not": {"stage": "a", "below": {"p": 1}}}]}, ("all", 0, "not", "below", "p")),
        ({"any": [{"answered": "q"}, 5]}, ("any", 1)),
    ],
)
def test_malformed_nested_paths(raw: Any, path: tuple[str | int, ...]) -> None:
    with pytest.raises(ConditionError) as caught:
        parse(raw)
    assert caught.value.path == path


def test_error_paths_are_relative_to_the_given_prefix() -> None:
    with pytest.raises(ConditionError) as caught:
        parse({"all": [{"answer": "q", "is": []}]}, ("questions", 3, "when"))
    assert caught.value.path == ("questions", 3, "when", "all", 0, "is")


def test_errors_carry_a_hint_naming_the_forms() -> None:
    with pytest.raises(ConditionError) as caught:
        parse({"question": "q"})
    assert "{answer: QUESTION, is: CHOICE}" in caught.value.hint
    with pytest.raises(ConditionError) as caught:
        parse({"score": "s", "below": 200})
    assert "0 to 100" in caught.value.hint


# -- holds -----------------------------------------------------------------------------------------

STAGES = ["manipulation", "consultation", "partnership", "citizen-control"]


@dataclass
class FakeFacts:
    """Answers, scores and placements given directly."""

    answers: dict[str, frozenset[str]] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    placements: dict[str, str] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    pathway: str = "arnstein"
    stages: list[str] = field(default_factory=lambda: list(STAGES))

    def chosen(self, question: str) -> frozenset[str] | None:
        return self.answers.get(question)

    def score(self, dimension: str) -> float | None:
        return self.scores.get(dimension)

    def stage_index(self, area: str) -> int | None:
        placed = self.placements.get(area)
        return self.index_of(placed) if placed is not None else None

    def index_of(self, stage: str) -> int | None:
        return self.stages.index(stage) if stage in self.stages else None

    def target_index(self, area: str) -> int | None:
        aim = self.targets.get(area)
        return self.index_of(aim) if aim is not None else None


def facts(**answers: str | list[str]) -> FakeFacts:
    return FakeFacts(
        answers={
            question.replace("_", "-"): frozenset([chosen] if isinstance(chosen, str) else chosen)
            for question, chosen in answers.items()
        }
    )


def check(raw: dict[str, Any], given: FakeFacts) -> bool:
    return holds(parse(raw), given)


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (None, False),  # skipped or not asked
        (["after-decisions"], True),
        (["early"], False),
        (["not-applicable"], False),
        ([], False),
    ],
)
def test_answer_is(chosen: list[str] | None, expected: bool) -> None:
    given = FakeFacts() if chosen is None else facts(timing=chosen)
    assert check({"answer": "timing", "is": "after-decisions"}, given) is expected


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["a"], True),
        (["c"], True),
        (["a", "d"], True),  # multiple: any of them was chosen
        (["b", "d"], False),
        (["d"], False),
    ],
)
def test_answer_is_with_several_choices(chosen: list[str], expected: bool) -> None:
    assert check({"answer": "q", "is": ["a", "c"]}, facts(q=chosen)) is expected


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (None, False),  # not answered: is_not is false too
        (["a"], False),
        (["b"], True),
        (["b", "d"], True),
        (["b", "a"], False),  # multiple: one of the excluded choices was picked
        (["c"], False),
    ],
)
def test_answer_is_not(chosen: list[str] | None, expected: bool) -> None:
    given = FakeFacts() if chosen is None else facts(q=chosen)
    assert check({"answer": "q", "is_not": ["a", "c"]}, given) is expected


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (None, False),
        (["yes"], True),
        (["no"], True),
        (["a", "b"], True),
        (["not-applicable"], False),  # "does not apply" is not an answer
        ([], False),
    ],
)
def test_answered(chosen: list[str] | None, expected: bool) -> None:
    given = FakeFacts() if chosen is None else facts(q=chosen)
    assert check({"answered": "q"}, given) is expected


@pytest.mark.parametrize(
    ("score", "below", "at_least"),
    [
        (None, False, False),  # unknown score: both comparisons are false
        (0.0, True, False),
        (49.9, True, False),
        (50.0, False, True),
        (100.0, False, True),
    ],
)
def test_score(score: float | None, below: bool, at_least: bool) -> None:
    given = FakeFacts(scores={} if score is None else {"reciprocity": score})
    assert check({"score": "reciprocity", "below": 50}, given) is below
    assert check({"score": "reciprocity", "at_least": 50}, given) is at_least


def test_score_of_another_dimension_is_unknown() -> None:
    given = FakeFacts(scores={"access": 10.0})
    assert check({"score": "reciprocity", "below": 50}, given) is False
    assert check({"not": {"score": "reciprocity", "below": 50}}, given) is True


@pytest.mark.parametrize(
    ("placed", "below", "at_least"),
    [
        ("manipulation", True, False),
        ("consultation", True, False),
        ("partnership", False, True),
        ("citizen-control", False, True),
        (None, False, False),  # not placed
    ],
)
def test_stage(placed: str | None, below: bool, at_least: bool) -> None:
    given = FakeFacts(placements={} if placed is None else {"design": placed})
    target = {"arnstein": "partnership", "tlap-ladder": "co-design"}
    assert check({"stage": "design", "below": target}, given) is below
    assert check({"stage": "design", "at_least": target}, given) is at_least


def test_stage_overall() -> None:
    given = FakeFacts(placements={OVERALL: "consultation", "design": "citizen-control"})
    assert check({"stage": "overall", "below": {"arnstein": "partnership"}}, given) is True
    assert check({"stage": "design", "below": {"arnstein": "partnership"}}, given) is False


def test_stage_uses_the_pathway_in_use() -> None:
    tlap = ["coercion", "informing", "consultation", "co-design", "co-production"]
    given = FakeFacts(placements={"design": "consultation"}, pathway="tlap-ladder", stages=tlap)
    # The arnstein stage is ignored; the tlap-ladder one decides.
    below = {"arnstein": "manipulation", "tlap-ladder": "co-design"}
    assert check({"stage": "design", "below": below}, given) is True
    below["tlap-ladder"] = "informing"
    assert check({"stage": "design", "below": below}, given) is False


def test_stage_without_a_stage_for_the_pathway_in_use_is_false() -> None:
    given = FakeFacts(placements={"design": "manipulation"}, pathway="tlap-ladder")
    assert check({"stage": "design", "below": {"arnstein": "partnership"}}, given) is False
    assert check({"stage": "design", "at_least": {"arnstein": "partnership"}}, given) is False


def test_stage_unknown_to_the_pathway_is_false() -> None:
    given = FakeFacts(placements={"design": "partnership"})
    assert check({"stage": "design", "below": {"arnstein": "no-such-stage"}}, given) is False
    assert check({"stage": "design", "at_least": {"arnstein": "no-such-stage"}}, given) is False


@pytest.mark.parametrize(
    ("a", "b"),
    [(False, False), (False, True), (True, False), (True, True)],
)
def test_all_any_not_truth_tables(a: bool, b: bool) -> None:
    given = facts(**{"a": "yes" if a else "no", "b": "yes" if b else "no"})
    first = {"answer": "a", "is": "yes"}
    second = {"answer": "b", "is": "yes"}
    assert check({"all": [first, second]}, given) is (a and b)
    assert check({"any": [first, second]}, given) is (a or b)
    assert check({"not": first}, given) is (not a)
    assert check({"not": {"not": first}}, given) is a
    assert check({"not": {"all": [first, second]}}, given) is (not (a and b))
    assert check({"all": [{"any": [first, second]}, {"not": second}]}, given) is (
        (a or b) and not b
    )


def test_negation_of_unknown_is_true() -> None:
    # "false while unknown" applies to the comparison itself; negating it makes it true.
    empty = FakeFacts()
    assert check({"not": {"score": "s", "at_least": 50}}, empty) is True
    assert check({"not": {"stage": "design", "below": {"arnstein": "partnership"}}}, empty) is True
    assert check({"not": {"answered": "q"}}, empty) is True


def test_single_item_all_and_any() -> None:
    given = facts(q="a")
    assert check({"all": [{"answered": "q"}]}, given) is True
    assert check({"any": [{"answered": "other"}]}, given) is False


# -- walk ------------------------------------------------------------------------------------------


def test_walk_a_leaf() -> None:
    leaf = Answered("q")
    assert list(walk(leaf)) == [(leaf, ())]
    assert list(walk(leaf, ("questions", 2, "when"))) == [(leaf, ("questions", 2, "when"))]


def test_walk_yields_nested_paths_in_order() -> None:
    raw = {
        "all": [
            {"answered": "q1"},
            {"any": [{"score": "s", "below": 5}, {"not": {"answer": "q2", "is": "a"}}]},
            {"not": {"stage": "design", "at_least": {"arnstein": "partnership"}}},
        ]
    }
    parsed = parse(raw)
    walked = list(walk(parsed, ("when",)))
    assert [path for _, path in walked] == [
        ("when",),
        ("when", "all", 0),
        ("when", "all", 1),
        ("when", "all", 1, "any", 0),
        ("when", "all", 1, "any", 1),
        ("when", "all", 1, "any", 1, "not"),
        ("when", "all", 2),
        ("when", "all", 2, "not"),
    ]
    assert walked[0][0] is parsed
    assert walked[5][0] == AnswerIs("q2", ("a",))
    assert walked[7][0] == StageCompare("design", True, (("arnstein", "partnership"),))


def test_walk_paths_lead_back_to_the_raw_data() -> None:
    raw = {
        "any": [
            {"not": {"all": [{"answered": "q1"}, {"answer": "q2", "is_not": ["x", "y"]}]}},
            {"score": "s", "at_least": 10},
        ]
    }
    for condition, path in walk(parse(raw)):
        node: Any = raw
        for part in path:
            node = node[part]
        assert parse(node) == condition


@pytest.mark.parametrize("chosen", [["not-applicable"], []])
def test_answer_is_not_needs_a_real_answer(chosen: list[str]) -> None:
    assert check({"answer": "q", "is_not": "a"}, facts(q=chosen)) is False


def test_below_a_stage_never_counts_past_the_areas_target() -> None:
    """Advice stops at the target: an area at its target of consultation is not "below
    partnership" for advice, though an area below its target still is."""
    at_target = FakeFacts(placements={"design": "consultation"}, targets={"design": "consultation"})
    assert check({"stage": "design", "below": {"arnstein": "partnership"}}, at_target) is False
    below = FakeFacts(placements={"design": "manipulation"}, targets={"design": "consultation"})
    assert check({"stage": "design", "below": {"arnstein": "partnership"}}, below) is True
    # "at least" is not capped: it asks where the area is, not where it should go.
    assert check({"stage": "design", "at_least": {"arnstein": "partnership"}}, at_target) is False
