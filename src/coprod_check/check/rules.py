"""The check: score a plan with the same scorer as ``assess``, then run rules over it.

Each rule has a stable id (``CP101``), a severity, a message, a remediation in plain words, the
report section it rests on, and the place in the plan file it is about (or where a missing key
belongs). A rule can be turned off in the plan's policy, with a reason.
"""

import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import Literal, NamedTuple

from msgspec import Struct

from coprod_check import HOME
from coprod_check.errors import Location, ValidationError, did_you_mean
from coprod_check.files.plan import Plan, plan_answers, plan_targets
from coprod_check.model.assessment import Assessment, effect_words
from coprod_check.model.catalog import Catalog
from coprod_check.score.assess import assess

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}


class Finding(Struct, frozen=True, kw_only=True):
    """One thing the check found, and where."""

    rule: str
    name: str
    severity: Severity
    message: str
    remediation: str
    section: str
    path: str
    line: int
    column: int
    end_line: int | None = None
    """Where the finding's place ends: the end of its line in the plan (``None`` if unknown)."""
    end_column: int | None = None
    """The column just after the place ends, as SARIF counts it."""
    subject: str
    """What the finding is about (an area, a question, a key), so that it keeps one identity
    across runs while lines move and its wording changes: ``area:design``, ``key:policy.x``."""

    @property
    def fingerprint(self) -> str:
        """The finding's identity for code scanning and code quality reports: the same rule,
        file and subject give the same fingerprint, however the lines move or the words
        change, so a finding that is fixed stays fixed and one that stays is not new."""
        key = "\0".join((self.rule, PurePath(self.path).as_posix(), self.subject))
        return hashlib.sha256(key.encode()).hexdigest()[:32]


class CheckRule(NamedTuple):
    """One rule of the plan check, such as CP104 (not a guardrail that holds for some answers:
    that is :class:`~coprod_check.model.assessment.Rule`)."""

    id: str
    name: str
    severity: Severity
    section: str
    summary: str

    @property
    def anchor(self) -> str:
        """The anchor of the rule's section in ``docs/rules.md``: its heading, ``CP106
        no-feedback``, as GitHub and MkDocs turn a heading into an anchor."""
        return f"{self.id}-{self.name}".lower()

    @property
    def help_uri(self) -> str:
        """The address of the rule's section in the published docs."""
        return f"{RULES_PAGE}#{self.anchor}"


RULES_PAGE = f"{HOME}/blob/main/docs/rules.md"
"""The page with a section for every rule: why it matters, how to fix it, an example."""

RULES: dict[str, CheckRule] = {
    rule.id: rule
    for rule in (
        CheckRule("CP101", "area-missing", "error", "How have these programmes been co-produced?",
                  "Every area of co-production is covered by the plan."),
        CheckRule("CP102", "stage-below-policy", "error", "Our learning about co-production",
                  "Each placement is at or above the stage the policy asks for."),
        CheckRule("CP103", "score-below-policy", "error", "Our learning about co-production",
                  "Each score is at or above the minimum the policy asks for."),
        CheckRule("CP104", "no-time-or-money", "error", "Time and resources",
                  "Shared power is backed by time and money set aside for it."),
        CheckRule("CP105", "seats-without-support", "error", "Time and resources",
                  "People given seats on a board get training and support."),
        CheckRule("CP106", "no-feedback", "error", "Make sure people don't lose interest",
                  "People hear what came of their input."),
        CheckRule("CP107", "no-recognition", "error", "Recognise people's contributions",
                  "People's time is recognised: payment, reward or at least thanks."),
        CheckRule("CP108", "same-voices", "warning", "Be in it for the long haul",
                  "There is a plan for fresh voices, not the same few people throughout."),
        CheckRule("CP109", "views-after-decisions", "error", "Share power responsibly",
                  "People are involved before decisions are made, not only after."),
        CheckRule("CP110", "fronting", "error", "Make sure people don't lose interest",
                  "People are not asked to front work they had no part in."),
        CheckRule("CP111", "held-back", "error", "Adapt to your context and community",
                  "No area is claimed higher than its own answers support."),
        CheckRule("CP112", "no-say-in-plans", "error", "Share power responsibly",
                  "People have a say in plans at some point, not none at all."),
        CheckRule("CP201", "unknown-key", "error", "Include everyone in the conversation",
                  "The plan uses only keys coprod-check knows, so nothing in it is ignored."),
        CheckRule("CP301", "jargon", "info", "Include everyone in the conversation",
                  "The plan's own words are plain: no unexplained jargon or acronyms."),
    )
}  # fmt: skip

JARGON = (
    "stakeholder",
    "stakeholders",
    "service user",
    "service users",
    "beneficiaries",
    "deliverables",
    "leverage",
    "synergy",
    "capacity building",
    "best practice",
    "key performance indicator",
    "hard to reach",
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_EXPLAINED = re.compile(r"\(([A-Z]{2,6})\)")


class CheckOptions(NamedTuple):
    """Thresholds from the command line, on top of the plan's own policy."""

    fail_under: float | None = None
    min_stage: str | None = None
    fail_on: Severity = "error"


class CheckReport(Struct, frozen=True, kw_only=True):
    """The result of checking one plan."""

    path: str
    project: str
    pathway: str
    findings: tuple[Finding, ...]
    disabled: tuple[str, ...]
    passed: bool
    fail_on: Severity = "error"
    """The least severe finding that fails the check (``--fail-on``)."""
    assessment: Assessment

    def fails(self, finding: Finding) -> bool:
        """Whether this finding is one that fails the check."""
        return SEVERITY_ORDER[finding.severity] >= SEVERITY_ORDER[self.fail_on]


def run_check(plan: Plan, catalog: Catalog, options: CheckOptions | None = None) -> CheckReport:
    """Score the plan and run every rule; findings come out in file order."""
    options = options or CheckOptions()
    pathway = plan.pathway or (catalog.default_pathway.id if catalog.default_pathway else "")
    assessment = assess(
        catalog, plan_answers(plan, catalog, pathway), pathway, targets=plan_targets(plan)
    )
    context = _Context(plan, catalog, assessment, pathway, options)
    for index, item in enumerate(plan.policy.disable):
        if item.rule not in RULES:
            raise ValidationError(
                f"there is no rule {item.rule!r} to turn off",
                plan.document.locate(("policy", "disable", index, "rule")),
                "rules: " + ", ".join(RULES),
            )
    disabled = {item.rule for item in plan.policy.disable}
    found = [f for f in context.findings() if f.rule not in disabled]
    found.sort(key=lambda f: (f.line, f.column, f.rule))
    bar = SEVERITY_ORDER[options.fail_on]
    passed = not any(SEVERITY_ORDER[f.severity] >= bar for f in found)
    return CheckReport(
        path=plan.document.path,
        project=plan.project,
        pathway=pathway,
        findings=tuple(found),
        disabled=tuple(sorted(disabled)),
        passed=passed,
        fail_on=options.fail_on,
        assessment=assessment,
    )


class _Context:
    def __init__(
        self,
        plan: Plan,
        catalog: Catalog,
        assessment: Assessment,
        pathway: str,
        options: CheckOptions,
    ) -> None:
        self.plan = plan
        self.catalog = catalog
        self.assessment = assessment
        self.pathway = catalog.pathways[pathway]
        self.options = options

    def finding(
        self,
        rule_id: str,
        location: Location,
        message: str,
        remediation: str,
        severity: Severity | None = None,
        *,
        subject: str,
    ) -> Finding:
        rule = RULES[rule_id]
        line, column = location.line or 1, location.column or 1
        end = _line_end(self.plan.document.text, line, column)
        return Finding(
            rule=rule.id,
            name=rule.name,
            severity=severity or rule.severity,
            message=message,
            remediation=remediation,
            section=rule.section,
            path=location.path,
            line=line,
            column=column,
            end_line=line if end else None,
            end_column=end,
            subject=subject,
        )

    def findings(self) -> Iterator[Finding]:
        for check in self.checks():
            yield from check()

    def checks(self) -> list[Callable[[], Iterator[Finding]]]:
        return [
            self.areas_missing,
            self.stages_below_policy,
            self.scores_below_policy,
            self.guardrails,
            self.unanswered,
            self.held_back,
            self.unknown_keys,
            self.jargon,
        ]

    # -- helpers ---------------------------------------------------------------------------

    def chosen(self, question: str) -> frozenset[str] | None:
        answer = self.plan.answers.get(question)
        if answer is None or answer.skipped:
            return None
        return frozenset(answer.choices)

    def answer_place(self, question: str) -> Location:
        """The answer's key, or the ``answers:`` key (or the top of the file) where it belongs."""
        if question in self.plan.answers:
            return self.plan.locate("answers", question)
        return self.plan.locate("answers")

    def intended(self, area: str) -> int | None:
        intent = self.plan.areas.get(area)
        if intent is None or intent.stage is None or not intent.applies:
            return None
        return self.pathway.index(intent.stage)

    def shared_power_claims(self) -> list[str]:
        """Areas the plan places in the top band of the pathway (where power is shared)."""
        top_group = self.pathway.stages[-1].group
        claims = []
        for area in self.plan.areas:
            index = self.intended(area)
            if index is not None and self.pathway.stages[index].group == top_group:
                claims.append(area)
        return claims

    def stage_title(self, stage: str | None) -> str | None:
        """A stage's title on the plan's pathway (``None`` for none)."""
        if stage is None:
            return None
        return next((s.title for s in self.pathway.stages if s.id == stage), stage)

    def title(self, area: str) -> str:
        return self.catalog.dimensions[area].title if area in self.catalog.dimensions else area

    # -- the rules -------------------------------------------------------------------------

    def areas_missing(self) -> Iterator[Finding]:
        for dimension in self.catalog.dimensions.values():
            if dimension.kind == "area" and dimension.id not in self.plan.areas:
                yield self.finding(
                    "CP101",
                    self.plan.locate("areas"),
                    "the plan does not say how people will be involved in "
                    + dimension.title.lower(),
                    f"add '{dimension.id}:' under 'areas:' with the stage you aim for and how, "
                    "or 'applies: false' and why it does not apply",
                    subject=f"area:{dimension.id}",
                )

    def stages_below_policy(self) -> Iterator[Finding]:
        """Placements below the policy's stages, or the command line's if that is stricter."""
        wanted = {area: (stage, "policy") for area, stage in self.plan.policy.min_stage.items()}
        if self.options.min_stage is not None:
            current = wanted.get("overall")
            if current is None or self._index(self.options.min_stage) > self._index(current[0]):
                wanted["overall"] = (self.options.min_stage, "--min-stage")
        for area, (stage, source) in wanted.items():
            placement = self.assessment.overall if area == "overall" else self.assessment.area(area)
            target = self._index(stage)
            if target < 0 or placement.index is None or placement.index >= target:
                continue
            now = self.pathway.stages[placement.index].title
            if source == "--min-stage":
                where, asks = self.plan.locate("policy"), "--min-stage asks"
            else:
                where, asks = self.plan.locate("policy", "min_stage", area), "your policy asks"
            name = "the project overall" if area == "overall" else self.title(area).lower()
            yield self.finding(
                "CP102",
                where,
                f"{name} is placed at {now}, below the {self.pathway.stages[target].title} "
                f"{asks} for",
                "raise the stage you plan for, and back it with answers; "
                "or, if the bar is wrong for now, lower it and say why",
                subject=f"min-stage:{area}",
            )

    def _index(self, stage: str) -> int:
        try:
            return self.pathway.index(stage)
        except KeyError:
            return -1

    def scores_below_policy(self) -> Iterator[Finding]:
        """Scores below the policy's minimum, or ``--fail-under`` where that is stricter."""
        wanted = {d: (value, "policy") for d, value in self.plan.policy.min_score.items()}
        if self.options.fail_under is not None:
            for score in self.assessment.scores:
                current = wanted.get(score.dimension)
                if score.kind == "principle" and (
                    current is None or self.options.fail_under > current[0]
                ):
                    wanted[score.dimension] = (self.options.fail_under, "--fail-under")
        for dimension, (minimum, source) in wanted.items():
            score = self.assessment.score(dimension)
            if score.score is None or score.score >= minimum:
                continue
            if source == "--fail-under":
                where, asks = self.plan.locate("policy"), "--fail-under asks"
            else:
                where, asks = self.plan.locate("policy", "min_score", dimension), "your policy asks"
            yield self.finding(
                "CP103",
                where,
                f"{self.title(dimension)} scores {score.score:.0f}, below the {minimum:.0f} "
                f"{asks} for",
                f"strengthen the answers on {self.title(dimension).lower()}; "
                "'coprod-check explain' shows which ones count",
                subject=f"min-score:{dimension}",
            )

    def guardrails(self) -> Iterator[Finding]:
        """Every guardrail with a rule id that holds for the plan's answers: the same rules
        ``assess`` records. One that lowers a stage or keeps an area below its target is an
        error; one that only warns is a warning."""
        for rule in self.assessment.rules:
            if rule.code is None or rule.code not in RULES:
                continue
            guardrail = self.catalog.guardrails[rule.id]
            question = rule.because[0].question if rule.because else None
            where = self.answer_place(question) if question else self.plan.locate("answers")
            message = rule.title[:1].lower() + rule.title[1:]
            if rule.says:
                message += f" ({rule.says[:1].lower() + rule.says[1:]})"
            affected = rule.lowered if rule.lowered else rule.below_target
            if affected and rule.effect != "warns":
                stage = self.stage_title(rule.highest)
                message += ": it " + effect_words(rule.effect, self._names(affected), stage)
            severity: Severity = "warning" if rule.effect == "warns" else "error"
            fix = guardrail.fix or RULES[rule.code].summary
            if question:
                fix = f"{fix[:1].lower() + fix[1:].rstrip('.')}; answer '{question}'"
            yield self.finding(
                rule.code, where, message, fix, severity, subject=f"guardrail:{rule.id}"
            )

    def _names(self, areas: tuple[str, ...]) -> str:
        return ", ".join(self.title(area).lower() for area in areas)

    def unanswered(self) -> Iterator[Finding]:
        """Answers a plan must give: how people hear back, how their time is recognised and how
        fresh voices join, always; what is set aside, when it claims shared power; board
        support, when it shares decisions."""
        claims = self.shared_power_claims()
        wanted: list[tuple[str, str, bool, Severity, str]] = [
            ("CP106", "hear-what-came-of-it", True, "error", "the plan does not say how people "
             "hear what came of their input"),
            ("CP107", "recognition-of-time", True, "warning", "the plan does not say how it "
             "recognises the time people give"),
            ("CP108", "same-few-people", True, "warning", "the plan does not say how fresh "
             "voices join"),
            ("CP104", "time-and-money-set-aside", bool(claims), "error", "the plan claims shared "
             "power (" + ", ".join(self.title(a).lower() for a in claims) + ") but does not say "
             "what is set aside in time or money for it"),
            ("CP105", "decision-board-support", self._shares_decisions(), "error", "people are "
             "given a share in decisions, but the plan does not say what training, briefing or "
             "support they get"),
        ]  # fmt: skip
        for code, question, applies, severity, message in wanted:
            if not applies or question not in self.catalog.questions:
                continue
            if self.chosen(question) is None:
                yield self.finding(
                    code,
                    self.answer_place(question),
                    message,
                    f"answer '{question}' with what you have planned",
                    severity,
                    subject=f"unanswered:{question}",
                )

    def _shares_decisions(self) -> bool:
        index = self.intended("decision-making")
        return index is not None and index >= self._index_of_group_start()

    def _index_of_group_start(self) -> int:
        top_group = self.pathway.stages[-1].group
        return next(i for i, s in enumerate(self.pathway.stages) if s.group == top_group)

    def held_back(self) -> Iterator[Finding]:
        """Areas planned higher than their own answers place them (beyond the specific rules)."""
        for placement in self.assessment.areas:
            intended = self.intended(placement.area)
            if intended is None or placement.index is None or placement.index >= intended:
                continue
            claimed = self.pathway.index(placement.claimed) if placement.claimed else intended
            reasons = []
            if claimed < intended:
                reasons.append(f"its own answer places it at {placement.claimed}")
            others = [g for g in placement.held_back_by if not self.catalog.guardrails[g].code]
            reasons += [self.catalog.guardrails[g].title.lower() for g in others]
            reasons += [
                item.title[:1].lower() + item.title[1:]
                for item in self.assessment.contradictions
                if item.area == placement.area
            ]
            if not reasons:
                continue  # held back only by guardrails that have rules of their own
            intent = self.plan.areas[placement.area]
            yield self.finding(
                "CP111",
                self.plan.locate("areas", placement.area, "stage"),
                f"{self.title(placement.area).lower()} is planned at {intent.stage} but its "
                f"answers hold it at {placement.stage}: {'; '.join(reasons)}",
                "change what holds it back, or plan for the stage the answers support",
                subject=f"held-back:{placement.area}",
            )

    def unknown_keys(self) -> Iterator[Finding]:
        for item in self.plan.unknown:
            hint = did_you_mean(
                item.key, item.known, otherwise="known keys: " + ", ".join(item.known)
            )
            yield self.finding(
                "CP201",
                self.plan.document.locate(item.path, key=True),
                f"unknown key {item.key!r}, so coprod-check ignores it",
                hint,
                subject="key:" + ".".join(str(part) for part in item.path),
            )

    def jargon(self) -> Iterator[Finding]:
        texts: list[tuple[Location, str, str]] = []
        if self.plan.people:
            texts.append((self.plan.locate("people", key=False), "people", self.plan.people))
        for area, intent in self.plan.areas.items():
            if intent.how:
                where = self.plan.locate("areas", area, "how", key=False)
                texts.append((where, f"areas.{area}.how", intent.how))
        for location, place, text in texts:
            lowered = text.lower()
            words = [w for w in JARGON if re.search(rf"\b{re.escape(w)}\b", lowered)]
            explained = set(_EXPLAINED.findall(text))
            acronyms = sorted(
                {a.rstrip("s") for a in _ACRONYM.findall(text)} - explained - {"I", "OK"}
            )
            for word in words:
                yield self.finding(
                    "CP301",
                    location,
                    f"'{word}' is jargon that can shut people out",
                    "say who or what you mean in plain words",
                    subject=f"jargon:{place}:{word}",
                )
            for acronym in acronyms:
                yield self.finding(
                    "CP301",
                    location,
                    f"'{acronym}' is not explained",
                    f"write it out in full the first time, with '({acronym})' after it",
                    subject=f"jargon:{place}:{acronym}",
                )


def _line_end(text: str, line: int, column: int) -> int | None:
    """The column just after the end of ``line``'s text (trailing spaces left out), when the
    line is there and ends after ``column``."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    end = len(lines[line - 1].rstrip()) + 1
    return end if end > column else None
