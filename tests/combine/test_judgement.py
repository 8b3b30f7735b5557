"""Issue 13: the judgement of many respondents combined (each area's target and gap, contested
placements, and every rule that held), worked out on respondents whose answers make the right
result known by construction."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from coprod_check.errors import CoprodError
from coprod_check.files import results
from coprod_check.files.results import Results, RuleRecord, Summary
from coprod_check.model.assessment import PlacementBrief
from coprod_check.views.report import build_report
from tests.combine.test_combine import CATALOG, combined_of, parts, respondent
from tests.helpers import Run

Runner = Callable[..., Run]

STAGES = [stage.id for stage in CATALOG.pathways["arnstein"].stages]
AREAS = list(CATALOG.dimensions)
EVERY_AREA = ("design", "decision-making", "delivery", "research", "voice")


def own(person: Results) -> Summary:
    assert person.summary is not None
    return person.summary


def placed(person: Results, area: str) -> PlacementBrief:
    return own(person).areas[area]


def gap(target: str, stage: str) -> int:
    return STAGES.index(target) - STAGES.index(stage)


# -- targets and gaps ----------------------------------------------------------------------------


def test_item1_an_areas_target_is_the_lower_middle_of_the_respondents_targets() -> None:
    aims = ["citizen-control", "consultation", "delegated-power", "partnership"]
    people = [respondent({"design-stage": "told"}, targets={"design": aim}) for aim in aims]
    assert [placed(person, "design").target for person in people] == aims  # as they set them
    assert {placed(person, "design").stage for person in people} == {"informing"}
    design = parts(combined_of(*people))[0].areas["design"]
    # consultation, partnership, delegated power, citizen control: the lower middle one.
    assert (design.stage, design.target) == ("informing", "partnership")
    assert design.gap == gap("partnership", "informing") == 3


def test_item1_the_gap_is_below_zero_when_the_middle_stage_is_above_the_target() -> None:
    people = [
        respondent({"design-stage": "people-lead"}, targets={"design": "consultation"}),
        respondent({"design-stage": "people-lead"}, targets={"design": "placation"}),
        respondent({"design-stage": "told"}, targets={"design": "consultation"}),
    ]
    assert [placed(person, "design").stage for person in people] == [
        "delegated-power",
        "delegated-power",
        "informing",
    ]
    design = parts(combined_of(*people))[0].areas["design"]
    assert (design.stage, design.target, design.gap) == ("delegated-power", "consultation", -3)


def test_item1_respondents_with_no_target_for_an_area_are_left_out_of_it() -> None:
    people = [
        respondent({"research-stage": "not-applicable"}),
        respondent({"research-stage": "not-applicable"}),
        respondent({"research-stage": "whole-process"}, targets={"research": "placation"}),
    ]
    assert [placed(person, "research").target for person in people] == [None, None, "placation"]
    research = parts(combined_of(*people))[0].areas["research"]
    assert research.target == "placation"
    assert research.gap == gap("placation", placed(people[2], "research").stage or "")


def test_item1_an_area_no_one_placed_has_a_target_and_no_gap() -> None:
    people = [respondent({}, targets={"voice": "placation"}), respondent({})]
    voice = parts(combined_of(*people))[0].areas["voice"]
    # placation and the framework's own target, partnership: the lower middle one.
    assert (voice.status, voice.stage, voice.target, voice.gap) == (
        "unanswered",
        None,
        "placation",
        None,
    )


def test_item1_the_overall_target_is_the_lower_middle_of_the_respondents_overall_targets() -> None:
    people = [
        respondent({"design-stage": "told"}, targets=dict.fromkeys(EVERY_AREA, aim))
        for aim in ("delegated-power", "consultation", "partnership")
    ]
    assert [own(person).overall.target for person in people] == [
        "delegated-power",
        "consultation",
        "partnership",
    ]
    overall = parts(combined_of(*people))[0].overall
    assert (overall.stage, overall.target) == ("informing", "partnership")
    assert overall.gap == gap("partnership", "informing")


def test_item1_with_no_targets_anywhere_there_is_no_target_or_gap() -> None:
    people = [respondent({"research-stage": "not-applicable"}) for _ in range(2)]
    research = parts(combined_of(*people))[0].areas["research"]
    assert (research.status, research.target, research.gap) == ("not-applicable", None, None)


# -- contested placements ------------------------------------------------------------------------

# Claims that people share decisions, contradicted by one board seat and by staff deciding; by
# staff deciding alone; and the same claim with nothing against it.
ONE_SEAT_AND_STAFF_DECIDE = {
    "decision-making-stage": "equal-seats",
    "decision-board-seats": "one",
    "decide-together": "staff-decide-and-tell",
}
STAFF_DECIDE = {"decision-making-stage": "equal-seats", "decide-together": "staff-decide-and-tell"}
UNCONTESTED = {"decision-making-stage": "equal-seats"}


def test_item3_a_placement_is_contested_when_at_least_half_the_respondents_had_it_so() -> None:
    people = [
        respondent(ONE_SEAT_AND_STAFF_DECIDE),
        respondent(STAFF_DECIDE),
        respondent(UNCONTESTED),
        respondent(UNCONTESTED),
    ]
    assert [placed(person, "decision-making").contested for person in people] == [
        True,
        True,
        False,
        False,
    ]
    assert own(people[0]).contested == {
        "decision-making": ["one-seat-not-shared-power", "staff-decide-not-shared-power"]
    }
    summary, _ = parts(combined_of(*people))
    assert summary.areas["decision-making"].contested is True  # two of four
    # The checks their answers failed, the most often failed first.
    assert summary.contested == {
        "decision-making": ["staff-decide-not-shared-power", "one-seat-not-shared-power"]
    }
    assert summary.areas["design"].contested is False
    assert summary.overall.contested is False


def test_item3_fewer_than_half_is_not_contested_and_lists_no_checks() -> None:
    people = [
        respondent(ONE_SEAT_AND_STAFF_DECIDE),
        respondent(STAFF_DECIDE),
        *(respondent(UNCONTESTED) for _ in range(3)),
    ]
    summary, _ = parts(combined_of(*people))
    assert summary.areas["decision-making"].contested is False  # two of five
    assert summary.contested == {}


def test_item3_only_respondents_who_placed_the_area_count_towards_contested() -> None:
    people = [respondent(STAFF_DECIDE), respondent({}), respondent({}), respondent({})]
    summary, _ = parts(combined_of(*people))
    decision = summary.areas["decision-making"]
    assert (decision.status, decision.contested) == ("placed", True)  # one of the one who placed it
    assert summary.contested == {"decision-making": ["staff-decide-not-shared-power"]}


# -- rules ---------------------------------------------------------------------------------------

# Four respondents, and the rules that hold for each (checked below, before combining):
#   A: views asked for after decisions (holds back design), people rarely hear back (holds back);
#   B: views after decisions and never hearing back, both below target only; a thank-you (warns);
#   C: no recognition at all (keeps every area below target);
#   D: rarely hearing back (holds back design), a thank-you (warns).
RULED = {
    "A": {
        "design-stage": "design-together",
        "design-timing": "after-decisions",
        "hear-what-came-of-it": "rarely",
    },
    "B": {
        "design-stage": "told",
        "design-timing": "after-decisions",
        "recognition-of-time": "thanks-only",
        "hear-what-came-of-it": "never",
    },
    "C": {"recognition-of-time": "nothing", "voice-stage": "invited-to-speak"},
    "D": {
        "design-stage": "design-together",
        "hear-what-came-of-it": "rarely",
        "recognition-of-time": "thanks-only",
    },
}


def ruled_people() -> list[Results]:
    return [respondent(answers, name=name) for name, answers in RULED.items()]


def _held(person: Results) -> dict[str, tuple[str, str, str | None]]:
    return {rule.id: (rule.severity, rule.effect, rule.highest) for rule in own(person).rules}


def test_item2_the_rules_each_respondent_meets_are_as_the_combined_tests_expect() -> None:
    a, b, c, d = ruled_people()
    assert _held(a) == {
        "views-after-decisions": ("holds-back", "holds-back", "consultation"),
        "no-feedback": ("holds-back", "holds-back", "placation"),
    }
    assert _held(b) == {
        "views-after-decisions": ("holds-back", "below-target", "consultation"),
        "no-feedback": ("holds-back", "below-target", "consultation"),
        "no-recognition": ("warns", "warns", None),
    }
    assert _held(c) == {"no-recognition": ("holds-back", "below-target", "placation")}
    assert _held(d) == {
        "no-feedback": ("holds-back", "holds-back", "placation"),
        "no-recognition": ("warns", "warns", None),
    }


def test_item2_every_rule_that_held_for_anyone_is_combined_once() -> None:
    summary, combined = parts(combined_of(*ruled_people()))
    assert combined.respondents == 4
    assert summary.rules == [
        # Holding back first; of those, the one that held for more respondents.
        RuleRecord(
            id="no-feedback",
            severity="holds-back",
            effect="holds-back",
            highest="consultation",  # never hearing back allows less than rarely
            areas=EVERY_AREA,
            lowered=("design",),
            below_target=EVERY_AREA,
            answers=("hear-what-came-of-it",),
            raised_for=3,
        ),
        RuleRecord(
            id="views-after-decisions",
            severity="holds-back",
            effect="holds-back",
            highest="consultation",
            areas=(
                "design",
                "decision-making",
            ),
            lowered=("design",),
            below_target=(
                "design",
                "decision-making",
            ),
            answers=("design-timing",),
            raised_for=2,
        ),
        # Then keeping areas below target, though it held for three: the most serious effect
        # and severity any respondent had, and the lowest stage allowed.
        RuleRecord(
            id="no-recognition",
            severity="holds-back",
            effect="below-target",
            highest="placation",
            areas=EVERY_AREA,
            lowered=(),
            below_target=EVERY_AREA,
            answers=("recognition-of-time",),
            raised_for=3,
        ),
    ]


def test_item2_rules_that_hold_for_as_many_come_in_the_frameworks_order() -> None:
    a, b, *_ = ruled_people()
    summary, _ = parts(combined_of(b, a))  # both rules hold for both
    assert [(rule.id, rule.raised_for) for rule in summary.rules] == [
        ("views-after-decisions", 2),
        ("no-feedback", 2),
        ("no-recognition", 1),
    ]
    order = list(CATALOG.guardrails)
    assert order.index("views-after-decisions") < order.index("no-feedback")


def test_item2_the_answers_behind_a_rule_are_everyones_in_the_frameworks_order() -> None:
    person = respondent({"design-stage": "told"})
    rule = RuleRecord(id="fronting", severity="warns", effect="warns", areas=("voice",))

    def holding(answers: list[str], areas: list[str]) -> Results:
        summary = msgspec.structs.replace(
            own(person),
            rules=[msgspec.structs.replace(rule, answers=answers, areas=areas)],
        )
        return msgspec.structs.replace(person, summary=summary)

    summary, _ = parts(
        combined_of(
            holding(["safe-to-speak", "fronting-work"], ["voice", "design"]),
            holding(["design-stage", "fronting-work"], ["delivery"]),
        )
    )
    questions = list(CATALOG.questions)
    assert summary.rules[0].answers == tuple(
        sorted(["design-stage", "fronting-work", "safe-to-speak"], key=questions.index)
    )
    assert summary.rules[0].areas == ("design", "delivery", "voice")
    assert summary.rules[0].raised_for == 2


def test_item2_a_rules_highest_stage_must_be_on_the_pathway() -> None:
    person = ruled_people()[0]
    odd = msgspec.structs.replace(
        own(person),
        rules=[msgspec.structs.replace(own(person).rules[0], highest="top-rung")],
    )
    with pytest.raises(CoprodError, match="the stage 'top-rung' is not on the arnstein pathway"):
        combined_of(msgspec.structs.replace(person, summary=odd))


def test_item1_a_target_must_be_on_the_pathway() -> None:
    person = respondent({"design-stage": "told"})
    areas = dict(own(person).areas)
    areas["design"] = msgspec.structs.replace(areas["design"], target="top-rung")
    odd = msgspec.structs.replace(own(person), areas=areas)
    with pytest.raises(CoprodError, match="the stage 'top-rung' is not on the arnstein pathway"):
        combined_of(msgspec.structs.replace(person, summary=odd))


# -- files before targets and rules --------------------------------------------------------------


def _as_before(person: Results) -> Results:
    """A result as files made before targets and rules were kept hold it."""
    summary = own(person)

    def before(record: PlacementBrief) -> PlacementBrief:
        return msgspec.structs.replace(record, target=None, gap=None, contested=False)

    return msgspec.structs.replace(
        person,
        targets={},
        summary=msgspec.structs.replace(
            summary,
            overall=before(summary.overall),
            areas={area: before(record) for area, record in summary.areas.items()},
            rules=[],
            contested={},
        ),
    )


def test_item1_files_from_before_targets_combine_with_none() -> None:
    summary, _ = parts(combined_of(*(_as_before(person) for person in ruled_people())))
    assert summary.rules == []
    assert summary.contested == {}
    for record in (summary.overall, *summary.areas.values()):
        assert (record.target, record.gap, record.contested) == (None, None, False)


# -- the combined file ---------------------------------------------------------------------------


def everyone() -> list[Results]:
    aims = {"design": "placation", "decision-making": "consultation"}
    return [
        *ruled_people(),
        respondent(ONE_SEAT_AND_STAFF_DECIDE, name="E", targets=aims),
        respondent(STAFF_DECIDE, name="F", role="lived-experience", targets=aims),
    ]


def test_item2_the_combined_judgement_reads_back_and_reports() -> None:
    result = combined_of(*everyone())
    text = results.to_toml(result)
    assert "[[results.rules]]" in text
    assert "raised_for = 3" in text
    again = results.from_data(tomllib.loads(text), "combined.toml", text)
    assert again.summary == result.summary
    report = build_report(CATALOG, again)
    assert [(row.id, row.raised_for) for row in report.rules] == [
        (rule.id, rule.raised_for) for rule in own(result).rules
    ]
    assert report.rules[0].because == ["it held for 3 of the 6 respondents"]


def test_item3_combining_contested_results_in_any_order_gives_the_same() -> None:
    people = everyone()
    forwards = combined_of(*people)
    assert own(forwards).areas["decision-making"].contested is True  # both who placed it
    assert results.to_toml(forwards) == results.to_toml(combined_of(*reversed(people)))


def test_item2_combine_carries_the_judgement_into_a_file_report_compare_and_trend_read(
    run: Runner, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    people = everyone()
    for index, person in enumerate(people):
        results.write(folder / f"person-{index}.toml", person)
    out = tmp_path / "combined.toml"
    done = run("combine", str(folder), "--output", str(out))
    assert done.code == 0, done.err
    saved = tomllib.loads(out.read_text(encoding="utf-8"))
    assert saved["schema"] == "coprod-check/result/1"
    expected = own(combined_of(*people))  # as combining in this process gives it
    assert [rule["id"] for rule in saved["results"]["rules"]] == [r.id for r in expected.rules]
    assert saved["results"]["rules"][0]["raised_for"] == 3
    decision = saved["results"]["areas"]["decision-making"]
    # Targets: the framework's partnership for four, consultation for two; the lower middle.
    assert (decision["target"], decision["contested"]) == ("partnership", True)
    assert decision["gap"] == gap("partnership", decision["stage"])
    assert saved["results"]["contested"] == {
        "decision-making": ["staff-decide-not-shared-power", "one-seat-not-shared-power"]
    }
    assert "target" in saved["results"]["overall"]

    done = run("report", str(out), "--format", "json")
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert [(row["id"], row["raised_for"]) for row in report["rules"]] == [
        (rule.id, rule.raised_for) for rule in expected.rules
    ]
    for output_format in ("terminal", "markdown", "html", "toml"):
        done = run("report", str(out), "--format", output_format)
        assert done.code == 0, (output_format, done.err)
    assert report["rules"][0]["because"] == ["it held for 3 of the 6 respondents"]
    for command in (("compare", str(out), str(out)), ("trend", str(out), str(out))):
        done = run(*command)
        assert done.code == 0, (command, done.err)
