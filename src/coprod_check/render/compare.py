"""A comparison of two results as plain text: stages and scores before and after, and advice
now met or newly raised. Nothing from the files shows a control character or a mark that
reorders text (see ``safe_text``)."""

from coprod_check.model.catalog import Catalog
from coprod_check.render.words import (
    against_target,
    marked,
    marked_aside,
    moved_words,
    stage_label,
)
from coprod_check.text import safe_text, wrap
from coprod_check.views.compare import Comparison, StageMove


def _stage(catalog: Catalog, pathway: str, stage: str | None) -> str:
    return stage_label(catalog, pathway, stage, with_group=False)


def _move(catalog: Catalog, comparison: Comparison, move: StageMove) -> str:
    old = marked(_stage(catalog, comparison.pathway, move.before), move.provisional_before)
    new = marked(_stage(catalog, comparison.pathway, move.after), move.provisional_after)
    change = marked(moved_words(move.steps), move.provisional and move.steps is not None)
    words = f"{old} -> {new} ({change})"
    if move.target is not None and move.gap_after is not None:
        aim = _stage(catalog, comparison.pathway, move.target)
        words += f"; now {against_target(move.gap_after, aim)}"
        if move.gap_before is not None and move.gap_before != move.gap_after:
            words += f" (was {against_target(move.gap_before, aim)})"
    return words


def _title(catalog: Catalog, recommendation: str) -> str:
    found = catalog.recommendations.get(recommendation)
    if found is not None:
        return found.title
    area = recommendation.removeprefix("next-step-")
    if area in catalog.dimensions:
        return f"Next step for {catalog.dimensions[area].title.lower()}"
    return recommendation


PROVISIONAL_NOTICE = (
    "Provisional: some of these stages and scores rest on fewer than half of their questions, "
    "so a move to or from them is a first look, not a verdict. Each is marked provisional."
)


def compare_text(
    catalog: Catalog, comparison: Comparison, *, before: str, after: str, width: int = 80
) -> str:
    out = wrap(f"Comparing {before} (before) with {after} (after)", width)
    if comparison.provisional:
        out += ["", *wrap(PROVISIONAL_NOTICE, width)]
    out += ["", *wrap(f"Overall: {_move(catalog, comparison, comparison.overall)}", width)]
    out += ["", "Areas:"]
    for move in comparison.areas:
        title = (
            catalog.dimensions[move.area].title if move.area in catalog.dimensions else move.area
        )
        out += wrap(f"{title}: {_move(catalog, comparison, move)}", width, "  ", "    ")
    out += ["", "Scores (0 to 100):"]
    for score in comparison.scores:
        if score.before is None and score.after is None:
            continue
        dimension = catalog.dimensions.get(score.dimension)
        name = dimension.title if dimension else score.dimension
        old = (
            "none"
            if score.before is None
            else marked(f"{score.before:.0f}", score.provisional_before)
        )
        new = (
            "none" if score.after is None else marked(f"{score.after:.0f}", score.provisional_after)
        )
        change = (
            ""
            if score.change is None
            else f" ({marked(f'{score.change:+.0f}', score.provisional)})"
        )
        out += wrap(f"{name}: {old} -> {new}{change}", width, "  ", "    ")
    for heading, items in (
        ("Advice now met (no longer raised):", comparison.now_met),
        ("Advice newly raised:", comparison.newly_raised),
    ):
        out += ["", heading]
        out += [
            line
            for item in items
            for line in wrap(f"- {_title(catalog, item)}", width, "  ", "    ")
        ] or ["  (none)"]
    for heading, items in (
        ("Rules lifted (no longer holding):", comparison.rules_lifted),
        ("Rules newly holding:", comparison.rules_new),
    ):
        out += ["", heading]
        titles = [
            catalog.guardrails[item].title if item in catalog.guardrails else item for item in items
        ]
        out += [line for title in titles for line in wrap(f"- {title}", width, "  ", "    ")] or [
            "  (none)"
        ]
    shaky = {m.area for m in [comparison.overall, *comparison.areas] if m.provisional}
    shaky |= {score.dimension for score in comparison.scores if score.provisional}
    worse = [marked_aside(item, item in shaky) for item in comparison.worse]
    out += [""]
    out += wrap(
        "Nothing went down." if not worse else "Went down: " + ", ".join(worse) + ".", width
    )
    return safe_text("\n".join(out) + "\n")
