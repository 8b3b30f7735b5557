"""`coprod-check check`: check a project's plan against the bar it sets, for CI."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_check.cli.options import (
    Force,
    FrameworksDir,
    NoBundled,
    catalog_from,
    format_option,
    output_option,
    width,
)
from coprod_check.cli.output import out, out_json, to_stdout
from coprod_check.errors import UsageError
from coprod_check.io.writing import check_output, write_text
from coprod_check.render.formats import CheckFormat

if TYPE_CHECKING:
    from coprod_check.model.catalog import Catalog


NOT_OURS = (
    "it is not a report coprod-check check wrote, so it is kept: choose another name, or add "
    "--force to replace it"
)


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


def check(
    plan_file: Annotated[
        Path,
        typer.Argument(metavar="[PLAN]", help="The plan file (YAML or TOML).", dir_okay=False),
    ] = Path("coprod-plan.yaml"),
    output_format: Annotated[
        str,
        format_option(
            "text, json, github, sarif, junit or markdown.",
            autocompletion=lambda: [member.value for member in CheckFormat],
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        output_option(
            "Write the report to this file ('-': print it). A report check wrote before is "
            "replaced; any other file needs --force."
        ),
    ] = None,
    force: Force = False,
    fail_under: Annotated[
        float | None,
        typer.Option("--fail-under", help="Fail when any principle scores below this (0-100)."),
    ] = None,
    min_stage: Annotated[
        str | None,
        typer.Option("--min-stage", help="Fail when the project overall is below this stage."),
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Fail on errors only, or on warnings too.")
    ] = FailOn.error,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Report, but exit 0 even when the check fails.")
    ] = False,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema for plan files and exit.")
    ] = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Check a project's co-production plan against the bar it sets.

    Exit 0 passed, 1 failed, 2 invalid plan or usage.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.check.rules import CheckOptions, run_check
    from coprod_check.files.plan import load_plan, plan_schema
    from coprod_check.render.check import render

    if schema:
        out_json(plan_schema())
        return 0
    chosen_format = _format(output_format)
    catalog = catalog_from(frameworks_dir, no_bundled)
    plan = load_plan(plan_file, catalog)
    inputs = [plan_file, *catalog.framework_files]
    replace = force or (output is not None and not to_stdout(output) and _ours(output))
    if output is not None and not to_stdout(output):  # before the work, not after it
        check_output(output, force=replace, inputs=inputs, exists_hint=NOT_OURS)
    _check_stage(catalog, plan.pathway, min_stage)
    options = CheckOptions(fail_under=fail_under, min_stage=min_stage, fail_on=fail_on.value)
    report = run_check(plan, catalog, options)
    text = render(report, chosen_format, width=width())
    if to_stdout(output):
        out(text)
    elif output is not None:
        write_text(output, text, force=replace, inputs=inputs)
    return 1 if not report.passed and not exit_zero else 0


def _ours(output: Path) -> bool:
    """Whether ``output`` is a regular file holding a report check wrote before, which a run
    may replace (as CI runs the check again); anything unreadable is treated as not ours."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.errors import CoprodError
    from coprod_check.io.yaml_file import decode, read_input
    from coprod_check.render.check.own import written_by_check

    if not output.is_file():
        return False
    try:
        return written_by_check(decode(read_input(output, str(output)), str(output)))
    except CoprodError:
        return False


def _format(name: str) -> CheckFormat:
    """The format asked for, in any case."""
    try:
        return CheckFormat(name.lower())
    except ValueError:
        known = ", ".join(member.value for member in CheckFormat)
        raise UsageError(f"no format called {name!r}", None, f"formats: {known}") from None


def _check_stage(catalog: "Catalog", pathway_id: str | None, min_stage: str | None) -> None:
    """Refuse a --min-stage that is not a stage of the plan's pathway."""
    pathway = catalog.pathway_for(pathway_id)
    if min_stage is not None and min_stage not in {stage.id for stage in pathway.stages}:
        raise UsageError(
            f"no stage called {min_stage!r} on {pathway.title}",
            None,
            "stages: " + ", ".join(stage.id for stage in pathway.stages),
        )
