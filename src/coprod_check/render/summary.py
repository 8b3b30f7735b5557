"""The end screen of a questionnaire: where the project stands, its principle scores, the top next
steps, where the results are and what to run next. Plain text, readable aloud and at 40 columns,
with no control character or mark that reorders text (see ``safe_text``)."""

from pathlib import Path

from coprod_check.model.assessment import Assessment
from coprod_check.model.catalog import Catalog
from coprod_check.render.explain import advice_lines
from coprod_check.render.words import (
    DOES_NOT_APPLY,
    NOT_PLACED_YET,
    marked,
    middle_of,
    stage_label,
)
from coprod_check.text import safe_text, wrap

TOP = 5
SCORED = (("principle", "Principles"), ("practice", "Practices"))
"""The scores the end screen shows, with their headings: the principles, and the practices of a
self-check such as the funders' (shown only when answered)."""


def _stage(catalog: Catalog, pathway_id: str, stage_id: str | None) -> str:
    return stage_label(catalog, pathway_id, stage_id, missing=NOT_PLACED_YET)


def summary_text(
    catalog: Catalog,
    assessment: Assessment,
    *,
    path: Path,
    answered: int,
    total: int,
    width: int = 80,
) -> str:
    pathway = catalog.pathways[assessment.pathway]
    out = wrap(f"Finished: {answered} of {total} questions answered.", width)
    out += ["", *wrap(f"Where you stand on {pathway.title}", width)]
    overall = assessment.overall
    line = f"Overall: {_stage(catalog, assessment.pathway, overall.stage)}"
    out += wrap(marked(line, overall.provisional), width, "  ", "    ")
    if overall.low and overall.high and overall.low != overall.high:
        low = _stage(catalog, assessment.pathway, overall.low)
        high = _stage(catalog, assessment.pathway, overall.high)
        out += wrap(f"({middle_of(low, high, combined=False)})", width, "    ")
    for placement in assessment.areas:
        title = catalog.dimensions[placement.area].title
        if placement.status == "not-applicable":
            text = f"{title}: {DOES_NOT_APPLY}"
        else:
            text = f"{title}: {_stage(catalog, assessment.pathway, placement.stage)}"
            if placement.held_back_by:
                reasons = ", ".join(
                    catalog.guardrails[g].title.lower() for g in placement.held_back_by
                )
                text += f", held back: {reasons}"
            text = marked(text, placement.provisional)
        out += wrap(text, width, "  ", "    ")
    for kind, heading in SCORED:
        scores = [s for s in assessment.scores if s.kind == kind and s.score is not None]
        if scores:
            out += ["", f"{heading} (0 to 100):"]
        for score in scores:
            title = catalog.dimensions[score.dimension].title
            out += wrap(
                marked(f"{title}: {score.score:.0f}", score.provisional), width, "  ", "    "
            )
    advice = assessment.recommendations[:TOP]
    if advice:
        out += ["", "Your next steps:"]
        for number, item in enumerate(advice, start=1):
            out += ["", *advice_lines(item, number, width)]
    out += ["", *wrap(f"Your answers and results are saved in {path}", width)]
    out += wrap(f"For the whole reasoning: coprod-check explain {path}", width)
    out += wrap(
        f"To share it: coprod-check report {path} --format html --output report.html", width
    )
    return safe_text("\n".join(out) + "\n")
