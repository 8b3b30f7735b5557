"""`coprod-check trend`: the same measures from several results files, oldest first."""

from pathlib import Path
from typing import Annotated

import typer

from coprod_check.cli.options import (
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


def trend(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILES...",
            help="Results files (single or combined), in any order.",
            show_default=False,
        ),
    ] = None,
    output_format: Format = ReportFormat.terminal,
    output: Output = None,
    force: Force = False,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema of the JSON trend and exit.")
    ] = False,
    plain: PlainOutput = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """How the project moved over time: each stage and principle score, oldest first."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.files import matching
    from coprod_check.io import stdin
    from coprod_check.render.trend import render
    from coprod_check.views.trend import build_trend, trend_schema

    if schema:
        out_json(trend_schema())
        return 0
    if not files:
        raise UsageError("give one or more results files", None, "coprod-check trend FILES...")
    catalog = catalog_from(frameworks_dir, no_bundled)
    read = [(stdin.shown(path), matching.read(path, catalog)) for path in files]
    made = build_trend(catalog, read)
    inputs = [*files, *catalog.framework_files]
    show_made(
        render,
        made,
        output_format,
        output=output,
        force=force,
        plain=plain,
        inputs=inputs,
        what="trend",
    )
    return 0
