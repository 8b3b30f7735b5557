"""The report in the terminal: with rich, a strip of the pathway with each area marked on it and
bars for the principle scores; with ``plain``, simple indented lines with no colour or box drawing,
which read well aloud and fit 40 columns.

The wording both this and the Markdown report use (``place_words``, ``score_words`` and the rest)
lives here too, so the two say the same things in the same words. Every piece of text people
typed is printed as it is: rich never reads markup in it.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from coprod_check.render.text import wrap
from coprod_check.report import KIND_HEADINGS, AdviceRow, AreaRow, Report, ScoreRow

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

SHOWN = 5
"""How many recommendations the terminal report shows; the Markdown and HTML reports show all."""

PROVISIONAL = (
    "Provisional: some results rest on fewer than half of their questions, "
    "so treat them as a first look."
)
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


# The words both text reports use -------------------------------------------------------------


def has_provisional(report: Report) -> bool:
    """Whether anything shown is provisional (a score that is not there yet does not count)."""
    rows = [report.overall, *report.areas]
    return (
        report.provisional
        or any(row.provisional and row.status == "placed" for row in rows)
        or any(score.provisional and score.score is not None for score in report.scores)
    )


def date_words(value: str) -> str:
    """An ISO 8601 time as a date people read: "19 November 2026"."""
    try:
        moment = _dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def points(value: float) -> str:
    """A score or gap as a whole number, the way every report rounds it."""
    return str(round(value))


def role_titles(report: Report) -> dict[str, str]:
    return {role.id: role.title for role in report.combined.roles} if report.combined else {}


def who_answered(report: Report) -> str:
    """Who the answers are from: a respondent and their role, or how many in each role."""
    if report.combined is not None:
        count = report.combined.respondents
        roles = ", ".join(f"{role.title}: {role.respondents}" for role in report.combined.roles)
        people = f"{count} respondent{'s' if count != 1 else ''}"
        return f"{people} ({roles})" if roles else people
    who = report.respondent or "not recorded"
    return f"{who} ({report.role_title})" if report.role_title else who


def stage_title(report: Report, stage_id: str | None) -> str:
    return next((s.title for s in report.stages if s.id == stage_id), "not placed")


def stage_number(report: Report, row: AreaRow) -> str:
    """Where a placed stage is on the pathway: "6 of 8"."""
    return f"{row.index + 1} of {len(report.stages)}" if row.index is not None else ""


def place_words(report: Report, row: AreaRow) -> str:
    """Where an area stands: "Partnership (stage 6 of 8), provisional"."""
    if row.status == "not-applicable":
        return "does not apply"
    if row.status != "placed" or row.stage_title is None:
        return "not placed yet"
    words = f"{row.stage_title} (stage {stage_number(report, row)})"
    return words + ", provisional" if row.provisional else words


def range_words(report: Report, row: AreaRow) -> str:
    """The range behind a placement, or "" when there is none."""
    if not (row.low_title and row.high_title) or row.low == row.high:
        return ""
    across = "respondents' answers" if report.combined else "your areas"
    return f"{across} range from {row.low_title} to {row.high_title}"


def coverage_words(row: AreaRow) -> str:
    if row.status == "not-applicable":
        return ""
    of_what = "of areas placed" if row.id == "overall" else "of its questions answered"
    return f"{round(row.coverage * 100)}% {of_what}"


def held_back_words(row: AreaRow) -> str:
    return f"held back by: {'; '.join(row.held_back_by)}" if row.held_back_by else ""


def by_role_words(report: Report, row: AreaRow) -> str:
    """Each role's middle stage, for a combined report."""
    titles = role_titles(report)
    return "; ".join(
        f"{titles.get(role, role)}: {stage_title(report, stage)}"
        for role, stage in row.by_role.items()
    )


def answered_words(row: ScoreRow) -> str:
    words = f"answered {row.answered} of {row.total}"
    return words + ", provisional" if row.provisional and row.score is not None else words


def score_words(row: ScoreRow) -> str:
    """A score in words: "64 out of 100 (answered 3 of 4)", or "no score yet"."""
    value = "no score yet" if row.score is None else f"{points(row.score)} out of 100"
    return f"{value} ({answered_words(row)})"


def spread_words(report: Report, row: ScoreRow) -> str:
    """For a combined report: the lowest and highest respondent, and each role's score."""
    parts = []
    if row.low is not None and row.high is not None:
        parts.append(f"range {points(row.low)} to {points(row.high)}")
    titles = role_titles(report)
    parts += [
        f"{titles.get(role, role)}: {'none' if value is None else points(value)}"
        for role, value in row.by_role.items()
    ]
    return "; ".join(parts)


def differ_intro(report: Report) -> str:
    assert report.combined is not None
    threshold = points(report.combined.threshold)
    if not report.combined.differ:
        return f"No gaps of {threshold} points or more (out of 100) were found between roles."
    return f"Where roles' scores are {threshold} points or more apart (out of 100), biggest first:"


def took_part_words(report: Report) -> str:
    assert report.combined is not None
    combined = report.combined
    files = f", from {combined.files} files" if combined.files else ""
    count = combined.respondents
    return f"{count} respondent{'s' if count != 1 else ''}{files}:"


def advice_heading(item: AdviceRow, number: int) -> str:
    return f"{number}. {item.title} ({item.priority} priority, for {item.audience})"


def because_words(reason: str) -> str:
    ending = "" if reason.endswith((".", "?", "!", '"')) else "."
    return f"Because: {reason}{ending}"


def more_advice_words(report: Report, shown: int) -> str:
    """What to do to see the recommendations this report leaves out, or "" if there are none."""
    more = len(report.recommendations) - shown
    if more <= 0:
        return ""
    things = "recommendation is" if more == 1 else "recommendations are"
    words = (
        f"{more} more {things} not shown here. To see all of them, make this report again "
        "with --format markdown or --format html"
    )
    if report.combined is None:
        words += ", or run coprod-check explain on the results file with --all"
    return words + "."


def _advice_texts(item: AdviceRow) -> list[str]:
    return [
        item.advice,
        *(because_words(reason) for reason in item.because),
        f"Example: {item.example}",
        f'Report section: "{item.section}"',
    ]


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
        for role, value in item.values.items():
            out += wrap(f"{titles.get(role, role)}: {points(value)}", width, "    ", "      ")
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


def _plain_stand(report: Report, width: int) -> list[str]:
    out = ["Where you stand", *wrap(f"The stages of {report.pathway_title}, lowest first:", width)]
    number = 1
    for group, stages in _groups(report):
        names = ", ".join(f"{number + i} {title}" for i, title in enumerate(stages))
        out += wrap(f"{group}: {names}" if group else names, width, "  ", "    ")
        number += len(stages)
    for row in [report.overall, *report.areas]:
        out += ["", *wrap(f"{row.title}: {place_words(report, row)}", width, "", "  ")]
        details = [range_words(report, row), held_back_words(row), coverage_words(row)]
        if report.combined is not None and row.by_role:
            details.append(f"each role: {by_role_words(report, row)}")
        for detail in details:
            if detail:
                out += wrap(detail, width, "  ", "    ")
    return out


def _plain_scores(report: Report, width: int) -> list[str]:
    out = ["Principle scores (0 to 100)"]
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
    if not report.recommendations:
        return ["What to do next", "No recommendations were raised by these answers."]
    out = ["What to do next"]
    for number, item in enumerate(report.recommendations[:SHOWN], start=1):
        out += ["", *wrap(advice_heading(item, number), width, "", "   ")]
        for words in _advice_texts(item):
            out += wrap(words, width, "   ", "     ")
    more = more_advice_words(report, SHOWN)
    if more:
        out += ["", *wrap(more, width)]
    return out


def _groups(report: Report) -> list[tuple[str, list[str]]]:
    """The stages' titles in their groups, lowest first."""
    groups: list[tuple[str, list[str]]] = []
    for stage in report.stages:
        if groups and groups[-1][0] == stage.group_title:
            groups[-1][1].append(stage.title)
        else:
            groups.append((stage.group_title, [stage.title]))
    return groups


# rich ----------------------------------------------------------------------------------------


def _rich(report: Report, width: int) -> str:
    import io

    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="standard",
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for part in _rich_parts(report, width):
        console.print(part)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip(" ") for line in text.splitlines()) + "\n"


def _rich_parts(report: Report, width: int) -> list[RenderableType]:
    from rich.text import Text

    head = Text(report.project, style="bold")
    head.append("\n")
    head.append(report.pathway_title)
    head.append(f"\nAnswered by {who_answered(report)}")
    head.append(f"\nUpdated {date_words(report.updated)}")
    if report.combined is None:
        head.append(f", {report.answered} of {report.questions} questions answered")
    parts: list[RenderableType] = [head]
    if has_provisional(report):
        parts += ["", Text.assemble(("Provisional:", "bold yellow"), PROVISIONAL[12:])]
    if report.combined is not None:
        parts += _rich_combined(report)
    parts += _rich_stand(report, width)
    parts += _rich_scores(report, width)
    parts += _rich_advice(report)
    if report.notes:
        parts.append(_section("Notes people wrote"))
        for note in report.notes:
            text = Text(note.question_text, style="bold")
            text.append("\nAnswer: ")
            text.append(note.answer)
            text.append("\nNote: ")
            text.append(note.note)
            parts += [_indent(text), ""]
    return parts


def _section(title: str) -> RenderableType:
    from rich.rule import Rule
    from rich.text import Text

    return Rule(Text(title, style="bold"), align="left", style="cyan")


def _indent(renderable: RenderableType, by: int = 2) -> RenderableType:
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, by))


def _provisional(text: Text, provisional: bool) -> Text:
    if provisional:
        text.append(", ")
        text.append("provisional", style="yellow")
    return text


def _rich_combined(report: Report) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    assert report.combined is not None
    titles = role_titles(report)
    parts: list[RenderableType] = ["", _section("Where voices differ"), Text(differ_intro(report))]
    for item in report.combined.differ:
        text = Text(item.title, style="bold")
        text.append(f"\na gap of {points(item.gap)} points: ")
        text.append(
            "; ".join(f"{titles.get(role, role)} {points(v)}" for role, v in item.values.items())
        )
        parts.append(_indent(text))
    people = Table.grid(padding=(0, 2))
    for role in report.combined.roles:
        people.add_row(Text(role.title), Text(str(role.respondents)))
    parts += ["", _section("Who took part"), Text(took_part_words(report)), _indent(people)]
    if report.combined.names:
        parts.append(Text(f"Names: {', '.join(report.combined.names)}"))
    if report.combined.left_out:
        parts.append(Text("Files left out:"))
        for left in report.combined.left_out:
            parts.append(_indent(Text.assemble((left.file, "bold"), f": {left.reason}")))
    return parts


def _strip(report: Report, row: AreaRow | None, cell: int) -> Text:
    """The pathway as a row of cells: ● at the placed stage, ━ across its range, ─ elsewhere;
    with no row, the stages' numbers."""
    from rich.text import Text

    text = Text(no_wrap=True)
    positions = {stage.id: stage.index for stage in report.stages}
    if row is None:
        for stage in report.stages:
            text.append(str(stage.index + 1).center(cell), style="bold")
        return text
    placed = row.status == "placed" and row.index is not None
    low = positions.get(row.low or "", row.index) if placed else None
    high = positions.get(row.high or "", row.index) if placed else None
    for index in range(len(report.stages)):
        inside = low is not None and high is not None and low <= index <= high
        left = "━" if inside and low is not None and index > low else "─"
        right = "━" if inside and high is not None and index < high else "─"
        if placed and index == row.index:
            middle: tuple[str, str] = ("●", "bold cyan")
        else:
            middle = ("━" if inside else "─", "cyan" if inside else "dim")
        before = (cell - 1) // 2
        text.append(left * before, style="cyan" if left == "━" else "dim")
        text.append(*middle)
        text.append(right * (cell - 1 - before), style="cyan" if right == "━" else "dim")
    return text


def _area_details(report: Report, row: AreaRow) -> Text:
    from rich.text import Text

    if row.status == "placed" and row.stage_title is not None:
        text = Text(row.stage_title, style="bold")
        text.append(f" ({stage_number(report, row)})")
        _provisional(text, row.provisional)
    else:
        text = Text(place_words(report, row), style="dim")
    details = [range_words(report, row), held_back_words(row), coverage_words(row)]
    if report.combined is not None and row.by_role:
        details.append(f"each role: {by_role_words(report, row)}")
    for detail in details:
        if detail:
            text.append(f"\n{detail}", style="dim" if detail.endswith("answered") else "")
    return text


def _rich_stand(report: Report, width: int) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    key = Table.grid(padding=(0, 2))
    number = 1
    for group, stages in _groups(report):
        names = "   ".join(f"{number + i} {title}" for i, title in enumerate(stages))
        key.add_row(Text(group, style="bold"), Text(names))
        number += len(stages)
    parts: list[RenderableType] = [
        "",
        _section("Where you stand"),
        Text(f"The stages of {report.pathway_title}, lowest first:"),
        _indent(key),
        "",
    ]
    cell = 3 if width >= 60 else 2
    rows = [report.overall, *report.areas]
    if width >= 72:
        grid = Table.grid(padding=(0, 2))
        grid.add_column()
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(""), _strip(report, None, cell), Text(""))
        for row in rows:
            style = "bold" if row.id == "overall" else ""
            grid.add_row(Text(row.title, style=style), _strip(report, row, cell), _area_details(report, row))
            grid.add_row(Text(""), Text(""), Text(""))
        parts.append(grid)
        return parts
    grid = Table.grid(padding=(0, 1))
    grid.add_column()
    grid.add_column(no_wrap=True)
    grid.add_row(Text(""), _strip(report, None, cell))
    for row in rows:
        grid.add_row(Text(row.title, style="bold"), _strip(report, row, cell))
    parts.append(grid)
    for row in rows:
        parts += ["", Text(row.title, style="bold"), _indent(_area_details(report, row))]
    return parts


def _bar(row: ScoreRow, cells: int) -> Text:
    from rich.text import Text

    if row.score is None:
        return Text("no score yet", style="dim")
    full = round(row.score / 100 * cells)
    return Text.assemble(("█" * full, "cyan"), ("░" * (cells - full), "dim"))


def _rich_scores(report: Report, width: int) -> list[RenderableType]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = ["", _section("Principle scores (0 to 100)")]
    bars = Table.grid(padding=(0, 2))
    bars.add_column(ratio=1)
    bars.add_column(no_wrap=True)
    bars.add_column(justify="right", no_wrap=True)
    bars.add_column()
    cells = 20 if width >= 72 else 10
    for row in report.scores_of("principle"):
        score = "" if row.score is None else points(row.score)
        details = _provisional(Text(f"answered {row.answered} of {row.total}"), row.provisional)
        if row.score is None:
            details = Text(f"answered {row.answered} of {row.total}")
        spread = spread_words(report, row) if report.combined else ""
        if spread:
            details.append(f"\n{spread}", style="dim")
        bars.add_row(Text(row.title), _bar(row, cells), Text(score, style="bold"), details)
    parts.append(bars)
    for kind, heading in KIND_HEADINGS[1:]:
        rows = report.scores_of(kind)
        if not rows:
            continue
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), show_edge=False, pad_edge=False)
        table.add_column(Text(heading, style="bold"), ratio=1)
        table.add_column(Text("Score"), justify="right")
        table.add_column(Text("Answered"))
        if report.combined:
            table.add_column(Text("Range"))
        for row in rows:
            score = Text("no score yet", style="dim") if row.score is None else Text(points(row.score))
            answered = Text(f"{row.answered} of {row.total}")
            _provisional(answered, row.provisional and row.score is not None)
            cells_: list[RenderableType] = [Text(row.title), score, answered]
            if report.combined:
                low, high = row.low, row.high
                spread = f"{points(low)} to {points(high)}" if low is not None and high is not None else ""
                cells_.append(Text(spread))
            table.add_row(*cells_)
        parts += ["", table]
    return parts


def _rich_advice(report: Report) -> list[RenderableType]:
    from rich.text import Text

    parts: list[RenderableType] = ["", _section("What to do next")]
    if not report.recommendations:
        return [*parts, Text("No recommendations were raised by these answers.")]
    for number, item in enumerate(report.recommendations[:SHOWN], start=1):
        heading = Text(f"{number}. ", style="bold")
        heading.append(item.title, style="bold")
        heading.append(f" ({item.priority} priority, for {item.audience})", style="dim")
        body = Text("\n".join(_advice_texts(item)))
        parts += [heading, _indent(body, 3), ""]
    more = more_advice_words(report, SHOWN)
    if more:
        parts.append(Text(more, style="italic"))
    return parts


def render(report: Report, *, width: int = 80, plain: bool = False) -> str:
    return _plain(report, width) if plain else _rich(report, width)
