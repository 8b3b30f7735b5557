"""`coprod-check rule`: what a rule of the check is for, when it holds, why it matters, how to
fix it, and an example."""

from typing import Annotated

import typer

from coprod_check.cli.options import (
    FrameworksDir,
    NoBundled,
    catalog_from,
    format_option,
    unknown,
    width,
)
from coprod_check.cli.output import out
from coprod_check.errors import UsageError
from coprod_check.render.formats import RuleFormat


def rule(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[RULE]",
            help="A rule's id or name, such as CP106 or no-feedback.",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show every rule.")] = False,
    output_format: Annotated[RuleFormat, format_option("text, markdown or json.")] = (
        RuleFormat.text
    ),
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Explain a rule of the check: when it holds, why it matters (with the report's section),
    how to fix it, and a plan that breaks it beside the same plan put right."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.check.rule_docs import rule_docs
    from coprod_check.render.rules import rule_json, rule_markdown, rule_text

    if (name is None) == (not show_all):
        raise UsageError(
            "give one rule, or --all for every rule",
            None,
            "for example: coprod-check rule CP106",
        )
    docs = rule_docs(catalog_from(frameworks_dir, no_bundled))
    if name is not None:
        known = {key: doc for doc in docs for key in (doc.id.lower(), doc.name)}
        if name.lower() not in known:
            unknown("rule", name, [doc.id for doc in docs], "coprod-check rule --all")
        docs = [known[name.lower()]]
    if output_format is RuleFormat.markdown:
        out(rule_markdown(docs))
    elif output_format is RuleFormat.json:
        out(rule_json(docs))
    else:
        out(rule_text(docs, width()))
    return 0
