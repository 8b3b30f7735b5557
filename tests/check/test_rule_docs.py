"""`coprod-check rule` and ``docs/rules.md`` (issue 15, "Rules, as ruff and Scorecard show them"):
every rule's id, name, severity, when it holds, why it matters with its report section, how to
fix it and an example, all from one table, with each example checked against the check itself."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_check.check.rule_docs import EXAMPLE_HEAD, WRITTEN, RuleDoc, rule_docs
from coprod_check.check.rules import RULES, RULES_PAGE, run_check
from coprod_check.errors import CoprodError
from coprod_check.files.plan import load_plan
from tests.helpers import ROOT, Run, bundled_catalog

RunFn = Callable[..., Run]
CATALOG = bundled_catalog()
DOCS = {doc.id: doc for doc in rule_docs(CATALOG)}
RULES_MD = ROOT / "docs" / "rules.md"


def _rules_found(tmp_path: Path, text: str) -> set[str]:
    """The rules a plan breaks; CP000 when it cannot be checked at all."""
    path = tmp_path / "coprod-plan.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        plan = load_plan(path, CATALOG)
    except CoprodError:
        return {"CP000"}
    return {finding.rule for finding in run_check(plan, CATALOG).findings}


def _github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_issue15_rules_every_rule_has_a_page_and_nothing_else_does() -> None:
    assert list(DOCS) == ["CP000", *RULES]
    assert set(WRITTEN) == set(DOCS)
    for doc in DOCS.values():
        for field in ("name", "severity", "summary", "holds", "why", "fix", "breaks", "keeps"):
            assert getattr(doc, field).strip(), (doc.id, field)
        assert doc.section or doc.id == "CP000"
        assert doc.help_uri == f"{RULES_PAGE}#{doc.anchor}"


@pytest.mark.parametrize("rule", list(DOCS))
def test_issue15_rules_each_example_breaks_its_rule_and_the_fix_keeps_it(
    rule: str, tmp_path: Path
) -> None:
    doc = DOCS[rule]
    assert doc.breaks.startswith(EXAMPLE_HEAD)
    assert rule in _rules_found(tmp_path, doc.breaks)
    assert rule not in _rules_found(tmp_path, doc.keeps)


def test_issue15_rules_a_guardrail_says_why_and_how_to_fix_in_its_own_words() -> None:
    """The framework's guardrail is the one home of its explanation and fix."""
    coded = [g for g in CATALOG.guardrails.values() if g.code]
    assert len(coded) >= 8
    for guardrail in coded:
        assert guardrail.code is not None
        doc = DOCS[guardrail.code]
        assert doc.why == guardrail.explanation
        assert doc.fix == guardrail.fix
        assert not WRITTEN[guardrail.code].why
        assert not WRITTEN[guardrail.code].fix


def test_issue15_rules_the_docs_page_is_made_from_the_same_table(run: RunFn) -> None:
    result = run("rule", "--all", "--format", "markdown")
    assert result.code == 0, result.err
    assert RULES_MD.read_text(encoding="utf-8") == result.out, (
        "regenerate it: coprod-check rule --all --format markdown > docs/rules.md"
    )


def test_issue15_rules_each_rule_has_one_anchored_section_on_the_page() -> None:
    headings = [
        line.removeprefix("## ")
        for line in RULES_MD.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    assert [_github_anchor(heading) for heading in headings] == [d.anchor for d in DOCS.values()]


def _shows_the_whole_rule(out: str, doc: RuleDoc) -> None:
    flat = " ".join(out.split())
    assert out.startswith(f"{doc.id} {doc.name} ({doc.severity})\n")
    for text in (doc.holds, doc.why, f'(The report, "{doc.section}".)', doc.fix):
        assert " ".join(text.split()) in flat
    for line in (*doc.breaks.splitlines(), *doc.keeps.splitlines()):
        assert f"    {line}\n" in out
    assert doc.help_uri in out


@pytest.mark.parametrize("name", ["CP106", "cp106", "no-feedback"])
def test_issue15_rule_prints_one_rule_by_id_or_name(run: RunFn, name: str) -> None:
    result = run("rule", name)
    assert result.code == 0, result.err
    _shows_the_whole_rule(result.out, DOCS["CP106"])
    assert "CP107" not in result.out


def test_issue15_rule_all_prints_every_rule(run: RunFn) -> None:
    result = run("rule", "--all")
    assert result.code == 0, result.err
    for doc in DOCS.values():
        assert f"\n{doc.id} {doc.name} ({doc.severity})\n" in f"\n{result.out}"


def test_issue15_rule_json_has_every_field(run: RunFn) -> None:
    result = run("rule", "--all", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [item["id"] for item in data] == list(DOCS)
    assert data[6]["id"] == "CP106"
    assert data[6]["fix"] == DOCS["CP106"].fix


def test_issue15_rule_fits_a_narrow_terminal_without_cutting_words(run: RunFn) -> None:
    """Words wrap to the width; the example plans are shown as written, like code."""
    result = run("rule", "CP111", env={"COLUMNS": "40"})
    assert result.code == 0, result.err
    for line in result.out.splitlines():
        assert len(line) <= 40 or line.startswith(("More: https://", "    ")), line
    assert " ".join(DOCS["CP111"].why.split()) in " ".join(result.out.split())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["CP1066"], "no rule called 'CP1066'"),
        (["no-feedbak"], "no rule called 'no-feedbak'"),
        ([], "give one rule, or --all for every rule"),
        (["CP106", "--all"], "give one rule, or --all for every rule"),
    ],
)
def test_issue15_rule_refuses_what_it_cannot_show(run: RunFn, args: list[str], said: str) -> None:
    result = run("rule", *args)
    assert result.code == 2
    assert said in result.err
    assert "Traceback" not in result.err
    if args and args[0] == "CP1066":
        assert "did you mean 'CP106'?" in result.err
