"""An assessment session: which questions, which file, answers (and each area's target) from a
file or a person, and the results written after every answer. The command line builds a
:class:`Session` and runs it.

Every save first checks that the file on disk is still the one this session read or last wrote;
if something else has changed it, the session stops without writing over it, and keeps its own
answers in a new file beside it. A Ctrl-C pressed during a save takes effect once the save is done.
"""

import datetime as _dt
import re
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import msgspec

from coprod_check.ask.questionnaire import Prompter, Questionnaire
from coprod_check.errors import FileError, Location, UsageError, ValidationError, did_you_mean
from coprod_check.files import results as results_file
from coprod_check.files.matching import check_results
from coprod_check.files.results import FrameworkUsed, Meta, Results
from coprod_check.io.lock import Fingerprint
from coprod_check.io.writing import write_text
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import Question
from coprod_check.score.assess import assess
from coprod_check.score.recommend import audience_for
from coprod_check.score.scores import Facts, is_asked


def slug(text: str) -> str:
    """A file-name-friendly version of a project name."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:60] or "project"


def default_output(project: str, folder: Path, today: _dt.date | None = None) -> Path:
    """A new file named after the project and date; never one that exists already."""
    day = (today or _dt.date.today()).isoformat()
    base = f"{slug(project)}-{day}"
    candidate = folder / f"{base}.toml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}.toml"
        number += 1
    return candidate


def question_frameworks(catalog: Catalog, wanted: Sequence[str] | None) -> list[str]:
    """The ids of the frameworks whose questions are asked: those named, or every one."""
    with_questions = [item.framework.id for item in catalog.frameworks if item.framework.questions]
    if not wanted:
        return with_questions
    for framework_id in wanted:
        if framework_id not in with_questions:
            raise UsageError(
                f"no framework with questions called {framework_id!r}",
                None,
                "frameworks with questions: " + ", ".join(with_questions),
            )
    return [framework_id for framework_id in with_questions if framework_id in wanted]


class Session:
    """One results file being filled in."""

    def __init__(
        self,
        catalog: Catalog,
        output: Path,
        meta: Meta,
        *,
        answers: dict[str, Answer] | None = None,
        seen: Fingerprint | None = None,
        targets: dict[str, str] | None = None,
        complete: bool = False,
    ) -> None:
        self.catalog = catalog
        self.output = output
        self.meta = meta
        self.answers = dict(answers or {})
        self.targets = dict(targets or {})
        """The stage chosen for each area (area id to stage id); the others keep the framework's."""
        self.seen = seen
        """The results file as this session last read or wrote it (None: there was no file)."""
        self.complete = complete
        """Whether the results file, as last read or written, says it is complete."""
        chosen = {framework.id for framework in meta.frameworks}
        self.questions: list[Question] = catalog.questions_for(meta.role, chosen)
        """The questions this respondent is asked, in their role's words."""

    @classmethod
    def start(
        cls,
        catalog: Catalog,
        *,
        output: Path,
        project: str,
        respondent: str | None,
        role: str | None,
        frameworks: Sequence[str] | None,
        pathway: str | None,
    ) -> "Session":
        if role is not None and catalog.roles and role not in catalog.roles:
            raise UsageError(f"no role called {role!r}", None, "roles: " + ", ".join(catalog.roles))
        chosen = question_frameworks(catalog, frameworks or catalog.frameworks_for(role))
        used = tuple(
            FrameworkUsed(id=item.framework.id, version=item.framework.version)
            for item in catalog.frameworks
            if item.framework.id in chosen
        )
        stamp = results_file.now()
        meta = Meta(
            project=project,
            respondent=respondent,
            role=role,
            pathway=catalog.pathway_for(pathway).id,
            created=stamp,
            updated=stamp,
            frameworks=used,
        )
        return cls(catalog, output, meta)

    @classmethod
    def resume(cls, catalog: Catalog, path: Path, pathway: str | None) -> "Session":
        seen = Fingerprint.of(path)  # before reading: a change made while it is read is seen
        saved, document = results_file.load(path)
        check_results(catalog, saved, document, pathway=False)  # its pathway: checked below
        meta = saved.meta
        for used in meta.frameworks:
            loaded = catalog.framework(used.id)
            if loaded is None:
                raise FileError(
                    f"this results file used the framework {used.id!r}, which is not loaded",
                    Location(str(path)),
                    "load it with --frameworks-dir",
                )
        if pathway is not None:
            meta = msgspec.structs.replace(meta, pathway=catalog.pathway_for(pathway).id)
        elif meta.pathway not in catalog.pathways:
            raise _unloaded_pathway(catalog, document.locate(("meta", "pathway")), meta.pathway)
        return cls(
            catalog,
            path,
            meta,
            answers=saved.answers,
            seen=seen,
            targets=saved.targets,
            complete=saved.complete,
        )

    def take_over(self) -> None:
        """Take the results file as it is now as this session's own, to be replaced (--force)."""
        self.seen = Fingerprint.of(self.output)

    def questionnaire(self, *, ask_targets: bool = True) -> Questionnaire:
        """The questionnaire for the questions left, with each area's target question unless the
        targets come from elsewhere (an answers file)."""
        return Questionnaire(
            self.catalog,
            self.questions,
            self.meta.pathway,
            self.answers,
            self.save,
            targets=self.targets,
            ask_targets=ask_targets,
            role=self.meta.role,
        )

    def missing(self) -> list[str]:
        """Questions that would be asked but have no answer (skipped ones count as answered)."""
        pathway = self.catalog.pathways[self.meta.pathway]
        facts = Facts(self.catalog, pathway, self.answers, self.meta.role)
        return [
            question.id
            for question in self.questions
            if question.id not in self.answers and is_asked(self.catalog, question, facts)
        ]

    def save(
        self,
        answers: dict[str, Answer],
        targets: dict[str, str] | None = None,
        *,
        complete: bool = False,
    ) -> Results:
        """Write the results file now (atomically), complete or not, with the answers and the
        targets (None: those kept already), unless something else has changed it since this
        session last read or wrote it."""
        self.answers = dict(answers)
        if targets is not None:
            self.targets = dict(targets)
        self.meta = msgspec.structs.replace(self.meta, updated=results_file.now())
        assessment = (
            assess(
                self.catalog,
                self.answers,
                self.meta.pathway,
                targets=self.targets,
                audience=audience_for(self.meta.role),
                role=self.meta.role,
            )
            if complete
            else None
        )
        saved = Results(
            meta=self.meta,
            answers=self.answers,
            targets=self.targets,
            complete=complete,
            assessment=assessment,
        )
        text = results_file.to_toml(saved)
        with _ctrl_c_waits():
            self._check_unchanged(text)
            write_text(self.output, text, force=True)
            self.seen = Fingerprint.of_text(text)
            self.complete = complete
        return saved

    def _check_unchanged(self, text: str) -> None:
        """Stop, keeping this session's answers in a new file, if the results file on disk is not
        the one this session last read or wrote."""
        now = Fingerprint.of(self.output)
        if now == self.seen:
            return
        kept = _beside(self.output)
        write_text(kept, text)
        what = "removed" if now is None else "changed"
        raise FileError(
            f"this results file was {what} by something else while this session had it open, "
            "so it was not saved over",
            Location(str(self.output)),
            f"this session's answers are saved in {kept}; compare the two, then carry on with "
            f"one of them: coprod-check assess --resume {kept}",
        )

    def ask(self, prompter: Prompter, *, ask_targets: bool = True) -> Results:
        """Ask every open question (and, with ``ask_targets``, each area's target question),
        then save the complete results."""
        questionnaire = self.questionnaire(ask_targets=ask_targets)
        answers = questionnaire.run(prompter)
        return self.save(answers, questionnaire.targets, complete=True)

    @property
    def answered(self) -> int:
        return sum(1 for answer in self.answers.values() if not answer.skipped)


def _beside(path: Path) -> Path:
    """A new file next to ``path`` for a session's own copy: NAME-copy.toml, NAME-copy-2.toml..."""
    candidate = path.with_name(f"{path.stem}-copy{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-copy-{number}{path.suffix}")
        number += 1
    return candidate


@contextmanager
def _ctrl_c_waits() -> Iterator[None]:
    """Hold a Ctrl-C pressed during a save until the file is written, so a chosen answer is never
    lost half way through saving it. (Only where Python's own Ctrl-C handler is in place.)"""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    pressed: list[int] = []
    signal.signal(signal.SIGINT, lambda number, _frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if pressed:
        raise KeyboardInterrupt


def _unloaded_pathway(catalog: Catalog, where: Location, pathway: str) -> ValidationError:
    loaded = ", ".join(catalog.pathways) or "none"
    close = did_you_mean(pathway, catalog.pathways)
    return ValidationError(
        f"this results file places the project on the pathway {pathway!r}, which is not loaded",
        where,
        (f"{close} " if close else "")
        + "pass --frameworks-dir with the framework that defines it, or --pathway to place on "
        f"one that is loaded ({loaded})",
    )
