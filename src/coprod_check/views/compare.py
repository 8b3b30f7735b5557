"""Compare two results: how each area's stage and each score moved, and which advice is now met
or newly raised. Pure: two summaries in, a comparison out."""

from msgspec import Struct, field

from coprod_check.errors import UsageError
from coprod_check.files.results import Results, Summary, summarise
from coprod_check.model.assessment import PlacementBrief, ScoreBrief
from coprod_check.model.catalog import Catalog
from coprod_check.score.assess import assess


class StageMove(Struct, frozen=True, kw_only=True):
    area: str
    before: str | None
    after: str | None
    steps: int | None
    """Stages moved up (negative: down); None when either side is not placed."""
    target: str | None = None
    """The stage that is right for it now, as the later result has it."""
    gap_before: int | None = None
    gap_after: int | None = None
    """How many stages below its target it was, and is (negative: above)."""
    provisional_before: bool = False
    provisional_after: bool = False
    """Whether the stage before, and after, rests on fewer than half of its questions (only
    ever true for a stage that is placed)."""

    @property
    def provisional(self) -> bool:
        """Whether either end of the move is provisional, so the move is too."""
        return self.provisional_before or self.provisional_after


class ScoreMove(Struct, frozen=True, kw_only=True):
    dimension: str
    kind: str
    before: float | None
    after: float | None
    provisional_before: bool = False
    provisional_after: bool = False
    """Whether the score before, and after, rests on fewer than half of its questions (only
    ever true for a score there is)."""

    @property
    def provisional(self) -> bool:
        """Whether either score is provisional, so the change is too."""
        return self.provisional_before or self.provisional_after

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


class Comparison(Struct, frozen=True, kw_only=True):
    pathway: str
    overall: StageMove
    areas: list[StageMove]
    scores: list[ScoreMove]
    now_met: list[str] = field(default_factory=list)
    newly_raised: list[str] = field(default_factory=list)
    rules_lifted: list[str] = field(default_factory=list)
    """Guardrails that held before and hold no longer."""
    rules_new: list[str] = field(default_factory=list)
    """Guardrails that hold now and did not before."""

    @property
    def provisional(self) -> bool:
        """Whether any stage or score compared rests on few answers."""
        stages = any(move.provisional for move in [self.overall, *self.areas])
        return stages or any(score.provisional for score in self.scores)

    @property
    def worse(self) -> list[str]:
        """What went down: areas or the overall stage, and principle scores."""
        down = [m.area for m in [self.overall, *self.areas] if m.steps is not None and m.steps < 0]
        down += [
            s.dimension
            for s in self.scores
            if s.kind == "principle" and s.change is not None and s.change < 0
        ]
        return down


def summary_of(catalog: Catalog, results: Results) -> Summary:
    """The file's own record of its conclusions, or one worked out from its answers."""
    if results.summary is not None:
        return results.summary
    return summarise(
        assess(
            catalog,
            results.answers,
            results.meta.pathway,
            targets=results.targets,
            role=results.meta.role,
        )
    )


def placed_provisional(record: PlacementBrief | None) -> bool:
    """Whether a placement is provisional: it has a stage, resting on few answers."""
    return record is not None and record.stage is not None and record.provisional


def scored_provisional(record: ScoreBrief | None) -> bool:
    """Whether a score is provisional: there is one, resting on few answers."""
    return record is not None and record.score is not None and record.provisional


def compare(catalog: Catalog, before: Results, after: Results) -> Comparison:
    """How the project moved from ``before`` to ``after``."""
    first, second = summary_of(catalog, before), summary_of(catalog, after)
    if first.pathway != second.pathway:
        raise UsageError(
            f"these results are on different pathways ({first.pathway} and {second.pathway})",
            None,
            "compare results made on the same pathway (assess --pathway)",
        )
    pathway = catalog.pathways.get(first.pathway)
    if pathway is None:
        raise UsageError(f"the pathway {first.pathway!r} is not loaded", None, "--frameworks-dir")

    def position(stage: str | None) -> int | None:
        if stage is None:
            return None
        try:
            return pathway.index(stage)
        except KeyError:
            return None

    def gap(stage: str | None, target: str | None) -> int | None:
        at, aim = position(stage), position(target)
        return None if at is None or aim is None else aim - at

    def move(area: str, old: PlacementBrief | None, new: PlacementBrief | None) -> StageMove:
        a = position(old.stage if old else None)
        b = position(new.stage if new else None)
        target = (new.target if new else None) or (old.target if old else None)
        return StageMove(
            area=area,
            before=old.stage if old else None,
            after=new.stage if new else None,
            steps=None if a is None or b is None else b - a,
            target=target,
            gap_before=gap(old.stage if old else None, target),
            gap_after=gap(new.stage if new else None, target),
            provisional_before=placed_provisional(old),
            provisional_after=placed_provisional(new),
        )

    def score_move(dimension: str, old: ScoreBrief | None, new: ScoreBrief | None) -> ScoreMove:
        known = catalog.dimensions.get(dimension)
        return ScoreMove(
            dimension=dimension,
            kind=known.kind if known else "",
            before=old.score if old else None,
            after=new.score if new else None,
            provisional_before=scored_provisional(old),
            provisional_after=scored_provisional(new),
        )

    areas = [
        move(area, first.areas.get(area), second.areas.get(area))
        for area in dict.fromkeys([*first.areas, *second.areas])
    ]
    scores = [
        score_move(dimension, first.scores.get(dimension), second.scores.get(dimension))
        for dimension in dict.fromkeys([*first.scores, *second.scores])
    ]
    raised_before, raised_after = set(first.recommendations), set(second.recommendations)
    held_before = {rule.id for rule in first.rules}
    held_after = {rule.id for rule in second.rules}
    return Comparison(
        pathway=first.pathway,
        overall=move("overall", first.overall, second.overall),
        areas=areas,
        scores=scores,
        now_met=[r for r in first.recommendations if r not in raised_after],
        newly_raised=[r for r in second.recommendations if r not in raised_before],
        rules_lifted=[r.id for r in first.rules if r.id not in held_after],
        rules_new=[r.id for r in second.rules if r.id not in held_before],
    )
