"""What the scorer works out: placements on the pathway, scores, reasons and advice.

Plain frozen data with no behaviour beyond small conveniences, so results can be written to files,
compared and rendered in any format.
"""

from typing import Literal

from msgspec import Struct, field

PlacementStatus = Literal["placed", "not-applicable", "unanswered"]
ReasonKind = Literal["answer", "guardrail", "not-applicable", "unanswered", "coverage", "areas"]


class Reason(Struct, frozen=True, kw_only=True):
    """One thing that drove a placement, in plain words, with the ids behind it."""

    kind: ReasonKind
    text: str
    question: str | None = None
    choices: tuple[str, ...] = ()
    guardrail: str | None = None


class Change(Struct, frozen=True, kw_only=True):
    """A smallest change that would move a placement up one stage."""

    text: str
    question: str | None = None
    choices: tuple[str, ...] = ()
    guardrail: str | None = None
    areas: tuple[str, ...] = ()


class Placement(Struct, frozen=True, kw_only=True):
    """Where an area (or the whole project) sits on the pathway, and why."""

    area: str
    """An area id, or ``overall``."""
    status: PlacementStatus
    stage: str | None = None
    index: int | None = None
    """The stage's position on the pathway, counting from 0 at the lowest."""
    claimed: str | None = None
    """The stage the answers point to before any guardrail holds it back."""
    provisional: bool = False
    coverage: float = 0.0
    reasons: tuple[Reason, ...] = ()
    held_back_by: tuple[str, ...] = ()
    to_move_up: tuple[Change, ...] = ()
    low: str | None = None
    high: str | None = None
    """For the overall placement: the lowest and highest placed areas' stages."""


class Score(Struct, frozen=True, kw_only=True):
    """A dimension's score from 0 to 100, and how much of it was answered."""

    dimension: str
    kind: str
    score: float | None = None
    answered: int
    total: int
    provisional: bool

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0


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


class Assessment(Struct, frozen=True, kw_only=True):
    """Everything the scorer concluded from one set of answers."""

    pathway: str
    areas: tuple[Placement, ...]
    overall: Placement
    scores: tuple[Score, ...]
    recommendations: tuple[Advice, ...] = field(default_factory=tuple)

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
