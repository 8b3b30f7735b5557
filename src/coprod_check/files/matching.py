"""Whether a results file still matches the frameworks loaded now.

A results file names questions, choices, a role, a pathway and stages by their ids. A file edited
by hand, or made with other versions of the frameworks, may name some the loaded frameworks do
not have; scoring it anyway would quietly give the wrong placement. So every command that reads
results refuses such a file, pointing at each unknown id with the closest known one.

A file made with other versions of the frameworks is read as long as everything it names is still
there (most new versions only add and reword). When something is not, the first error says
which versions differ, so the reader knows to load the frameworks it was made with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_check.errors import CoprodError, Location, ManyErrors, ValidationError, did_you_mean
from coprod_check.files.answers import check_answer
from coprod_check.files.results import FrameworkUsed, Results, load
from coprod_check.io.toml_file import TomlDocument
from coprod_check.io.yaml_file import Document
from coprod_check.model.assessment import PlacementBrief

if TYPE_CHECKING:
    from coprod_check.model.catalog import Catalog


def read(path: Path, catalog: Catalog, *, pathway: bool = True) -> Results:
    """Read a results file and refuse results that name a question, choice, role or stage the
    loaded frameworks do not have; ``pathway=False`` leaves out the check of the file's own
    pathway, for a command told to use another."""
    results, document = load(path)
    check_results(catalog, results, document, pathway=pathway)
    return results


def check_results(
    catalog: Catalog, results: Results, document: Document, *, pathway: bool = True
) -> None:
    """Raise a located error for each id in ``results`` the loaded frameworks do not have
    (``pathway=False``: except the file's own pathway, for a command told to use another)."""
    checks: list[Callable[[], None]] = [partial(_check_role, catalog, results, document)]
    if pathway:
        checks.append(partial(_check_pathway, catalog, results.meta.pathway, document, ("meta",)))
    checks += [
        partial(check_answer, catalog, answer, document, ("answers", question_id))
        for question_id, answer in results.answers.items()
    ]
    if pathway and results.summary is not None:
        checks.append(partial(_check_summary, catalog, results, document))
    if pathway:
        checks += [
            partial(_check_target, catalog, results, document, area, stage)
            for area, stage in results.targets.items()
        ]
    errors: list[CoprodError] = []
    for one in checks:
        try:
            one()
        except CoprodError as error:
            errors.append(error)
    if not errors:
        return
    differ = framework_differences(catalog, results.meta.frameworks)
    if differ:
        raise FrameworksDiffer(differ, errors, document.locate(("meta", "frameworks")))
    raise errors[0] if len(errors) == 1 else ManyErrors(errors)


class FrameworksDiffer(ManyErrors):
    """Results made with other versions of the frameworks (or with frameworks not loaded) that
    name something the loaded ones do not have: the difference first, then each problem."""

    def __init__(self, differ: list[str], errors: list[CoprodError], where: Location) -> None:
        self.differ = differ
        self.problems = errors
        self.where = where
        first = ValidationError(
            "this results file does not match the frameworks loaded now: it was made with "
            + ", ".join(differ),
            where,
            "load the frameworks it was made with (--frameworks-dir), or answer again",
        )
        super().__init__([first, *errors])

    def __reduce__(self) -> tuple[type[FrameworksDiffer], tuple[object, ...]]:
        return FrameworksDiffer, (self.differ, self.problems, self.where)  # for worker processes

    @property
    def reason(self) -> str:
        """Why the file cannot be combined, in one line without its name."""
        made = f"made with {', '.join(self.differ)}"
        if not self.problems:
            return made
        problem = self.problems[0]
        where = problem.location
        at = f"line {where.line}: " if where is not None and where.line > 0 else ""
        return f"{made}; {at}{problem.message}"


def framework_differences(catalog: Catalog, used: Iterable[FrameworkUsed]) -> list[str]:
    """How the frameworks a file was made with differ from those loaded, in words: one entry
    for each framework not loaded, or loaded at another version."""
    loaded = {item.framework.id: item.framework.version for item in catalog.frameworks}
    differ = []
    for framework in used:
        version = loaded.get(framework.id)
        if version is None:
            differ.append(f"{framework.id} {framework.version}, which is not loaded")
        elif version != framework.version:
            differ.append(f"{framework.id} {framework.version} ({version} is loaded)")
    return differ


def _check_role(catalog: Catalog, results: Results, document: Document) -> None:
    role = results.meta.role
    if role is not None and catalog.roles and role not in catalog.roles:
        raise ValidationError(
            f"no role called {role!r}",
            document.locate(("meta", "role")),
            _close(role, catalog.roles, "roles"),
        )


def _check_pathway(
    catalog: Catalog, pathway_id: str, document: Document, table: tuple[str, ...]
) -> None:
    if pathway_id not in catalog.pathways:
        raise ValidationError(
            f"this result is placed on the pathway {pathway_id!r}, which is not loaded",
            document.locate((*table, "pathway")),
            _close(pathway_id, catalog.pathways, "pathways loaded")
            + "; load the frameworks it was made with (--frameworks-dir)",
        )


def _check_target(
    catalog: Catalog, results: Results, document: Document, area: str, stage: str
) -> None:
    """A target names a loaded area and a stage of the file's pathway."""
    areas = [d.id for d in catalog.dimensions.values() if d.kind == "area"]
    if area not in areas:
        raise ValidationError(
            f"[targets] names {area!r}, which is not an area",
            document.locate(("targets", area), key=True),
            _close(area, areas, "areas"),
        )
    pathway = catalog.pathways.get(results.meta.pathway)
    stages = [s.id for s in pathway.stages] if pathway else []
    if pathway is not None and stage not in stages:
        raise ValidationError(
            f"the target {stage!r} is not a stage of the {pathway.id} pathway loaded now",
            document.locate(("targets", area)),
            _close(stage, stages, "stages"),
        )


def _check_summary(catalog: Catalog, results: Results, document: Document) -> None:
    """The conclusions kept in the file name a loaded pathway and stages on it."""
    summary = results.summary
    assert summary is not None
    if summary.pathway not in catalog.pathways:
        if summary.pathway != results.meta.pathway:  # else already said
            _check_pathway(catalog, summary.pathway, document, ("results",))
        return
    stages = [stage.id for stage in catalog.pathways[summary.pathway].stages]
    records: list[tuple[tuple[str, ...], PlacementBrief]] = [
        (("results", "overall"), summary.overall),
        *((("results", "areas", area), record) for area, record in summary.areas.items()),
    ]
    for at, record in records:
        for key in ("stage", "claimed", "low", "high", "target"):
            stage = getattr(record, key)
            if stage is not None and stage not in stages:
                raise ValidationError(
                    f"the stage {stage!r} is not on the {summary.pathway} pathway loaded now",
                    document.locate((*at, key)),
                    _close(stage, stages, "stages"),
                )


def _close(name: str, known: Iterable[str], what: str) -> str:
    """A hint naming the closest known id, then all of them."""
    names = list(known)
    close = did_you_mean(name, names, cutoff=0.5)
    listing = f"{what}: " + (", ".join(names) or "none")
    return f"{close} {listing}" if close else listing


class KnownIds:
    """What the loaded frameworks have, as sets, to check a respondent's answers as ``combine``
    reads thousands of files: set operations run in C, so the check costs next to nothing. When
    a file does not pass, :func:`explained` says why, at the place in the file."""

    def __init__(self, catalog: Catalog) -> None:
        questions = catalog.questions.values()
        self.roles = set(catalog.roles)
        self.answerable: set[tuple[str, str | None]] = {
            (q.id, c.id) for q in questions for c in q.options()
        }
        """Every (question, choice) a loaded question has, and (question, None or "") for
        each question: what an answer of one choice, or of none, may be."""
        self.answerable.update((q.id, none) for q in questions for none in (None, ""))
        self.text_questions = {q.id for q in questions if q.type == "text"}
        self.options = {
            q.id: (
                frozenset(c.id for c in q.options()),
                frozenset(c.id for c in q.options() if c.exclusive),
                q.type == "multiple",
            )
            for q in questions
            if q.type != "text"
        }
        """For each question with choices: its choices, those that go alone, and whether it
        takes several."""

    def fits(
        self,
        role: str | None,
        questions: list[str],
        choices: list[str | None],
        texts: Iterable[str],
        multiple: list[tuple[str, tuple[str, ...]]],
    ) -> bool:
        """Whether the role, and every question and choice (``choices`` in step with
        ``questions``; ``texts`` the questions answered with text; ``multiple`` the answers of
        several choices), are ones the loaded frameworks have."""
        if role is not None and self.roles and role not in self.roles:
            return False
        if not self.answerable.issuperset(zip(questions, choices, strict=True)):
            return False  # an unknown question, or a choice its question does not have
        if not self.text_questions.issuperset(texts):
            return False
        for question, chosen in multiple:
            options = self.options.get(question)
            if options is None or not options[0].issuperset(chosen):
                return False
            if len(chosen) > 1 and (not options[2] or not options[1].isdisjoint(chosen)):
                return False
        return True


def explained(
    catalog: Catalog,
    name: str,
    results: Results | None,
    otherwise: CoprodError | None = None,
) -> CoprodError:
    """The error saying what in a respondent's results does not match the loaded frameworks.
    Without the results in memory, the file is read again for it, to point at the place in the
    file; with them, it is ``otherwise``, or else found in the results."""
    try:
        if results is None:
            read(Path(name), catalog)
        elif otherwise is None:
            check_results(catalog, results, TomlDocument(name, None, ""))
    except CoprodError as error:
        return error
    return otherwise or ValidationError(
        "this result names a question, choice or role the loaded frameworks do not have",
        Location(name),
        "load the frameworks it was made with (--frameworks-dir)",
    )
