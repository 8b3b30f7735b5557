"""What a report shows, worked out once for every format.

``build_report`` turns a results file (one respondent's, or a combined one) into a ``Report``: plain
data with every title, stage, score, range and recommendation already looked up, so the terminal,
Markdown, HTML, JSON and TOML renderers only lay it out and can never disagree about a number.
The JSON and TOML formats are this structure as it is; ``report_schema`` publishes its JSON Schema.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any, Literal

import msgspec
from msgspec import Struct, field

from coprod_check.errors import UsageError, ValidationError
from coprod_check.files.results import Combined, Results, Summary
from coprod_check.io.versions import published_id
from coprod_check.model.assessment import (
    Assessment,
    Placement,
    PlacementBrief,
    Rule,
    ScoreBrief,
    seriousness,
)
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway
from coprod_check.score.assess import assess
from coprod_check.score.recommend import audience_for
from coprod_check.score.scores import Facts, asked

REPORT_SCHEMA = "coprod-check/report/1"

KIND_HEADINGS: tuple[tuple[str, str], ...] = (
    ("principle", "Principles"),
    ("essential", "Essentials"),
    ("tip", "Practical tips"),
    ("area", "Areas"),
    ("part", "Parts of decision-making"),
    ("practice", "Practices"),
)
"""The kinds of score, in the order reports show them, with their headings."""


class StageInfo(Struct, frozen=True, kw_only=True):
    """One stage of the pathway, lowest first."""

    id: str
    title: str
    group: str
    group_title: str
    index: int


class AreaRow(Struct, frozen=True, kw_only=True):
    """Where an area (or, with id ``overall``, the whole project) is placed."""

    id: str
    title: str
    status: Literal["placed", "not-applicable", "unanswered"]
    stage: str | None = None
    stage_title: str | None = None
    index: int | None = None
    """The stage's position, counting from 0 at the lowest."""
    provisional: bool = False
    coverage: float = 0.0
    held_back_by: list[str] = field(default_factory=list)
    """The titles of the guardrails that hold the placement back."""
    low: str | None = None
    high: str | None = None
    """The range behind the placement: for the overall placement, the lowest and highest area;
    for a combined result, the lowest and highest respondent."""
    low_title: str | None = None
    high_title: str | None = None
    by_role: dict[str, str | None] = field(default_factory=dict)
    """For a combined result: each role's middle stage id."""
    target: str | None = None
    """The stage that is right for it now."""
    target_title: str | None = None
    gap: int | None = None
    """How many stages below its target it is (negative: above)."""
    contested: bool = False
    """Other answers contradict the placing answer; it is placed where they support."""


class ScoreRow(Struct, frozen=True, kw_only=True):
    """A dimension's score from 0 to 100, with how much of it was answered."""

    id: str
    title: str
    kind: str
    score: float | None = None
    answered: int
    total: int
    coverage: float
    provisional: bool
    low: float | None = None
    high: float | None = None
    """For a combined result: the lowest and highest respondent's score."""
    by_role: dict[str, float | None] = field(default_factory=dict)


class AdviceRow(Struct, frozen=True, kw_only=True):
    """A recommendation, with why it was given."""

    id: str
    title: str
    advice: str
    example: str
    section: str
    priority: str
    audience: str
    because: list[str]
    raised_for: int | None = None
    """For a combined result: how many respondents it was raised for."""


class RuleRow(Struct, frozen=True, kw_only=True):
    """A guardrail that holds: what it is, what it does here, and the answers behind it."""

    id: str
    code: str | None = None
    title: str
    severity: str
    effect: str
    """``holds-back`` (lowers a placement), ``below-target`` (keeps areas below their target) or
    ``warns``."""
    says: str | None = None
    explanation: str
    section: str
    highest: str | None = None
    highest_title: str | None = None
    areas: list[str] = field(default_factory=list)
    """The titles of the areas it lowers or keeps below their target."""
    because: list[str] = field(default_factory=list)
    raised_for: int | None = None
    """For a combined result: how many respondents it held for."""


class ContradictionRow(Struct, frozen=True, kw_only=True):
    """A placing answer that other answers contradict."""

    id: str
    title: str
    explanation: str
    area: str
    area_title: str
    claimed_title: str
    supported_title: str
    claim: list[str]
    against: list[str]


class NoteRow(Struct, frozen=True, kw_only=True):
    """A note someone wrote on why they answered as they did, with the question and answer."""

    question: str
    question_text: str
    answer: str
    note: str


class RoleRow(Struct, frozen=True, kw_only=True):
    id: str
    title: str
    respondents: int


class DifferenceRow(Struct, frozen=True, kw_only=True):
    """Where roles see things differently: each role's middle score and the gap between them."""

    kind: str
    id: str
    title: str
    gap: float
    values: dict[str, float]


class LeftOutRow(Struct, frozen=True, kw_only=True):
    file: str
    reason: str


class CombinedPart(Struct, frozen=True, kw_only=True):
    """What a combined report adds: who took part and where their views differ."""

    respondents: int
    files: int
    threshold: float
    roles: list[RoleRow]
    differ: list[DifferenceRow]
    names: list[str] = field(default_factory=list)
    left_out: list[LeftOutRow] = field(default_factory=list)


class Report(Struct, frozen=True, kw_only=True):
    """Everything a report shows, in the order it shows it."""

    schema: str = REPORT_SCHEMA
    project: str
    pathway: str
    pathway_title: str
    created: str
    updated: str
    tool: str
    complete: bool
    provisional: bool
    """True when the overall placement rests on too few answers to rely on."""
    respondent: str | None = None
    role: str | None = None
    role_title: str | None = None
    answered: int = 0
    questions: int = 0
    stages: list[StageInfo]
    overall: AreaRow
    areas: list[AreaRow]
    scores: list[ScoreRow]
    recommendations: list[AdviceRow]
    """The advice to act on first: five, unless all were asked for."""
    more_recommendations: list[AdviceRow] = field(default_factory=list)
    """The rest, best first: folded away, or left out of text formats."""
    rules: list[RuleRow] = field(default_factory=list)
    """Every guardrail that holds, those that hold the project back first."""
    contradictions: list[ContradictionRow] = field(default_factory=list)
    audience: str = "practitioners"
    for_others: int = 0
    """How many pieces of advice fired for the other audience (funders and commissioners, for a
    project), shown with ``--audience``."""
    notes: list[NoteRow] = field(default_factory=list)
    combined: CombinedPart | None = None
    source: Results | None = None
    """The results it was made from: not part of the report's data (``report_data`` leaves it
    out), but what the TOML format keeps, as a results file, beside the report."""

    def scores_of(self, kind: str) -> list[ScoreRow]:
        return [score for score in self.scores if score.kind == kind]


def stages_of(pathway: Pathway) -> list[StageInfo]:
    """A pathway's stages, lowest first, with their groups' titles."""
    groups = {group.id: group.title for group in pathway.groups}
    return [
        StageInfo(
            id=stage.id,
            title=stage.title,
            group=stage.group,
            group_title=groups.get(stage.group, ""),
            index=index,
        )
        for index, stage in enumerate(pathway.stages)
    ]


SHOWN = 5
"""How many recommendations a report leads with."""


def build_report(
    catalog: Catalog,
    results: Results,
    *,
    audience: str | None = None,
    shown: int | None = SHOWN,
) -> Report:
    """The report for a results file, single or combined: ``shown`` recommendations first (all
    of them when ``None``), for ``audience`` (by the respondent's role when not given)."""
    meta = results.meta
    pathway = catalog.pathways.get(meta.pathway, None)
    if pathway is None:
        raise UsageError(
            f"these results use the pathway {meta.pathway!r}, which is not loaded",
            None,
            "load the frameworks they were made with (--frameworks-dir)",
        )
    stages = stages_of(pathway)
    by_id = {stage.id: stage for stage in stages}

    def title_of(stage_id: str | None) -> str | None:
        stage = by_id.get(stage_id) if stage_id else None
        return stage.title if stage else None

    if results.combined is not None:
        summary = results.summary
        if summary is None:
            raise ValidationError("this combined result has no [results] table", None)
        return _combined_report(
            catalog,
            results,
            summary=summary,
            combined=results.combined,
            stages=stages,
            title_of=title_of,
            shown=shown,
        )

    whose = audience_for(meta.role, audience)
    assessment = results.assessment
    if assessment is None or assessment.audience != whose:
        assessment = assess(
            catalog,
            results.answers,
            meta.pathway,
            targets=results.targets,
            audience=whose,
            role=meta.role,
        )

    def area_row(placement: Placement, title: str) -> AreaRow:
        return _area_row(catalog, by_id, placement.area, title, placement)

    notes = [
        NoteRow(
            question=answer.question,
            question_text=catalog.questions[answer.question].text,
            answer=_answer_words(catalog, answer.question, answer.choices, answer.text),
            note=answer.note,
        )
        for answer in results.answers.values()
        if answer.note and answer.question in catalog.questions
    ]
    role = meta.role
    advice = _advice(assessment)
    return Report(
        project=meta.project,
        pathway=pathway.id,
        pathway_title=pathway.title,
        created=meta.created,
        updated=meta.updated,
        tool=meta.tool,
        complete=results.complete,
        provisional=assessment.overall.provisional,
        respondent=meta.respondent,
        role=role,
        role_title=catalog.roles[role].title if role and role in catalog.roles else role,
        answered=sum(1 for answer in results.answers.values() if not answer.skipped),
        questions=_asked_count(catalog, results, pathway),
        stages=stages,
        overall=area_row(assessment.overall, "Overall"),
        areas=[area_row(p, catalog.dimensions[p.area].title) for p in assessment.areas],
        scores=_ordered(
            [_score_row(catalog, score.dimension, score) for score in assessment.scores]
        ),
        recommendations=advice[:shown],
        more_recommendations=advice[shown:] if shown is not None else [],
        rules=[_rule_row(catalog, rule, title_of) for rule in by_effect(assessment.rules)],
        contradictions=[
            ContradictionRow(
                id=item.id,
                title=item.title,
                explanation=item.explanation,
                area=item.area,
                area_title=catalog.dimensions[item.area].title,
                claimed_title=title_of(item.claimed) or item.claimed,
                supported_title=title_of(item.supported) or item.supported,
                claim=[evidence.text for evidence in item.claim],
                against=[evidence.text for evidence in item.against],
            )
            for item in assessment.contradictions
        ],
        audience=assessment.audience,
        for_others=len(assessment.elsewhere),
        notes=notes,
        source=results,
    )


def by_effect(rules: tuple[Rule, ...]) -> list[Rule]:
    """Rules that lower a stage first, then those that keep areas below target, then warnings."""
    return sorted(rules, key=lambda rule: seriousness(rule.effect))


def _rule_row(
    catalog: Catalog, rule: Rule, title_of: Callable[[str | None], str | None]
) -> RuleRow:
    affected = rule.lowered if rule.effect == "holds-back" else rule.below_target
    return RuleRow(
        id=rule.id,
        code=rule.code,
        title=rule.title,
        severity=rule.severity,
        effect=rule.effect,
        says=rule.says,
        explanation=rule.explanation,
        section=rule.section,
        highest=rule.highest,
        highest_title=title_of(rule.highest),
        areas=[catalog.dimensions[area].title for area in (affected or rule.areas)],
        because=[evidence.text for evidence in rule.because],
    )


def _advice(assessment: Assessment) -> list[AdviceRow]:
    return [
        AdviceRow(
            id=item.id,
            title=item.title,
            advice=item.advice,
            example=item.example,
            section=item.section,
            priority=item.priority,
            audience=item.audience,
            because=list(item.because),
        )
        for item in assessment.recommendations
    ]


def _ordered(scores: list[ScoreRow]) -> list[ScoreRow]:
    """Scores grouped by kind in the reports' order, keeping the frameworks' order within each;
    a dimension none of whose questions the respondents were asked (a funders' practice, for a
    project's staff) is left out, as there is nothing to show."""
    order = {kind: position for position, (kind, _) in enumerate(KIND_HEADINGS)}
    asked = [score for score in scores if score.total or score.answered]
    return sorted(asked, key=lambda score: order.get(score.kind, len(order)))


def _asked_count(catalog: Catalog, results: Results, pathway: Pathway) -> int:
    """How many questions the respondent was asked: those of the frameworks they answered that
    are asked of their role and that their answers lead to, as the questionnaire counted them
    while they answered."""
    used = {framework.id for framework in results.meta.frameworks}
    if not used:
        return len(results.answers)
    role = results.meta.role
    questions = catalog.questions_for(role, used)
    return len(asked(catalog, questions, Facts(catalog, pathway, results.answers, role)))


def _answer_words(
    catalog: Catalog, question_id: str, choices: tuple[str, ...], text: str | None
) -> str:
    """An answer in words: the chosen choices' labels, the text typed, or "skipped"."""
    if text:
        return text
    if not choices:
        return "skipped"
    labels = {choice.id: choice.label for choice in catalog.questions[question_id].options()}
    return "; ".join(labels.get(choice, choice) for choice in choices)


def _area_row(
    catalog: Catalog,
    stages: Mapping[str, StageInfo],
    area_id: str,
    title: str,
    record: PlacementBrief,
    *,
    by_role: dict[str, str | None] | None = None,
) -> AreaRow:
    """An area's placement (or, for a combined result, the respondents' middle one) as a row."""

    def title_of(stage_id: str | None) -> str | None:
        stage = stages.get(stage_id) if stage_id else None
        return stage.title if stage else None

    return AreaRow(
        id=area_id,
        title=title,
        status=record.status,
        stage=record.stage,
        stage_title=title_of(record.stage),
        index=stages[record.stage].index if record.stage and record.stage in stages else None,
        provisional=record.provisional,
        coverage=round(record.coverage, 3),
        held_back_by=[
            catalog.guardrails[g].title if g in catalog.guardrails else g
            for g in record.held_back_by
        ],
        low=record.low,
        high=record.high,
        low_title=title_of(record.low),
        high_title=title_of(record.high),
        by_role=by_role or {},
        target=record.target,
        target_title=title_of(record.target),
        gap=record.gap,
        contested=record.contested,
    )


def _score_row(
    catalog: Catalog,
    dimension: str,
    record: ScoreBrief,
    *,
    by_role: dict[str, float | None] | None = None,
) -> ScoreRow:
    """A dimension's score (or, for a combined result, the respondents' middle one) as a row."""
    known = catalog.dimensions.get(dimension)
    return ScoreRow(
        id=dimension,
        title=known.title if known else dimension,
        kind=known.kind if known else "",
        score=record.score,
        answered=record.answered,
        total=record.total,
        coverage=round(record.coverage, 3),
        provisional=record.provisional,
        low=record.low,
        high=record.high,
        by_role=by_role or {},
    )


def _combined_report(
    catalog: Catalog,
    results: Results,
    *,
    summary: Summary,
    combined: Combined,
    stages: list[StageInfo],
    title_of: Callable[[str | None], str | None],
    shown: int | None,
) -> Report:
    meta = results.meta
    by_id = {stage.id: stage for stage in stages}

    def area_row(area_id: str, title: str, record: PlacementBrief) -> AreaRow:
        by_role = {
            role: (view.overall if area_id == "overall" else view.areas.get(area_id))
            for role, view in combined.roles.items()
        }
        return _area_row(catalog, by_id, area_id, title, record, by_role=by_role)

    def score_row(dimension: str, record: ScoreBrief) -> ScoreRow:
        by_role = {role: view.scores.get(dimension) for role, view in combined.roles.items()}
        return _score_row(catalog, dimension, record, by_role=by_role)

    def title(kind: str, item_id: str) -> str:
        if kind == "question" and item_id in catalog.questions:
            return catalog.questions[item_id].text
        if item_id in catalog.dimensions:
            return catalog.dimensions[item_id].title
        return item_id

    count = combined.respondents
    advice = []
    for rec_id in summary.recommendations:
        recommendation = catalog.recommendations.get(rec_id)
        if recommendation is None:
            continue
        raised = combined.raised.get(rec_id, 0)
        advice.append(
            AdviceRow(
                id=rec_id,
                title=recommendation.title,
                advice=recommendation.advice,
                example=recommendation.example,
                section=recommendation.section,
                priority=recommendation.priority,
                audience=recommendation.audience,
                because=[f"it was raised for {raised} of the {count} respondents"],
                raised_for=raised,
            )
        )
    return Report(
        project=meta.project,
        pathway=summary.pathway,
        pathway_title=catalog.pathways[summary.pathway].title,
        created=meta.created,
        updated=meta.updated,
        tool=meta.tool,
        complete=results.complete,
        provisional=summary.overall.provisional,
        answered=0,
        questions=0,
        stages=stages,
        overall=area_row("overall", "Overall", summary.overall),
        areas=[
            area_row(area_id, catalog.dimensions[area_id].title, record)
            for area_id, record in summary.areas.items()
            if area_id in catalog.dimensions
        ],
        scores=_ordered([score_row(d, r) for d, r in summary.scores.items()]),
        recommendations=advice[:shown],
        more_recommendations=advice[shown:] if shown is not None else [],
        rules=[
            RuleRow(
                id=record.id,
                code=guardrail.code if guardrail else None,
                title=guardrail.title if guardrail else record.id,
                severity=record.severity,
                effect=record.effect,
                explanation=guardrail.explanation if guardrail else "",
                section=guardrail.section if guardrail else "",
                highest=record.highest,
                highest_title=title_of(record.highest),
                areas=[
                    catalog.dimensions[area].title if area in catalog.dimensions else area
                    for area in (record.lowered or record.below_target or record.areas)
                ],
                because=[f"it held for {record.raised_for} of the {count} respondents"]
                if record.raised_for
                else [],
                raised_for=record.raised_for,
            )
            for record in sorted(summary.rules, key=lambda r: seriousness(r.effect))
            for guardrail in [catalog.guardrails.get(record.id)]
        ],
        combined=CombinedPart(
            respondents=count,
            files=combined.files,
            threshold=combined.threshold,
            roles=[
                RoleRow(
                    id=role,
                    title=catalog.roles[role].title if role in catalog.roles else role,
                    respondents=view.respondents,
                )
                for role, view in combined.roles.items()
            ],
            differ=[
                DifferenceRow(
                    kind=item.kind,
                    id=item.id,
                    title=title(item.kind, item.id),
                    gap=item.gap,
                    values=item.values,
                )
                for item in combined.differ
            ],
            names=list(combined.names),
            left_out=[LeftOutRow(file=i.file, reason=i.reason) for i in combined.left_out],
        ),
        source=results,
    )


def report_data(report: Report) -> dict[str, object]:
    """The report as plain data (what the JSON format holds, and the TOML format's ``[report]``
    table), without the results it was made from."""
    data: dict[str, object] = msgspec.to_builtins(msgspec.structs.replace(report, source=None))
    del data["source"]
    return data


def published_schema(
    cls: type[Struct], title: str, version: str, *, leave_out: tuple[str, ...] = ()
) -> dict[str, object]:
    """The JSON Schema of a JSON output made from ``cls`` (a report or a trend), whose
    ``schema`` field says ``version``, without the fields named in ``leave_out`` (and the
    definitions only they used); its ``$id`` names that version (see ``published_id``)."""
    made: dict[str, Any] = msgspec.json.schema(cls)
    definitions: dict[str, Any] = made["$defs"]
    own = definitions[cls.__name__]
    for name in leave_out:
        del own["properties"][name]
    made["$defs"] = {name: definitions[name] for name in _used(definitions, cls.__name__)}
    schema: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": published_id(version),
        **made,
    }
    schema["title"] = title
    return schema


def _used(definitions: dict[str, Any], root: str) -> list[str]:
    """The definitions ``root`` refers to, itself among them, directly or through others."""
    found = [root]
    for name in found:
        text = msgspec.json.encode(definitions[name]).decode()
        found += [ref for ref in re.findall(r'"#/\$defs/([^"]+)"', text) if ref not in found]
    return found


def report_schema() -> dict[str, object]:
    """The JSON Schema of the JSON report."""
    return published_schema(Report, "coprod-check report", REPORT_SCHEMA, leave_out=("source",))


__all__ = ["KIND_HEADINGS", "REPORT_SCHEMA", "Report", "build_report"]
