"""What each rule of the check is for, in the words `coprod-check rule` prints and
``docs/rules.md`` is made from: its id, name and severity, when it holds, why it matters (with the
report's section), how to fix it, and an example of a plan that breaks it and the same plan put
right. A test checks every example against the check itself.

Where a rule is a guardrail of the frameworks (a ``code:`` in ``five-areas.yaml``), why it matters
and how to fix it are the guardrail's own ``explanation`` and ``fix``, so they are written once.
"""

from typing import NamedTuple

from msgspec import Struct

from coprod_check.check.rules import RULES, CheckRule
from coprod_check.check.unchecked import NOT_CHECKED
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Guardrail

EXAMPLE_HEAD = "schema: coprod-check/plan/1\nproject: Riverside family hub\n"
"""The lines every example plan starts with; the examples show only what follows them."""


class Written(NamedTuple):
    """What is written here about a rule; ``why`` and ``fix`` only where no guardrail says it.
    The examples are the lines after :data:`EXAMPLE_HEAD`."""

    holds: str
    breaks: str
    keeps: str
    why: str = ""
    fix: str = ""


class RuleDoc(Struct, frozen=True, kw_only=True):
    """Everything there is to say about one rule."""

    id: str
    name: str
    severity: str
    summary: str
    holds: str
    """When the rule finds something, and at which severity."""
    why: str
    section: str
    """The report's section the rule rests on ("" for CP000, which is not a rule of the plan)."""
    fix: str
    breaks: str
    """A plan that breaks the rule."""
    keeps: str
    """The same plan put right."""
    anchor: str
    help_uri: str


_AREAS_KEPT = """\
areas:
  design: {stage: partnership, how: Parents plan new sessions with us from the first idea.}
  decision-making: {stage: consultation, how: We ask parents before the committee decides.}
  delivery: {stage: placation, how: Parents help run the open mornings.}
  research: {applies: false, how: We do no research of our own.}
  voice: {stage: consultation, how: We pass on what parents tell us to the council.}
"""

WRITTEN: dict[str, Written] = {
    "CP000": Written(
        holds="The plan cannot be read or is not valid: a YAML or TOML mistake, an unknown "
        "pathway, stage or choice, a missing 'schema' or 'project', or an option such as "
        "--min-stage that does not fit the plan. Nothing else is checked until it is fixed, and "
        "the command exits with code 2.",
        why="coprod-check can only say how far a plan goes if it can read every part of it. "
        "It stops, rather than guess at what a mistyped stage or choice was meant to say.",
        fix="Fix the file at the line and column the error names; the hint says what the "
        "nearest known id is, or what is expected there.",
        breaks="areas:\n  design: {stage: partnershp, how: Parents plan new sessions with us.}\n",
        keeps="areas:\n  design: {stage: partnership, how: Parents plan new sessions with us.}\n",
    ),
    "CP101": Written(
        holds="An area of co-production (design, decision-making, delivery, research or voice) "
        "is not under 'areas:' at all. An area that does not apply is said so, with "
        "'applies: false'.",
        why="Co-production happens in each of these areas, and people may be shut out of one "
        "while they share power in another. A plan that leaves an area out says nothing "
        "about it, so nobody can tell whether people have a part in it.",
        fix="Add the area under 'areas:', with the stage you aim for and how you will get "
        "there; or 'applies: false' and why it does not apply.",
        breaks="areas:\n  design: {stage: partnership, how: Parents plan new sessions with us.}\n",
        keeps=_AREAS_KEPT,
    ),
    "CP102": Written(
        holds="An area, or the project overall, is placed below the stage the policy's "
        "'min_stage' asks for, or below --min-stage.",
        why="The policy is the bar the team set for itself. Falling below it quietly would "
        "make the bar mean nothing; the check shows it, so the team can act or change the bar "
        "openly.",
        fix="Raise the stage you plan for and back it with answers; or, if the bar is wrong "
        "for now, lower it and say why.",
        breaks="areas:\n  design: {stage: consultation, how: We ask parents about our plans.}\n"
        "policy:\n  min_stage: {design: partnership}\n",
        keeps="areas:\n  design: {stage: partnership, how: Parents plan new sessions with us.}\n"
        "policy:\n  min_stage: {design: partnership}\n",
    ),
    "CP103": Written(
        holds="A score is below the minimum the policy's 'min_score' asks for, or a principle "
        "scores below --fail-under.",
        why="A score sums up the answers on one principle or essential, such as reciprocity. "
        "The minimum is the team's own bar for it; the check holds the plan to it.",
        fix="Strengthen the answers that count towards the score ('coprod-check explain' shows "
        "which ones); or lower the minimum and say why.",
        breaks="answers:\n  recognition-of-time: nothing\n"
        "policy:\n  min_score: {reciprocity: 60}\n",
        keeps="answers:\n  recognition-of-time: agreed-with-each\n"
        "policy:\n  min_score: {reciprocity: 60}\n",
    ),
    "CP104": Written(
        holds="Too little time or money is set aside for involving people "
        "('time-and-money-set-aside'). Nothing set aside holds every area at placation; only "
        "what is left over holds it at partnership. A plan that claims shared power and does "
        "not say what is set aside is an error too.",
        breaks="areas:\n  design: {stage: partnership, how: Parents plan new sessions with us.}\n"
        "answers:\n  time-and-money-set-aside: none\n",
        keeps="areas:\n  design: {stage: partnership, how: Parents plan new sessions with us.}\n"
        "answers:\n  time-and-money-set-aside: planned-budget\n",
    ),
    "CP105": Written(
        holds="Board members get no training, briefing or support ('decision-board-support'): "
        "decision-making is held at placation. A plan that shares decisions and does not say "
        "what support people get is an error too.",
        breaks="areas:\n  decision-making: {stage: partnership, how: Parents hold half the seats.}"
        "\nanswers:\n  decision-board-support: [none]\n",
        keeps="areas:\n  decision-making: {stage: partnership, how: Parents hold half the seats.}"
        "\nanswers:\n  decision-board-support: [training, briefing, someone-to-talk-to]\n",
    ),
    "CP106": Written(
        holds="People never or rarely hear what came of their input ('hear-what-came-of-it'): "
        "never holds every area at consultation, rarely at placation. A plan that does not say "
        "how people hear back is an error too.",
        breaks="answers:\n  hear-what-came-of-it: rarely\n",
        keeps="answers:\n  hear-what-came-of-it: usually\n",
    ),
    "CP107": Written(
        holds="People's time is not recognised ('recognition-of-time'): no pay, reward or "
        "thanks at all holds every area at placation; a thank-you alone, without asking what "
        "suits each person, is a warning. A plan that does not say is a warning too.",
        breaks="answers:\n  recognition-of-time: nothing\n",
        keeps="answers:\n  recognition-of-time: agreed-with-each\n",
    ),
    "CP108": Written(
        holds="The same few people take part throughout ('same-few-people'), or the plan does "
        "not say how fresh voices join. It caps no stage, so it is a warning: it fails the check "
        "only with --fail-on warning.",
        breaks="answers:\n  same-few-people: same-few\n",
        keeps="answers:\n  same-few-people: fresh-people-join\n",
    ),
    "CP109": Written(
        holds="People's views are asked for only after the main decisions are made "
        "('design-timing'): design and decision-making are held at consultation.",
        breaks="answers:\n  design-timing: after-decisions\n",
        keeps="answers:\n  design-timing: while-options-open\n",
    ),
    "CP110": Written(
        holds="People are asked to present or promote work they had no part in "
        "('fronting-work'): often holds research and voice at placation; sometimes is a "
        "warning.",
        breaks="answers:\n  fronting-work: often\n",
        keeps="answers:\n  fronting-work: never\n",
    ),
    "CP111": Written(
        holds="An area is planned at a higher stage than its own answers support: its placing "
        "answer, another answer that contradicts the claim, or a guardrail without a rule of "
        "its own holds it lower.",
        why="A stage is a claim about how power is shared. The report warns against calling "
        "work co-production when it is not: the claim has to match what people actually do "
        "and decide.",
        fix="Change what holds the area back (the finding names it), or plan for the stage "
        "the answers support.",
        breaks="areas:\n  decision-making: {stage: partnership, how: Parents sit on our board.}\n"
        "answers:\n  decision-board-seats: one\n"
        "  decision-board-support: [training, briefing]\n",
        keeps="areas:\n  decision-making: {stage: partnership, how: Parents sit on our board.}\n"
        "answers:\n  decision-board-seats: about-half\n"
        "  decision-board-support: [training, briefing]\n",
    ),
    "CP112": Written(
        holds="People have no say in the plans at any point ('design-timing'): design and "
        "decision-making are held at informing.",
        breaks="answers:\n  design-timing: not-involved\n",
        keeps="answers:\n  design-timing: before-anything-decided\n",
    ),
    "CP201": Written(
        holds="The plan has a key coprod-check does not know, such as a misspelt 'min_score'; "
        "it names the closest known key.",
        why="A key coprod-check does not know is ignored. A misspelt bar is no bar at all, and "
        "the plan would pass while saying something it does not check.",
        fix="Correct the key to the one the finding suggests, or remove it.",
        breaks="policy:\n  min_scroe: {reciprocity: 60}\n",
        keeps="policy:\n  min_score: {reciprocity: 60}\n",
    ),
    "CP301": Written(
        holds="The plan's own words (who it is for, and how each area works) use jargon such "
        "as 'stakeholders' or 'service users', or an acronym that is not written out. It is "
        "information only: it never fails the check.",
        why="The plan is for everyone involved, including people with lived experience. Jargon "
        "and unexplained acronyms shut people out of the conversation.",
        fix="Say who or what you mean in plain words; write an acronym out in full the first "
        "time, with the short form after it in brackets.",
        breaks="people: Service users and other stakeholders in Riverside.\n",
        keeps="people: Parents of children under four in Riverside.\n",
    ),
}
"""What is written about each rule here, by id."""


def rule_docs(catalog: Catalog) -> list[RuleDoc]:
    """Every rule's page, in id order, CP000 first: why and how to fix a guardrail's rule from
    the guardrail in ``catalog``, the rest from :data:`WRITTEN`."""
    guardrails = {g.code: g for g in catalog.guardrails.values() if g.code}
    return [_doc(rule, WRITTEN[rule.id], guardrails.get(rule.id)) for rule in described()]


def described() -> list[CheckRule]:
    """Every rule that has a page: the plan's rules, and CP000 for a plan not checked."""
    return [NOT_CHECKED, *RULES.values()]


GUARDRAIL_SEVERITY = (
    "Like every guardrail, it is an error when it lowers a stage the plan claims or keeps an "
    "area below its target, and a warning when it holds but caps nothing the plan aims for."
)
"""How a finding is graded when its guardrail can hold a stage back, said once for each."""


def _doc(rule: CheckRule, written: Written, guardrail: Guardrail | None) -> RuleDoc:
    why = written.why or (guardrail.explanation if guardrail else rule.summary)
    fix = written.fix or (guardrail.fix if guardrail and guardrail.fix else rule.summary)
    holds_back = guardrail is not None and any(
        grade.severity == "holds-back" for grade in guardrail.levels()
    )
    holds = f"{written.holds} {GUARDRAIL_SEVERITY}" if holds_back else written.holds
    return RuleDoc(
        id=rule.id,
        name=rule.name,
        severity=rule.severity,
        summary=rule.summary,
        holds=holds,
        why=why,
        section=rule.section,
        fix=fix,
        breaks=EXAMPLE_HEAD + written.breaks,
        keeps=EXAMPLE_HEAD + written.keeps,
        anchor=rule.anchor,
        help_uri=rule.help_uri,
    )
