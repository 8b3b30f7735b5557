"""`coprod-check init`: write a commented starter plan file, asking a few questions first when
there is someone at the terminal (those the command line does not answer already)."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_check.cli.options import FrameworksDir, NoBundled, Project, catalog_from, output_option
from coprod_check.cli.output import line, out, say, to_stdout
from coprod_check.errors import did_you_mean
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
    from coprod_check.check.starter import starter_plan, starter_stage

    printed = to_stdout(output)
    if not printed:
        check_output(
            output, exists_hint="check it with 'coprod-check check', or choose another --output"
        )
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
    )
    if printed:
        out(plan)
        return 0
    write_text(output, plan)
    say(f"Wrote a starter plan to {output}. Check it with: coprod-check check {output}\n")
    return 0


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
