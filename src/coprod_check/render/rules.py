"""The rules of the check, as `coprod-check rule` prints them: plain text at the terminal's
width, Markdown (``docs/rules.md`` is this, for every rule) or JSON. Each rule has its id, name,
severity, when it holds, why it matters with the report's section, how to fix it, and a plan
that breaks it beside the same plan put right."""

from __future__ import annotations

import json
from collections.abc import Sequence

import msgspec

from coprod_check.check.rule_docs import RuleDoc
from coprod_check.text import escape_unsafe, safe_text, wrap

DOCS_HEAD = """\
# The rules of the check

`coprod-check check` runs these rules over a plan (see [the plan file](plan.md)). Each finding
names its rule, and SARIF and GitLab reports link each rule to its section here. To see a rule
at the terminal, run `coprod-check rule CP106` (or `coprod-check rule no-feedback`);
`coprod-check rule --all` shows them all.

A rule can be turned off in the plan's policy, with a reason everyone can read (see
[the plan file](plan.md)); CP000 cannot, as it is not a rule of the plan: it is how the machine
formats say that a plan could not be checked at all.

This page is made by `coprod-check rule --all --format markdown` and checked by a test, so it
says what the check does. Why it matters and how to fix it come from the frameworks' own
guardrails where a rule is one of them.
"""


def _why(rule: RuleDoc) -> str:
    return f'{rule.why} (The report, "{rule.section}".)' if rule.section else rule.why


def rule_text(rules: Sequence[RuleDoc], width: int) -> str:
    """Each rule as plain text, wrapped to ``width`` columns; a blank line between rules."""
    return "\n".join(_text(rule, width) for rule in rules)


def _text(rule: RuleDoc, width: int) -> str:
    lines = [f"{rule.id} {rule.name} ({rule.severity})", *wrap(rule.summary, width), ""]
    for heading, body in (
        ("When it holds", rule.holds),
        ("Why it matters", _why(rule)),
        ("How to fix it", rule.fix),
    ):
        lines += [heading, *wrap(body, width, indent="  "), ""]
    lines.append("Example: a plan that breaks it")
    lines += [f"    {line}" for line in rule.breaks.splitlines()]
    lines += ["", "The same plan put right"]
    lines += [f"    {line}" for line in rule.keeps.splitlines()]
    lines += ["", f"More: {rule.help_uri}", ""]
    return safe_text("\n".join(lines))


def rule_markdown(rules: Sequence[RuleDoc]) -> str:
    """The rules page: a table of every rule, then a section for each, anchored by its id and
    name (``#cp106-no-feedback``)."""
    lines = [DOCS_HEAD, "| Rule | Severity | What it checks |", "|---|---|---|"]
    lines += [
        f"| [{rule.id} {rule.name}](#{rule.anchor}) | {rule.severity} | {rule.summary} |"
        for rule in rules
    ]
    for rule in rules:
        lines += [
            "",
            f"## {rule.id} {rule.name}",
            "",
            f"**Severity:** {rule.severity}. {rule.summary}",
            "",
            f"**When it holds.** {rule.holds}",
            "",
            f"**Why it matters.** {_why(rule)}",
            "",
            f"**How to fix it.** {rule.fix}",
            "",
            "**Example.** A plan that breaks it:",
            "",
            "```yaml",
            rule.breaks.rstrip("\n"),
            "```",
            "",
            "The same plan put right:",
            "",
            "```yaml",
            rule.keeps.rstrip("\n"),
            "```",
        ]
    return safe_text("\n".join(lines) + "\n")


def rule_json(rules: Sequence[RuleDoc]) -> str:
    """The rules as a JSON list, one object per rule with every field of :class:`RuleDoc`."""
    data = [msgspec.to_builtins(rule) for rule in rules]
    return escape_unsafe(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
