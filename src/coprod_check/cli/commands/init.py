"""`coprod-check init`: write a commented starter plan file, asking a few questions first when
there is someone at the terminal."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_check.cli.options import FrameworksDir, NoBundled, Project, catalog_from, output_option
from coprod_check.cli.output import line, say
from coprod_check.errors import UsageError
from coprod_check.io.writing import check_output, write_text

if TYPE_CHECKING:
    from coprod_check.model.catalog import Catalog
    from coprod_check.model.framework import Pathway


def init(
    output: Annotated[Path, output_option("Where to write the plan.")] = Path("coprod-plan.yaml"),
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write sensible defaults without asking.")
    ] = False,
    project: Project = None,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Write a starter plan file with comments that explain each section. Never overwrites."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.check.starter import starter_plan, starter_stage

    check_output(
        output, exists_hint="check it with 'coprod-check check', or choose another --output"
    )
    catalog = catalog_from(frameworks_dir, no_bundled)
    pathway = catalog.pathway_for(None)
    name, people = project or "Our project", "The people our service is for."
    if not yes and sys.stdin.isatty():
        name, people, pathway = _ask(catalog, name, people, pathway)
    stage = starter_stage(pathway)
    write_text(
        output,
        starter_plan(
            project=name,
            people=people,
            pathway=pathway.id,
            stages=[s.id for s in pathway.stages],
            stage=stage,
            file=str(output),
        ),
    )
    say(f"Wrote a starter plan to {output}. Check it with: coprod-check check {output}\n")
    return 0


def _ask(
    catalog: "Catalog", name: str, people: str, default: "Pathway"
) -> "tuple[str, str, Pathway]":
    """The project's name, who it is for and its pathway, as typed (Enter keeps each default)."""
    name = line(f"What is the project called? [{name}] ") or name
    people = line("Who is it for, in a few plain words? ") or people
    choice = line(f"Which pathway: {', '.join(catalog.pathways)}? [{default.id}] ")
    if not choice:
        return name, people, default
    if choice not in catalog.pathways:
        raise UsageError(f"no pathway called {choice!r}", None, "run init again")
    return name, people, catalog.pathways[choice]
