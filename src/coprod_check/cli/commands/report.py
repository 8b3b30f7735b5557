"""`coprod-check report`: read a results file and show or write its report in one format."""

from pathlib import Path
from typing import Annotated

import typer

from coprod_check.cli.options import (
    AllAdvice,
    AudienceOption,
    Force,
    Format,
    FrameworksDir,
    NoBundled,
    Output,
    PlainOutput,
    catalog_from,
    show_made,
)
from coprod_check.cli.output import out_json
from coprod_check.errors import UsageError
from coprod_check.render.formats import ReportFormat


def report(
    results_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="RESULTS",
            help="A results file, from assess or combine.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    output_format: Format = ReportFormat.terminal,
    output: Output = None,
    force: Force = False,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema of the JSON report and exit.")
    ] = False,
    plain: PlainOutput = False,
    show_all: AllAdvice = False,
    audience: AudienceOption = None,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Show the results to share with everyone who took part.

    Where the project stands, the principle scores, and what to do next, in the terminal or as
    Markdown, HTML, JSON or TOML.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.files import matching
    from coprod_check.render.report import render
    from coprod_check.views.report import SHOWN, build_report, report_schema

    if schema:
        out_json(report_schema())
        return 0
    if results_file is None:
        raise UsageError("give a results file", None, "coprod-check report RESULTS")
    catalog = catalog_from(frameworks_dir, no_bundled)
    made = build_report(
        catalog,
        matching.read(results_file, catalog),
        audience=audience.value if audience else None,
        shown=None if show_all else SHOWN,
    )
    inputs = [results_file, *catalog.framework_files]
    show_made(
        render,
        made,
        output_format,
        output=output,
        force=force,
        plain=plain,
        inputs=inputs,
        what="report",
    )
    return 0
