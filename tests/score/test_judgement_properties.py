"""Properties of the judgement, for any answers on both bundled pathways: every rule that holds
is recorded; advice never pushes an area past its target; a rule that holds back never raises a
placement; an area at its target scores 100 on its placing answer; reports lead with five."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coprod_check.files.results import Meta, Results
from coprod_check.model import conditions as cond
from coprod_check.model.framework import grade_key
from coprod_check.score.assess import assess
from coprod_check.score.evidence import triggers
from coprod_check.score.scores import Facts
from coprod_check.views.report import SHOWN, build_report
from tests.score.test_scoring_properties import (
    CATALOG,
    Answers,
    answer_sets,
    choose,
    pathways,
)

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

AREAS = [d.id for d in CATALOG.dimensions.values() if d.kind == "area"]

HOLDS_BACK = [
    (guardrail.id, position, grade)
    for guardrail in CATALOG.guardrails.values()
    for position, grade in enumerate(guardrail.levels())
    if grade.severity == "holds-back"
    and isinstance(CATALOG.conditions[grade_key(guardrail.id, position)], cond.AnswerIs)
]
"""Holds-back grades written as one answer, so a test can give that answer."""


def _facts(pathway: str, answers: Answers) -> Facts:
    return Facts(CATALOG, CATALOG.pathways[pathway], answers)


@pathways
@SETTINGS
@given(answers=answer_sets())
def test_a_rule_that_holds_is_always_recorded(pathway: str, answers: Answers) -> None:
    assessment = assess(CATALOG, answers, pathway)
    facts = _facts(pathway, answers)
    recorded = {rule.id for rule in assessment.rules}
    for guardrail in CATALOG.guardrails.values():
        for position, grade in enumerate(guardrail.levels()):
            on_pathway = grade.severity == "warns" or pathway in (grade.highest or {})
            condition = CATALOG.conditions[grade_key(guardrail.id, position)]
            if on_pathway and cond.holds(condition, facts):
                assert guardrail.id in recorded, guardrail.id
                rule = assessment.rule(guardrail.id)
                assert rule is not None
                assert rule.because, f"{guardrail.id} names the answers behind it"
                break


@pathways
@SETTINGS
@given(answers=answer_sets())
def test_no_advice_pushes_an_area_past_its_target(pathway: str, answers: Answers) -> None:
    """With each area's target set where it is placed, no advice fires for being below a stage,
    and there is no next step on the pathway."""
    first = assess(CATALOG, answers, pathway)
    targets = {area.area: area.stage for area in first.areas if area.stage is not None}
    assessment = assess(CATALOG, answers, pathway, targets=targets)
    for area in assessment.areas:
        if area.stage is not None:
            assert area.gap == 0, area
    facts = _facts(pathway, answers)
    path = CATALOG.pathways[pathway]
    facts.targets = {area: path.index(stage) for area, stage in targets.items()}
    facts.stages = {p.area: p.index for p in (*assessment.areas, assessment.overall)}
    if assessment.overall.target is not None:
        facts.targets[cond.OVERALL] = path.index(assessment.overall.target)
    for advice in assessment.recommendations:
        assert not advice.id.startswith("next-step-"), advice.id
        recommendation = CATALOG.recommendations.get(advice.id)
        if recommendation is None:
            continue
        for leaf in triggers(CATALOG.conditions[advice.id], facts):
            if isinstance(leaf, cond.StageCompare) and leaf.area != cond.OVERALL:
                assert leaf.at_least, (advice.id, leaf)


@pathways
@SETTINGS
@given(answers=answer_sets(), data=st.data())
def test_a_holds_back_answer_never_raises_a_placement(
    pathway: str, answers: Answers, data: st.DataObject
) -> None:
    guardrail_id, position, _ = data.draw(st.sampled_from(HOLDS_BACK), label="grade")
    condition = CATALOG.conditions[grade_key(guardrail_id, position)]
    assert isinstance(condition, cond.AnswerIs)
    question = CATALOG.questions[condition.question]
    earlier = answers.get(question.id)
    assume(earlier is None or earlier.skipped)  # added, not put in place of another answer
    given_answer = choose(question, (condition.choices[0],))
    before = assess(CATALOG, answers, pathway)
    after = assess(CATALOG, {**answers, question.id: given_answer}, pathway)
    for old, new in zip(before.areas, after.areas, strict=True):
        if old.index is not None and new.index is not None:
            assert new.index <= old.index or question.places == new.area, (old, new)


@pathways
@SETTINGS
@given(answers=answer_sets())
def test_an_area_at_its_target_scores_100_on_its_placing_answer(
    pathway: str, answers: Answers
) -> None:
    first = assess(CATALOG, answers, pathway)
    claims = {area.area: area.claimed for area in first.areas if area.claimed is not None}
    assessment = assess(CATALOG, {**answers}, pathway, targets=claims)
    for area in assessment.areas:
        if area.area not in claims:
            continue
        placing = [
            q for q in CATALOG.questions.values() if q.places == area.area and q.id in answers
        ]
        only_placing = [
            q
            for q in CATALOG.questions.values()
            if area.area in q.dimensions and q.type != "text" and q.id in answers
        ]
        if placing and [q.id for q in only_placing] == [placing[0].id]:
            assert assessment.score(area.area).score == 100.0, area


@pathways
@SETTINGS
@given(answers=answer_sets())
def test_reports_lead_with_five_recommendations_unless_all(pathway: str, answers: Answers) -> None:
    meta = Meta(project="P", pathway=pathway, created="2026-01-01", updated="2026-01-01")
    results = Results(meta=meta, answers=answers)
    report = build_report(CATALOG, results)
    assert len(report.recommendations) <= SHOWN
    everything = build_report(CATALOG, results, shown=None)
    assert everything.more_recommendations == []
    assert [a.id for a in everything.recommendations] == [
        a.id for a in (*report.recommendations, *report.more_recommendations)
    ]


@pathways
@SETTINGS
@given(answers=answer_sets())
def test_advice_for_the_other_audience_is_kept_apart(pathway: str, answers: Answers) -> None:
    for audience, other in (("practitioners", "funders"), ("funders", "practitioners")):
        assessment = assess(CATALOG, answers, pathway, audience=audience)
        assert all(advice.audience != other for advice in assessment.recommendations)
        for advice_id in assessment.elsewhere:
            assert CATALOG.recommendations[advice_id].audience == other


def test_every_area_has_a_target_on_every_pathway() -> None:
    for pathway in CATALOG.pathways.values():
        for area in AREAS:
            assert CATALOG.target_for(area, pathway) in {s.id for s in pathway.stages}
