"""How every renderer speaks of stages: a stage's name, where it is on its pathway, how a
placement is said, the range behind it, how far it moved, and the "provisional" mark.

Each phrase is one small function or constant here, used by the terminal, Markdown and HTML
reports, ``explain``, the end screen of ``assess``, ``compare`` and ``trend`` alike. To say
something new about a placement in every format, add its phrase here and use it in each
renderer.
"""

from coprod_check.model.catalog import Catalog

NOT_PLACED = "not placed"
"""A stage that is not there: a result with no placement, or one that is not known."""
NOT_PLACED_YET = "not placed yet"
"""An area or the overall result with too few answers to place it."""
DOES_NOT_APPLY = "does not apply"
"""An area the answers say does not apply to the project."""
PROVISIONAL_MARK = "provisional"
"""The mark on a placement or score that rests on few answers."""


def stage_name(title: str, group: str = "") -> str:
    """A stage's title with its group's, "Consultation (Tokenism)", or the title alone."""
    return f"{title} ({group})" if group else title


def stage_label(
    catalog: Catalog,
    pathway_id: str,
    stage_id: str | None,
    *,
    with_group: bool = True,
    missing: str = NOT_PLACED,
) -> str:
    """A stage of a loaded pathway by its id, with its group ("Consultation (Tokenism)"), or
    ``missing``."""
    pathway = catalog.pathways[pathway_id]
    stage = next((s for s in pathway.stages if s.id == stage_id), None)
    if stage is None:
        return missing
    group = next((g.title for g in pathway.groups if g.id == stage.group), "")
    return stage_name(stage.title, group if with_group else "")


def stage_number(index: int, count: int) -> str:
    """Where a stage is on a pathway of ``count`` stages, counting from 1: "6 of 8" (``index``
    counts from 0)."""
    return f"{index + 1} of {count}"


def stage_at(title: str, number: str) -> str:
    """A stage with its place on the pathway: "Partnership (stage 6 of 8)"."""
    return f"{title} (stage {number})"


def key_entry(index: int, title: str) -> str:
    """A stage in the key to a pathway, numbered from 1: "6 Partnership"."""
    return f"{index + 1} {title}"


def stages_intro(pathway_title: str) -> str:
    """The line before the key to a pathway's stages."""
    return f"The stages of {pathway_title}, lowest first:"


def unplaced(status: str) -> str:
    """What a placement with no stage says instead: "does not apply" or "not placed yet"."""
    return DOES_NOT_APPLY if status == "not-applicable" else NOT_PLACED_YET


def marked(words: str, provisional: bool) -> str:
    """``words``, marked when provisional: "Partnership, provisional"."""
    return f"{words}, {PROVISIONAL_MARK}" if provisional else words


def marked_aside(words: str, provisional: bool) -> str:
    """``words``, marked in brackets when provisional: "Partnership (provisional)"."""
    return f"{words} ({PROVISIONAL_MARK})" if provisional else words


def placement_words(status: str, stage: str | None, *, provisional: bool = False) -> str:
    """How a placement is said: its stage (in the words given, marked when provisional), or
    "does not apply", or "not placed yet"."""
    if status != "placed" or stage is None:
        return unplaced(status)
    return marked(stage, provisional)


def from_to(low: str, high: str) -> str:
    """A range, lowest first: "from Consultation to Partnership"."""
    return f"from {low} to {high}"


def middle_of(low: str, high: str, *, combined: bool) -> str:
    """The range behind a placement that is the middle of others: respondents' for a combined
    result, the areas' for the overall placement."""
    if combined:
        return f"respondents range {from_to(low, high)}"
    return f"the middle of your areas, which range {from_to(low, high)}"


def stages(count: int) -> str:
    """A number of stages: "1 stage", "3 stages"."""
    return f"{count} stage{'s' if count != 1 else ''}"


def moved_words(steps: int | None) -> str:
    """How far a stage moved: "up 2 stages", "down 1 stage" or "no change"; with no ``steps``
    (one end is not placed), "cannot compare"."""
    if steps is None:
        return "cannot compare"
    if steps == 0:
        return "no change"
    return f"{'up' if steps > 0 else 'down'} {stages(abs(steps))}"


def points_moved_words(change: float | None) -> str:
    """How far a score moved, in whole points: "up 35 points", "down 1 point" or "no change";
    with no ``change`` (one end has no score), "cannot compare"."""
    if change is None:
        return "cannot compare"
    whole = round(change)
    if whole == 0:
        return "no change"
    return f"{'up' if whole > 0 else 'down'} {abs(whole)} point{'s' if abs(whole) != 1 else ''}"


def not_compared(what: str) -> str:
    """Why a stage's movement cannot be told."""
    return f"{what} cannot be compared: one of the results is {NOT_PLACED}."


def against_target(gap: int | None, target: str) -> str:
    """Where a placement is beside its target, by the stages between: "2 stages below its
    target of Partnership", "at its target", "1 stage above its target of Consultation"."""
    if gap is None:
        return ""
    if gap == 0:
        return f"at its target, {target}"
    where = "below" if gap > 0 else "above"
    return f"{stages(abs(gap))} {where} its target of {target}"


def rule_title(title: str, says: str | None, code: str | None) -> str:
    """A rule that holds by its title, its grade and its id: "People front work they had no part
    in (often) [CP110]"."""
    grade = f" ({says[:1].lower() + says[1:]})" if says else ""
    return f"{title}{grade}" + (f" [{code}]" if code else "")
