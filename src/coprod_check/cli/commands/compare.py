"""`coprod-check compare`: how two results differ, and whether anything went down."""

from pathlib import Path
from typing import Annotated

import typer

from coprod_check.cli.options import FrameworksDir, NoBundled, catalog_from, width
from coprod_check.cli.output import out


def compare(
    before: Annotated[
        Path, typer.Argument(metavar="BEFORE", help="The earlier results file.", dir_okay=False)
    ],
    after: Annotated[
        Path, typer.Argument(metavar="AFTER", help="The later results file.", dir_okay=False)
    ],
    fail_if_worse: Annotated[
        bool,
        typer.Option(
            "--fail-if-worse",
            help="Exit 1 when an area, the overall stage or a principle score went down.",
        ),
    ] = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Compare two results: how each stage and score moved, and which advice is now met or new."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.files import matching
    from coprod_check.io import stdin
    from coprod_check.render.compare import compare_text
    from coprod_check.views import compare as comparing

    catalog = catalog_from(frameworks_dir, no_bundled)
    comparison = comparing.compare(
        catalog, matching.read(before, catalog), matching.read(after, catalog)
    )
    named = {"before": stdin.shown(before), "after": stdin.shown(after)}
    out(compare_text(catalog, comparison, **named, width=width()))
    return 1 if fail_if_worse and comparison.worse else 0
