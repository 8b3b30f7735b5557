"""Combining many respondents' results into one: the middle of their placements and scores with
the range, each role's view, and where the roles' voices differ. Pure: results in, one result out.

Only like is combined with like. Results are grouped by their pathway and the versions of the
frameworks they were made with; the largest group is combined and every other file is left out
with the reason, never mixed in silently.

How each number is worked out (``docs/reports.md`` says it for the people who read the reports):

* **Placements** (each area, and the project overall). The middle is the middle respondent's stage
  among those who placed it: the lower of the two middle ones for an even count, the same rule as
  the overall placement of one result. ``low`` and ``high`` are the lowest and highest respondent's
  stage. The status is ``placed`` when anyone placed it, otherwise the most common status. It is
  provisional when more than half of the respondents with that status had a provisional placement.
  ``claimed`` is the middle of the stages the answers claimed before any guardrail held them back;
  ``held_back_by`` lists the guardrails that held back more than half of them; the coverage is the
  mean coverage of all respondents.
* **Targets** (each area, and the project overall). The target is the middle of the respondents'
  targets for it (the lower middle, as for stages), leaving out respondents with none; the gap is
  the target's position less the middle stage's, as for one result. The placement is contested
  when at least half of the respondents with its status had theirs contested.
* **Rules**, and the checks behind contested areas: see ``judgement.py``.
* **Scores** (every dimension). The middle is the median of the respondents' scores (the mean of
  the two middle ones for an even count), to one decimal place; ``low`` and ``high`` are the lowest
  and highest. ``answered`` and ``total`` are the middle respondent's counts (the lower middle), so
  the coverage shown is a typical respondent's, among those asked any of its questions when anyone
  was (a funder's self-check is not counted as unanswered by staff). Provisional when more than
  half of those respondents' scores were.
* **Roles.** Each role's view is worked out in the same way from that role's respondents alone.
  Respondents with no role are counted under ``unknown``.
* **Where voices differ.** For every dimension and every scored question, each role's median score
  among its respondents who answered; the gap is the highest of these less the lowest. Listed when
  two or more roles answered and the gap is at least the threshold, biggest gap first.
* **Recommendations.** Every recommendation raised for anyone, ordered by how many respondents it
  was raised for, then by its average place in their lists.

Everything is counted as values with how often each occurs (``tally.py``), never as a list in the
order the files came, so the combined result cannot depend on that order; and combining one result
gives back its own placements and scores.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar, cast

from msgspec.structs import replace

from coprod_check.combine.judgement import combined_contested, combined_rules, ordered
from coprod_check.combine.tally import (
    OVERALL,
    Gatherer,
    Gathering,
    GroupKey,
    Tally,
    number,
    numbers,
)
from coprod_check.errors import CoprodError, ManyErrors, UsageError, did_you_mean
from coprod_check.files.matching import FrameworksDiffer
from coprod_check.files.results import (
    Combined,
    Difference,
    FrameworkUsed,
    LeftOut,
    Meta,
    Results,
    RoleView,
    Summary,
)
from coprod_check.model.answers import Answer
from coprod_check.model.assessment import PlacementBrief, PlacementStatus, ScoreBrief
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway
from coprod_check.score.scores import question_score

V = TypeVar("V", int, float)


def combine(
    catalog: Catalog,
    loaded: Sequence[tuple[str, Results]],
    *,
    threshold: float = 25.0,
    names: bool = False,
    project: str | None = None,
) -> Results:
    """One combined result from many respondents' results, each given with its file name."""
    gathering = Gathering()
    gatherer = Gatherer(catalog)
    errors: list[CoprodError] = []
    for name, results in loaded:
        try:
            gatherer.add(gathering, name, results)
        except FrameworksDiffer as error:
            gathering.unmatched.append((name, error))
        except CoprodError as error:
            errors.append(error)
    if errors:
        raise errors[0] if len(errors) == 1 else ManyErrors(errors)
    return combined_result(catalog, gathering, threshold=threshold, names=names, project=project)


def chosen_group(gathering: Gathering) -> GroupKey:
    """The group to combine: the largest; of two as large, the first by pathway and versions."""
    if not gathering.groups:
        nothing = UsageError(
            "there is nothing to combine: none of the files could be used",
            None,
            "give the results files the respondents saved with 'coprod-check assess'",
        )
        if gathering.unmatched:  # say why they could not
            raise ManyErrors([*(error for _, error in gathering.unmatched), nothing])
        raise nothing
    return min(gathering.groups, key=lambda key: (-len(gathering.groups[key].files), key))


def left_out(gathering: Gathering) -> list[LeftOut]:
    """Every file not combined, and why, in the order of their names."""
    chosen = chosen_group(gathering)
    out = [LeftOut(file=name, reason=_broken_reason(error)) for name, error in gathering.broken]
    out.extend(LeftOut(file=name, reason=error.reason) for name, error in gathering.unmatched)
    for key, tally in gathering.groups.items():
        if key != chosen:
            reason = _mismatch(key, chosen)
            out.extend(LeftOut(file=name, reason=reason) for name in tally.files)
    return sorted(out, key=lambda item: (item.file, item.reason))


def _broken_reason(error: CoprodError) -> str:
    where = error.location
    if where is not None and where.line > 0:
        return f"line {where.line}: {error.message}"
    return error.message


def _mismatch(key: GroupKey, chosen: GroupKey) -> str:
    """Why results of one group cannot be combined with the chosen group's, in plain words."""
    if key.pathway != chosen.pathway:
        return f"placed on the {key.pathway} pathway; the others on {chosen.pathway}"
    mine, theirs = dict(key.frameworks), dict(chosen.frameworks)
    reasons = []
    for framework in sorted(mine.keys() | theirs.keys()):
        if framework not in theirs:
            reasons.append(f"made with {framework} {mine[framework]}, which the others did not use")
        elif framework not in mine:
            reasons.append(f"made without {framework}, which the others used")
        elif mine[framework] != theirs[framework]:
            reasons.append(
                f"made with {framework} {mine[framework]}; the others used {theirs[framework]}"
            )
    return "; ".join(reasons)


def combined_result(
    catalog: Catalog,
    gathering: Gathering,
    *,
    threshold: float,
    names: bool,
    project: str | None,
    targets: Mapping[str, str] | None = None,
) -> Results:
    """The combined result of the largest group in a gathering, listing every other file; with
    ``targets`` (area id to stage id), the facilitator's targets for those areas instead of the
    middle of the respondents'."""
    key = chosen_group(gathering)
    tally = gathering.groups[key]
    pathway = catalog.pathways[key.pathway]
    roles = ordered(tally.roles, list(catalog.roles))
    dimension_order = list(catalog.dimensions)
    places = _Placements(tally)
    scores = _Scores(tally)
    areas = ordered({area for area in places.status if area != OVERALL}, dimension_order)
    dimensions = ordered(scores.counts.keys(), dimension_order)
    raised: Counter[str] = Counter()
    places_in_lists: Counter[str] = Counter()
    for (recommendation, position), count in tally.raised.items():
        raised[recommendation] += count
        places_in_lists[recommendation] += position * count
    recommendations = sorted(raised, key=lambda item: (-raised[item], places_in_lists[item], item))
    role_views = {
        role: RoleView(
            respondents=tally.roles[role],
            areas={area: places.role_stage(pathway, area, role) for area in areas},
            overall=places.role_stage(pathway, OVERALL, role),
            scores={
                dimension: _rounded_median(scores.values[dimension].get(role))
                for dimension in dimensions
            },
        )
        for role in roles
    }
    question_scores = _question_scores(catalog, pathway, tally)
    differ = _differences("dimension", dimensions, scores.values, roles, threshold)
    differ += _differences(
        "question",
        ordered(question_scores.keys(), list(catalog.questions)),
        question_scores,
        roles,
        threshold,
    )
    differ.sort(key=lambda item: (-item.gap, item.kind, item.id))
    meta = Meta(
        project=project or min(tally.projects, key=lambda name: (-tally.projects[name], name)),
        pathway=pathway.id,
        created=tally.created or "",
        updated=tally.updated or "",
        frameworks=tuple(FrameworkUsed(id=fid, version=ver) for fid, ver in key.frameworks),
    )
    placements = {area: places.record(pathway, area) for area in [OVERALL, *areas]}
    overall = placements.pop(OVERALL)
    if targets:
        _check_targets(catalog, pathway, targets)
        placements, overall = _aimed(pathway, placements, overall, targets)
    summary = Summary(
        pathway=pathway.id,
        overall=overall,
        areas=placements,
        scores={dimension: scores.record(dimension) for dimension in dimensions},
        recommendations=recommendations,
        rules=combined_rules(catalog, pathway, tally.rules),
        contested=combined_contested(catalog, tally.contested, placements),
    )
    combined = Combined(
        respondents=len(tally.files),
        by="role",
        threshold=threshold,
        roles=role_views,
        differ=differ,
        raised={item: raised[item] for item in recommendations},
        names=sorted(tally.names) if names else [],
        files=gathering.files,
        left_out=left_out(gathering),
    )
    return Results(
        meta=meta,
        targets=dict(targets or {}),
        complete=tally.complete,
        summary=summary,
        combined=combined,
    )


def _check_targets(catalog: Catalog, pathway: Pathway, targets: Mapping[str, str]) -> None:
    """Refuse a facilitator's target for something that is not an area, or a stage off the
    pathway the results are on."""
    areas = [d.id for d in catalog.dimensions.values() if d.kind == "area"]
    stages = [stage.id for stage in pathway.stages]
    for area, stage in targets.items():
        if area not in areas:
            raise UsageError(
                f"--target names {area!r}, which is not an area",
                None,
                did_you_mean(area, areas) or "areas: " + ", ".join(areas),
            )
        if stage not in stages:
            raise UsageError(
                f"--target {area}={stage}: {stage!r} is not a stage of {pathway.title}",
                None,
                did_you_mean(stage, stages) or "stages: " + ", ".join(stages),
            )


def _aimed(
    pathway: Pathway,
    placements: dict[str, PlacementBrief],
    overall: PlacementBrief,
    targets: Mapping[str, str],
) -> tuple[dict[str, PlacementBrief], PlacementBrief]:
    """The placements with the facilitator's targets: each area's gap from its new target, and
    the project's target the (lower) middle of its areas' targets, as for one result."""

    def aimed(record: PlacementBrief, target: str | None) -> PlacementBrief:
        if target is None:
            return record
        gap = None if record.stage is None else pathway.index(target) - pathway.index(record.stage)
        return replace(record, target=target, gap=gap)

    areas = {area: aimed(record, targets.get(area)) for area, record in placements.items()}
    counted = sorted(
        pathway.index(record.target)
        for record in areas.values()
        if record.status != "not-applicable" and record.target is not None
    )
    middle = pathway.stages[counted[(len(counted) - 1) // 2]].id if counted else None
    return areas, aimed(overall, middle)


def _question_scores(
    catalog: Catalog, pathway: Pathway, tally: Tally
) -> dict[str, dict[str, Counter[float]]]:
    """Each scored question's scores, by role: how many respondents gave each."""
    scores: defaultdict[str, dict[str, Counter[float]]] = defaultdict(dict)
    for (question_id, role, given), count in tally.answers.items():
        question = catalog.questions.get(question_id)
        if question is None or question.type == "text":
            continue
        if not given:
            continue
        choices = (given,) if isinstance(given, str) else given
        answer = Answer(question=question_id, choices=choices)
        value = question_score(question, answer, pathway)
        if value is not None:
            scores[question_id].setdefault(role, Counter())[value] += count
    return scores


class _Placements:
    """A tally's placements, regrouped by area."""

    def __init__(self, tally: Tally) -> None:
        self.status: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.provisional: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.stages: defaultdict[str, Counter[int]] = defaultdict(Counter)
        self.role_stages: defaultdict[tuple[str, str], Counter[int]] = defaultdict(Counter)
        self.claimed: defaultdict[str, Counter[int]] = defaultdict(Counter)
        self.coverage: defaultdict[str, list[float]] = defaultdict(list)
        self.held: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        """By area and status: how many respondents' placements each guardrail held back."""
        self.held_at: Counter[tuple[str, str]] = Counter()
        """The sum of each guardrail's places in the respondents' ``held_back_by`` lists."""
        self.targets: defaultdict[str, Counter[int]] = defaultdict(Counter)
        self.contested: defaultdict[str, Counter[str]] = defaultdict(Counter)
        """By area: how many respondents with each status had their placement contested."""
        for placed, count in tally.placements.items():
            area, role, status, level, provisional, coverage, claimed, held_back_by = placed[:8]
            target, contested = placed[8:]
            self.status[area][status] += count
            if target >= 0:
                self.targets[area][target] += count
            if contested:
                self.contested[area][status] += count
            if provisional:
                self.provisional[area][status] += count
            if status == "placed" and level >= 0:
                self.stages[area][level] += count
                self.role_stages[area, role][level] += count
            if claimed >= 0:
                self.claimed[area][claimed] += count
            self.coverage[area].append(coverage * count)
            for position, guardrail in enumerate(held_back_by):
                self.held[area, status][guardrail] += count
                self.held_at[area, guardrail] += position * count

    def role_stage(self, pathway: Pathway, area: str, role: str) -> str | None:
        stages = self.role_stages.get((area, role))
        return pathway.stages[_lower_middle(stages)].id if stages else None

    def record(self, pathway: Pathway, area: str) -> PlacementBrief:
        statuses = self.status.get(area, Counter())
        respondents = sum(statuses.values())
        if not respondents:
            return PlacementBrief(status="unanswered")
        stages = self.stages.get(area)
        status = cast(
            PlacementStatus,
            "placed" if stages else min(statuses, key=lambda s: (-statuses[s], s)),
        )
        claimed = self.claimed.get(area)
        stage = _lower_middle(stages) if stages else None
        targets = self.targets.get(area)
        target = _lower_middle(targets) if targets else None
        held = {
            guardrail: count
            for guardrail, count in self.held.get((area, status), Counter()).items()
            if 2 * count > statuses[status]
        }
        return PlacementBrief(
            status=status,
            stage=None if stage is None else pathway.stages[stage].id,
            claimed=pathway.stages[_lower_middle(claimed)].id if claimed else None,
            provisional=2 * self.provisional[area][status] > statuses[status],
            coverage=math.fsum(self.coverage[area]) / respondents,
            held_back_by=tuple(sorted(held, key=lambda g: (-held[g], self.held_at[area, g], g))),
            low=pathway.stages[min(stages)].id if stages else None,
            high=pathway.stages[max(stages)].id if stages else None,
            target=None if target is None else pathway.stages[target].id,
            gap=None if target is None or stage is None else target - stage,
            contested=2 * self.contested[area][status] >= statuses[status] > 0,
        )


class _Scores:
    """A tally's scores, regrouped by dimension (and within it by role)."""

    def __init__(self, tally: Tally) -> None:
        self.values: defaultdict[str, dict[str, Counter[float]]] = defaultdict(dict)
        for (dimension, role, given), count in tally.scores.items():
            score = number(given)
            if score is not None:
                self.values[dimension].setdefault(role, Counter())[score] += count
        self.counts: defaultdict[str, Counter[tuple[int, int, bool]]] = defaultdict(Counter)
        for (dimension, counts), count in tally.counts.items():
            self.counts[dimension][numbers(counts)] += count

    def record(self, dimension: str) -> ScoreBrief:
        values: Counter[float] = Counter()
        for by_role in self.values.get(dimension, {}).values():
            values.update(by_role)
        counts = self.counts[dimension]
        # Those asked none of its questions (another role's, such as the funders' self-check)
        # leave its counts to those who were asked, if anyone was.
        asked = Counter({key: n for key, n in counts.items() if key[1] > 0}) or counts
        answered: Counter[int] = Counter()
        total: Counter[int] = Counter()
        provisional = 0
        for (answered_here, total_here, provisional_here), count in asked.items():
            answered[answered_here] += count
            total[total_here] += count
            provisional += count if provisional_here else 0
        return ScoreBrief(
            score=_rounded_median(values),
            answered=_lower_middle(answered) if answered else 0,
            total=_lower_middle(total) if total else 0,
            provisional=2 * provisional > sum(answered.values()),
            low=min(values) if values else None,
            high=max(values) if values else None,
        )


def _differences(
    kind: str,
    items: Iterable[str],
    scores: Mapping[str, Mapping[str, Counter[float]]],
    roles: list[str],
    threshold: float,
) -> list[Difference]:
    """The items on which roles' middle scores are at least ``threshold`` apart."""
    found = []
    for item in items:
        by_role = scores.get(item, {})
        values = {role: _median(by_role[role]) for role in roles if by_role.get(role)}
        if len(values) < 2:
            continue
        gap = round(max(values.values()) - min(values.values()), 1)
        if gap >= threshold:
            found.append(Difference(kind=kind, id=item, gap=gap, values=values))
    return found


def _nth(counts: Mapping[V, int], position: int) -> V:
    """The value at ``position`` (from 0) if the counted values were listed in order."""
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if position < seen:
            return value
    raise IndexError(position)


def _lower_middle(counts: Mapping[int, int]) -> int:
    """The middle value, or the lower of the two middle ones for an even count."""
    return _nth(counts, (sum(counts.values()) - 1) // 2)


def _median(counts: Mapping[float, int]) -> float:
    """The median (the mean of the two middle values for an even count), as ``statistics.median``
    gives it, to one decimal place."""
    size = sum(counts.values())
    if size % 2:
        return round(_nth(counts, size // 2), 1)
    return round((_nth(counts, size // 2 - 1) + _nth(counts, size // 2)) / 2, 1)


def _rounded_median(counts: Mapping[float, int] | None) -> float | None:
    """The median to one decimal place, or None when there are no values."""
    return _median(counts) if counts else None


__all__ = ["chosen_group", "combine", "combined_result", "left_out"]
