"""Words shared by the text renderers."""

from coprod_check.model.catalog import Catalog


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
