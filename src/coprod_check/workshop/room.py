"""The workshop in memory: its folder, its record, and the people taking part, each with their own
results file, their questions in their role's words, and how far they have got.

Participants answer at the same time, each request in a thread of its own: each participant's
answers are changed under their own lock, and joining under the workshop's. Every answer is saved
into the participant's results file the moment it is given (``Session.save``: written whole,
then renamed into place), so stopping the server however it stops loses nothing saved.

Only one server at a time serves a folder: it holds ``.workshop.lock`` there (an operating-system
lock, let go however the process ends).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NamedTuple

import msgspec

from coprod_check.ask.questionnaire import Questionnaire, Step
from coprod_check.ask.session import Session, question_frameworks, slug
from coprod_check.ask.targets import TargetQuestion
from coprod_check.errors import FileError, Location, UsageError
from coprod_check.files import results as results_file
from coprod_check.io.writing import cannot_write
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.workshop import guard, record
from coprod_check.workshop.record import RECORD_FILE, Joined, Record

LOCK_FILE = ".workshop.lock"


class Progress(NamedTuple):
    """How far one participant has got, for the facilitator's panel."""

    number: int
    """The order they joined in, from 1."""
    role: str
    name: str | None
    reached: int
    """The steps behind them: questions answered or skipped, and targets chosen."""
    total: int
    finished: bool


class Participant:
    """One person taking part: their results file and their way through the questions."""

    def __init__(self, number: int, token: str, session: Session) -> None:
        self.number = number
        self.token = token
        """The hash of their token."""
        self.session = session
        self.lock = threading.Lock()
        self.questionnaire = Questionnaire(
            session.catalog,
            session.questions,
            session.meta.pathway,
            session.answers,
            self._save,
            targets=session.targets,
            role=session.meta.role,
        )
        self.finished = session.complete
        """Whether they have been through every step (then every save is complete)."""
        self.progress = self._progress()

    @property
    def role(self) -> str:
        return self.session.meta.role or ""

    @property
    def name(self) -> str | None:
        return self.session.meta.respondent

    @property
    def path(self) -> Path:
        return self.session.output

    def _save(self, answers: dict[str, Answer], targets: dict[str, str]) -> object:
        return self.session.save(answers, targets, complete=self.finished)

    def steps(self) -> list[Step]:
        return self.questionnaire.steps()

    def recorded(self, step: Step) -> bool:
        """Whether ``step`` has been answered or skipped (for a target question: a stage chosen)."""
        if isinstance(step, TargetQuestion):
            return step.area in self.questionnaire.targets
        return step.id in self.questionnaire.answers

    def where(self, steps: Sequence[Step] | None = None) -> Step | None:
        """Where to carry on: the step after the furthest one answered, skipped or chosen (the
        first when there is none); None once they have been through every step. (``steps``: the
        steps now, when the caller has them.)"""
        if self.finished:
            return None
        steps = self.steps() if steps is None else steps
        following = self._reached(steps)
        return steps[following] if following < len(steps) else None

    def _reached(self, steps: Sequence[Step]) -> int:
        """How many of ``steps`` are behind them: up to the furthest one recorded."""
        done = [index for index, step in enumerate(steps) if self.recorded(step)]
        return done[-1] + 1 if done else 0

    def answer(self, step: Step, answer: Answer | None, stage: str | None = None) -> Step | None:
        """Keep what was given at ``step`` and save it now: for a question, ``answer`` (an answer
        with no choices and no text is a skip); for a target question, ``stage`` (None keeps the
        suggested one). Returns the next step, or None after the last one (then the results are
        saved complete) and for a change made once every step was behind them."""
        if isinstance(step, TargetQuestion):
            self.questionnaire.keep_target(step.area, stage)
        else:
            assert answer is not None
            self.questionnaire.keep(answer)
        steps = self.steps()
        index = next((n for n, each in enumerate(steps) if each.id == step.id), len(steps) - 1)
        following = steps[index + 1] if index + 1 < len(steps) and not self.finished else None
        if following is None and not self.finished:
            self.finished = True
            self._save(self.questionnaire.answers, self.questionnaire.targets)
        self.progress = self._progress(steps)
        return following

    def _progress(self, steps: Sequence[Step] | None = None) -> Progress:
        steps = self.steps() if steps is None else steps
        reached = len(steps) if self.finished else min(self._reached(steps), len(steps))
        return Progress(
            self.number, self.role, self.name, reached, len(steps), finished=self.finished
        )


class Workshop:
    """A workshop being served: its folder, its record and its participants."""

    def __init__(
        self, catalog: Catalog, folder: Path, saved: Record, participants: Sequence[Participant]
    ) -> None:
        self.catalog = catalog
        self.folder = folder
        self.record = saved
        self.participants = {participant.token: participant for participant in participants}
        self.left: list[str] = []
        """Results files of people who joined earlier that are no longer in the folder."""
        self._lock = threading.Lock()

    @property
    def code(self) -> str:
        return self.record.code

    @property
    def project(self) -> str:
        return self.record.project

    @classmethod
    def open(
        cls,
        catalog: Catalog,
        folder: Path,
        *,
        project: str | None,
        frameworks: Sequence[str] | None,
        pathway: str | None,
    ) -> Workshop:
        """The workshop in ``folder``: the one served there before, carried on, or a new one."""
        place = folder / RECORD_FILE
        if place.exists():
            return cls._resumed(
                catalog,
                folder,
                record.read(place),
                project=project,
                frameworks=frameworks,
                pathway=pathway,
            )
        chosen = question_frameworks(catalog, frameworks)
        saved = Record(
            schema=record.WORKSHOP_SCHEMA,
            id=guard.new_token()[:12],
            code=guard.new_code(),
            secret=guard.new_secret(),
            project=project or folder.resolve().name or "Workshop",
            pathway=catalog.pathway_for(pathway).id,
            frameworks=chosen,
            started=results_file.now(),
        )
        record.write(place, saved)
        return cls(catalog, folder, saved, [])

    @classmethod
    def _resumed(
        cls,
        catalog: Catalog,
        folder: Path,
        saved: Record,
        *,
        project: str | None,
        frameworks: Sequence[str] | None,
        pathway: str | None,
    ) -> Workshop:
        place = str(folder / RECORD_FILE)
        given = {
            "--project": (project, saved.project),
            "--pathway": (pathway, saved.pathway),
            "--framework": (
                question_frameworks(catalog, frameworks) if frameworks else None,
                saved.frameworks,
            ),
        }
        for option, (wanted, kept) in given.items():
            if wanted is not None and wanted != kept:
                raise UsageError(
                    f"this workshop was started with {option} {_listed(kept)}, "
                    f"not {_listed(wanted)}",
                    Location(place),
                    f"leave {option} out to carry it on, or start a new workshop in another folder",
                )
        catalog.pathway_for(saved.pathway)  # refused, naming the pathways loaded, if it is not
        question_frameworks(catalog, saved.frameworks)
        participants: list[Participant] = []
        left: list[str] = []
        for number, joined in enumerate(saved.joined, start=1):
            path = folder / joined.file
            if not path.exists():
                left.append(joined.file)
                continue
            session = Session.resume(catalog, path, None)
            participants.append(Participant(number, joined.token, session))
        workshop = cls(catalog, folder, saved, participants)
        workshop.left = left
        return workshop

    def join(self, role: str | None, name: str | None) -> tuple[str, Participant]:
        """A new participant in ``role`` (None: the frameworks name no roles) and with ``name``,
        if they gave one: their results file is made now, and the token their browser keeps is
        returned with them."""
        if (role in self.catalog.roles) != bool(self.catalog.roles):
            raise UsageError(f"no role called {role!r}")
        token = guard.new_token()
        hashed = guard.token_hash(token)
        with self._lock:
            number = len(self.record.joined) + 1
            path = self._new_file(role, number)
            joined = [*self.record.joined, Joined(file=path.name, token=hashed)]
            saved = msgspec.structs.replace(self.record, joined=joined)
            record.write(self.folder / RECORD_FILE, saved)  # first: a file is never orphaned
            self.record = saved
            session = Session.start(
                self.catalog,
                output=path,
                project=self.project,
                respondent=name,
                role=role,
                frameworks=self.record.frameworks,
                pathway=self.record.pathway,
            )
            session.save({})  # the file is there from the start, as in assess
            participant = Participant(number, hashed, session)
            self.participants[hashed] = participant
        return token, participant

    def _new_file(self, role: str | None, number: int) -> Path:
        """A results file for a new participant that is not there yet: ROLE-NN.toml (or
        participant-NN.toml, with no role)."""
        while True:
            path = self.folder / f"{slug(role or 'participant')}-{number:02d}.toml"
            if not path.exists() and not path.is_symlink():
                return path
            number += 1

    def find(self, token: str) -> Participant | None:
        """The participant whose browser holds ``token``, if any."""
        return self.participants.get(guard.token_hash(token)) if token else None

    def progress(self) -> list[Progress]:
        """How far each participant has got, in the order they joined."""
        return sorted(
            (participant.progress for participant in list(self.participants.values())),
            key=lambda progress: progress.number,
        )

    def answered_files(self) -> list[Path]:
        """The results files of the participants who have answered or skipped anything."""
        return [
            participant.path
            for participant in sorted(self.participants.values(), key=lambda p: p.number)
            if participant.questionnaire.answers or participant.questionnaire.targets
        ]


def _listed(value: str | Sequence[str]) -> str:
    return value if isinstance(value, str) else ", ".join(value)


@contextmanager
def hold(folder: Path) -> Iterator[None]:
    """Hold the workshop's folder while it is served, or refuse (exit 2) when another server
    holds it; the folder is made if it is not there."""
    import filelock  # noqa: PLC0415 — as io/lock.py does: only for a command that holds a file

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FileError(
            "this is a file, not a folder", Location(str(folder)), "give a folder for the workshop"
        ) from None
    except OSError as error:
        raise cannot_write(folder, error) from None
    lock = filelock.FileLock(str(folder.resolve() / LOCK_FILE), timeout=0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lock.acquire()
    except filelock.Timeout:
        raise FileError(
            "another coprod-check workshop serve is serving this folder",
            Location(str(folder)),
            "end that one first, or serve another folder",
        ) from None
    except OSError as error:
        raise cannot_write(folder / LOCK_FILE, error) from None
    try:
        yield
    finally:
        with suppress(OSError):
            (folder / LOCK_FILE).unlink(missing_ok=True)
        lock.release()
