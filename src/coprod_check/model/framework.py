"""What a framework file holds: pathways, stages, dimensions, questions, choices, guardrails,
recommendations and glossary terms.

These structs are the single definition of the framework format: loading checks files against them,
and the published JSON Schema is generated from them. They are frozen plain data; the rules that
relate one item to another (references, unique ids) live in ``frameworks/validate.py``.
"""

from typing import Annotated, Any, Literal

from msgspec import Meta, Struct, field
from msgspec.structs import replace

Id = Annotated[
    str,
    Meta(
        pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
        max_length=64,
        description=(
            "A short name: lower-case letters, digits and single hyphens, starting with a letter."
        ),
    ),
]
Text = Annotated[str, Meta(pattern=r"\S", description="Plain words; may not be blank.")]
Section = Annotated[
    str, Meta(pattern=r"\S", description="The section of the source report this rests on.")
]
Score = Annotated[
    int, Meta(ge=0, le=100, description="A score from 0 (weakest) to 100 (strongest).")
]
StageMap = Annotated[
    dict[Id, Id],
    Meta(
        min_length=1,
        description="A stage for each pathway, as {pathway-id: stage-id}.",
    ),
]
RawCondition = Annotated[
    dict[str, Any],
    Meta(
        description="A condition written as data; see the Condition definition.",
        extra_json_schema={"$ref": "#/$defs/Condition"},
    ),
]

FrameworkKind = Literal["pathway", "questions", "recommendations", "glossary"]
DimensionKind = Literal["area", "part", "principle", "essential", "tip", "practice"]
QuestionType = Literal["single", "multiple", "yes-no", "scale", "text"]
Audience = Literal["practitioners", "funders", "everyone"]
Priority = Literal["high", "medium", "low"]
Severity = Literal["holds-back", "warns"]
"""How much a guardrail counts: ``holds-back`` caps the stage; ``warns`` only shows."""
RuleCode = Annotated[
    str,
    Meta(
        pattern=r"^[A-Z]{2}[0-9]{3}$",
        description="The plan check's id for this rule, such as CP104.",
    ),
]

NOT_APPLICABLE = "not-applicable"
"""The id of the choice added by ``not_applicable``."""

NOT_APPLICABLE_LABEL = "Does not apply to us"


class _Item(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Common settings for every struct in a framework file."""


class Source(_Item, frozen=True):
    """A publication a framework's content comes from."""

    title: Text
    author: Text
    year: int | None = None
    licence: str | None = None
    url: str | None = None
    section: Annotated[
        str | None,
        Meta(description="The part of this publication drawn on; several are joined by '; '."),
    ] = None
    note: str | None = None


class Group(_Item, frozen=True):
    """A band of stages on a pathway, such as "tokenism"."""

    id: Id
    title: Text
    description: Text


class Stage(_Item, frozen=True):
    """One step on a pathway."""

    id: Id
    title: Text
    group: Id
    description: Text
    next_step: Annotated[
        str,
        Meta(
            pattern=r"\S",
            description=(
                "What moving up from this stage looks like (for the top stage: how to keep it)."
            ),
        ),
    ]
    section: Section | None = None


class Pathway(_Item, frozen=True):
    """An ordered list of stages, lowest first, on which an area or a project is placed."""

    id: Id
    title: Text
    description: Text
    groups: Annotated[list[Group], Meta(min_length=1)]
    stages: Annotated[list[Stage], Meta(min_length=2)]
    default: bool = False
    target: Annotated[
        Id | None,
        Meta(
            description=(
                "The stage that is right for most work for now, and what scores count up to. "
                "Without it: the top stage."
            )
        ),
    ] = None

    @property
    def default_target(self) -> str:
        """The stage aimed for when nothing else says: ``target``, or the top stage."""
        return self.target if self.target is not None else self.stages[-1].id

    def index(self, stage_id: str) -> int:
        """The position of a stage, counting from 0 at the lowest."""
        for position, stage in enumerate(self.stages):
            if stage.id == stage_id:
                return position
        raise KeyError(stage_id)


class Dimension(_Item, frozen=True):
    """What questions belong to: an area, a part of an area, a principle, an essential, a tip, or
    a practice (a way of working asked of one group, such as the report's recommendations to
    funders and commissioners)."""

    id: Id
    kind: DimensionKind
    title: Text
    description: Text
    section: Section
    parent: Id | None = None
    target: Annotated[
        StageMap | None,
        Meta(
            description="For an area: the stage aimed for by default, when it is not the pathway's."
        ),
    ] = None


class Choice(_Item, frozen=True):
    """An answer a person can choose, with a score, or a stage when its question places an area."""

    id: Id
    label: Text
    score: Score | None = None
    stage: StageMap | None = None
    exclusive: Annotated[
        bool,
        Meta(description='For multiple choice: this choice ("none of these") stands alone.'),
    ] = False


class Wording(_Item, frozen=True):
    """A question's words for one voice: its text, help and choice labels as that role would read
    them. What it leaves out is the question's own."""

    text: Text | None = None
    help: Text | None = None
    choices: Annotated[
        dict[Id, Text],
        Meta(description="A label for each choice, by choice id, in this voice."),
    ] = field(default_factory=dict)


DEFAULT_ROLE = "staff"
"""The role of a respondent who gives none: a question's own words are written for staff."""


class Question(_Item, frozen=True):
    """One question, asked in plain words. Its ``text``, ``help`` and choice labels are the words
    for staff and managers; ``voices`` holds other roles' words for the same question."""

    id: Id
    text: Text
    help: Text
    type: QuestionType
    dimensions: Annotated[list[Id], Meta(min_length=1)]
    section: Section
    places: Id | None = None
    choices: list[Choice] = field(default_factory=list)
    not_applicable: bool | str = False
    reverse: bool = False
    when: RawCondition | None = None
    terms: list[Id] = field(default_factory=list)
    roles: Annotated[
        list[Id],
        Meta(
            description=(
                "The roles this question is asked of (left out: everyone). Other roles skip it, "
                "and it does not count as unanswered for them."
            )
        ),
    ] = field(default_factory=list)
    voices: Annotated[
        dict[Id, Wording],
        Meta(description="The question's words for other roles, by role id."),
    ] = field(default_factory=dict)

    def asked_of(self, role: str | None) -> bool:
        """Whether a respondent in ``role`` is asked this question (no role: as staff)."""
        return not self.roles or (role or DEFAULT_ROLE) in self.roles

    def in_voice(self, voice: str | None) -> "Question":
        """This question in the words of ``voice`` (a role id), with the same id, choices and
        scores; itself when it has no words for that voice."""
        wording = self.voices.get(voice) if voice is not None else None
        if wording is None:
            return self
        labels = wording.choices
        choices = [
            replace(choice, label=labels.get(choice.id, choice.label))
            for choice in self.options()
            if choice.id != NOT_APPLICABLE
        ]
        not_applicable = self.not_applicable
        if not_applicable and NOT_APPLICABLE in labels:
            not_applicable = labels[NOT_APPLICABLE]
        return replace(
            self,
            text=wording.text or self.text,
            help=wording.help or self.help,
            choices=choices,
            not_applicable=not_applicable,
            voices={},
        )

    def options(self) -> list[Choice]:
        """Every choice a person can pick, including the standard ones and "does not apply".
        (A question put in another voice carries its standard choices, relabelled.)"""
        if self.choices:
            options = list(self.choices)
        elif self.type == "yes-no":
            options = _standard(YES_NO, self.reverse)
        elif self.type == "scale":
            options = _standard(AGREEMENT_SCALE, self.reverse)
        else:
            options = []
        if self.not_applicable:
            label = (
                self.not_applicable
                if isinstance(self.not_applicable, str)
                else NOT_APPLICABLE_LABEL
            )
            options.append(Choice(id=NOT_APPLICABLE, label=label, exclusive=True))
        return options


YES_NO: tuple[tuple[str, str], ...] = (("yes", "Yes"), ("no", "No"))
AGREEMENT_SCALE: tuple[tuple[str, str], ...] = (
    ("strongly-disagree", "Strongly disagree"),
    ("disagree", "Disagree"),
    ("neither", "Neither agree nor disagree"),
    ("agree", "Agree"),
    ("strongly-agree", "Strongly agree"),
)


def _standard(scale: tuple[tuple[str, str], ...], reverse: bool) -> list[Choice]:
    steps = len(scale) - 1
    ordered = list(reversed(scale)) if scale is YES_NO else list(scale)  # "no" is the low end
    choices = []
    for position, (choice_id, label) in enumerate(ordered):
        score = round(100 * position / steps)
        choices.append(Choice(id=choice_id, label=label, score=100 - score if reverse else score))
    if scale is YES_NO:
        choices.reverse()  # ask "Yes" first
    return choices


class Grade(_Item, frozen=True):
    """One level of a guardrail: when it holds, how much it counts, and the highest stage it
    allows (for one that holds back)."""

    when: RawCondition
    severity: Severity = "holds-back"
    highest: StageMap | None = None
    says: Annotated[
        Text | None, Meta(description="What this level means, in a few plain words.")
    ] = None


class Guardrail(_Item, frozen=True):
    """A rule against tokenism: shown whenever it holds, and holding an area's placement back
    when it is severe. Written once with ``when`` (and ``highest``), or in graded ``grades``."""

    id: Id
    title: Text
    explanation: Text
    section: Section
    areas: list[Id] | None = None
    when: RawCondition | None = None
    highest: StageMap | None = None
    severity: Severity = "holds-back"
    grades: list[Grade] = field(default_factory=list)
    code: RuleCode | None = None
    fix: Annotated[Text | None, Meta(description="What to do about it, in plain words.")] = None

    def levels(self) -> list[Grade]:
        """Its grades, most severe first as written; a guardrail written without grades is one."""
        if self.grades:
            return list(self.grades)
        return [Grade(when=self.when or {}, severity=self.severity, highest=self.highest)]


def grade_key(guardrail_id: str, position: int) -> str:
    """The catalog's key for the parsed condition of a guardrail's grade."""
    return f"{guardrail_id}#{position}"


class Consistency(_Item, frozen=True):
    """Answers that contradict an area's placing answer: when both hold, the area is placed where
    the other answers support, and marked contested."""

    id: Id
    title: Text
    explanation: Text
    section: Section
    area: Id
    claim: Annotated[RawCondition, Meta(description="The placing answers this check is about.")]
    when: Annotated[RawCondition, Meta(description="The other answers that disagree with it.")]
    supports: Annotated[StageMap, Meta(description="The highest stage the other answers support.")]


class Recommendation(_Item, frozen=True):
    """Advice, with the condition under which it is given."""

    id: Id
    title: Text
    advice: Text
    example: Text
    section: Section
    audience: Audience
    priority: Priority
    dimensions: Annotated[list[Id], Meta(min_length=1)]
    when: RawCondition
    lifts: Annotated[
        list[Id],
        Meta(
            description="Guardrails this advice helps lift (found from its answers when left out)."
        ),
    ] = field(default_factory=list)


class Term(_Item, frozen=True):
    """A glossary term and its plain definition."""

    id: Id
    term: Text
    definition: Text
    also: list[str] = field(default_factory=list)
    section: Section | None = None


class Role(_Item, frozen=True):
    """A role a person answering can have, such as "lived experience" or "staff"."""

    id: Id
    title: Text
    description: Text
    voice: Annotated[
        Id | None,
        Meta(description="Another role whose words this role reads (left out: its own)."),
    ] = None
    frameworks: Annotated[
        list[Id],
        Meta(
            description=(
                "The frameworks whose questions this role answers (left out: every one), such as "
                "a self-check of its own."
            )
        ),
    ] = field(default_factory=list)


class Framework(_Item, frozen=True):
    """One framework file."""

    schema: Annotated[
        Literal["coprod-check/framework/1"],
        Meta(description="The version of the framework format. Always coprod-check/framework/1."),
    ]
    id: Id
    kind: FrameworkKind
    title: Text
    version: Annotated[
        str, Meta(pattern=r"\S", description='The framework\'s version, quoted: "1.0.0".')
    ]
    description: Text
    source: Annotated[Source, Meta(description="The publication the content belongs to.")]
    further_sources: Annotated[
        list[Source],
        Meta(
            description=(
                "Other publications the content also rests on, such as the report that quotes "
                "or summarises the main source."
            )
        ),
    ] = field(default_factory=list)
    language: str = "en"
    pathway: Pathway | None = None
    dimensions: list[Dimension] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    guardrails: list[Guardrail] = field(default_factory=list)
    consistency: list[Consistency] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    @property
    def question_count(self) -> int:
        return len(self.questions)
