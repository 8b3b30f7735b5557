"""The whole reasoning behind an assessment, as plain text: every placement with the answers that
drove it and the smallest changes that would move it up, every score with its coverage, and the
advice with why it was given. No colour or box drawing, so it reads well aloud and at 40 columns,
and no control character or mark that reorders text from a file (see ``safe_text``)."""

from coprod_check.model.assessment import Advice, Assessment, Placement
from coprod_check.model.catalog import Catalog
from coprod_check.render.words import from_to, marked, marked_aside, stage_label, unplaced
from coprod_check.text import safe_text
from coprod_check.text import wrap as _wrap

DEFAULT_SHOWN = 5
_KIND_HEADINGS = (
    ("area", "Areas"),
    ("part", "Parts of decision-making"),
    ("principle", "Principles"),
    ("essential", "Essentials"),
    ("tip", "Practical tips"),
)


def _placement(
    catalog: Catalog, assessment: Assessment, placement: Placement, title: str, width: int
) -> list[str]:
    if placement.status in ("not-applicable", "unanswered"):
        heading = f"{title}: {unplaced(placement.status)}"
    else:
        heading = f"{title}: {stage_label(catalog, assessment.pathway, placement.stage)}"
        heading = marked_aside(heading, placement.provisional)
    out = _wrap(heading, width)
    if placement.low and placement.high and placement.low != placement.high:
        low = stage_label(catalog, assessment.pathway, placement.low)
        high = stage_label(catalog, assessment.pathway, placement.high)
        out += _wrap(f"Areas range {from_to(low, high)}.", width, "  ")
    if placement.reasons:
        out.append("  Why:")
        for reason in placement.reasons:
            out += _wrap(f"- {reason.text}", width, "  ", "    ")
    if placement.to_move_up:
        out.append(
            "  To move up a stage:"
            if len(placement.to_move_up) == 1
            else "  To move up a stage, all of:"
        )
        for change in placement.to_move_up:
            out += _wrap(f"- {change.text}", width, "  ", "    ")
    return out


def _scores(catalog: Catalog, assessment: Assessment, width: int) -> list[str]:
    out = ["Scores (0 to 100, with how many of their questions were answered)"]
    for kind, heading in _KIND_HEADINGS:
        items = [score for score in assessment.scores if score.kind == kind]
        if not items:
            continue
        out += ["", f"  {heading}"]
        for item in items:
            title = catalog.dimensions[item.dimension].title
            value = "no score yet" if item.score is None else f"{item.score:.0f}"
            note = f"{item.answered} of {item.total} answered"
            note = marked(note, item.provisional and item.score is not None)
            out += _wrap(f"{title}: {value} ({note})", width, "    ", "      ")
    return out


def advice_lines(advice: Advice, number: int, width: int) -> list[str]:
    """One recommendation: title, advice, because, example and report section."""
    out = _wrap(
        f"{number}. {advice.title} ({advice.priority} priority, for {advice.audience})",
        width,
        "",
        "   ",
    )
    out += _wrap(advice.advice, width, "   ")
    for reason in advice.because:
        ending = "" if reason.endswith((".", "?", "!", '"')) else "."
        out += _wrap(f"Because: {reason}{ending}", width, "   ", "     ")
    out += _wrap(f"Example: {advice.example}", width, "   ", "     ")
    out += _wrap(f'Report section: "{advice.section}"', width, "   ")
    return out


def explain_text(
    catalog: Catalog, assessment: Assessment, *, show_all: bool = False, width: int = 80
) -> str:
    """The full reasoning, ready to print."""
    pathway = catalog.pathways[assessment.pathway]
    out = _wrap(f"Where you stand on {pathway.title}", width)
    out.append("")
    out += _placement(catalog, assessment, assessment.overall, "Overall", width)
    for placement in assessment.areas:
        out.append("")
        title = catalog.dimensions[placement.area].title
        out += _placement(catalog, assessment, placement, title, width)
    out.append("")
    out += _scores(catalog, assessment, width)
    advice = list(assessment.recommendations)
    shown = advice if show_all else advice[:DEFAULT_SHOWN]
    out.append("")
    if not advice:
        out.append("Recommendations: none fired for these answers.")
    else:
        heading = f"Recommendations ({len(shown)} of {len(advice)}"
        heading += ")" if show_all or len(shown) == len(advice) else "; add --all for every one)"
        out.append(heading)
        for number, item in enumerate(shown, start=1):
            out.append("")
            out += advice_lines(item, number, width)
    return safe_text("\n".join(out) + "\n")
