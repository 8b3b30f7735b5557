"""Plain text helpers shared by the text renderers."""

import textwrap

from coprod_check.catalog import Catalog


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` columns; blank lines separate paragraphs."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(
            textwrap.wrap(
                paragraph,
                width=max(width, 20),
                initial_indent=indent,
                subsequent_indent=hanging if hanging is not None else indent,
                break_on_hyphens=False,
            )
            or [indent]
        )
    return lines


def stage_label(
    catalog: Catalog,
    pathway_id: str,
    stage_id: str | None,
    *,
    with_group: bool = True,
    missing: str = "not placed",
) -> str:
    """A stage's title, with its group ("Consultation (Tokenism)"), or ``missing``."""
    pathway = catalog.pathways[pathway_id]
    stage = next((s for s in pathway.stages if s.id == stage_id), None)
    if stage is None:
        return missing
    group = next((g.title for g in pathway.groups if g.id == stage.group), "")
    return f"{stage.title} ({group})" if group and with_group else stage.title
