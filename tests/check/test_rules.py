"""`coprod-check check`, run as a command: every rule in RULES
triggered by one change to a passing plan (and not triggered by a near miss), with the exact
FILE:LINE:COL it reports; exit codes 0, 1 and 2; policy, --fail-under and --min-stage; TOML plans;
the plan JSON Schema; and the example plans, whose output examples/plans/README.md shows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

import jsonschema
import pytest
import yaml

from coprod_check.check.rules import RULES
from tests.helpers import ROOT, Run, run_here

# A plan that passes every rule: all five areas, every answer a rule looks at, and a policy the
# plan clears. Each test below makes one change to it.
BASE = """\
# A plan that passes every rule.
schema: coprod-check/plan/1
project: Riverside family hub
people: Parents of children under four in Riverside.
pathway: arnstein
areas:
  design:
    stage: partnership
    how: Parents and staff plan new sessions together, from the first idea.
  decision-making:
    stage: partnership
    how: Parents hold half the seats on our steering group.
  delivery:
    stage: partnership
    how: Peer volunteers run sessions with staff, with training and support.
  research:
    stage: consultation
    how: Parents comment on our survey questions before we send them.
  voice:
    stage: partnership
    how: Parents choose the issues they raise, and speak for themselves.
answers:
  design-timing:
    choice: before-anything-decided
    evidence: Minutes of the March planning group.
  time-and-money-set-aside: planned-budget
  decision-board-support: [training, briefing, someone-to-talk-to]
  hear-what-came-of-it: always
  recognition-of-time: agreed-with-each
  same-few-people: fresh-people-join
  fronting-work: never
policy:
  min_stage:
    overall: consultation
    design: partnership
  min_score:
    time-and-resources: 80
  disable: []
"""

# The same plan in TOML.
BASE_TOML = """\
# A plan that passes every rule, in TOML.
schema = "coprod-check/plan/1"
project = "Riverside family hub"
people = "Parents of children under four in Riverside."
pathway = "arnstein"

[areas.design]
stage = "partnership"
how = "Parents and staff plan new sessions together, from the first idea."

[areas.decision-making]
stage = "partnership"
how = "Parents hold half the seats on our steering group."

[areas.delivery]
stage = "partnership"
how = "Peer volunteers run sessions with staff, with training and support."

[areas.research]
stage = "consultation"
how = "Parents comment on our survey questions before we send them."

[areas.voice]
stage = "partnership"
how = "Parents choose the issues they raise, and speak for themselves."

[answers]
time-and-money-set-aside = "planned-budget"
decision-board-support = ["training", "briefing", "someone-to-talk-to"]
hear-what-came-of-it = "always"
recognition-of-time = "agreed-with-each"
same-few-people = "fresh-people-join"
fronting-work = "never"

[answers.design-timing]
choice = "before-anything-decided"
evidence = "Minutes of the March planning group."

[policy]
disable = []

[policy.min_stage]
overall = "consultation"
design = "partnership"

[policy.min_score]
time-and-resources = 80
"""

# A framework of our own with one guardrail that no other rule reports, for CP111.
EXTRA_FRAMEWORK = """\
schema: coprod-check/framework/1
id: extra
kind: questions
title: Extra checks
version: "1.0.0"
description: One more guardrail.
source: {title: Our own notes, author: Us, year: 2026}
questions:
  - id: people-paid-for-research
    text: Are people paid for the research they do with you?
    help: Think of the last piece of research.
    type: yes-no
    dimensions: [research]
    section: Time and resources
guardrails:
  - id: research-unpaid
    title: People do research without pay
    explanation: Research done for free is not shared on fair terms.
    when: {answer: people-paid-for-research, is: "no"}
    areas: [research]
    highest: {arnstein: placation, tlap-ladder: engagement}
    section: Time and resources
"""

VOICE_AREA = (
    "  voice:\n"
    "    stage: partnership\n"
    "    how: Parents choose the issues they raise, and speak for themselves.\n"
)


def changed(base: str, *changes: tuple[str, str]) -> str:
    """The plan with each (old, new) change made; each old text must appear exactly once."""
    text = base
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} should appear once in the plan"
        text = text.replace(old, new)
    return text


def key_at(text: str, line: str) -> tuple[int, int]:
    """The line and column of the key on the one line of ``text`` that equals ``line``."""
    numbers = [n for n, here in enumerate(text.splitlines(), start=1) if here == line]
    assert len(numbers) == 1, f"{line!r} should be one line of the plan"
    return numbers[0], len(line) - len(line.lstrip()) + 1


def value_at(text: str, line: str) -> tuple[int, int]:
    """The line and column of the value on the line that equals ``line`` (``key: value``)."""
    number, _ = key_at(text, line)
    return number, line.index(": ") + 3


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run coprod-check in ``cwd``, with no terminal."""
    return run_here(*args, cwd=cwd, env=env)


def check(tmp_path: Path, text: str, *args: str, name: str = "plan.yaml") -> Run:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("check", name, *args, cwd=tmp_path)
    assert "Traceback" not in result.err
    return result


def found(result: Run, rule: str) -> list[str]:
    """The FILE:LINE:COL of each finding of ``rule`` in text output."""
    return re.findall(rf"^(\S+:\d+:\d+): {rule} \[", result.out, flags=re.MULTILINE)


def finding_line(path: str, where: tuple[int, int], rule: str, severity: str | None = None) -> str:
    return f"{path}:{where[0]}:{where[1]}: {rule} [{severity or RULES[rule].severity}] "


# -- the base plan ---------------------------------------------------------------------------


def test_base_plan_passes_with_no_findings(tmp_path: Path) -> None:
    result = check(tmp_path, BASE)
    assert result.code == 0, result.out + result.err
    assert result.out == (
        "plan.yaml: passed (0 errors, 0 warnings, 0 infos); overall stage: partnership\n"
    )
    assert result.err == ""


# -- every rule: a plan that triggers it, and a near miss that does not -----------------------


class Case(NamedTuple):
    rule: str
    name: str
    changes: tuple[tuple[str, str], ...]
    line: str  # the line the finding points at
    value: bool = False  # at the value on that line, not the key
    args: tuple[str, ...] = ()
    severity: str | None = None  # when not the rule's most severe


FRAMEWORKS = ("--frameworks-dir", "mine")

TRIGGERS = [
    Case("CP101", "an area left out", ((VOICE_AREA, ""),), "areas:"),
    Case(
        "CP102",
        "an area below the policy",
        (("    design: partnership", "    design: delegated-power"),),
        "    design: delegated-power",
    ),
    Case(
        "CP102",
        "the project overall below the policy",
        (("    overall: consultation", "    overall: delegated-power"),),
        "    overall: delegated-power",
    ),
    Case(
        "CP103",
        "a score below the policy",
        (("    time-and-resources: 80", "    time-and-resources: 95"),),
        "    time-and-resources: 95",
    ),
    Case(
        "CP104",
        "only left-over money, beside partnership: a warning",
        (("time-and-money-set-aside: planned-budget", "time-and-money-set-aside: left-over"),),
        "  time-and-money-set-aside: left-over",
        severity="warning",
    ),
    Case(
        "CP104",
        "only left-over money for handing power over",
        (
            ("time-and-money-set-aside: planned-budget", "time-and-money-set-aside: left-over"),
            (
                "    stage: partnership\n    how: Parents hold",
                "    stage: delegated-power\n    how: Parents hold",
            ),
        ),
        "  time-and-money-set-aside: left-over",
    ),
    Case(
        "CP104",
        "no answer on time and money",
        (("  time-and-money-set-aside: planned-budget\n", ""),),
        "answers:",
    ),
    Case(
        "CP105",
        "board seats without support",
        (("[training, briefing, someone-to-talk-to]", "none"),),
        "  decision-board-support: none",
    ),
    Case(
        "CP105",
        "no answer on board support",
        (("  decision-board-support: [training, briefing, someone-to-talk-to]\n", ""),),
        "answers:",
    ),
    Case(
        "CP106",
        "people rarely hear back",
        (("hear-what-came-of-it: always", "hear-what-came-of-it: rarely"),),
        "  hear-what-came-of-it: rarely",
    ),
    Case(
        "CP106",
        "no answer on hearing back",
        (("  hear-what-came-of-it: always\n", ""),),
        "answers:",
    ),
    Case(
        "CP107",
        "time not recognised",
        (("recognition-of-time: agreed-with-each", "recognition-of-time: nothing"),),
        "  recognition-of-time: nothing",
    ),
    Case(
        "CP107",
        "no answer on recognition",
        (("  recognition-of-time: agreed-with-each\n", ""),),
        "answers:",
        severity="warning",
    ),
    Case(
        "CP108",
        "the same few people",
        (("same-few-people: fresh-people-join", "same-few-people: same-few"),),
        "  same-few-people: same-few",
    ),
    Case(
        "CP108",
        "no answer on fresh voices",
        (("  same-few-people: fresh-people-join\n", ""),),
        "answers:",
    ),
    Case(
        "CP109",
        "views after decisions",
        (("choice: before-anything-decided", "choice: after-decisions"),),
        "  design-timing:",
    ),
    Case(
        "CP112",
        "no say in plans",
        (("choice: before-anything-decided", "choice: not-involved"),),
        "  design-timing:",
    ),
    Case(
        "CP107",
        "thanks only: a warning",
        (("recognition-of-time: agreed-with-each", "recognition-of-time: thanks-only"),),
        "  recognition-of-time: thanks-only",
        severity="warning",
    ),
    Case(
        "CP110",
        "fronting sometimes: a warning",
        (("fronting-work: never", "fronting-work: sometimes"),),
        "  fronting-work: sometimes",
        severity="warning",
    ),
    Case(
        "CP105",
        "no board support, at any stage of decisions",
        (
            (
                "    stage: partnership\n    how: Parents hold",
                "    stage: placation\n    how: Parents hold",
            ),
            ("[training, briefing, someone-to-talk-to]", "none"),
        ),
        "  decision-board-support: none",
    ),
    Case(
        "CP110",
        "fronting",
        (("fronting-work: never", "fronting-work: often"),),
        "  fronting-work: often",
    ),
    Case(
        "CP111",
        "held back by a guardrail no other rule reports",
        (
            ("    stage: consultation", "    stage: delegated-power"),
            (
                "  fronting-work: never\n",
                '  fronting-work: never\n  people-paid-for-research: "no"\n',
            ),
        ),
        "    stage: delegated-power",
        args=FRAMEWORKS,
    ),
    Case(
        "CP201",
        "an unknown top-level key",
        (("pathway: arnstein\n", "pathway: arnstein\nbudget: 1000\n"),),
        "budget: 1000",
    ),
    Case(
        "CP201",
        "an unknown key in an area",
        (("    stage: consultation\n", "    stage: consultation\n    how_often: monthly\n"),),
        "    how_often: monthly",
    ),
    Case(
        "CP201",
        "an unknown area",
        (("areas:\n", "areas:\n  outreach:\n    stage: partnership\n"),),
        "  outreach:",
    ),
    Case(
        "CP201",
        "a misspelt question id",
        (("fronting-work: never", "fronting-werk: never"),),
        "  fronting-werk: never",
    ),
    Case(
        "CP201",
        "an unknown policy key",
        (("  disable: []", "  disabled: []"),),
        "  disabled: []",
    ),
    Case(
        "CP301",
        "jargon in how",
        (("how: Parents comment on", "how: Stakeholders comment on"),),
        "    how: Stakeholders comment on our survey questions before we send them.",
        value=True,
    ),
    Case(
        "CP301",
        "an acronym not explained",
        (("people: Parents of", "people: PCN parents of"),),
        "people: PCN parents of children under four in Riverside.",
        value=True,
    ),
]

# The first words of the 'how' of each area BASE places at partnership.
SHARED_POWER_AREAS = ("Parents and", "Parents hold", "Peer volunteers", "Parents choose")


def lower_stage(how: str) -> tuple[str, str]:
    """The change that places the area with this 'how' at placation instead of partnership."""
    return ("    stage: partnership\n    how: " + how, "    stage: placation\n    how: " + how)


NEAR_MISSES = [
    Case(
        "CP101", "an area that does not apply", ((VOICE_AREA, "  voice: {applies: false}\n"),), ""
    ),
    Case(
        "CP102",
        "an area at the policy's stage",
        (("    design: partnership", "    design: placation"),),
        "",
    ),
    Case(
        "CP103",
        "a score at the policy's minimum",
        (("    time-and-resources: 80", "    time-and-resources: 87.5"),),
        "",
    ),
    Case(
        "CP104",
        "some money, but not left over",
        (("time-and-money-set-aside: planned-budget", "time-and-money-set-aside: some"),),
        "",
    ),
    Case(
        "CP104",
        "no shared power claimed, and no money",
        (
            *(lower_stage(how) for how in SHARED_POWER_AREAS),
            ("  time-and-money-set-aside: planned-budget\n", ""),
        ),
        "",
    ),
    Case(
        "CP105",
        "one kind of support",
        (("[training, briefing, someone-to-talk-to]", "[peer-group]"),),
        "",
    ),
    Case(
        "CP106",
        "people usually hear back",
        (("hear-what-came-of-it: always", "hear-what-came-of-it: usually"),),
        "",
    ),
    Case(
        "CP107",
        "expenses and thanks",
        (("recognition-of-time: agreed-with-each", "recognition-of-time: expenses-and-thanks"),),
        "",
    ),
    Case(
        "CP108",
        "mostly the same people",
        (("same-few-people: fresh-people-join", "same-few-people: mostly-same"),),
        "",
    ),
    Case(
        "CP109",
        "while the options are open",
        (("choice: before-anything-decided", "choice: while-options-open"),),
        "",
    ),
    Case(
        "CP109",
        "no answer on timing",
        (
            (
                "  design-timing:\n    choice: before-anything-decided\n"
                "    evidence: Minutes of the March planning group.\n",
                "",
            ),
        ),
        "",
    ),
    Case(
        "CP112",
        "views asked after decisions: a say, if late",
        (("choice: before-anything-decided", "choice: after-decisions"),),
        "",
    ),
    Case("CP110", "no answer on fronting", (("  fronting-work: never\n", ""),), ""),
    Case(
        "CP111",
        "the guardrail does not hold",
        (
            ("    stage: consultation", "    stage: partnership"),
            (
                "  fronting-work: never\n",
                '  fronting-work: never\n  people-paid-for-research: "yes"\n',
            ),
        ),
        "",
        args=FRAMEWORKS,
    ),
    Case("CP201", "only known keys", (), ""),
    Case(
        "CP301",
        "an acronym written out in full",
        (("people: Parents of", "people: Parents in the Primary Care Network (PCN) of"),),
        "",
    ),
]


def test_every_rule_is_tested() -> None:
    assert {case.rule for case in TRIGGERS} == set(RULES)
    assert {case.rule for case in NEAR_MISSES} == set(RULES)


@pytest.mark.parametrize("case", TRIGGERS, ids=[f"{c.rule} {c.name}" for c in TRIGGERS])
def test_rule_is_triggered_at_its_place(case: Case, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "extra.yaml").write_text(EXTRA_FRAMEWORK, encoding="utf-8")
    text = changed(BASE, *case.changes)
    where = (value_at if case.value else key_at)(text, case.line)
    result = check(tmp_path, text, *case.args)
    assert finding_line("plan.yaml", where, case.rule, case.severity) in result.out, (
        result.out + result.err
    )
    severity = case.severity or RULES[case.rule].severity
    errors = re.findall(r"^\S+: CP\d+ \[error\]", result.out, flags=re.MULTILINE)
    assert result.code == (1 if errors else 0), result.out
    if severity == "error":
        assert result.code == 1
    assert f" {case.rule} [{severity}] " in result.out


@pytest.mark.parametrize("case", NEAR_MISSES, ids=[f"{c.rule} {c.name}" for c in NEAR_MISSES])
def test_rule_is_not_triggered_by_a_near_miss(case: Case, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "extra.yaml").write_text(EXTRA_FRAMEWORK, encoding="utf-8")
    result = check(tmp_path, changed(BASE, *case.changes), *case.args)
    assert found(result, case.rule) == [], result.out
    assert result.code in {0, 1}, result.err


def test_the_fix_and_the_report_section_follow_each_finding(tmp_path: Path) -> None:
    text = changed(BASE, ("fronting-work: never", "fronting-work: often"))
    result = check(tmp_path, text)
    where = key_at(text, "  fronting-work: often")
    assert result.out.splitlines()[:3] == [
        f"plan.yaml:{where[0]}:{where[1]}: CP110 [error] people front work they had no part in "
        "(often): it holds back voice at Placation",
        "  fix: involve people in the work itself before you ask them to speak for it; answer "
        "'fronting-work'",
        f'  why: the report, "{RULES["CP110"].section}"',
    ]
    assert result.out.splitlines()[-1] == (
        "plan.yaml: failed (1 error, 0 warnings, 0 infos); overall stage: partnership"
    )


def test_findings_come_out_in_file_order(tmp_path: Path) -> None:
    text = changed(
        BASE,
        ("pathway: arnstein\n", "pathway: arnstein\nbudget: 1000\n"),
        ("fronting-work: never", "fronting-work: often"),
        ("same-few-people: fresh-people-join", "same-few-people: same-few"),
    )
    result = check(tmp_path, text)
    lines = [int(m) for m in re.findall(r"^plan\.yaml:(\d+):", result.out, flags=re.MULTILINE)]
    assert lines == sorted(lines)
    assert len(lines) == 3


def test_held_back_by_its_own_placing_answer(tmp_path: Path) -> None:
    # The plan aims for partnership in design, but its own answer to design-stage ("we tell
    # people about the plan once it is made") places design at informing.
    text = changed(
        BASE,
        ("    design: partnership\n", ""),
        ("  fronting-work: never\n", "  fronting-work: never\n  design-stage: told\n"),
    )
    lines = text.splitlines()
    stage_line = lines.index("  design:") + 2  # the design area's 'stage:' line
    result = check(tmp_path, text)
    assert found(result, "CP111") == [f"plan.yaml:{stage_line}:5"], result.out
    assert result.code == 1


# -- exit codes --------------------------------------------------------------------------------


def test_exit_code_0_when_passed_and_1_when_failed(tmp_path: Path) -> None:
    assert check(tmp_path, BASE).code == 0
    failing = check(tmp_path, changed(BASE, ("fronting-work: never", "fronting-work: often")))
    assert failing.code == 1
    assert "plan.yaml: failed" in failing.out


def test_warnings_alone_pass_unless_fail_on_warning(tmp_path: Path) -> None:
    text = changed(BASE, ("same-few-people: fresh-people-join", "same-few-people: same-few"))
    assert check(tmp_path, text).code == 0
    assert check(tmp_path, text, "--fail-on", "warning").code == 1


def test_exit_zero_reports_but_exits_0(tmp_path: Path) -> None:
    result = check(
        tmp_path, changed(BASE, ("fronting-work: never", "fronting-work: often")), "--exit-zero"
    )
    assert result.code == 0
    assert " CP110 [error] " in result.out


class Invalid(NamedTuple):
    name: str
    changes: tuple[tuple[str, str], ...]
    line: str
    value: bool
    message: str


INVALID = [
    Invalid(
        "a duplicate key",
        (("pathway: arnstein\n", "pathway: arnstein\npeople: Everyone.\n"),),
        "people: Everyone.",
        False,
        "duplicate key 'people' (first used at line 4)",
    ),
    Invalid(
        "a YAML syntax error",
        (("how: Parents hold half", "how: [Parents hold half"),),
        "    how: [Parents hold half the seats on our steering group.",
        True,
        "YAML syntax error",
    ),
    Invalid(
        "applies: maybe",
        (("    stage: consultation", "    applies: maybe"),),
        "    applies: maybe",
        True,
        "'applies' should be true or false",
    ),
    Invalid(
        "a project that is not text",
        (("project: Riverside family hub", "project: [Riverside]"),),
        "project: [Riverside]",
        True,
        "'project' should be text",
    ),
    Invalid(
        "an unknown stage",
        (("    stage: consultation", "    stage: consultashun"),),
        "    stage: consultashun",
        True,
        "'consultashun' is not a stage of this plan's pathway",
    ),
    Invalid(
        "a bad choice id",
        (("fronting-work: never", "fronting-work: hardly"),),
        "  fronting-work: hardly",
        True,
        "'hardly' is not a choice of question 'fronting-work'",
    ),
    Invalid(
        "a newer schema",
        (("schema: coprod-check/plan/1", "schema: coprod-check/plan/2"),),
        "schema: coprod-check/plan/2",
        True,
        "this plan uses 'coprod-check/plan/2', which is newer than this coprod-check understands",
    ),
    Invalid(
        "no schema",
        (("schema: coprod-check/plan/1\n", ""),),
        "project: Riverside family hub",
        False,
        "a plan file starts with 'schema: coprod-check/plan/1'",
    ),
    Invalid(
        "a policy for an area that does not exist",
        (("    overall: consultation", "    everywhere: consultation"),),
        "    everywhere: consultation",
        True,
        "'everywhere' is not an area",
    ),
    Invalid(
        "a minimum score over 100",
        (("    time-and-resources: 80", "    time-and-resources: 180"),),
        "    time-and-resources: 180",
        True,
        "a minimum score is a number from 0 to 100",
    ),
    Invalid(
        "a rule turned off without a reason",
        (("  disable: []", "  disable:\n    - rule: CP107"),),
        "    - rule: CP107",
        False,
        "turning a rule off needs the rule and a reason",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_exit_code_2_for_an_invalid_plan(case: Invalid, tmp_path: Path) -> None:
    text = changed(BASE, *case.changes)
    line, column = (value_at if case.value else key_at)(text, case.line)
    if case.name == "a rule turned off without a reason":
        column += 2  # the entry itself, after '- '
    result = check(tmp_path, text)
    assert result.code == 2, result.out + result.err
    assert result.out == ""
    first = result.err.splitlines()[0]
    assert first.startswith(f"plan.yaml:{line}:{column}: {case.message}"), result.err


def test_an_older_schema_is_not_called_newer(tmp_path: Path) -> None:
    result = check(tmp_path, changed(BASE, ("coprod-check/plan/1", "coprod-check/plan/0")))
    assert result.code == 2
    assert "newer" not in result.err


def test_a_misspelt_policy_stage_is_an_error(tmp_path: Path) -> None:
    text = changed(BASE, ("    design: partnership", "    design: delegated-powr"))
    line, column = value_at(text, "    design: delegated-powr")
    result = check(tmp_path, text)
    assert result.code == 2, result.out
    assert result.err.startswith(f"plan.yaml:{line}:{column}: ")


def test_a_missing_plan_is_exit_code_2(tmp_path: Path) -> None:
    result = run("check", "nowhere.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("nowhere.yaml: file not found")
    assert "Traceback" not in result.err


def test_an_unknown_format_is_exit_code_2(tmp_path: Path) -> None:
    result = check(tmp_path, BASE, "--format", "pdf")
    assert result.code == 2
    assert "no format called 'pdf'" in result.err


# -- policy and thresholds ------------------------------------------------------------------------


def test_policy_disable_turns_a_rule_off_and_says_so(tmp_path: Path) -> None:
    same_few = ("same-few-people: fresh-people-join", "same-few-people: same-few")
    warned = check(tmp_path, changed(BASE, same_few), "--fail-on", "warning")
    assert found(warned, "CP108")
    assert warned.code == 1
    disabled = changed(
        BASE,
        same_few,
        (
            "  disable: []",
            "  disable:\n    - rule: CP108\n      reason: We are a small group of neighbours.",
        ),
    )
    result = check(tmp_path, disabled, "--fail-on", "warning")
    assert result.code == 0, result.out
    assert "CP108" not in result.out.split("passed")[0]
    assert result.out.splitlines() == [
        "plan.yaml: passed (0 errors, 0 warnings, 0 infos); overall stage: partnership",
        "  rules turned off in the policy: CP108",
    ]


def test_disabling_an_error_rule_lets_the_plan_pass(tmp_path: Path) -> None:
    text = changed(
        BASE,
        ("fronting-work: never", "fronting-work: often"),
        ("  disable: []", "  disable:\n    - rule: CP110\n      reason: Testing the policy."),
    )
    result = check(tmp_path, text)
    assert result.code == 0
    assert "rules turned off in the policy: CP110" in result.out


LONG_HAUL = ("same-few-people: fresh-people-join", "same-few-people: mostly-same")  # scores 50


def test_fail_under(tmp_path: Path) -> None:
    text = changed(BASE, LONG_HAUL)
    assert check(tmp_path, text).code == 0
    assert check(tmp_path, text, "--fail-under", "40").code == 0
    result = check(tmp_path, text, "--fail-under", "60")
    assert result.code == 1
    # A bar from the command line has no line of its own: the finding points at 'policy:'.
    line, column = key_at(text, "policy:")
    assert found(result, "CP103") == [f"plan.yaml:{line}:{column}"]
    assert "Be in it for the long haul scores 50, below the 60 --fail-under asks for" in result.out


def test_fail_under_applies_even_when_the_policy_is_lower(tmp_path: Path) -> None:
    text = changed(BASE, LONG_HAUL, ("    time-and-resources: 80", "    long-haul: 10"))
    assert check(tmp_path, text).code == 0
    result = check(tmp_path, text, "--fail-under", "60")
    assert result.code == 1
    line, column = key_at(text, "policy:")
    assert found(result, "CP103") == [f"plan.yaml:{line}:{column}"]


def test_the_policy_applies_when_fail_under_is_lower(tmp_path: Path) -> None:
    text = changed(BASE, LONG_HAUL, ("    time-and-resources: 80", "    long-haul: 60"))
    result = check(tmp_path, text, "--fail-under", "10")
    assert result.code == 1
    line, column = key_at(text, "    long-haul: 60")
    assert found(result, "CP103") == [f"plan.yaml:{line}:{column}"]
    assert "below the 60 your policy asks for" in result.out


NO_OVERALL = ("    overall: consultation\n", "")


def test_min_stage(tmp_path: Path) -> None:
    text = changed(BASE, NO_OVERALL)
    assert check(tmp_path, text, "--min-stage", "partnership").code == 0
    result = check(tmp_path, text, "--min-stage", "delegated-power")
    assert result.code == 1
    line, column = key_at(text, "policy:")
    assert found(result, "CP102") == [f"plan.yaml:{line}:{column}"]
    assert (
        "the project overall is placed at Partnership, below the Delegated power --min-stage "
        "asks for" in result.out
    )


def test_min_stage_must_be_a_stage(tmp_path: Path) -> None:
    result = check(tmp_path, BASE, "--min-stage", "top")
    assert result.code == 2
    assert "no stage called 'top'" in result.err


def test_min_stage_applies_even_when_the_policy_is_lower(tmp_path: Path) -> None:
    # BASE's policy asks for consultation overall; the project is at partnership.
    result = check(tmp_path, BASE, "--min-stage", "delegated-power")
    assert result.code == 1
    line, column = key_at(BASE, "policy:")
    assert found(result, "CP102") == [f"plan.yaml:{line}:{column}"]


def test_the_policy_applies_when_min_stage_is_lower(tmp_path: Path) -> None:
    text = changed(BASE, ("    overall: consultation", "    overall: delegated-power"))
    result = check(tmp_path, text, "--min-stage", "informing")
    assert result.code == 1
    line, column = key_at(text, "    overall: delegated-power")
    assert found(result, "CP102") == [f"plan.yaml:{line}:{column}"]


# -- where the plan comes from ------------------------------------------------------------------


def test_default_plan_is_coprod_plan_yaml(tmp_path: Path) -> None:
    (tmp_path / "coprod-plan.yaml").write_text(BASE, encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.startswith("coprod-plan.yaml: passed")


def test_default_plan_missing(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("coprod-plan.yaml: file not found")


def test_toml_plan(tmp_path: Path) -> None:
    result = check(tmp_path, BASE_TOML, name="plan.toml")
    assert result.code == 0, result.out + result.err
    assert result.out.startswith("plan.toml: passed (0 errors")
    text = changed(BASE_TOML, ('fronting-work = "never"', 'fronting-work = "often"'))
    failing = check(tmp_path, text, name="plan.toml")
    assert failing.code == 1
    line, column = key_at(text, 'fronting-work = "often"')
    assert found(failing, "CP110") == [f"plan.toml:{line}:{column}"]


def test_toml_and_yaml_plans_agree(tmp_path: Path) -> None:
    change_yaml = ("hear-what-came-of-it: always", "hear-what-came-of-it: never")
    change_toml = ('hear-what-came-of-it = "always"', 'hear-what-came-of-it = "never"')
    from_yaml = check(tmp_path, changed(BASE, change_yaml), "--format", "json")
    from_toml = check(
        tmp_path, changed(BASE_TOML, change_toml), "--format", "json", name="plan.toml"
    )
    yaml_report, toml_report = json.loads(from_yaml.out), json.loads(from_toml.out)
    for report in (yaml_report, toml_report):
        assert sorted(f["rule"] for f in report["findings"]) == ["CP102", "CP106"]
        assert report["passed"] is False
    assert yaml_report["areas"] == toml_report["areas"]
    assert yaml_report["overall"] == toml_report["overall"]


# -- the JSON Schema -----------------------------------------------------------------------------


def _schema(tmp_path: Path) -> dict[str, object]:
    result = run("check", "--plan-schema", cwd=tmp_path)
    assert result.code == 0, result.err
    schema: dict[str, object] = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_schema_accepts_the_base_plan_and_the_examples(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema(tmp_path))
    validator.validate(yaml.safe_load(BASE))
    for example in sorted((ROOT / "examples" / "plans").glob("*.yaml")):
        validator.validate(yaml.safe_load(example.read_text(encoding="utf-8")))


def test_schema_rejects_an_unknown_top_level_key(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema(tmp_path))
    data = yaml.safe_load(changed(BASE, ("pathway: arnstein\n", "pathway: arnstein\nbudget: 1\n")))
    errors = list(validator.iter_errors(data))
    assert errors
    assert any("budget" in error.message for error in errors)


# -- the example plans ---------------------------------------------------------------------------

EXAMPLES = {"strong": 0, "weak": 1, "tokenistic": 1}


def _shown_output(readme: str, command: str) -> str:
    """The output shown in the README's code block right after ``$ command``."""
    start = readme.index(f"$ {command}\n") + len(f"$ {command}\n")
    return readme[start : readme.index("```", start)]


@pytest.mark.parametrize(("name", "code"), EXAMPLES.items())
def test_example_plan_output_is_shown_in_its_readme(name: str, code: int) -> None:
    command = f"coprod-check check examples/plans/{name}.yaml"
    done = run_here(*command.split()[1:], cwd=ROOT)
    assert done.code == code, done.out + done.err
    assert done.err == ""
    readme = (ROOT / "examples" / "plans" / "README.md").read_text(encoding="utf-8")
    assert _shown_output(readme, command) == done.out, (
        f"examples/plans/README.md is out of date for {name}.yaml: paste in the output of "
        f"`{command}`, run from the repository's top folder"
    )


def test_every_example_plan_is_in_the_readme() -> None:
    readme = (ROOT / "examples" / "plans" / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"examples/plans/(\w+)\.yaml", readme))
    on_disk = {path.stem for path in (ROOT / "examples" / "plans").glob("*.yaml")}
    assert on_disk == set(EXAMPLES)
    assert on_disk <= shown


def test_turning_off_a_rule_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    text = changed(
        BASE, ("  disable: []", "  disable:\n    - rule: CP999\n      reason: Not a real rule.")
    )
    result = check(tmp_path, text)
    assert result.code == 2, result.out
    assert "there is no rule 'CP999' to turn off" in result.err
