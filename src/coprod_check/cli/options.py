"""The options several commands share, each declared once, and what they mean: the catalog that
--frameworks-dir and --no-bundled load, whether the output is plain, and the width to lay it
out for.

An option whose help says what it is for in one command (``--output`` saves a results file in
one and a report in another) is made by a function given that help, so its names and checks
are still written once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from coprod_check.cli.output import emit, to_stdout
from coprod_check.errors import UsageError, did_you_mean
from coprod_check.render.formats import Audience, ReportFormat
from coprod_check.text import columns

if TYPE_CHECKING:
    from coprod_check.model.catalog import Catalog

FrameworksDir = Annotated[
    list[Path] | None,
    typer.Option(
        "--frameworks-dir",
        help=(
            "A folder of your own framework files, loaded beside the bundled ones "
            "(repeatable; also read from COPROD_CHECK_FRAMEWORKS)."
        ),
        file_okay=False,
    ),
]
NoBundled = Annotated[
    bool,
    typer.Option(
        "--no-bundled", help="Load only your own frameworks, instead of the bundled ones."
    ),
]
Plain = Annotated[
    bool,
    typer.Option(
        "--plain",
        help=(
            "No colour or box drawing; numbered prompts for screen readers "
            "(also TERM=dumb). NO_COLOR turns off only the colour."
        ),
    ),
]
"""For ``assess``, which asks questions."""
PlainOutput = Annotated[
    bool,
    typer.Option(
        "--plain",
        help=(
            "No colour or box drawing, for screen readers (also TERM=dumb). "
            "NO_COLOR turns off only the colour."
        ),
    ),
]
"""For the commands that only print: they have no prompts to number."""
Project = Annotated[str | None, typer.Option("--project", help="The project's name.")]
QuestionFrameworks = Annotated[
    list[str] | None,
    typer.Option("--framework", help="Ask this framework's questions (repeatable; default: all)."),
]
"""For the commands that ask questions."""
PathwayOption = Annotated[
    str | None, typer.Option("--pathway", help="The pathway to place on (default: arnstein).")
]
Force = Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")]


def output_option(help_text: str) -> Any:
    """``--output``/``-o``: a file to write (never a folder; ``-`` is standard output, where a
    command allows it), with what it is in this command."""
    return typer.Option("--output", "-o", help=help_text, dir_okay=False)


def format_option(help_text: str, **settings: Any) -> Any:
    """``--format``/``-f``: one of the report formats, with what it is for in this command."""
    return typer.Option("--format", "-f", help=help_text, **settings)


Output = Annotated[
    Path | None, output_option("Write to this file instead of printing ('-': print it).")
]
AllAdvice = Annotated[
    bool, typer.Option("--all", help="Show every recommendation, not just the first five.")
]
AudienceOption = Annotated[
    Audience | None,
    typer.Option(
        "--audience",
        help=(
            "Whose advice to give: practitioners, or funders (and commissioners). "
            "Default: by the respondent's role."
        ),
    ),
]
Format = Annotated[ReportFormat, format_option("terminal, markdown, html, json or toml.")]


def catalog_from(
    frameworks_dir: list[Path] | None, no_bundled: bool, files: list[Path] | None = None
) -> Catalog:
    """The frameworks the options ask for, with ``files`` loaded beside them."""
    # Loading frameworks reads YAML and the cache: not needed for --help, --version or a schema.
    from coprod_check.frameworks.load import Sources, load_catalog

    return load_catalog(
        Sources.from_options(frameworks_dir, bundled=not no_bundled, files=files or ())
    )


def is_plain(flag: bool) -> bool:
    """Whether to use the plain layout (numbered prompts, plain lines, no box drawing): --plain,
    or a terminal that cannot move the cursor (TERM=dumb). Colour is a separate choice, made
    from NO_COLOR and FORCE_COLOR (see ``render/colour.py``)."""
    return flag or os.environ.get("TERM") == "dumb"


def width() -> int:
    """The width to lay text out for: the terminal's (or COLUMNS), from 20 to 100 columns."""
    return columns()


def show_made(
    render: Callable[..., str],
    made: object,
    output_format: ReportFormat,
    *,
    output: Path | None,
    force: bool,
    plain: bool,
    inputs: Sequence[Path],
    what: str,
) -> None:
    """Render what a command made in ``output_format`` at the terminal's width (plainly when it
    goes to a file) and print it, or write it to ``output``."""
    plainly = is_plain(plain) or not to_stdout(output)
    text = render(made, output_format, width=width(), plain=plainly)
    emit(text, output, force=force, what=f"the {output_format} {what}", inputs=inputs)


def unknown(kind: str, name: str, known: list[str], listing: str) -> NoReturn:
    """Refuse a name given on the command line that is not known, with the closest known one."""
    close = did_you_mean(name, known, cutoff=0.5)
    hint = f"{close} " if close else ""
    raise UsageError(f"no {kind} called {name!r}", None, f"{hint}see '{listing}'")
