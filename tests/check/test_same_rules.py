"""`check` and `assess` judge by the same rules: a plan's guardrail findings are exactly the rules
the scorer records for the same answers, with the same ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_check.check.rules import RULES, run_check
from coprod_check.files.plan import load_plan, plan_answers
from coprod_check.frameworks.load import load_catalog
from coprod_check.model.catalog import Catalog
from coprod_check.score.assess import assess
from tests.helpers import ROOT

PLANS = sorted((ROOT / "examples" / "plans").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.stem)
def test_check_reports_the_rules_assess_records(catalog: Catalog, path: Path) -> None:
    plan = load_plan(path, catalog)
    pathway = plan.pathway or "arnstein"
    assessment = assess(catalog, plan_answers(plan, catalog, pathway), pathway)
    recorded = {rule.code for rule in assessment.rules if rule.code in RULES}
    report = run_check(plan, catalog)
    guardrail_codes = {g.code for g in catalog.guardrails.values() if g.code}
    reported = {
        finding.rule
        for finding in report.findings
        if finding.rule in guardrail_codes and "does not say" not in finding.message
    }
    assert reported == recorded
    for rule in assessment.rules:
        if rule.code in reported:
            severity = "warning" if rule.effect == "warns" else "error"
            assert any(f.rule == rule.code and f.severity == severity for f in report.findings), (
                rule
            )


def test_every_guardrail_with_a_code_is_a_check_rule(catalog: Catalog) -> None:
    for guardrail in catalog.guardrails.values():
        assert guardrail.code in RULES, guardrail.id
        assert RULES[guardrail.code].name == guardrail.id
