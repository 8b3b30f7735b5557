"""`coprod-check glossary`: plain definitions of the words the questions use."""

from typing import Annotated

import typer

from coprod_check.cli.options import FrameworksDir, NoBundled, catalog_from, unknown, width
from coprod_check.cli.output import out


def glossary(
    term: Annotated[
        str | None,
        typer.Argument(metavar="[TERM]", help="A term to define; leave out to list every term."),
    ] = None,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Plain definitions of the words the questions use."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.render.frameworks import glossary_text

    catalog = catalog_from(frameworks_dir, no_bundled)
    if term is None:
        out(glossary_text(catalog.glossary.values(), width()))
        return 0
    found = catalog.find_term(term)
    if found is None:
        forms = [t.term for t in catalog.glossary.values()]
        unknown("glossary term", term, forms, "coprod-check glossary")
    out(glossary_text([found], width()))
    return 0
