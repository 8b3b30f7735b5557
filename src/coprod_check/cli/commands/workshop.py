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
    Plain,
    PlainOutput,
    Project,
    QuestionFrameworks,
    catalog_from,
    is_plain,
    output_option,
    width,
)
from coprod_check.cli.output import out, say
from coprod_check.errors import Interrupted, UsageError

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


def group(
    project: Project = None,
    role: Annotated[
        list[str] | None,
        typer.Option(
            "--role",
            help=(
                "A role in the room, whose hands are counted (repeat for each; default: every "
                "role)."
            ),
        ),
    ] = None,
    framework: QuestionFrameworks = None,
    pathway: PathwayOption = None,
    output: Annotated[
        Path | None,
        output_option(
            "The group's results file (default: a new file named after the project and date)."
        ),
    ] = None,
    force: Force = False,
    resume: Annotated[
        Path | None,
        typer.Option("--resume", help="Carry on with a group's results file.", dir_okay=False),
    ] = None,
    plain: Plain = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Show the questions on one screen and count the room's answers by a show of hands.

    For each question the room talks it over; then, for each role, type how many chose each
    answer, and a note of what was said if you wish. Saved after every question: Ctrl-C stops
    and keeps every count; --resume carries on. Combining the file reads the counts as that many
    respondents.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.ask.questionnaire import ask_project
    from coprod_check.ask.session import Session, default_output
    from coprod_check.io import stdin
    from coprod_check.io.lock import hold
    from coprod_check.io.writing import check_output
    from coprod_check.workshop.group import (
        GROUP,
        ShowOfHands,
        check_group_file,
        check_roles,
        ending,
        room_roles,
    )
    from coprod_check.workshop.hands_menu import MenuHands
    from coprod_check.workshop.hands_plain import PlainHands

    for given, option in ((output, "--output"), (resume, "--resume")):
        if stdin.is_dash(given):
            raise UsageError(
                f"{option} cannot be '-': the counts are saved in the results file as they "
                "come, and read back from it",
                None,
                "give a file name",
            )
    catalog, columns = catalog_from(frameworks_dir, no_bundled), width()
    terminal = sys.stdin.isatty()
    roles = check_roles(catalog, role or [])
    if resume is not None:
        session = Session.resume(catalog, resume, pathway)
        check_group_file(session)
        if not terminal:
            raise _no_terminal()
    else:
        if not terminal:
            raise _no_terminal()
        if project is None:
            project = ask_project(is_plain(plain)) if terminal else "Untitled project"
        if output is not None:  # refused now, before the room counts anything
            carry_on = f"coprod-check workshop group --resume {output}"
            hint = f"choose another --output, add --force, or carry on: {carry_on}"
            check_output(output, force=force, streams=False, exists_hint=hint)
        session = Session.start(
            catalog,
            output=output or default_output(project, Path.cwd()),
            project=project,
            respondent=GROUP,
            role=None,
            frameworks=framework,
            pathway=pathway,
        )
    check_output(session.output, force=True, inputs=list(catalog.framework_files), streams=False)
    with hold(session.output):
        if resume is not None:
            session = Session.resume(catalog, resume, pathway)  # read again, now it is held
            roles = room_roles(session) if not role else roles
            roles = roles or check_roles(catalog, [])
        elif force:
            session.take_over()
        counting = ShowOfHands(session, roles)
        try:
            session.save(session.answers)  # the file exists from the start: --resume works
            out(
                f"{len(counting.steps())} questions to count hands for; every count is saved "
                f"in {session.output} as it is typed. Ctrl-C stops; --resume carries on.\n"
            )
            counting.run(
                PlainHands(sys.stdin, sys.stdout, columns) if is_plain(plain) else MenuHands()
            )
        except (KeyboardInterrupt, EOFError):
            done = len(session.answers)
            raise Interrupted(
                f"\nStopped. The counts for {done} question{'s' if done != 1 else ''} are saved "
                f"in {session.output}.",
                None,
                f"To carry on: coprod-check workshop group --resume {session.output}",
            ) from None
    out(ending(counting, width=columns))
    return 0


def _no_terminal() -> UsageError:
    return UsageError(
        "there is no terminal to count the hands in",
        None,
        "run coprod-check workshop group at a terminal, on the screen the room can see",
    )
