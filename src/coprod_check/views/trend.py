"""The long haul: the same measures from several results, oldest first.

``build_trend`` reads the conclusions kept in each results file (single or combined), orders them
by when their answers were last changed, and lines up the overall stage, each area's stage and
each principle's score, so a project can see whether it is moving. Pure: results in, a ``Trend``
out; the renderers in ``render/trend`` lay it out.
"""

from collections.abc import Sequence

import msgspec
from msgspec import Struct, field

from coprod_check.errors import UsageError
from coprod_check.files.results import Results
from coprod_check.model.catalog import Catalog
from coprod_check.views.compare import placed_provisional, scored_provisional, summary_of
from coprod_check.views.report import StageInfo, published_schema, stages_of

TREND_SCHEMA = "coprod-check/trend/1"


class Label(Struct, frozen=True, kw_only=True):
    id: str
    title: str


class TrendPoint(Struct, frozen=True, kw_only=True):
    """One results file's measures."""

    file: str
    date: str
    """When its answers were last changed (ISO 8601, UTC)."""
    who: str
    """Who answered: the respondent, or for a combined result how many people."""
    combined: bool = False
    provisional: bool = False
    """Whether the overall stage rests on fewer than half of its answers."""
    overall: str | None = None
    """The overall stage id (None: not placed)."""
    overall_index: int | None = None
    areas: dict[str, str | None] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)
    """Each principle's score, 0 to 100."""
    overall_target: str | None = None
    """The overall target stage id, as this result had it."""
    targets: dict[str, str | None] = field(default_factory=dict)
    """Each area's target stage id, as this result had it."""
    areas_provisional: dict[str, bool] = field(default_factory=dict)
    """For each area in ``areas``: whether its stage rests on fewer than half of its questions
    (false where it is not placed)."""
    scores_provisional: dict[str, bool] = field(default_factory=dict)
    """For each principle in ``scores``: whether its score rests on fewer than half of its
    questions (false where it has no score)."""


class Trend(Struct, frozen=True, kw_only=True):
    schema: str = TREND_SCHEMA
    project: str
    pathway: str
    pathway_title: str
    stages: list[StageInfo]
    areas: list[Label]
    principles: list[Label]
    points: list[TrendPoint]
    """Oldest first."""

    def stage_title(self, stage_id: str | None) -> str | None:
        return next((stage.title for stage in self.stages if stage.id == stage_id), None)

    def stage_index(self, stage_id: str | None) -> int | None:
        return next((stage.index for stage in self.stages if stage.id == stage_id), None)


def build_trend(catalog: Catalog, files: Sequence[tuple[str, Results]]) -> Trend:
    """Line up the measures of ``files`` (name, results), oldest first."""
    if not files:
        raise UsageError("give at least one results file", None, "coprod-check trend FILES...")
    summaries = [(name, results, summary_of(catalog, results)) for name, results in files]
    pathways = sorted({summary.pathway for _, _, summary in summaries})
    if len(pathways) > 1:
        raise UsageError(
            "these results are on different pathways (" + " and ".join(pathways) + ")",
            None,
            "show the trend of results made on the same pathway (assess --pathway)",
        )
    pathway = catalog.pathways.get(pathways[0])
    if pathway is None:
        raise UsageError(
            f"the pathway {pathways[0]!r} is not loaded",
            None,
            "load the frameworks the results were made with (--frameworks-dir)",
        )
    stages = stages_of(pathway)
    index_of = {stage.id: stage.index for stage in stages}
    points = []
    area_ids: dict[str, None] = {}
    principle_ids: dict[str, None] = {}
    for name, results, summary in summaries:
        principles = {
            dimension: record.score
            for dimension, record in summary.scores.items()
            if dimension in catalog.dimensions and catalog.dimensions[dimension].kind == "principle"
        }
        area_ids.update(dict.fromkeys(a for a in summary.areas if a in catalog.dimensions))
        principle_ids.update(dict.fromkeys(principles))
        combined = results.combined
        who = (
            f"{combined.respondents} respondents"
            if combined is not None
            else results.meta.respondent or "not named"
        )
        points.append(
            TrendPoint(
                file=name,
                date=results.meta.updated,
                who=who,
                combined=combined is not None,
                provisional=placed_provisional(summary.overall),
                overall=summary.overall.stage,
                overall_index=index_of.get(summary.overall.stage or ""),
                areas={area: record.stage for area, record in summary.areas.items()},
                scores=principles,
                overall_target=summary.overall.target,
                targets={area: record.target for area, record in summary.areas.items()},
                areas_provisional={
                    area: placed_provisional(record) for area, record in summary.areas.items()
                },
                scores_provisional={
                    dimension: scored_provisional(summary.scores[dimension])
                    for dimension in principles
                },
            )
        )
    points.sort(key=lambda point: (point.date, point.file))
    latest = max(files, key=lambda item: (item[1].meta.updated, item[0]))[1]
    return Trend(
        project=latest.meta.project,
        pathway=pathway.id,
        pathway_title=pathway.title,
        stages=stages,
        areas=[Label(id=a, title=catalog.dimensions[a].title) for a in area_ids],
        principles=[Label(id=d, title=catalog.dimensions[d].title) for d in principle_ids],
        points=points,
    )


def trend_data(trend: Trend) -> dict[str, object]:
    data: dict[str, object] = msgspec.to_builtins(trend)
    return data


def trend_schema() -> dict[str, object]:
    return published_schema(Trend, "coprod-check trend", TREND_SCHEMA)
