"""The report in the terminal: with rich, a strip of the pathway with each area marked on it and
bars for the principle scores; with ``plain``, simple indented lines with no colour or box drawing,
which read well aloud and fit 40 columns. The wording it shares with the Markdown report is in
``words.py``; rich never reads markup in what people typed.
"""

from __future__ import annotations

import io
from itertools import groupby
from typing import TYPE_CHECKING

from coprod_check.render import colour
from coprod_check.render.report.words import (
    PROVISIONAL,
    RULES_INTRO,
    SCORES_NOTE,
    TRAILING,
    advice_heading,
    advice_texts,
    by_role_words,
    contested_words,
    coverage_words,
    date_words,
    differ_intro,
    has_provisional,
    held_back_words,
    more_advice_words,
    others_words,
    place_words,
    points,
    range_words,
    role_titles,
    rule_heading,
    rule_texts,
    score_words,
    spread_words,
    stage_groups,
    stage_number,
    target_words,
    took_part_words,
    who_answered,
)
from coprod_check.render.words import PROVISIONAL_MARK, key_entry, stages_intro
from coprod_check.text import safe_data, wrap
from coprod_check.views.report import KIND_HEADINGS, AreaRow, Report, ScoreRow

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

# Plain text ----------------------------------------------------------------------------------


def _plain(report: Report, width: int) -> str:
    out = wrap(f"Co-production report: {report.project}", width)
    out += wrap(f"Pathway: {report.pathway_title}", width, "", "  ")
    out += wrap(f"Answered by: {who_answered(report)}", width, "", "  ")
    out += wrap(f"Updated: {date_words(report.updated)}", width)
    if report.combined is None:
        out += wrap(f"Questions answered: {report.answered} of {report.questions}", width)
    if has_provisional(report):
        out += ["", *wrap(PROVISIONAL, width)]
    if report.combined is not None:
        out += ["", *_plain_combined(report, width)]
    out += ["", *_plain_stand(report, width)]
    if report.rules:
        out += ["", *_plain_rules(report, width)]
    out += ["", *_plain_scores(report, width)]
    out += ["", *_plain_advice(report, width)]
    if report.notes:
        out += ["", "Notes people wrote"]
        for note in report.notes:
            out += ["", *wrap(note.question_text, width, "  ")]
            out += wrap(f"Answer: {note.answer}", width, "    ", "      ")
            out += wrap(f"Note: {note.note}", width, "    ", "      ")
    return "\n".join(out) + "\n"


def _plain_combined(report: Report, width: int) -> list[str]:
    assert report.combined is not None
    titles = role_titles(report)
    out = ["Where voices differ", *wrap(differ_intro(report), width)]
    for item in report.combined.differ:
        out += wrap(f"{item.title}: a gap of {points(item.gap)} points", width, "  ", "    ")
        for role_id, value in item.values.items():
            out += wrap(f"{titles.get(role_id, role_id)}: {points(value)}", width, "    ", "      ")
    out += ["", "Who took part", *wrap(took_part_words(report), width)]
    for role in report.combined.roles:
        out += wrap(f"{role.title}: {role.respondents}", width, "  ", "    ")
    if report.combined.names:
        out += wrap(f"Names: {', '.join(report.combined.names)}", width, "", "  ")
    if report.combined.left_out:
        out.append("Files left out:")
        for left in report.combined.left_out:
            out += wrap(f"{left.file}: {left.reason}", width, "  ", "    ")
    return out


def combined_text(report: Report, width: int = 80) -> str:
    """A combined report's "where voices differ" and "who took part", alone, in plain lines."""
    return "\n".join(_plain_combined(report, width)) + "\n"


def _plain_stand(report: Report, width: int) -> list[str]:
    out = ["Where you stand", *wrap(stages_intro(report.pathway_title), width)]
    for group, stages in stage_groups(report):
        names = ", ".join(key_entry(stage.index, stage.title) for stage in stages)
        out += wrap(f"{group}: {names}" if group else names, width, "  ", "    ")
    for row in [report.overall, *report.areas]:
        out += ["", *wrap(f"{row.title}: {place_words(report, row)}", width, "", "    ")]
        details = _details(report, row)
        if by_role_words(report, row):
            details.append(by_role_words(report, row))
        for detail in details:
            if detail:
                out += wrap(detail, width, "  ", "    ")
    return out


def _details(report: Report, row: AreaRow) -> list[str]:
    """What is said under a placement: its target, range, rules, contest and coverage."""
    return [
        target_words(report, row),
        range_words(report, row),
        held_back_words(row),
        contested_words(row),
        coverage_words(report, row),
    ]


def _plain_rules(report: Report, width: int) -> list[str]:
    out = ["Rules that hold", *wrap(RULES_INTRO, width)]
    for rule in report.rules:
        out += ["", *wrap(f"- {rule_heading(rule)}", width, "", "  ")]
        for words in rule_texts(rule):
            out += wrap(words, width, "  ", "    ")
    return out


def _plain_scores(report: Report, width: int) -> list[str]:
    out = ["Principle scores", *wrap(SCORES_NOTE, width)]
    for kind, heading in KIND_HEADINGS:
        rows = report.scores_of(kind)
        if not rows:
            continue
        if kind != "principle":
            out += ["", heading]
        for row in rows:
            out += wrap(f"{row.title}: {score_words(row)}", width, "  ", "    ")
            spread = spread_words(report, row) if report.combined else ""
            if spread:
                out += wrap(spread, width, "    ")
    return out


def _plain_advice(report: Report, width: int) -> list[str]:
    out = ["What to do next"]
    if not report.recommendations:
        out.append("No recommendations were raised by these answers.")
    for number, item in enumerate(report.recommendations, start=1):
        out += ["", *wrap(advice_heading(item, number), width, "", "   ")]
        advice, *rest = advice_texts(item)
        out += wrap(advice, width, "   ")
        for words in rest:
            out += wrap(words, width, "   ", "     ")
    for words in (more_advice_words(report), others_words(report)):
        if words:
            out += ["", *wrap(words, width)]
    return out


# rich ----------------------------------------------------------------------------------------


def _rich(report: Report, width: int) -> str:
    from rich.console import Console  # noqa: PLC0415 — rich: not for --plain

    stream = io.StringIO()
    console = Console(
        file=stream,
        width=width,
        force_terminal=True,
        color_system=colour.colour_system(),  # no codes in a file or pipe, unless FORCE_COLOR
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for part in _rich_parts(report, width):
        console.print(part)
    lines = (TRAILING.sub(r"\1", line) for line in stream.getvalue().splitlines())
    return "\n".join(lines) + "\n"


def _rich_parts(report: Report, width: int) -> list[RenderableType]:
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    head = Text.assemble((" ".join(report.project.split()), "bold"), "\n", report.pathway_title)
    head.append(f"\nAnswered by {who_answered(report)}")
    head.append(f"\nUpdated {date_words(report.updated)}")
    if report.combined is None:
        head.append(f", {report.answered} of {report.questions} questions answered")
    parts: list[RenderableType] = [head]
    if has_provisional(report):
        rest = PROVISIONAL.removeprefix("Provisional:")
        parts += ["", Text.assemble(("Provisional:", "bold yellow"), rest)]
    if report.combined is not None:
        parts += _rich_combined(report)
    parts += _rich_stand(report, width)
    if report.rules:
        parts += _rich_rules(report)
    parts += _rich_scores(report, width)
    parts += _rich_advice(report)
    if report.notes:
        parts += ["", _section("Notes people wrote")]
        for note in report.notes:
            text = Text.assemble((note.question_text, "bold"), "\nAnswer: ", note.answer)
            text.append("\nNote: ")
            text.append(note.note)
            parts += [_indent(text), ""]
    return parts


def _section(title: str) -> RenderableType:
    from rich.rule import Rule  # noqa: PLC0415 — rich: not for --plain
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    return Rule(Text(title, style="bold"), align="left", style="cyan")


def _indent(renderable: RenderableType, by: int = 2) -> RenderableType:
    from rich.padding import Padding  # noqa: PLC0415 — rich: not for --plain

    return Padding(renderable, (0, 0, 0, by))


def _mark_provisional(text: Text, provisional: bool) -> Text:
    """Add ", provisional" in words (its colour only helps the eye)."""
    if provisional:
        text.append(", ")
        text.append(PROVISIONAL_MARK, style="yellow")
    return text


def _rich_combined(report: Report) -> list[RenderableType]:
    from rich.table import Table  # noqa: PLC0415 — rich: not for --plain
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    assert report.combined is not None
    titles = role_titles(report)
    parts: list[RenderableType] = ["", _section("Where voices differ"), Text(differ_intro(report))]
    for item in report.combined.differ:
        values = ", ".join(
            f"{titles.get(role, role)} {points(v)}" for role, v in item.values.items()
        )
        gap = Text(f"a gap of {points(item.gap)} points: {values}")
        parts += [_indent(Text(item.title, style="bold")), _indent(gap, 4)]
    people = Table.grid(padding=(0, 2))
    for role in report.combined.roles:
        people.add_row(Text(role.title), Text(str(role.respondents), justify="right"))
    parts += ["", _section("Who took part"), Text(took_part_words(report)), _indent(people)]
    if report.combined.names:
        names = ", ".join(" ".join(name.split()) for name in report.combined.names)
        parts.append(Text(f"Names: {names}"))
    if report.combined.left_out:
        parts.append(Text("Files left out:"))
        for left in report.combined.left_out:
            parts.append(_indent(Text.assemble((left.file, "bold"), f": {left.reason}")))
    return parts


def _strip(report: Report, row: AreaRow | None, cell: int) -> Text:
    """The pathway as a row of cells, lowest stage first: ● at the placed stage, ━ across the
    range behind it, ─ elsewhere. With no row: the stages' numbers, to read the cells by."""
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    if row is None:
        return Text("".join(str(s.index + 1).center(cell) for s in report.stages), style="bold")
    positions = {stage.id: stage.index for stage in report.stages}
    placed = row.index if row.status == "placed" else None
    low = positions.get(row.low or "", placed) if placed is not None else None
    high = positions.get(row.high or "", placed) if placed is not None else None
    before = (cell - 1) // 2
    marks = ""
    for index in range(len(report.stages)):
        inside = low is not None and high is not None and low <= index <= high
        left = "━" if inside and low is not None and index > low else "─"
        right = "━" if inside and high is not None and index < high else "─"
        middle = "●" if index == placed else ("━" if inside else "─")
        marks += left * before + middle + right * (cell - 1 - before)
    text = Text(no_wrap=True)
    for mark, run in groupby(marks):
        text.append("".join(run), style={"●": "bold cyan", "━": "cyan"}.get(mark, "dim"))
    return text


def _area_details(report: Report, row: AreaRow) -> Text:
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    if row.status == "placed" and row.stage_title is not None:
        text = Text.assemble((row.stage_title, "bold"), f" ({stage_number(report, row)})")
        _mark_provisional(text, row.provisional)
    else:
        text = Text(place_words(report, row), style="dim")
    details = _details(report, row)
    if by_role_words(report, row):
        details.append(by_role_words(report, row))
    for detail in details:
        if detail:
            text.append("\n")
            text.append(detail)
    return text


def _rich_stand(report: Report, width: int) -> list[RenderableType]:
    from rich.table import Table  # noqa: PLC0415 — rich: not for --plain
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    wide = width >= 72
    key = Table.grid(padding=(0, 2))
    for group, stages in stage_groups(report):
        names = Text("   ".join(key_entry(stage.index, stage.title) for stage in stages))
        if wide:
            key.add_row(Text(group, style="bold"), names)
        else:
            key.add_row(Text(group, style="bold"))
            key.add_row(_indent(names))
    parts: list[RenderableType] = [
        "",
        _section("Where you stand"),
        Text(stages_intro(report.pathway_title)),
        _indent(key),
        "",
    ]
    cell = 3 if width >= 60 else 2
    rows = [report.overall, *report.areas]
    grid = Table.grid(padding=(0, 2 if wide else 1))
    grid.add_column()
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(""), _strip(report, None, cell), Text(""))
    for row in rows:
        title = Text(row.title, style="bold" if row.id == "overall" else "")
        if wide:
            if row is not report.overall:
                grid.add_row(Text(""), Text(""), Text(""))
            grid.add_row(title, _strip(report, row, cell), _area_details(report, row))
        else:
            grid.add_row(title, _strip(report, row, cell), Text(""))
    parts.append(grid)
    if not wide:
        for row in rows:
            parts += ["", Text(row.title, style="bold"), _indent(_area_details(report, row))]
    return parts


def _bar(row: ScoreRow, cells: int) -> Text:
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    if row.score is None:
        return Text("no score yet", style="dim")
    full = round(row.score / 100 * cells)
    return Text.assemble(("█" * full, "cyan"), ("░" * (cells - full), "dim"))


def _answered(row: ScoreRow) -> Text:
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    text = Text(f"answered {row.answered} of {row.total}")
    return _mark_provisional(text, row.provisional and row.score is not None)


def _rich_scores(report: Report, width: int) -> list[RenderableType]:
    from rich import box  # noqa: PLC0415 — rich: not for --plain
    from rich.table import Table  # noqa: PLC0415 — rich: not for --plain
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    parts: list[RenderableType] = [
        "",
        _section("Principle scores"),
        Text(SCORES_NOTE),
        "",
    ]
    if width < 72:  # one score under another, as lines
        for row in report.scores_of("principle"):
            line = Text.assemble((row.title, "bold"), "\n", _bar(row, 10))
            if row.score is not None:
                line.append(f" {points(row.score)}", style="bold")
            line.append(", ")
            line.append_text(_answered(row))
            parts.append(_with_spread(report, row, line))
        for kind, heading in KIND_HEADINGS[1:]:
            if report.scores_of(kind):
                parts += ["", Text(heading, style="bold")]
            for row in report.scores_of(kind):
                parts.append(_indent(Text(f"{row.title}: {score_words(row)}")))
        return parts
    bars = Table.grid(padding=(0, 2))
    bars.add_column(ratio=1)
    bars.add_column(no_wrap=True)
    bars.add_column(justify="right", no_wrap=True)
    bars.add_column()
    for row in report.scores_of("principle"):
        score = Text("" if row.score is None else points(row.score), style="bold")
        details = _with_spread(report, row, _answered(row))
        bars.add_row(Text(row.title), _bar(row, 20 if width >= 100 else 10), score, details)
    parts.append(bars)
    for kind, heading in KIND_HEADINGS[1:]:
        rows = report.scores_of(kind)
        if not rows:
            continue
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, width=min(width, 80))
        table.add_column(Text(heading, style="bold"), ratio=1)
        table.add_column(Text("Score"), justify="right", width=12)
        table.add_column(Text("Answered"), width=24 if report.combined is None else 12)
        if report.combined is not None:
            table.add_column(Text("Range"), width=12)
        for row in rows:
            score = (
                Text("no score yet", style="dim") if row.score is None else Text(points(row.score))
            )
            answered = _mark_provisional(
                Text(f"{row.answered} of {row.total}"), row.provisional and row.score is not None
            )
            cells: list[RenderableType] = [Text(row.title), score, answered]
            if report.combined is not None:
                low, high = row.low, row.high
                both = low is not None and high is not None
                cells.append(Text(f"{points(low or 0)} to {points(high or 0)}" if both else ""))
            table.add_row(*cells)
        parts += ["", table]
    return parts


def _with_spread(report: Report, row: ScoreRow, text: Text) -> Text:
    spread = spread_words(report, row) if report.combined else ""
    if spread:
        text.append(f"\n{spread}")
    return text


def _rich_advice(report: Report) -> list[RenderableType]:
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    parts: list[RenderableType] = ["", _section("What to do next")]
    if not report.recommendations:
        parts.append(Text("No recommendations were raised by these answers."))
    for number, item in enumerate(report.recommendations, start=1):
        heading = Text.assemble((f"{number}. {item.title}", "bold"))
        heading.append(f" ({item.priority} priority, for {item.audience})", style="dim")
        body = Text("\n".join(advice_texts(item)))
        parts += [heading, _indent(body, 3), ""]
    for words in (more_advice_words(report), others_words(report)):
        if words:
            parts.append(Text(words, style="italic"))
    return parts


def _rich_rules(report: Report) -> list[RenderableType]:
    from rich.text import Text  # noqa: PLC0415 — rich: not for --plain

    parts: list[RenderableType] = ["", _section("Rules that hold"), Text(RULES_INTRO), ""]
    styles = {"holds-back": "bold red", "below-target": "bold yellow", "warns": "bold"}
    for rule in report.rules:
        parts += [
            Text(rule_heading(rule), style=styles.get(rule.effect, "bold")),
            _indent(Text("\n".join(rule_texts(rule))), 2),
            "",
        ]
    return parts


def render(report: Report, *, width: int = 80, plain: bool = False) -> str:
    report = safe_data(report)
    return _plain(report, width) if plain else _rich(report, width)
