"""The whole reasoning behind an assessment, as plain text or Markdown: every placement against
its target with the answers that drove it and the smallest changes that would move it up, every
rule that holds with the answers behind it, every score with its coverage, and the advice with
why it was given. No colour or box drawing, so it reads well aloud and at 40 columns,
and no control character or mark that reorders text from a file (see ``safe_text``)."""

from coprod_check.model.assessment import Advice, Assessment, Placement, Rule, effect_words
from coprod_check.model.catalog import Catalog
from coprod_check.render.report.markdown_format import escape
from coprod_check.render.words import (
    from_to,
    marked,
    marked_aside,
    rule_title,
    stage_label,
    unplaced,
)
from coprod_check.text import safe_text
from coprod_check.text import wrap as _wrap
from coprod_check.views.report import by_effect

DEFAULT_SHOWN = 5
_KIND_HEADINGS = (
    ("area", "Areas"),
    ("part", "Parts of decision-making"),
    ("principle", "Principles"),
    ("essential", "Essentials"),
    ("tip", "Practical tips"),
    ("practice", "Practices"),
)


def _heading(catalog: Catalog, assessment: Assessment, placement: Placement, title: str) -> str:
    """A placement in one line: "Design: Consultation (Tokenism) (provisional, contested)"."""
    if placement.status in ("not-applicable", "unanswered"):
        return f"{title}: {unplaced(placement.status)}"
    heading = f"{title}: {stage_label(catalog, assessment.pathway, placement.stage)}"
    heading = marked_aside(heading, placement.provisional)
    return heading + " (contested)" if placement.contested else heading


def _placement(
    catalog: Catalog, assessment: Assessment, placement: Placement, title: str, width: int
) -> list[str]:
    out = _wrap(_heading(catalog, assessment, placement, title), width)
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
    out = _wrap("Scores (0 to 100, with how many of their questions were answered)", width)
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


def rule_words(catalog: Catalog, assessment: Assessment, rule: Rule) -> str:
    """A rule that holds, in one line: title, grade, id and what it does here."""
    affected = rule.lowered if rule.effect == "holds-back" else rule.below_target
    areas = ", ".join(catalog.dimensions[area].title for area in affected)
    stage = stage_label(catalog, assessment.pathway, rule.highest, with_group=False)
    does = effect_words(rule.effect, areas, stage)
    return f"{rule_title(rule.title, rule.says, rule.code)}: {does}"


def _rules(catalog: Catalog, assessment: Assessment, width: int) -> list[str]:
    rules = by_effect(assessment.rules)
    out = _wrap(f"Rules that hold ({len(rules)}), whether or not they changed a stage", width)
    if not rules:
        return [
            *out,
            *_wrap("None: no rule against tokenism holds for these answers.", width, "  "),
        ]
    for rule in rules:
        out += _wrap(f"- {rule_words(catalog, assessment, rule)}", width, "  ", "    ")
        for evidence in rule.because:
            ending = "" if evidence.text.endswith((".", "?", "!", '"')) else "."
            out += _wrap(f"Because: {evidence.text}{ending}", width, "    ", "      ")
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
    out += _rules(catalog, assessment, width)
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
    if assessment.elsewhere:
        out.append("")
        out += _wrap(_others(assessment), width)
    return safe_text("\n".join(out) + "\n")


def _others(assessment: Assessment) -> str:
    count = len(assessment.elsewhere)
    things = "piece of advice" if count == 1 else "pieces of advice"
    if assessment.audience == "funders":
        return f"{count} {things} for practitioners also fired: add --audience practitioners."
    return f"{count} {things} for funders and commissioners also fired: add --audience funders."


def explain_markdown(catalog: Catalog, assessment: Assessment, *, show_all: bool = False) -> str:
    """The full reasoning as Markdown: the same content as :func:`explain_text`, with headings
    and lists, and everything from a file escaped."""
    pathway = catalog.pathways[assessment.pathway]
    lines = [f"# Where you stand on {escape(pathway.title)}"]
    placements = [(assessment.overall, "Overall")]
    placements += [(p, catalog.dimensions[p.area].title) for p in assessment.areas]
    for placement, title in placements:
        heading = _heading(catalog, assessment, placement, title)
        lines += ["", f"## {escape(heading)}", ""]
        lines += [f"- {escape(reason.text)}" for reason in placement.reasons]
        if placement.to_move_up:
            lines += ["", "To move up a stage:", ""]
            lines += [f"- {escape(change.text)}" for change in placement.to_move_up]
    lines += ["", "## Rules that hold", ""]
    rules = by_effect(assessment.rules)
    if not rules:
        lines.append("None: no rule against tokenism holds for these answers.")
    for rule in rules:
        lines.append(f"- **{escape(rule_words(catalog, assessment, rule))}**")
        lines += [f"  - Because: {escape(evidence.text)}" for evidence in rule.because]
    lines += ["", "## Scores", "", "| Dimension | Score | Answered |", "|---|---|---|"]
    for score in assessment.scores:
        value = "no score yet" if score.score is None else f"{score.score:.0f}"
        answered = marked(
            f"{score.answered} of {score.total}", score.provisional and score.score is not None
        )
        title = escape(catalog.dimensions[score.dimension].title)
        lines.append(f"| {title} | {value} | {answered} |")
    advice = list(assessment.recommendations)
    shown = advice if show_all else advice[:DEFAULT_SHOWN]
    lines += ["", f"## Recommendations ({len(shown)} of {len(advice)})"]
    for number, item in enumerate(shown, start=1):
        lines += ["", f"### {number}. {escape(item.title)}", "", escape(item.advice), ""]
        lines += [f"- Because: {escape(reason)}" for reason in item.because]
        lines += [f'- Report section: "{escape(item.section)}"']
    if assessment.elsewhere:
        lines += ["", escape(_others(assessment))]
    return "\n".join(lines) + "\n"
