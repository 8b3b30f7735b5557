"""`coprod-check frameworks list|show|validate|schema`: what the loaded frameworks hold, and
whether framework files are valid."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from coprod_check.cli.options import (
    FrameworksDir,
    NoBundled,
    catalog_from,
    format_option,
    output_option,
    unknown,
    width,
)
from coprod_check.cli.output import emit, out
from coprod_check.text import safe_text


class ListFormat(StrEnum):
    text = "text"
    json = "json"


def list_frameworks(
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
    output_format: Annotated[
        ListFormat, format_option("text for people, json for scripts.")
    ] = ListFormat.text,
) -> int:
    """List the loaded frameworks: id, kind, version, number of questions and title."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.render.frameworks import framework_json, framework_table

    catalog = catalog_from(frameworks_dir, no_bundled)
    if output_format is ListFormat.json:
        out(framework_json(catalog))
    else:
        out(framework_table(catalog, width()))
    return 0


def show(
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="The framework to show.")],
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Show a readable outline of one framework."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.render.frameworks import framework_outline

    catalog = catalog_from(frameworks_dir, no_bundled)
    item = catalog.framework(framework_id)
    if item is None:
        known = [each.framework.id for each in catalog.frameworks]
        unknown("framework", framework_id, known, "coprod-check frameworks list")
    out(framework_outline(item, width()))
    return 0


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Framework files to check.", dir_okay=False),
    ],
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Check framework files; exit 0 when valid, 2 with FILE:LINE:COL errors when not.

    Files are checked as they would load beside the bundled frameworks, so they may use the
    bundled glossary and dimensions. Add --no-bundled to check them on their own.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.io import stdin

    catalog = catalog_from(frameworks_dir, no_bundled, files)  # raises on the first invalid file
    for path in files:
        name = stdin.shown(path)
        framework = next(item for item in catalog.frameworks if item.origin == name).framework
        count = framework.question_count
        plural = "question" if count == 1 else "questions"
        out(safe_text(f"{name}: valid ({framework.kind} '{framework.id}', {count} {plural})\n"))
    return 0


def schema(
    output: Annotated[
        Path | None, output_option("Write the schema to this file instead of printing it.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> int:
    """Print the JSON Schema for framework files, so editors can check and complete them."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.frameworks.schema import framework_schema_json

    emit(framework_schema_json(), output, force=force, what="the framework schema", inputs=())
    return 0
