"""The command line: the Typer app and its commands, and the one place where errors become one
clear line and an exit code.

Each command is a function in ``commands/`` that returns its exit code. Exit codes: 0 success;
1 a check failed; 2 bad input, bad usage or an invalid file; 3 an internal error (a bug to
report); 130 interrupted.
"""

import contextlib
import os
import sys
from typing import Annotated

import typer

from coprod_check import __version__
from coprod_check.cli.commands import (
    assess,
    check,
    combine,
    compare,
    explain,
    frameworks,
    glossary,
    init,
    report,
    trend,
    workshop,
)
from coprod_check.errors import CoprodError
from coprod_check.text import safe_text

INTERNAL_ERROR = 3


def _exit_with(code: int | None, **_: object) -> None:
    """End with the exit code the command returned."""
    if code:
        raise typer.Exit(code)


app = typer.Typer(
    name="coprod-check",
    help=(
        "Check, honestly, how well your service co-produces with the people it is for, "
        "and learn what to do next."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    result_callback=_exit_with,
)
frameworks_app = typer.Typer(
    help="List, show, validate and describe the frameworks: pathways, questions and advice.",
    no_args_is_help=True,
)
app.add_typer(frameworks_app, name="frameworks")
workshop_app = typer.Typer(
    help="A whole room answers together: each person on their own phone, tablet or laptop.",
    no_args_is_help=True,
)
app.add_typer(workshop_app, name="workshop")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"coprod-check {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check, honestly, how well your service co-produces with the people it is for."""


frameworks_app.command("list")(frameworks.list_frameworks)
frameworks_app.command("show")(frameworks.show)
frameworks_app.command("validate")(frameworks.validate)
frameworks_app.command("schema")(frameworks.schema)
# In the order people use them, which is the order --help lists them in.
app.command("assess")(assess.assess)
workshop_app.command("serve")(workshop.serve)
app.command("explain")(explain.explain)
app.command("report")(report.report)
app.command("combine")(combine.combine)
app.command("compare")(compare.compare)
app.command("trend")(trend.trend)
app.command("check")(check.check)
app.command("init")(init.init)
app.command("glossary")(glossary.glossary)


def _report(error: CoprodError) -> None:
    """An error as the lines a person reads; what it quotes from a file or the command line
    cannot act on the terminal."""
    sys.stderr.write(safe_text("\n".join(error.lines()) + "\n"))


def run() -> int:
    """Run the app; the single place where errors become words on stderr and an exit code."""
    _nowhere_is_somewhere()
    try:
        app(prog_name="coprod-check")
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            return done.code or 0
        sys.stderr.write(safe_text(f"{done.code}\n"))
        return 1
    except CoprodError as error:
        _report(error)
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        return 130
    except BrokenPipeError:
        return 0  # the reader went away (for example `| head`); that is not an error of ours
    except Exception as error:  # a bug in coprod-check, not a mistake of the user's
        if os.environ.get("COPROD_CHECK_DEBUG"):
            raise
        sys.stderr.write(
            f"coprod-check {__version__} hit an internal error: {type(error).__name__}: {error}\n"
            "  hint: please report it; set COPROD_CHECK_DEBUG=1 to see the details\n"
        )
        return INTERNAL_ERROR
    return 0


def _nowhere_is_somewhere() -> None:
    """A closed stdout or stderr (``coprod-check glossary >&-``) leaves Python with ``None`` for
    it. Writing there is then no one's mistake: what would be written goes nowhere, as it does
    when a pipe's reader has gone."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 — kept for the run
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 — kept for the run


def main() -> None:
    """The console entry point. Once the output is flushed, the process ends at once: tearing
    down the interpreter's objects one by one would add a third to a short command's run time,
    and every file has been written and closed by then."""
    code = run()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # closed: not our error
            stream.flush()
    os._exit(code)


__all__ = ["app", "main", "run"]
