"""The judgement of many respondents combined: every rule that held for any of them, and the
consistency checks behind the areas they contested. (Targets, gaps and whether a placement is
contested are worked out with the rest of each placement, in ``combine.py``.)

* **Rules**. Every rule that held for anyone, once, with how many respondents it held for
  (``raised_for``). Its effect and severity are the most serious any of them had (holding back,
  then keeping below target, then warning); ``highest`` is the lowest stage it allowed anyone; its
  areas and answers are everyone's together, in the frameworks' order. The most serious come
  first, then those that held for the most respondents, then the frameworks' order.
* **Contested areas**. For each area the combined result marks contested, the checks the
  respondents' answers failed there, the most often failed first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from coprod_check.combine.tally import RuleCounted
from coprod_check.files.results import RuleRecord
from coprod_check.model.assessment import EFFECTS, PlacementBrief
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Pathway

SEVERITIES = ("holds-back", "warns")
"""How a framework grades a rule, the most serious first."""


def combined_rules(
    catalog: Catalog, pathway: Pathway, held: Counter[RuleCounted]
) -> list[RuleRecord]:
    """Every rule that held for anyone, once: how many it held for, the most serious effect and
    severity any of them had, the lowest stage it allowed, and everyone's areas and answers."""
    counts: Counter[str] = Counter()
    effects: defaultdict[str, set[str]] = defaultdict(set)
    severities: defaultdict[str, set[str]] = defaultdict(set)
    highest: dict[str, int] = {}
    lists: defaultdict[str, tuple[set[str], set[str], set[str], set[str]]] = defaultdict(
        lambda: (set(), set(), set(), set())
    )
    for (rule, severity, effect, cap, *named), count in held.items():
        counts[rule] += count
        effects[rule].add(effect)
        severities[rule].add(severity)
        if cap >= 0:
            highest[rule] = min(cap, highest.get(rule, cap))
        for found, given in zip(lists[rule], named, strict=True):
            found.update(given)
    areas, questions = list(catalog.dimensions), list(catalog.questions)
    records = []
    for rule, count in counts.items():
        about, lowered, below, answers = lists[rule]
        records.append(
            RuleRecord(
                id=rule,
                severity=_most_serious(severities[rule], SEVERITIES),
                effect=_most_serious(effects[rule], EFFECTS),
                highest=pathway.stages[highest[rule]].id if rule in highest else None,
                areas=tuple(ordered(about, areas)),
                lowered=tuple(ordered(lowered, areas)),
                below_target=tuple(ordered(below, areas)),
                answers=tuple(ordered(answers, questions)),
                raised_for=count,
            )
        )
    order = {rule: place for place, rule in enumerate(catalog.guardrails)}
    return sorted(
        records,
        key=lambda record: (
            _seriousness(record.effect, EFFECTS),
            -(record.raised_for or 0),
            order.get(record.id, len(order)),
            record.id,
        ),
    )


def _seriousness(value: str, order: Sequence[str]) -> int:
    """How serious an effect or severity is: 0 for the most; after them all, one not known."""
    return order.index(value) if value in order else len(order)


def _most_serious(values: Iterable[str], order: Sequence[str]) -> str:
    """The most serious of some effects or severities (of ones not known, the first by name)."""
    return min(values, key=lambda value: (_seriousness(value, order), value))


def combined_contested(
    catalog: Catalog, failed: Counter[tuple[str, str]], placements: Mapping[str, PlacementBrief]
) -> dict[str, list[str]]:
    """For each contested area, the consistency checks respondents' answers failed there: the
    most often failed first, then in the frameworks' order."""
    order = {check: place for place, check in enumerate(catalog.consistency)}
    by_area: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for (area, check), count in failed.items():
        by_area[area][check] += count
    contested = {}
    for area, record in placements.items():
        checks = by_area.get(area)
        if record.contested and checks:
            contested[area] = sorted(
                checks, key=lambda check: (-checks[check], order.get(check, len(order)), check)
            )
    return contested


def ordered(ids: Iterable[str], order: list[str]) -> list[str]:
    """Ids in the frameworks' order, then any others alphabetically."""
    position = {item: index for index, item in enumerate(order)}
    return sorted(ids, key=lambda item: (position.get(item, len(position)), item))


__all__ = ["EFFECTS", "SEVERITIES", "combined_contested", "combined_rules", "ordered"]
