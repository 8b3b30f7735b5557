"""`coprod-check init`: write a commented starter plan file, asking a few questions first when
there is someone at the terminal (those the command line does not answer already)."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_check.cli.options import FrameworksDir, NoBundled, Project, catalog_from, output_option
from coprod_check.cli.output import line, out, say, to_stdout
from coprod_check.errors import UsageError, did_you_mean
from coprod_check.io.writing import check_output, write_text

if TYPE_CHECKING:
    from coprod_check.model.catalog import Catalog
    from coprod_check.model.framework import Pathway

DEFAULT_PLAN = Path("coprod-plan.yaml")


def init(
    output: Annotated[
        Path, output_option("Where to write the plan ('-': print it).")
    ] = DEFAULT_PLAN,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write sensible defaults without asking.")
    ] = False,
    project: Project = None,
    pathway_id: Annotated[
        str | None,
        typer.Option("--pathway", help="The pathway to plan on (default: arnstein)."),
    ] = None,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Write a starter plan file with comments that explain each section. Never overwrites.

    At a terminal, it asks for the project's name, who it is for and its pathway, except what
    --project and --pathway already say; --yes asks nothing.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.check.starter import schema_beside, starter_plan, starter_stage

    printed = to_stdout(output)
    schema_file = schema_beside(DEFAULT_PLAN if printed else output)
    if not printed:
        check_output(
            output, exists_hint="check it with 'coprod-check check', or choose another --output"
        )
        _check_schema_file(schema_file)
    catalog = catalog_from(frameworks_dir, no_bundled)
    pathway = catalog.pathway_for(pathway_id)
    name, people = project or "Our project", "The people our service is for."
    if not yes and sys.stdin.isatty():
        name = name if project else line(f"What is the project called? [{name}] ") or name
        people = line("Who is it for, in a few plain words? ") or people
        if pathway_id is None:
            pathway = _ask_pathway(catalog, pathway)
    shown = DEFAULT_PLAN if printed else output
    plan = starter_plan(
        project=name,
        people=people,
        pathway=pathway.id,
        stages=[s.id for s in pathway.stages],
        stage=starter_stage(pathway),
        file=str(shown),
        schema_file=schema_file.name,
    )
    if printed:  # the schema is not written: 'coprod-check check --plan-schema' prints it
        out(plan)
        return 0
    write_text(output, plan)
    _write_schema(schema_file, catalog)
    say(
        f"Wrote a starter plan to {output}, and its schema for editors to {schema_file}. "
        f"Check it with: coprod-check check {output}\n"
    )
    return 0


def _check_schema_file(path: Path) -> None:
    """Refuse to write the plan schema over a file that is not one coprod-check wrote."""
    from coprod_check.check.starter import is_plan_schema

    if path.exists() and not is_plan_schema(path):
        raise UsageError(
            f"{path} is there already, and is not a plan schema coprod-check wrote",
            None,
            "move it, or write the plan in another folder with --output",
        )
    check_output(path, force=True)


def _write_schema(path: Path, catalog: "Catalog") -> None:
    """The plan schema, with the loaded frameworks' ids, beside the plan (a plan schema
    written before is written anew, for the frameworks loaded now)."""
    import json

    from coprod_check.check.rules import RULES
    from coprod_check.files.plan_schema import plan_schema

    schema = plan_schema(catalog, rules=list(RULES))
    write_text(path, json.dumps(schema, indent=2) + "\n", force=True)


def _ask_pathway(catalog: "Catalog", default: "Pathway") -> "Pathway":
    """The pathway typed (Enter keeps ``default``), asked again, with the closest name, until
    it is one the frameworks have."""
    names = list(catalog.pathways)
    while True:
        choice = line(f"Which pathway: {', '.join(names)}? [{default.id}] ")
        if not choice:
            return default
        if choice in catalog.pathways:
            return catalog.pathways[choice]
        close = did_you_mean(choice, names, cutoff=0.5, otherwise="type one of them")
        say(f"There is no pathway called {choice!r}: {close}\n")
