"""`coprod-check workshop`: a whole room answering together. `workshop serve` serves the
questions to everyone's own phone, tablet or laptop; when the facilitator ends it, their answers
are combined."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from coprod_check.cli.options import (
    Force,
    FrameworksDir,
    NoBundled,
    PathwayOption,
    PlainOutput,
    Project,
    QuestionFrameworks,
    catalog_from,
    is_plain,
    output_option,
    width,
)
from coprod_check.cli.output import out, say
from coprod_check.errors import Interrupted

DEFAULT_PORT = 8765
"""The same port each time, so that a workshop served again has the same join address."""


def serve(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER",
            help=(
                "The workshop's folder, for one results file per participant (made if it is "
                "not there). Serving it again carries the workshop on."
            ),
            file_okay=False,
            show_default=False,
        ),
    ],
    project: Project = None,
    framework: QuestionFrameworks = None,
    pathway: PathwayOption = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help=(
                "The address to serve on: 0.0.0.0 lets phones on the same network join "
                "(default: this computer only)."
            ),
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option("--port", help="The port to serve on (0: any free one).", min=0, max=65535),
    ] = DEFAULT_PORT,
    output: Annotated[
        Path | None,
        output_option(
            "Where the combined result goes when the workshop ends "
            "(default: FOLDER/combined/combined.toml)."
        ),
    ] = None,
    force: Force = False,
    plain: PlainOutput = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Serve the questions to everyone in the room, each on their own phone or laptop.

    Shows a join address, its QR code and a join code. Each person picks their role and answers
    in their own words, one question per page; every answer is saved at once in their own
    results file in FOLDER. Press q (or Ctrl-C) to end: the answers are combined, and where
    voices differ is shown. Serving FOLDER again carries the workshop on.
    """
    # the web server loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.workshop.serving import serve as serve_workshop

    catalog = catalog_from(frameworks_dir, no_bundled)
    try:
        ended = serve_workshop(
            catalog,
            folder,
            project=project,
            frameworks=framework,
            pathway=pathway,
            host=host,
            port=port,
            output=output,
            force=force,
            plain=is_plain(plain) or not sys.stdout.isatty(),
            width=width(),
            stdin=sys.stdin,
            stdout=sys.stdout,
            warn=say,
        )
    except KeyboardInterrupt:
        raise Interrupted(
            f"\nStopped before the answers were combined. Every answer is saved in {folder}.",
            None,
            f"To combine them: coprod-check workshop serve {folder}, then press q.",
        ) from None
    out(ended.words)
    return 0
