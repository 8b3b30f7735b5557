"""`coprod-check explain`: the whole reasoning behind the answers in a results or answers file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_check.cli.options import (
    AllAdvice,
    AudienceOption,
    FrameworksDir,
    NoBundled,
    catalog_from,
    format_option,
    width,
)
from coprod_check.cli.output import out, out_json
from coprod_check.errors import Location, UsageError
from coprod_check.render.formats import ExplainFormat

if TYPE_CHECKING:
    from coprod_check.model.answers import Answer
    from coprod_check.model.catalog import Catalog


def explain(
    answers_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="A results file, or an answers file (YAML or TOML).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    pathway: Annotated[
        str | None,
        typer.Option(
            "--pathway", help="The pathway to place on (default: the file's, or arnstein)."
        ),
    ] = None,
    show_all: AllAdvice = False,
    audience: AudienceOption = None,
    output_format: Annotated[
        ExplainFormat, format_option("text, markdown or json (see --schema).")
    ] = ExplainFormat.text,
    schema: Annotated[
        bool,
        typer.Option("--schema", help="Print the JSON Schema of the JSON explanation and exit."),
    ] = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Print the whole reasoning behind a results or answers file.

    Each placement against its target and why, what would move it up, every rule that holds and
    the answers behind it, every score with its coverage, and the advice with what triggered it.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    import msgspec

    from coprod_check.render.explain import explain_markdown, explain_text
    from coprod_check.score.assess import assess
    from coprod_check.score.recommend import audience_for
    from coprod_check.views.explain import build_explanation, explanation_schema
    from coprod_check.views.report import SHOWN

    if schema:
        out_json(explanation_schema())
        return 0
    if answers_file is None:
        raise UsageError("give a results or answers file", None, "coprod-check explain FILE")
    catalog = catalog_from(frameworks_dir, no_bundled)
    answers, chosen, targets, role = _answers(catalog, answers_file, pathway)
    whose = audience_for(role, audience.value if audience else None)
    assessment = assess(catalog, answers, chosen, targets=targets, audience=whose, role=role)
    if output_format is ExplainFormat.json:
        shown = None if show_all else SHOWN
        out_json(msgspec.to_builtins(build_explanation(catalog, assessment, shown=shown)))
    elif output_format is ExplainFormat.markdown:
        out(explain_markdown(catalog, assessment, show_all=show_all))
    else:
        out(explain_text(catalog, assessment, show_all=show_all, width=width()))
    return 0


def _answers(
    catalog: "Catalog", path: Path, pathway: str | None
) -> "tuple[dict[str, Answer], str | None, dict[str, str], str | None]":
    """The answers in a results or answers file, the pathway to place them on (the one asked
    for, else the file's), the targets the file sets, and the respondent's role."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.files import matching
    from coprod_check.files.answers import read_answers_file
    from coprod_check.io.toml_file import load_data_file

    if not _is_results(path):
        given = read_answers_file(load_data_file(path), catalog, pathway=pathway)
        return given.answers, pathway or given.pathway, given.targets, given.role
    saved = matching.read(path, catalog, pathway=pathway is None)
    if saved.combined is not None:
        raise UsageError(
            "this is a combined result: the reasons behind each placement are in each "
            "respondent's own results file",
            Location(str(path)),
            f"see the combined result with: coprod-check report {path}",
        )
    return saved.answers, pathway or saved.meta.pathway, saved.targets, saved.meta.role


def _is_results(path: Path) -> bool:
    """Whether a file is a results file (TOML starting with the results schema). Standard input
    (``-``) has no extension: it is one when it looks like TOML and names the results schema."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.io import stdin
    from coprod_check.io.toml_file import looks_like_toml
    from coprod_check.io.yaml_file import decode, read_input

    if stdin.is_dash(path):
        text = decode(read_input(path, stdin.NAME), stdin.NAME)  # kept: read once in a run
        return looks_like_toml(text) and "coprod-check/result/" in text[:4096]
    if path.suffix.lower() != ".toml":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"coprod-check/result/" in head
