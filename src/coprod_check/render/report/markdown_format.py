"""The report as GitHub-flavoured Markdown that also reads well as plain text in an email:
headings, pipe tables and short paragraphs, with every recommendation. No HTML at all, and every
piece of text people typed is escaped, so it shows as typed and cannot add tags, links or cells.
"""

import re

from coprod_check.render.report.words import (
    PROVISIONAL,
    RULES_INTRO,
    SCORES_NOTE,
    because_words,
    by_role_words,
    contested_words,
    date_words,
    differ_intro,
    has_provisional,
    held_back_words,
    more_advice_words,
    others_words,
    place_words,
    points,
    role_titles,
    rule_heading,
    rule_texts,
    stage_groups,
    stage_number,
    target_words,
    took_part_words,
    who_answered,
)
from coprod_check.render.words import PROVISIONAL_MARK, key_entry, stages_intro
from coprod_check.text import safe_text
from coprod_check.views.report import KIND_HEADINGS, AreaRow, Report, ScoreRow

BAR_CELLS = 10
_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def escape(value: str) -> str:
    """Text made safe for Markdown, on one line: its own markup, tags and entities show as typed.
    Only the characters Markdown would act on are escaped, so the text stays readable; control
    characters and the marks that reorder text become U+FFFD (�) (see ``safe_text``). A ``|`` is
    left alone: table cells escape it (see ``_table``), as it means nothing elsewhere."""
    value = " ".join(safe_text(value).split())
    value = _SPECIAL.sub(r"\\\1", value)
    value = _ENTITY.sub(r"\\&", value)
    return _LINE_START.sub(r"\1\\\2", value)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table of cells that are already escaped; a ``|`` in them stays in its cell."""

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") or " " for cell in cells) + " |"

    return [row(header), "|" + "---|" * len(header), *(row(cells) for cells in rows)]


def _bar(score: float | None) -> str:
    if score is None:
        return "no score yet"
    full = round(score / 100 * BAR_CELLS)
    return f"{'█' * full}{'░' * (BAR_CELLS - full)} {points(score)}"


def _heading(report: Report) -> list[str]:
    lines = [f"# Co-production report: {escape(report.project)}", ""]
    if has_provisional(report):
        label, rest = PROVISIONAL.split(":", 1)
        lines += [f"> **{label}:**{rest}", ""]
    lines += [
        f"- **Pathway:** {escape(report.pathway_title)}",
        f"- **Answered by:** {escape(who_answered(report))}",
        f"- **Updated:** {date_words(report.updated)}",
    ]
    if report.combined is None:
        lines.append(f"- **Questions answered:** {report.answered} of {report.questions}")
    return lines


def _combined(report: Report) -> list[str]:
    assert report.combined is not None
    combined = report.combined
    titles = role_titles(report)
    lines = ["## Where voices differ", "", differ_intro(report)]
    if combined.differ:
        roles = list(titles)
        lines += [
            "",
            *_table(
                ["What", "Gap", *(escape(titles[role]) for role in roles)],
                [
                    [
                        escape(item.title),
                        f"{points(item.gap)} points",
                        *(
                            points(item.values[role]) if role in item.values else "none"
                            for role in roles
                        ),
                    ]
                    for item in combined.differ
                ],
            ),
        ]
    lines += ["", "## Who took part", "", took_part_words(report), ""]
    lines += [f"- {escape(role.title)}: {role.respondents}" for role in combined.roles]
    if combined.names:
        lines += ["", f"Names: {escape(', '.join(combined.names))}"]
    if combined.left_out:
        lines += ["", "Files left out:", ""]
        lines += [f"- {escape(left.file)}: {escape(left.reason)}" for left in combined.left_out]
    return lines


def _area_cells(report: Report, row: AreaRow) -> list[str]:
    title = f"**{escape(row.title)}**" if row.id == "overall" else escape(row.title)
    placed = row.status == "placed"
    low, high = row.low_title, row.high_title
    spread = f"{escape(low)} to {escape(high)}" if low and high and row.low != row.high else ""
    notes = [PROVISIONAL_MARK] if row.provisional and placed else []
    if spread and row.id == "overall":
        notes.append("the middle of " + ("the respondents" if report.combined else "your areas"))
    notes.append(escape(held_back_words(row)))
    notes.append(escape(contested_words(row)))
    notes.append(escape(by_role_words(report, row)))
    return [
        title,
        escape(row.stage_title or "") if placed else place_words(report, row),
        stage_number(report, row) if placed else "",
        escape(target_words(report, row)),
        spread,
        "" if row.status == "not-applicable" else f"{round(row.coverage * 100)}%",
        "; ".join(note for note in notes if note),
    ]


def _stand(report: Report) -> list[str]:
    lines = [
        "## Where you stand",
        "",
        stages_intro(escape(report.pathway_title)),
        "",
    ]
    for group, stages in stage_groups(report):
        names = ", ".join(key_entry(stage.index, escape(stage.title)) for stage in stages)
        lines.append(f"- {escape(group)}: {names}" if group else f"- {names}")
    header = ["Area", "Stage", "Stage number", "Against its target", "Range", "Coverage", "Notes"]
    rows = [_area_cells(report, row) for row in [report.overall, *report.areas]]
    coverage = (
        "Coverage is how many of an area's questions were answered, "
        "and for Overall, how many areas were placed."
    )
    return [*lines, "", *_table(header, rows), "", coverage]


def _score_table(report: Report, rows: list[ScoreRow], first: str, *, bars: bool) -> list[str]:
    header = [first, "Score out of 100", "Answered", "Notes"]
    titles = role_titles(report)
    if report.combined is not None:
        header[3:3] = ["Range", *(escape(title) for title in titles.values())]
    cells = []
    for row in rows:
        score = (
            _bar(row.score)
            if bars
            else ("no score yet" if row.score is None else points(row.score))
        )
        line = [escape(row.title), score, f"{row.answered} of {row.total}"]
        if report.combined is not None:
            low, high = row.low, row.high
            both = low is not None and high is not None
            line.append(f"{points(low or 0)} to {points(high or 0)}" if both else "")
            for role in titles:
                value = row.by_role.get(role)
                line.append("none" if value is None else points(value))
        line.append(PROVISIONAL_MARK if row.provisional and row.score is not None else "")
        cells.append(line)
    return _table(header, cells)


def _scores(report: Report) -> list[str]:
    lines = [
        "## Principle scores",
        "",
        SCORES_NOTE,
        "",
        *_score_table(report, report.scores_of("principle"), "Principle", bars=True),
    ]
    for kind, heading in KIND_HEADINGS[1:]:
        rows = report.scores_of(kind)
        if rows:
            lines += ["", f"### {heading}", ""]
            lines += _score_table(report, rows, heading, bars=False)
    return lines


def _rules(report: Report) -> list[str]:
    lines = ["## Rules that hold", "", RULES_INTRO]
    for rule in report.rules:
        lines += ["", f"- **{escape(rule_heading(rule))}**"]
        lines += [f"  - {escape(words)}" for words in rule_texts(rule)]
    return lines


def _advice(report: Report) -> list[str]:
    lines = ["## What to do next"]
    if not report.recommendations:
        lines += ["", "No recommendations were raised by these answers."]
    for number, item in enumerate(report.recommendations, start=1):
        heading = f"{number}. {escape(item.title)} ({escape(item.priority)} priority, "
        heading += f"for {escape(item.audience)})"
        lines += ["", f"### {heading}", "", escape(item.advice), ""]
        lines += [f"- {escape(because_words(reason))}" for reason in item.because]
        lines += [
            f"- Example: {escape(item.example)}",
            f'- Report section: "{escape(item.section)}"',
        ]
    for words in (more_advice_words(report), others_words(report)):
        if words:
            lines += ["", escape(words)]
    return lines


def _notes(report: Report) -> list[str]:
    lines = ["## Notes people wrote"]
    for note in report.notes:
        lines += ["", f"**{escape(note.question_text)}**", ""]
        lines += [f"- Answer: {escape(note.answer)}", f"- Note: {escape(note.note)}"]
    return lines


def render(report: Report, *, width: int = 80, plain: bool = False) -> str:
    lines = _heading(report)
    if report.combined is not None:
        lines += ["", *_combined(report)]
    lines += ["", *_stand(report)]
    if report.rules:
        lines += ["", *_rules(report)]
    lines += ["", *_scores(report), "", *_advice(report)]
    if report.notes:
        lines += ["", *_notes(report)]
    return "\n".join(lines) + "\n"
