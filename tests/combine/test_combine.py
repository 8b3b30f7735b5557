"""Combining many respondents' results: the middle, the range, each role's view and where voices
differ, worked out on respondents whose answers make the right result known by construction."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec
import pytest
import rtoml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coprod_check.combine.combine import combine, combined_result
from coprod_check.combine.quickread import read_quickly
from coprod_check.combine.tally import Gatherer, Gathering
from coprod_check.errors import CoprodError, ManyErrors, UsageError
from coprod_check.files import results
from coprod_check.files.results import FrameworkUsed, Meta, Results, RoleView
from coprod_check.model.answers import Answer
from coprod_check.score.assess import assess
from coprod_check.views.report import build_report
from tests.helpers import bundled_catalog

CATALOG = bundled_catalog()
FRAMEWORKS = tuple(
    FrameworkUsed(id=item.framework.id, version=item.framework.version)
    for item in CATALOG.frameworks
    if item.framework.questions
)
SCORED = [question for question in CATALOG.questions.values() if question.type != "text"]

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def respondent(
    answers: Mapping[str, str | Sequence[str]],
    *,
    role: str | None = "staff",
    name: str | None = "Sam",
    project: str = "Riverside family hub",
    pathway: str = "arnstein",
    frameworks: tuple[FrameworkUsed, ...] = FRAMEWORKS,
    created: str = "2026-05-01T10:00:00Z",
    updated: str | None = None,
    summary: bool = True,
    targets: Mapping[str, str] | None = None,
) -> Results:
    """One respondent's results, scored by coprod-check, as `assess` would save them (with the
    ``targets`` they set, by area)."""
    given = {
        question: Answer(
            question=question, choices=(choice,) if isinstance(choice, str) else tuple(choice)
        )
        for question, choice in answers.items()
    }
    return Results(
        meta=Meta(
            project=project,
            pathway=pathway,
            created=created,
            updated=updated or created,
            respondent=name,
            role=role,
            frameworks=frameworks,
        ),
        answers=given,
        targets=dict(targets or {}),
        complete=True,
        summary=results.summarise(assess(CATALOG, given, pathway, targets=targets))
        if summary
        else None,
    )


def combined_of(*people: Results, threshold: float = 25.0, names: bool = False) -> Results:
    loaded = [(f"{index:02d}.toml", person) for index, person in enumerate(people)]
    return combine(CATALOG, loaded, threshold=threshold, names=names)


def parts(result: Results) -> tuple[results.Summary, results.Combined]:
    assert result.summary is not None
    assert result.combined is not None
    return result.summary, result.combined


# Three people with lived experience say their time is thanked, or paid expenses; three staff
# say it is paid for, or paid expenses. Everyone agrees on how design works and that it is safe
# to speak up. So the roles differ on that one question, by 100 - 40 = 60 points, and on the two
# dimensions it alone scores (reciprocity and recognising contributions), and on nothing else.
LIVED = [
    {
        "recognition-of-time": "thanks-only",
        "design-stage": "asked-staff-decide",
        "safe-to-speak": "agree",
    },
    {
        "recognition-of-time": "thanks-only",
        "design-stage": "asked-staff-decide",
        "safe-to-speak": "agree",
    },
    {
        "recognition-of-time": "expenses-and-thanks",
        "design-stage": "asked-staff-decide",
        "safe-to-speak": "agree",
    },
]
STAFF = [
    {
        "recognition-of-time": "agreed-with-each",
        "design-stage": "asked-staff-decide",
        "safe-to-speak": "agree",
    },
    {
        "recognition-of-time": "agreed-with-each",
        "design-stage": "asked-staff-decide",
        "safe-to-speak": "agree",
    },
    {
        "recognition-of-time": "expenses-and-thanks",
        "design-stage": "asked-staff-decide",
        "safe-to-speak": "agree",
    },
]


def six_voices() -> list[Results]:
    return [
        *(respondent(a, role="lived-experience", name=f"Lived {i}") for i, a in enumerate(LIVED)),
        *(respondent(a, role="staff", name=f"Staff {i}") for i, a in enumerate(STAFF)),
    ]


def test_where_voices_differ_is_known_by_construction() -> None:
    _, combined = parts(combined_of(*six_voices()))
    found = [(item.kind, item.id, item.gap, item.values) for item in combined.differ]
    both = {"lived-experience": 40.0, "staff": 100.0}
    assert found == [
        ("dimension", "reciprocity", 60.0, both),
        ("dimension", "recognise-contributions", 60.0, both),
        ("question", "recognition-of-time", 60.0, both),
    ]


def test_what_everyone_answers_alike_is_not_where_voices_differ() -> None:
    _, combined = parts(combined_of(*six_voices(), threshold=0))
    gaps = {(item.kind, item.id): item.gap for item in combined.differ}
    assert gaps[("question", "safe-to-speak")] == 0.0
    assert gaps[("question", "design-stage")] == 0.0
    _, usual = parts(combined_of(*six_voices()))
    assert {item.id for item in usual.differ}.isdisjoint({"safe-to-speak", "design-stage"})


def test_a_gap_counts_from_the_threshold_up() -> None:
    assert len(parts(combined_of(*six_voices(), threshold=60))[1].differ) == 3
    assert parts(combined_of(*six_voices(), threshold=60.1))[1].differ == []


def test_a_single_role_has_no_one_to_differ_from() -> None:
    staff_only = [respondent(a, role="staff") for a in LIVED + STAFF]
    assert parts(combined_of(*staff_only, threshold=0))[1].differ == []


def test_the_middle_and_the_range_of_scores() -> None:
    summary, _ = parts(combined_of(*six_voices()))
    score = summary.scores["reciprocity"]
    # 40, 40, 60 and 100, 100, 60: the two middle values are 60 and 60.
    assert (score.score, score.low, score.high) == (60.0, 40.0, 100.0)
    assert (score.answered, score.total) == (1, summary.scores["reciprocity"].total)


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_scores() -> None:
    people = [
        respondent({"recognition-of-time": choice})
        for choice in ("nothing", "thanks-only", "expenses-and-thanks", "agreed-with-each")
    ]
    score = parts(combined_of(*people))[0].scores["reciprocity"]
    # 0, 40, 60, 100: the two middle values are 40 and 60.
    assert (score.score, score.low, score.high) == (50.0, 0.0, 100.0)


def test_the_middle_placement_is_the_lower_middle_respondent_with_the_range() -> None:
    stages = [
        "told",
        "asked-staff-decide",
        "design-together",
        "design-together",
        "people-lead",
        "told",
    ]
    people = [respondent({"design-stage": stage}) for stage in stages]
    summary, _ = parts(combined_of(*people))
    design = summary.areas["design"]
    # informing, informing, consultation, partnership, partnership, delegated power
    assert (design.status, design.stage, design.low, design.high) == (
        "placed",
        "consultation",
        "informing",
        "delegated-power",
    )
    assert summary.overall.stage == "consultation"


def test_an_area_placed_by_anyone_is_placed() -> None:
    people = [respondent({"design-stage": "told"}), respondent({}), respondent({})]
    summary, _ = parts(combined_of(*people))
    assert summary.areas["design"].status == "placed"
    assert summary.areas["design"].stage == "informing"
    assert summary.areas["voice"].status == "unanswered"
    assert summary.areas["voice"].stage is None


def test_each_role_is_counted_and_has_its_own_view() -> None:
    people = [
        *six_voices(),
        respondent({"design-stage": "people-lead"}, role=None, name="Someone"),
    ]
    summary, combined = parts(combined_of(*people))
    assert combined.respondents == 7
    assert {role: view.respondents for role, view in combined.roles.items()} == {
        "lived-experience": 3,
        "staff": 3,
        "unknown": 1,
    }
    assert combined.roles["lived-experience"].scores["reciprocity"] == 40.0
    assert combined.roles["staff"].scores["reciprocity"] == 100.0
    assert combined.roles["unknown"].scores["reciprocity"] is None
    assert combined.roles["unknown"].areas["design"] == "delegated-power"
    assert combined.roles["staff"].areas["design"] == "consultation"
    assert summary.areas["design"].high == "delegated-power"


def test_names_are_left_out_unless_asked_for() -> None:
    assert parts(combined_of(*six_voices()))[1].names == []
    named = parts(combined_of(*six_voices(), names=True))[1].names
    assert named == ["Lived 0", "Lived 1", "Lived 2", "Staff 0", "Staff 1", "Staff 2"]


def test_project_and_times_come_from_the_files() -> None:
    people = [
        respondent({}, project="Hub", created="2026-05-02T09:00:00Z"),
        respondent({}, project="Riverside", created="2026-05-01T09:00:00Z"),
        respondent({}, project="Hub", created="2026-05-03T09:00:00Z"),
    ]
    result = combined_of(*people)
    assert result.meta.project == "Hub"
    assert (result.meta.created, result.meta.updated) == (
        "2026-05-01T09:00:00Z",
        "2026-05-03T09:00:00Z",
    )
    assert result.meta.respondent is None
    assert result.meta.role is None
    assert result.answers == {}
    chosen = combine(CATALOG, [("a.toml", people[0])], project="Our own name")
    assert chosen.meta.project == "Our own name"


def test_recommendations_are_ordered_by_how_many_they_were_raised_for() -> None:
    summary, combined = parts(combined_of(*six_voices()))
    counts = [combined.raised[item] for item in summary.recommendations]
    assert counts == sorted(counts, reverse=True)
    assert set(summary.recommendations) == set(combined.raised)
    everyone = {
        item
        for person in six_voices()
        for item in (person.summary.recommendations if person.summary else [])
    }
    assert set(summary.recommendations) == everyone


def _versions(**changed: str) -> tuple[FrameworkUsed, ...]:
    return tuple(
        FrameworkUsed(id=used.id, version=changed.get(used.id.replace("-", "_"), used.version))
        for used in FRAMEWORKS
    )


def test_other_framework_versions_are_left_out_with_the_reason() -> None:
    newer = respondent(LIVED[0], role="lived-experience", frameworks=_versions(five_areas="1.2.0"))
    loaded = [*((f"{i}.toml", p) for i, p in enumerate(six_voices())), ("new.toml", newer)]
    _, combined = parts(combine(CATALOG, loaded))
    assert combined.respondents == 6
    assert combined.files == 7
    assert [(item.file, item.reason) for item in combined.left_out] == [
        ("new.toml", "made with five-areas 1.2.0; the others used 2.0.0")
    ]


def test_a_missing_framework_is_a_reason_too() -> None:
    fewer = tuple(used for used in FRAMEWORKS if used.id != "scie-principles")
    loaded = [
        ("a.toml", respondent({})),
        ("b.toml", respondent({})),
        ("c.toml", respondent({}, frameworks=fewer)),
    ]
    _, combined = parts(combine(CATALOG, loaded))
    assert [(item.file, item.reason) for item in combined.left_out] == [
        ("c.toml", "made without scie-principles, which the others used")
    ]


def test_another_pathway_is_left_out_with_the_reason() -> None:
    loaded = [
        ("a.toml", respondent({"design-stage": "told"})),
        ("b.toml", respondent({"design-stage": "told"})),
        ("ladder.toml", respondent({"design-stage": "told"}, pathway="tlap-ladder")),
    ]
    result = combine(CATALOG, loaded)
    _, combined = parts(result)
    assert result.meta.pathway == "arnstein"
    assert [(item.file, item.reason) for item in combined.left_out] == [
        ("ladder.toml", "placed on the tlap-ladder pathway; the others on arnstein")
    ]


def test_two_groups_as_large_are_chosen_between_the_same_way_in_any_order() -> None:
    arnstein = ("a.toml", respondent({"design-stage": "told"}))
    ladder = ("b.toml", respondent({"design-stage": "told"}, pathway="tlap-ladder"))
    first = combine(CATALOG, [arnstein, ladder])
    second = combine(CATALOG, [ladder, arnstein])
    assert first.meta.pathway == second.meta.pathway == "arnstein"
    assert results.to_toml(first) == results.to_toml(second)


def test_a_combined_result_cannot_be_combined_again() -> None:
    once = combined_of(*six_voices())
    with pytest.raises(CoprodError) as raised:
        combine(CATALOG, [("combined.toml", once), ("a.toml", respondent({}))])
    assert raised.value.lines()[0] == "combined.toml: this is already a combined result"
    assert "combine the respondents' own files" in str(raised.value)


def test_every_broken_input_is_listed_together() -> None:
    once = combined_of(*six_voices())
    with pytest.raises(ManyErrors) as raised:
        combine(CATALOG, [("one.toml", once), ("two.toml", once)])
    assert [line for line in raised.value.lines() if not line.startswith(" ")] == [
        "one.toml: this is already a combined result",
        "two.toml: this is already a combined result",
    ]


def test_a_pathway_or_stage_that_is_not_loaded_makes_a_result_unusable() -> None:
    person = respondent({"design-stage": "told"})
    assert person.summary is not None
    elsewhere = msgspec.structs.replace(
        person, summary=msgspec.structs.replace(person.summary, pathway="our-own-ladder")
    )
    with pytest.raises(CoprodError) as raised:
        combine(CATALOG, [("elsewhere.toml", elsewhere)])
    assert raised.value.lines() == [
        "elsewhere.toml: this result is placed on the pathway 'our-own-ladder', "
        "which is not loaded",
        "  hint: load the frameworks it was made with (--frameworks-dir)",
    ]
    areas = dict(person.summary.areas)
    areas["design"] = msgspec.structs.replace(areas["design"], stage="top-rung")
    odd = msgspec.structs.replace(
        person, summary=msgspec.structs.replace(person.summary, areas=areas)
    )
    with pytest.raises(CoprodError, match="the stage 'top-rung' is not on the arnstein pathway"):
        combine(CATALOG, [("odd.toml", odd)])


def test_nothing_to_combine_is_refused_clearly() -> None:
    with pytest.raises(UsageError, match="there is nothing to combine"):
        combine(CATALOG, [])


def test_a_result_without_its_conclusions_is_scored_from_its_answers() -> None:
    kept = combined_of(respondent(LIVED[0]), respondent(STAFF[0]))
    worked_out = combined_of(respondent(LIVED[0], summary=False), respondent(STAFF[0]))
    assert results.to_toml(kept) == results.to_toml(worked_out)


def test_the_combined_result_is_a_results_file_that_reads_back_and_reports(tmp_path: Path) -> None:
    result = combined_of(*six_voices(), names=True)
    path = tmp_path / "combined.toml"
    results.write(path, result)
    again = results.read(path)
    assert results.to_toml(again) == results.to_toml(result)
    report = build_report(CATALOG, again)
    assert report.combined is not None
    assert [row.id for row in report.combined.differ][:1] == ["reciprocity"]
    assert report.combined.roles[0].respondents == 3


# Properties: any respondents, any order.

ROLES = [None, *CATALOG.roles]

JUDGED: list[dict[str, str | tuple[str, ...]]] = [
    {"design-timing": "after-decisions"},
    {"design-timing": "not-involved"},
    {"hear-what-came-of-it": "never"},
    {"hear-what-came-of-it": "rarely"},
    {"fronting-work": "often"},
    {"fronting-work": "sometimes"},
    {"recognition-of-time": "nothing"},
    {"recognition-of-time": "thanks-only"},
    {"decision-board-support": "none"},
    {"time-and-money-set-aside": "none"},
    {"time-and-money-set-aside": "left-over"},
    {"same-few-people": "same-few"},
    {"decision-making-stage": "equal-seats", "decision-board-seats": "one"},
    {"decision-making-stage": "own-decisions", "decide-together": "staff-decide-after-asking"},
    {"decision-making-stage": "own-decisions", "staff-have-last-word": "agree"},
    {"design-stage": "people-lead", "design-parts": ("none",)},
    {"research-stage": "whole-process", "research-preparation": ("none",)},
]
"""Answers that make a rule hold (each grade of each guardrail), or contradict a placing answer
(each consistency check): mixed into the respondents below, so that their files hold rules and
contested areas as often as not."""


def test_the_judged_answers_make_rules_hold_and_claims_contested() -> None:
    """A guard on the list above: if the frameworks change, the properties must still see rules."""
    for answers in JUDGED:
        summary = respondent(answers).summary
        assert summary is not None
        assert summary.rules or summary.contested, answers


@st.composite
def respondents(draw: st.DrawFn) -> Results:
    """Any answers to up to 25 questions, some answers that rules and checks look for, and a
    target set for some areas."""
    pathway = CATALOG.pathways[draw(st.sampled_from(sorted(CATALOG.pathways)))]
    questions = draw(st.lists(st.sampled_from(SCORED), unique_by=lambda q: q.id, max_size=25))
    answers: dict[str, str | tuple[str, ...]] = {}
    for question in questions:
        options = [choice.id for choice in question.options()]
        if question.type == "multiple":
            free = [choice.id for choice in question.options() if not choice.exclusive]
            answers[question.id] = tuple(
                draw(st.lists(st.sampled_from(free), unique=True, min_size=1, max_size=3))
            )
        else:
            answers[question.id] = (draw(st.sampled_from(options)),)
    for judged in draw(st.lists(st.sampled_from(JUDGED), max_size=4)):
        answers.update(judged)
    areas = [dimension.id for dimension in CATALOG.dimensions.values() if dimension.kind == "area"]
    stages = [stage.id for stage in pathway.stages]
    targets = draw(st.dictionaries(st.sampled_from(areas), st.sampled_from(stages), max_size=3))
    return respondent(
        answers,
        role=draw(st.sampled_from(ROLES)),
        name=draw(st.sampled_from(["Amira", "Ben", "Chloe", None])),
        project=draw(st.sampled_from(["Hub", "Riverside"])),
        pathway=pathway.id,
        created=f"2026-05-{draw(st.integers(1, 28)):02d}T10:00:00Z",
        targets=targets,
    )


@SETTINGS
@given(people=st.lists(respondents(), min_size=1, max_size=7), data=st.data())
def test_the_order_of_the_files_does_not_matter(people: list[Results], data: st.DataObject) -> None:
    loaded = [(f"{index}.toml", person) for index, person in enumerate(people)]
    shuffled = data.draw(st.permutations(loaded))
    first = combine(CATALOG, loaded, threshold=10, names=True)
    second = combine(CATALOG, shuffled, threshold=10, names=True)
    assert results.to_toml(first) == results.to_toml(second)


@SETTINGS
@given(person=respondents())
def test_combining_one_result_gives_its_own_placements_and_scores(person: Results) -> None:
    assert person.summary is not None
    own = person.summary
    summary, combined = parts(combine(CATALOG, [("one.toml", person)]))
    assert summary.pathway == own.pathway
    assert summary.recommendations == own.recommendations
    assert summary.areas.keys() == own.areas.keys()
    for area, record in [("overall", summary.overall), *summary.areas.items()]:
        mine = own.overall if area == "overall" else own.areas[area]
        same = (
            "status",
            "stage",
            "claimed",
            "provisional",
            "coverage",
            "held_back_by",
            "target",
            "gap",
            "contested",
        )
        assert {key: getattr(record, key) for key in same} == {
            key: getattr(mine, key) for key in same
        }, area
        assert (record.low, record.high) == (record.stage, record.stage)
    assert summary.scores.keys() == own.scores.keys()
    for dimension, score in summary.scores.items():
        mine_score = own.scores[dimension]
        assert (score.score, score.answered, score.total, score.provisional) == (
            mine_score.score,
            mine_score.answered,
            mine_score.total,
            mine_score.provisional,
        ), dimension
        assert (score.low, score.high) == (score.score, score.score)
    role = person.meta.role or "unknown"
    assert combined.roles == {
        role: RoleView(
            respondents=1,
            areas={area: record.stage for area, record in own.areas.items()},
            overall=own.overall.stage,
            scores={dimension: score.score for dimension, score in own.scores.items()},
        )
    }
    assert combined.differ == []
    assert sorted(map(_rule_as_sets, summary.rules)) == sorted(
        _rule_as_sets(msgspec.structs.replace(rule, raised_for=1)) for rule in own.rules
    )
    assert {area: set(checks) for area, checks in summary.contested.items()} == {
        area: set(checks) for area, checks in own.contested.items()
    }


def _rule_as_sets(rule: results.RuleRecord) -> tuple[object, ...]:
    """A rule that held, with its lists as sets (a combined result puts them in the frameworks'
    order)."""
    lists = (rule.areas, rule.lowered, rule.below_target, rule.answers)
    return (rule.id, rule.severity, rule.effect, rule.highest, rule.raised_for, *map(sorted, lists))


TYPED = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)
"""Anything a person might type: quotes, backslashes, new lines, any script; no lone surrogates."""
TEXT_QUESTIONS = [question.id for question in CATALOG.questions.values() if question.type == "text"]


@st.composite
def written(draw: st.DrawFn) -> Results:
    """A respondent's results with whatever people type in the names, notes and text answers."""
    person = draw(respondents())
    answers = {
        question: msgspec.structs.replace(answer, note=draw(st.none() | TYPED))
        for question, answer in person.answers.items()
    }
    for question in draw(st.lists(st.sampled_from(TEXT_QUESTIONS), unique=True)):
        answers[question] = Answer(question=question, text=draw(TYPED) or "Meet more often.")
    meta = msgspec.structs.replace(
        person.meta, project=draw(TYPED), respondent=draw(st.none() | TYPED)
    )
    return msgspec.structs.replace(person, meta=meta, answers=answers)


def _every_way(people: Sequence[Results]) -> list[str]:
    """The combined result of the people's files read each way: quickly, parsed, and in full."""
    gatherer = Gatherer(CATALOG)
    quick, parsed, full = Gathering(), Gathering(), Gathering()
    for index, person in enumerate(people):
        name, text = f"{index}.toml", results.to_toml(person)
        response = read_quickly(text)
        if response is None:
            gatherer.add_data(quick, name, rtoml.loads(text), text)
        else:
            gatherer.count(quick, name, response)
        gatherer.add_data(parsed, name, rtoml.loads(text), text)
        gatherer.add(full, name, person)
    options: dict[str, Any] = {"threshold": 10.0, "names": True, "project": None}
    return [
        results.to_toml(combined_result(CATALOG, gathering, **options))
        for gathering in (quick, parsed, full)
    ]


@SETTINGS
@given(people=st.lists(written(), min_size=1, max_size=5))
def test_every_way_of_reading_a_file_gives_the_same(people: list[Results]) -> None:
    quick, parsed, full = _every_way(people)
    assert quick == parsed == full


@SETTINGS
@given(person=respondents())
def test_files_as_coprod_check_writes_them_are_read_quickly(person: Results) -> None:
    assume(person.answers)  # with none, the file has an empty [answers] table: left to the parser
    response = read_quickly(results.to_toml(person))
    assert response is not None
    assert person.summary is not None
    assert response.pathway == person.summary.pathway
    assert list(response.recommendations) == person.summary.recommendations
    assert [(area, aim, contested) for area, *_, aim, contested in response.placements] == [
        (area, record.target, record.contested)
        for area, record in [("overall", person.summary.overall), *person.summary.areas.items()]
    ]
    assert [rule[0] for rule in response.rules] == [rule.id for rule in person.summary.rules]
    assert dict(response.contested) == {
        area: tuple(checks) for area, checks in person.summary.contested.items()
    }


def _layout() -> str:
    """A file with every part of the layout: answers, targets, placements with their targets,
    scores, rules that held, and a contested area."""
    answers = {**STAFF[0], **JUDGED[0], **JUDGED[12]}
    person = respondent(answers, name="Dev", targets={"design": "placation", "voice": "informing"})
    text = results.to_toml(person)
    for part in ("\n[targets]\n", "\ngap = ", "\n[[results.rules]]\n", "\n[results.contested]\n"):
        assert part in text
    return text


def _swap(text: str, first: str, second: str) -> str:
    """The text with two of its tables (each from its name to the next blank line) swapped."""
    one = text[text.index(first) :].split("\n\n", 1)[0]
    two = text[text.index(second) :].split("\n\n", 1)[0]
    return text.replace(one, "\0").replace(two, one).replace("\0", two)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda text: text.replace("\n", "\r\n"), "Windows line endings"),
        (lambda text: text.replace("[meta]\n", "[meta]\n# who answered\n"), "a comment"),
        (lambda text: text.replace("complete = true", "complete  =  true"), "other spacing"),
        (lambda text: text + "\n[combined]\nrespondents = 1\n", "a combined result"),
        (lambda text: text.rstrip("\n"), "no new line at the end"),
        (lambda text: text.replace('role = "staff"', 'role = "st\\u0061ff"'), "an escape"),
        (lambda text: text.replace("answered = 1\n", "answered = 1\nextra = 2\n", 1), "a key"),
        (
            lambda text: text.replace("[answers.safe-to-speak]", "[answers.design-stage]"),
            "a table twice",
        ),
        (lambda text: text.replace("schema = ", "schema=", 1), "the schema"),
        (
            lambda text: text.replace('voice = "informing"', 'design = "informing"'),
            "a target twice",
        ),
        (
            lambda text: _swap(text, "[targets]", "[answers.safe-to-speak]"),
            "targets in the answers",
        ),
        (
            lambda text: text.replace("recommendations = [", "rules = []\nrecommendations = [", 1),
            "keys out of order",
        ),
        (
            lambda text: text.replace("\n\n[results.overall]", "\nrules = []\n\n[results.overall]"),
            "rules both empty and not",
        ),
        (lambda text: text.replace("gap = ", "gap = +", 1), "a plus sign"),
        (lambda text: text.replace("contested = false", "contested = 0", 1), "a number for a flag"),
        (
            lambda text: text.replace("\nhighest = ", "\nhigh = ", 1),
            "a rule's key",
        ),
        (
            lambda text: text.replace(
                "\n[[results.rules]]\n", "\n[[results.rules]]\nnote = 1\n", 1
            ),
            "a key in a rule",
        ),
        (lambda text: _swap(text, "[[results.rules]]", "[results.contested]"), "contested first"),
        (
            lambda text: text + 'decision-making = [\n    "one-seat-not-shared-power",\n]\n',
            "a contested area twice",
        ),
        (
            lambda text: text.replace("\n[[results.rules]]\n", "\n[[results.rule]]\n", 1),
            "another table",
        ),
    ],
)
def test_anything_but_the_layout_is_left_to_the_parser(
    change: Callable[[str], str], why: str
) -> None:
    text = _layout()
    assert read_quickly(text) is not None
    changed = change(text)
    assert changed != text, why
    assert read_quickly(changed) is None, why
