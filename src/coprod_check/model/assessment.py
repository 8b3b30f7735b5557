"""What the scorer works out: placements on the pathway, scores, reasons and advice.

Plain frozen data with no behaviour beyond small conveniences, so results can be written to files,
compared and rendered in any format.
"""

from typing import Literal, TypeVar

from msgspec import Struct, field
from msgspec.structs import asdict

PlacementStatus = Literal["placed", "not-applicable", "unanswered"]
ReasonKind = Literal[
    "answer",
    "guardrail",
    "contested",
    "target",
    "not-applicable",
    "unanswered",
    "coverage",
    "areas",
]
Effect = Literal["holds-back", "below-target", "warns"]
"""What a rule that holds does here: lowers a placement, keeps an area below its target, or is
shown as a warning (one that holds back but lowers nothing, with nothing aimed above it, warns)."""
EFFECTS: tuple[Effect, ...] = ("holds-back", "below-target", "warns")
"""The effects, the most serious first."""


EFFECT_WORDS: dict[str, str] = {
    "holds-back": "holds back {areas} at {stage}",
    "below-target": "keeps {areas} below target, at {stage} at most",
    "warns": "a warning",
}
"""What each effect does, in the words every report, explanation and plan check uses."""


def effect_words(effect: str, areas: str, stage: str | None) -> str:
    """What a rule does here, in words: "holds back design at Consultation"."""
    words = EFFECT_WORDS.get(effect, "a warning")
    return words.format(areas=areas, stage=stage or "?")


def seriousness(effect: str) -> int:
    """How serious an effect is, for putting rules in order: 0 for the most; after them all,
    one not known (from a file made by another version)."""
    return EFFECTS.index(effect) if effect in EFFECTS else len(EFFECTS)


class Evidence(Struct, frozen=True, kw_only=True):
    """An answer that made a rule, a check or advice hold, in plain words, with its ids."""

    question: str
    choices: tuple[str, ...] = ()
    text: str


class Reason(Struct, frozen=True, kw_only=True):
    """One thing that drove a placement, in plain words, with the ids behind it."""

    kind: ReasonKind
    text: str
    question: str | None = None
    choices: tuple[str, ...] = ()
    guardrail: str | None = None
    check: str | None = None
    """For a contested claim: the consistency check's id."""


class Change(Struct, frozen=True, kw_only=True):
    """A smallest change that would move a placement up one stage."""

    text: str
    question: str | None = None
    choices: tuple[str, ...] = ()
    guardrail: str | None = None
    areas: tuple[str, ...] = ()


class PlacementBrief(Struct, frozen=True, kw_only=True):
    """Where an area (or the whole project) sits on the pathway, in brief: what a results file
    keeps of a placement, and what combining and comparing read back."""

    status: PlacementStatus
    stage: str | None = None
    claimed: str | None = None
    """The stage the answers point to before any guardrail holds it back."""
    provisional: bool = False
    coverage: float = 0.0
    held_back_by: tuple[str, ...] = ()
    """The ids of the guardrails that lowered it."""
    low: str | None = None
    high: str | None = None
    """For the overall placement: the lowest and highest placed areas' stages."""
    target: str | None = None
    """The stage that is right for this area now (for the overall placement: the middle of the
    areas' targets)."""
    gap: int | None = None
    """How many stages the placement is below the target (negative: above it)."""
    contested: bool = False
    """Other answers contradict the placing answer, so the area is placed where they support."""


class Placement(PlacementBrief, frozen=True, kw_only=True):
    """Where an area (or the whole project) sits on the pathway, and why."""

    area: str
    """An area id, or ``overall``."""
    index: int | None = None
    """The stage's position on the pathway, counting from 0 at the lowest."""
    reasons: tuple[Reason, ...] = ()
    to_move_up: tuple[Change, ...] = ()


class ScoreBrief(Struct, frozen=True, kw_only=True):
    """A dimension's score from 0 to 100, and how much of it was answered: what a results file
    keeps of a score."""

    score: float | None = None
    answered: int
    total: int
    provisional: bool
    low: float | None = None
    high: float | None = None
    """For a combined result: the lowest and highest respondent's score."""

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0


class Score(ScoreBrief, frozen=True, kw_only=True):
    """A dimension's score, with the dimension it is for."""

    dimension: str
    kind: str


class RuleBrief(Struct, frozen=True, kw_only=True):
    """A guardrail that holds, in brief: what it does and where. What a results file keeps."""

    id: str
    severity: str
    """How the framework grades it (a ``Severity``): holds back (caps the stage) or warns."""
    effect: str
    """What it does here (an ``Effect``; a file from another version may hold others)."""
    highest: str | None = None
    """The highest stage it allows on the pathway in use (for one that holds back)."""
    areas: tuple[str, ...] = ()
    """The areas it is about."""
    lowered: tuple[str, ...] = ()
    """The areas it placed lower than their answers claim."""
    below_target: tuple[str, ...] = ()
    """The areas it keeps below the stage that is right for them."""


class Rule(RuleBrief, frozen=True, kw_only=True):
    """A guardrail that holds for these answers: always recorded, whether or not it changed a
    placement, with its words and the answers that made it hold."""

    code: str | None = None
    """The plan check's id for it, such as CP104."""
    title: str
    says: str | None = None
    explanation: str
    section: str
    because: tuple[Evidence, ...] = ()


class Contradiction(Struct, frozen=True, kw_only=True):
    """A placing answer that other answers in the same area contradict."""

    id: str
    title: str
    explanation: str
    section: str
    area: str
    claimed: str
    supported: str
    """The stage the other answers support, where the area is placed."""
    claim: tuple[Evidence, ...] = ()
    against: tuple[Evidence, ...] = ()


class Advice(Struct, frozen=True, kw_only=True):
    """A recommendation that fired, with why."""

    id: str
    title: str
    advice: str
    example: str
    section: str
    priority: str
    audience: str
    because: tuple[str, ...]
    rank: float
    dimensions: tuple[str, ...] = ()
    lifts: tuple[str, ...] = ()
    """The rules holding the project back that this advice helps lift."""
    evidence: tuple[Evidence, ...] = ()
    """The answers that made it fire."""
    provisional: bool = False
    """It rests on areas or scores that are not yet answered enough."""


class Assessment(Struct, frozen=True, kw_only=True):
    """Everything the scorer concluded from one set of answers."""

    pathway: str
    areas: tuple[Placement, ...]
    overall: Placement
    scores: tuple[Score, ...]
    recommendations: tuple[Advice, ...] = field(default_factory=tuple)
    """Every piece of advice for this audience, best first (views show the first few)."""
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    contradictions: tuple[Contradiction, ...] = field(default_factory=tuple)
    audience: str = "practitioners"
    elsewhere: tuple[str, ...] = field(default_factory=tuple)
    """Advice that fired for another audience (funders and commissioners), by id."""

    def rule(self, rule_id: str) -> Rule | None:
        return next((item for item in self.rules if item.id == rule_id), None)

    def area(self, area_id: str) -> Placement:
        for placement in self.areas:
            if placement.area == area_id:
                return placement
        raise KeyError(area_id)

    def score(self, dimension: str) -> Score:
        for item in self.scores:
            if item.dimension == dimension:
                return item
        raise KeyError(dimension)


Brief = TypeVar("Brief", bound=Struct)


def brief(value: Struct, kind: type[Brief]) -> Brief:
    """The part of ``value`` that ``kind``, a struct it extends, holds."""
    fields = asdict(value)
    return kind(**{name: fields[name] for name in kind.__struct_fields__})
