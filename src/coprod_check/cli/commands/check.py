"""`coprod-check check`: check a project's plan against the bar it sets, for CI."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

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
from coprod_check.errors import CoprodError, ManyErrors, UsageError
from coprod_check.io.writing import check_output, write_text
from coprod_check.render.formats import CheckFormat

if TYPE_CHECKING:
    from coprod_check.check.rules import CheckOptions
    from coprod_check.check.unchecked import Outcome
    from coprod_check.model.catalog import Catalog


NOT_OURS = (
    "it is not a report coprod-check check wrote, so it is kept: choose another name, or add "
    "--force to replace it"
)


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


def check(
    plan_files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PLAN]...",
            help="The plan files (YAML or TOML); coprod-plan.yaml when none is given.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        format_option(
            "text, json, github, sarif, junit, markdown or gitlab.",
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
        bool,
        typer.Option("--schema", help="Print the JSON Schema of the JSON check and exit."),
    ] = False,
    plan_schema: Annotated[
        bool,
        typer.Option(
            "--plan-schema",
            help="Print the JSON Schema for plan files (with the loaded frameworks' ids) and exit.",
        ),
    ] = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Check a project's co-production plans against the bar each sets.

    Exit 0 passed, 1 failed, 2 invalid plan or usage.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.check.rules import CheckOptions
    from coprod_check.render.check import render

    if schema or plan_schema:
        out_json(_schema(plan=plan_schema, frameworks_dir=frameworks_dir, no_bundled=no_bundled))
        return 0
    chosen_format = _format(output_format)
    plans = plan_files or [Path("coprod-plan.yaml")]
    printed = output is None or to_stdout(output)
    replace = force or (output is not None and not printed and _ours(output))
    if output is not None and not printed:  # before the work, not after it
        check_output(output, force=replace, inputs=plans, exists_hint=NOT_OURS)
    options = CheckOptions(fail_under=fail_under, min_stage=min_stage, fail_on=fail_on.value)
    checked = _check_all(plans, frameworks_dir, no_bundled, options)
    text = render(checked.outcomes, chosen_format, width=width())
    errors = list(checked.errors)
    try:
        if printed:
            out(text)
        elif output is not None and text:
            inputs = [*plans, *checked.framework_files]
            write_text(output, text, force=replace, inputs=inputs)
    except CoprodError as error:
        errors.append(error)
    if errors:
        raise errors[0] if len(errors) == 1 else ManyErrors(errors)
    return 1 if not checked.passed and not exit_zero else 0


def _schema(*, plan: bool, frameworks_dir: list[Path] | None, no_bundled: bool) -> object:
    """The JSON Schema of the JSON check; or, with ``plan``, of plan files, with the ids of the
    frameworks the options load."""
    if not plan:
        from coprod_check.render.check.json_format import check_schema

        return check_schema()
    from coprod_check.check.rules import RULES
    from coprod_check.files.plan_schema import plan_schema

    return plan_schema(catalog_from(frameworks_dir, no_bundled), rules=list(RULES))


class _Checked(NamedTuple):
    outcomes: "list[Outcome]"
    """Each plan's report, or why it could not be checked, in the order given."""
    errors: list[CoprodError]
    """What kept plans from being checked."""
    framework_files: list[Path]
    """The framework files the plans were checked against (never to be written over)."""

    @property
    def passed(self) -> bool:
        """Whether every plan was checked, and passed."""
        from coprod_check.check.rules import CheckReport

        return all(isinstance(o, CheckReport) and o.passed for o in self.outcomes)


def _check_all(
    plans: list[Path],
    frameworks_dir: list[Path] | None,
    no_bundled: bool,
    options: "CheckOptions",
) -> _Checked:
    """Check every plan given. A plan that cannot be checked stops only itself: its errors come
    back, to be shown once the others are done, in words and in the format asked for."""
    from coprod_check.check.rules import run_check
    from coprod_check.check.unchecked import unchecked
    from coprod_check.files.plan import load_plan

    try:
        catalog = catalog_from(frameworks_dir, no_bundled)
    except CoprodError as error:  # nothing can be checked without the frameworks
        return _Checked([unchecked(str(plan), error) for plan in plans], [error], [])
    checked = _Checked([], [], list(catalog.framework_files))
    for plan_file in plans:
        try:
            plan = load_plan(plan_file, catalog)
            _check_stage(catalog, plan.pathway, options.min_stage)
            checked.outcomes.append(run_check(plan, catalog, options))
        except CoprodError as error:
            checked.outcomes.append(unchecked(str(plan_file), error))
            checked.errors.append(error)
    return checked


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
