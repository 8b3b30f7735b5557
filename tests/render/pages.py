"""What the HTML page tests build and read back: reports made from the examples and from
answers chosen to stress the page (a combined result whose roles disagree, text that tries to
run a script, a project where every rule holds), and a parser for the page they make."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import msgspec

from coprod_check.files import results
from coprod_check.files.results import Combined, Difference, LeftOut, Meta, Results, RoleView
from coprod_check.model.answers import Answer
from coprod_check.model.assessment import PlacementBrief, ScoreBrief
from coprod_check.model.catalog import Catalog
from coprod_check.render.report import ReportFormat, render
from coprod_check.views.report import Report
from tests.helpers import ROOT

EXAMPLES = ROOT / "examples" / "results"
ATTACK = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
NOTE = "We were asked too late. " + ATTACK
LONG_NAME = "The Riverside family hub and the Northfield young carers' partnership, together"
"""A project's name long enough to wrap on any screen."""


def combined_results() -> Results:
    """A combined result made by hand from this year's example: two roles that disagree, a name
    that tries to run a script, and a file left out."""
    base = results.read(EXAMPLES / "this-year.toml")
    assert base.summary is not None
    summary = base.summary

    def ranged(record: ScoreBrief) -> ScoreBrief:
        if record.score is None:
            return record
        low, high = max(record.score - 20, 0), min(record.score + 10, 100)
        return msgspec.structs.replace(record, low=low, high=high)

    areas = dict(summary.areas)
    areas["design"] = msgspec.structs.replace(
        areas["design"], low="consultation", high="delegated-power"
    )
    areas["delivery"] = PlacementBrief(status="not-applicable")
    summary = msgspec.structs.replace(
        summary,
        overall=msgspec.structs.replace(summary.overall, provisional=False),
        areas=areas,
        scores={key: ranged(record) for key, record in summary.scores.items()},
    )
    roles = {
        "lived-experience": RoleView(
            respondents=4,
            overall="consultation",
            areas={"design": "consultation", "decision-making": "informing", "voice": None},
            scores={"share-power": 45.0, "reciprocity": 90.0, "design": 60.0},
        ),
        "staff": RoleView(
            respondents=3,
            overall="partnership",
            areas={"design": "partnership", "decision-making": "placation", "voice": "placation"},
            scores={"share-power": 85.0, "reciprocity": None, "design": 80.0},
        ),
    }
    return Results(
        meta=Meta(
            project="Riverside family hub",
            pathway="arnstein",
            created="2026-11-19T10:05:37Z",
            updated="2026-11-21T16:00:00Z",
        ),
        summary=summary,
        complete=True,
        combined=Combined(
            respondents=7,
            threshold=25.0,
            roles=roles,
            differ=[
                Difference(
                    kind="dimension",
                    id="share-power",
                    gap=40.0,
                    values={"lived-experience": 45.0, "staff": 85.0},
                ),
                Difference(
                    kind="question",
                    id="design-stage",
                    gap=28.6,
                    values={"lived-experience": 42.9, "staff": 71.5},
                ),
            ],
            raised={"next-step-voice": 6, "make-decisions-together": 3},
            names=["Asha", "Tuesday group", ATTACK],
            files=8,
            left_out=[LeftOut(file="spilt-tea.toml", reason="this results file is damaged")],
        ),
    )


def attack_file(folder: Path) -> Path:
    """A copy of this year's results whose project, respondent and a note try to run a script."""
    text = (EXAMPLES / "this-year.toml").read_text(encoding="utf-8")
    quoted = ATTACK.replace('"', '\\"')
    text = text.replace('project = "Riverside family hub"', f'project = "{quoted}"')
    text = text.replace('respondent = "Tuesday group"', f'respondent = "{quoted}"')
    note = NOTE.replace('"', '\\"')
    text = text.replace(
        '[answers.design-stage]\nchoice = "design-together"\n',
        f'[answers.design-stage]\nchoice = "design-together"\nnote = "{note}"\n',
    )
    path = folder / "attack.toml"
    path.write_text(text, encoding="utf-8")
    return path


def html_of(report: Report) -> str:
    return render(report, ReportFormat.html)


def tokenistic_results(catalog: Catalog) -> Results:
    """Every question answered with its last choice (short of "does not apply"): most of the rules
    against tokenism hold, and there is advice for every area, under a long project name."""
    answers = {}
    for question in catalog.questions.values():
        choices = [choice.id for choice in question.options() if choice.id != "not-applicable"]
        if choices:
            answers[question.id] = Answer(question=question.id, choices=(choices[-1],))
    meta = Meta(
        project=LONG_NAME,
        pathway="arnstein",
        created="2026-11-19T10:05:37Z",
        updated="2026-11-19T11:52:08Z",
        respondent="Everyone at the Tuesday and Thursday groups",
        role="staff",
    )
    return Results(meta=meta, answers=answers, complete=True)


def dated(path: Path, when: str) -> Results:
    """A results file as if its answers were last saved ``when``."""
    made = results.read(path)
    return msgspec.structs.replace(made, meta=msgspec.structs.replace(made.meta, updated=when))


class Page(HTMLParser):
    """The parts of the page the tests look at: tags, tables (by id) and their cells' text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self._table = dict(attrs).get("id") or f"table-{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in {"td", "th"} and self._table:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._table and self._cell is not None:
            self.tables[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def body(self, table: str) -> list[list[str]]:
        """A table's rows after its heading row."""
        return self.tables[table][1:]


class Visit:
    """What happened when the browser opened a page."""

    def __init__(self, page: Any, requested: list[str], dialogs: list[str]) -> None:
        self.page = page
        self.requested = requested
        self.dialogs = dialogs
