"""`coprod-check explain`: the whole reasoning behind the answers in a results or answers file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_check.cli.options import FrameworksDir, NoBundled, catalog_from, width
from coprod_check.cli.output import out
from coprod_check.errors import Location, UsageError

if TYPE_CHECKING:
    from coprod_check.model.answers import Answer
    from coprod_check.model.catalog import Catalog


def explain(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A results file, or an answers file (YAML or TOML).",
            dir_okay=False,
        ),
    ],
    pathway: Annotated[
        str | None,
        typer.Option(
            "--pathway", help="The pathway to place on (default: the file's, or arnstein)."
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every recommendation, not just the top five.")
    ] = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Print the whole reasoning: each placement and why, what would move it up, every score
    with its coverage, and the advice with what triggered it."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.render.explain import explain_text
    from coprod_check.score.assess import assess

    catalog = catalog_from(frameworks_dir, no_bundled)
    answers, chosen, targets = _answers(catalog, answers_file, pathway)
    assessment = assess(catalog, answers, chosen, targets=targets)
    out(explain_text(catalog, assessment, show_all=show_all, width=width()))
    return 0


def _answers(
    catalog: "Catalog", path: Path, pathway: str | None
) -> "tuple[dict[str, Answer], str | None, dict[str, str]]":
    """The answers in a results or answers file, the pathway to place them on (the one asked
    for, else the file's) and the targets the file sets."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.files import matching
    from coprod_check.files.answers import read_answers_file
    from coprod_check.io.toml_file import load_data_file

    if not _is_results(path):
        given = read_answers_file(load_data_file(path), catalog, pathway=pathway)
        return given.answers, pathway or given.pathway, given.targets
    saved = matching.read(path, catalog, pathway=pathway is None)
    if saved.combined is not None:
        raise UsageError(
            "this is a combined result: the reasons behind each placement are in each "
            "respondent's own results file",
            Location(str(path)),
            f"see the combined result with: coprod-check report {path}",
        )
    return saved.answers, pathway or saved.meta.pathway, saved.targets


def _is_results(path: Path) -> bool:
    """Whether a file is a results file (TOML starting with the results schema)."""
    if path.suffix.lower() != ".toml":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"coprod-check/result/" in head
