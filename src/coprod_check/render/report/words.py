"""The words the terminal and Markdown reports share ("Partnership (stage 6 of 8), provisional",
"64 out of 100 (answered 3 of 4)" and the rest), so both say the same things in the same words.
Every piece of text people typed passes through ``safe_text`` first (see ``text.py``):
control characters, which could clear or recolour a screen, and the marks that reorder text,
show as U+FFFD.
"""

import datetime as _dt
import re

from coprod_check.model.assessment import effect_words
from coprod_check.render import words as stage_words
from coprod_check.views.report import AdviceRow, AreaRow, Report, RuleRow, ScoreRow, StageInfo

PROVISIONAL = (
    "Provisional: some results rest on fewer than half of their questions, "
    "so treat them as a first look."
)
SCORES_NOTE = "Each score is out of 100, with how many of its questions were answered."
TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")
"""Spaces at the end of a line, before any codes that end its colour."""
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


# The words both text reports use -------------------------------------------------------------


def has_provisional(report: Report) -> bool:
    """Whether anything shown is provisional (a score that is not there yet does not count)."""
    rows = [report.overall, *report.areas]
    return (
        report.provisional
        or any(row.provisional and row.status == "placed" for row in rows)
        or any(score.provisional and score.score is not None for score in report.scores)
    )


def date_words(value: str) -> str:
    """An ISO 8601 time as a date people read: "19 November 2026"."""
    try:
        moment = _dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def points(value: float) -> str:
    """A score or gap as a whole number, the way every report rounds it."""
    return str(round(value))


def role_titles(report: Report) -> dict[str, str]:
    return {role.id: role.title for role in report.combined.roles} if report.combined else {}


def who_answered(report: Report) -> str:
    """Who the answers are from: a respondent and their role, or how many in each role."""
    if report.combined is not None:
        count = report.combined.respondents
        roles = ", ".join(f"{role.title}: {role.respondents}" for role in report.combined.roles)
        people = f"{count} respondent{'s' if count != 1 else ''}"
        return f"{people} ({roles})" if roles else people
    who = " ".join((report.respondent or "not recorded").split())
    return f"{who} ({report.role_title})" if report.role_title else who


def stage_title(report: Report, stage_id: str | None) -> str:
    return next((s.title for s in report.stages if s.id == stage_id), stage_words.NOT_PLACED)


def stage_number(report: Report, row: AreaRow) -> str:
    """Where a placed stage is on the pathway: "6 of 8"."""
    return stage_words.stage_number(row.index, len(report.stages)) if row.index is not None else ""


def place_words(report: Report, row: AreaRow) -> str:
    """Where an area stands: "Partnership (stage 6 of 8), provisional"."""
    title = row.stage_title
    stage = None if title is None else stage_words.stage_at(title, stage_number(report, row))
    return stage_words.placement_words(row.status, stage, provisional=row.provisional)


def range_words(report: Report, row: AreaRow) -> str:
    """The range behind a placement, or "" when there is none."""
    if not (row.low_title and row.high_title) or row.low == row.high:
        return ""
    return stage_words.middle_of(
        row.low_title, row.high_title, combined=report.combined is not None
    )


def coverage_words(report: Report, row: AreaRow) -> str:
    """How much a placement rests on: "3 of 5 areas placed", "answered 2 of its 5 questions"."""
    if row.status == "not-applicable":
        return ""
    if report.combined is None and row.id == "overall":
        placed = sum(1 for area in report.areas if area.status == "placed")
        counted = sum(1 for area in report.areas if area.status != "not-applicable")
        if counted and round(placed / counted, 3) == row.coverage:
            return f"{placed} of {counted} areas placed"
    score = next((s for s in report.scores_of("area") if s.id == row.id), None)
    if report.combined is None and score is not None and score.coverage == row.coverage:
        return f"answered {score.answered} of its {score.total} questions"
    of_what = "of areas placed" if row.id == "overall" else "of its questions answered"
    return f"{round(row.coverage * 100)}% {of_what}"


def held_back_words(row: AreaRow) -> str:
    return f"held back by: {'; '.join(row.held_back_by)}" if row.held_back_by else ""


def by_role_words(report: Report, row: AreaRow) -> str:
    """Each role's middle stage, for a combined report: "by role: Staff member at Placation"."""
    if row.status == "not-applicable" or not row.by_role:
        return ""
    titles = role_titles(report)
    return "by role: " + ", ".join(
        f"{titles.get(role, role)} at {stage_title(report, stage)}"
        for role, stage in row.by_role.items()
    )


def answered_words(row: ScoreRow) -> str:
    words = f"answered {row.answered} of {row.total}"
    return stage_words.marked(words, row.provisional and row.score is not None)


def score_words(row: ScoreRow) -> str:
    """A score in words: "64 out of 100 (answered 3 of 4)", or "no score yet"."""
    value = "no score yet" if row.score is None else f"{points(row.score)} out of 100"
    return f"{value} ({answered_words(row)})"


def spread_words(report: Report, row: ScoreRow) -> str:
    """For a combined report: the lowest and highest respondent, and each role's score."""
    parts = []
    if row.low is not None and row.high is not None:
        low, high = points(row.low), points(row.high)
        spread = f"respondents range {stage_words.from_to(low, high)}"
        parts.append(spread if low != high else f"all at {low}")
    titles = role_titles(report)
    roles = ", ".join(
        f"{titles.get(role, role)} {points(value)}"
        for role, value in row.by_role.items()
        if value is not None
    )
    if roles:
        parts.append(f"by role: {roles}")
    return "; ".join(parts)


def differ_intro(report: Report) -> str:
    assert report.combined is not None
    threshold = points(report.combined.threshold)
    if not report.combined.differ:
        return f"No gaps of {threshold} points or more (out of 100) were found between roles."
    return f"Where roles' scores are {threshold} points or more apart (out of 100), biggest first:"


def took_part_words(report: Report) -> str:
    assert report.combined is not None
    combined = report.combined
    files = f", from {combined.files} files" if combined.files else ""
    count = combined.respondents
    return f"{count} respondent{'s' if count != 1 else ''}{files}:"


def advice_heading(item: AdviceRow, number: int) -> str:
    return f"{number}. {item.title} ({item.priority} priority, for {item.audience})"


def because_words(reason: str) -> str:
    ending = "" if reason.endswith((".", "?", "!", '"')) else "."
    return f"Because: {reason}{ending}"


def more_advice_words(report: Report, shown: int | None = None) -> str:
    """What to do to see the recommendations this report leaves out, or "" if there are none.
    (``shown``: how many a format shows of those the report leads with; all when None.)"""
    led = len(report.recommendations)
    more = len(report.more_recommendations) + (max(0, led - shown) if shown is not None else 0)
    if more <= 0:
        return ""
    things = "recommendation is" if more == 1 else "recommendations are"
    words = (
        f"{more} more {things} not shown here. To see all of them, make this report again "
        "with --all"
    )
    if report.combined is None:
        words += ", or run coprod-check explain on the results file with --all"
    return words + "."


def others_words(report: Report) -> str:
    """A line pointing to the advice kept for the other audience, or "" if there is none."""
    count = report.for_others
    if not count:
        return ""
    things = "piece of advice" if count == 1 else "pieces of advice"
    if report.audience == "funders":
        return (
            f"{count} {things} for the project's own practitioners also came up: make this "
            "report with --audience practitioners to see it."
        )
    return (
        f"{count} {things} for funders and commissioners also came up: share this report "
        "with them, or make it with --audience funders."
    )


def target_words(report: Report, row: AreaRow) -> str:
    """A placement against its target: "target Partnership, 2 stages up", "at its target",
    "above its target of Consultation", or "" when it has none."""
    if row.target is None or row.status == "not-applicable":
        return ""
    aim = stage_title(report, row.target)
    if row.gap is None or row.status != "placed":
        return f"target {aim}"
    if row.gap == 0:
        return f"at its target, {aim}"
    if row.gap > 0:
        return f"target {aim}, {row.gap} stage{'s' if row.gap > 1 else ''} up"
    return f"above its target of {aim}: check it has the support to hold that"


CONTESTED = "contested: other answers disagree with the claim"


def contested_words(row: AreaRow) -> str:
    return CONTESTED if row.contested else ""


def rule_heading(rule: RuleRow) -> str:
    """A rule that holds, in one line: its title, grade and id, and what it does here."""
    does = effect_words(rule.effect, ", ".join(rule.areas), rule.highest_title)
    return f"{stage_words.rule_title(rule.title, rule.says, rule.code)}: {does}"


def rule_texts(rule: RuleRow) -> list[str]:
    """What follows a rule's heading: why it matters, and the answers behind it."""
    out = [rule.explanation] if rule.explanation else []
    out += [because_words(reason) for reason in rule.because]
    if rule.section:
        out.append(f'Report section: "{rule.section}"')
    return out


RULES_INTRO = (
    "Every rule against tokenism that holds for these answers, whether or not it changed a stage."
)


def advice_texts(item: AdviceRow) -> list[str]:
    return [
        item.advice,
        *(because_words(reason) for reason in item.because),
        f"Example: {item.example}",
        f'Report section: "{item.section}"',
    ]


def stage_groups(report: Report) -> list[tuple[str, list[StageInfo]]]:
    """The stages in their groups, lowest first."""
    groups: list[tuple[str, list[StageInfo]]] = []
    for stage in report.stages:
        if groups and groups[-1][0] == stage.group_title:
            groups[-1][1].append(stage)
        else:
            groups.append((stage.group_title, [stage]))
    return groups
