"""The command line: the Typer app and its commands, and the one place where errors become one
clear line and an exit code.

Each command is a function in ``commands/`` that returns its exit code. Exit codes: 0 success;
1 a check failed; 2 bad input, bad usage or an invalid file; 3 an internal error (a bug to
report); 130 interrupted.
"""

import contextlib
import inspect
import os
import sys
from collections.abc import Callable
from typing import Annotated

import typer

from coprod_check import __version__
from coprod_check.cli import help_format
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
    rule,
    trend,
    workshop,
)
from coprod_check.cli.options import width
from coprod_check.errors import CoprodError
from coprod_check.text import safe_text

INTERNAL_ERROR = 3


def _exit_with(code: int | None, **_: object) -> None:
    """End with the exit code the command returned."""
    if code:
        raise typer.Exit(code)


app = typer.Typer(
    name="coprod-check",
    cls=help_format.HelpedGroup,
    help=(
        "Check, honestly, how well your service co-produces with the people it is for, "
        "and learn what to do next."
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion, for bash, zsh, fish
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    result_callback=_exit_with,
)
FRAMEWORKS_HELP = (
    "List, show, validate and describe the frameworks: pathways, questions and advice."
)
frameworks_app = typer.Typer(
    help=FRAMEWORKS_HELP, no_args_is_help=True, cls=help_format.HelpedGroup
)
app.add_typer(frameworks_app, name="frameworks", short_help=FRAMEWORKS_HELP)
WORKSHOP_HELP = "A whole room answers together: each person on their own phone, tablet or laptop."
workshop_app = typer.Typer(help=WORKSHOP_HELP, no_args_is_help=True, cls=help_format.HelpedGroup)
app.add_typer(workshop_app, name="workshop", short_help=WORKSHOP_HELP)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"coprod-check {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Check, honestly, how well your service co-produces with the people it is for."""


def _add(group: typer.Typer, name: str, command: Callable[..., int]) -> None:
    """Add ``command`` to ``group``, summed up in the list of commands by the first paragraph of
    its help, whole: left to itself, click cuts every summary to 45 characters and "...". The
    summary is wrapped to the terminal's width like the rest of the help."""
    first = (inspect.getdoc(command) or "").split("\n\n", maxsplit=1)[0]
    group.command(name, short_help=" ".join(first.split()), cls=help_format.HelpedCommand)(command)


_add(frameworks_app, "list", frameworks.list_frameworks)
_add(frameworks_app, "show", frameworks.show)
_add(frameworks_app, "validate", frameworks.validate)
_add(frameworks_app, "schema", frameworks.schema)
# In the order people use them, which is the order --help lists them in.
_add(app, "assess", assess.assess)
_add(workshop_app, "serve", workshop.serve)
_add(app, "explain", explain.explain)
_add(app, "report", report.report)
_add(app, "combine", combine.combine)
_add(app, "compare", compare.compare)
_add(app, "trend", trend.trend)
_add(app, "check", check.check)
_add(app, "rule", rule.rule)
_add(app, "init", init.init)
_add(app, "glossary", glossary.glossary)

HELP_WIDTH = 80
"""The widest the help is laid out, however wide the terminal: long lines are hard to read."""


def _report(error: CoprodError) -> None:
    """An error as the lines a person reads; what it quotes from a file or the command line
    cannot act on the terminal."""
    sys.stderr.write(safe_text("\n".join(error.lines()) + "\n"))


def run() -> int:
    """Run the app; the single place where errors become words on stderr and an exit code."""
    _nowhere_is_somewhere()
    try:
        app(prog_name="coprod-check", terminal_width=min(width(), HELP_WIDTH))
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
