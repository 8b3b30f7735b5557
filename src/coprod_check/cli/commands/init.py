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
    from coprod_check.check.starter import schema_beside, starter_plan, starter_stage

    check_output(
        output, exists_hint="check it with 'coprod-check check', or choose another --output"
    )
    schema_file = schema_beside(output)
    _check_schema_file(schema_file)
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
            schema_file=schema_file.name,
        ),
    )
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
