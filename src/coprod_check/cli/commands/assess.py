"""`coprod-check assess`: start or resume a session, ask (or take answers from a file), save after
every answer, and show the end screen. The results file is held for the whole session, so that a
second session on it is refused rather than saving over the first one's answers."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_check.cli.options import (
    Force,
    FrameworksDir,
    NoBundled,
    PathwayOption,
    Plain,
    Project,
    QuestionFrameworks,
    catalog_from,
    is_plain,
    output_option,
    width,
)
from coprod_check.cli.output import out
from coprod_check.errors import Interrupted, UsageError
from coprod_check.io.writing import check_output

if TYPE_CHECKING:
    from coprod_check.ask.session import Session
    from coprod_check.files.answers import AnswersFile
    from coprod_check.files.results import Results
    from coprod_check.model.catalog import Catalog


def assess(
    project: Project = None,
    respondent: Annotated[
        str | None, typer.Option("--respondent", help="Who is answering (a person or a group).")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="Their role: lived-experience, staff, manager, partner, funder or other.",
        ),
    ] = None,
    framework: QuestionFrameworks = None,
    pathway: PathwayOption = None,
    output: Annotated[
        Path | None,
        output_option("The results file (default: a new file named after the project and date)."),
    ] = None,
    force: Force = False,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume", help="Carry on with a results file saved earlier.", dir_okay=False
        ),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help=(
                "Answers from a YAML or TOML file: questions answered there are not asked, and "
                "each area's target comes from the file (or the framework)."
            ),
            dir_okay=False,
        ),
    ] = None,
    skip_unanswered: Annotated[
        bool,
        typer.Option(
            "--skip-unanswered",
            help="Without a terminal, leave questions the file does not answer.",
        ),
    ] = False,
    plain: Plain = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Answer the questions together, one at a time, saving after every answer.

    At any question: help, what the words mean, skip for now, or go back; after an answer, an
    optional note on why. After each area's questions: which stage is right for it now (skip to
    keep the suggested one). Ctrl-C stops and keeps every answer; --resume carries on.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.ask.session import Session
    from coprod_check.files.answers import read_answers_file
    from coprod_check.io.lock import hold
    from coprod_check.io.toml_file import load_data_file
    from coprod_check.render.summary import summary_text

    _saved_in_a_file(output, resume)
    catalog, plain, columns = catalog_from(frameworks_dir, no_bundled), is_plain(plain), width()
    terminal = sys.stdin.isatty()
    given = (
        read_answers_file(load_data_file(answers_file), catalog, pathway=pathway)
        if answers_file
        else None
    )
    if resume is not None:
        session = _resumed(catalog, resume, pathway, asks=given is None and not terminal)
    else:
        if given is None and not terminal:
            raise _no_terminal()
        session = _started(
            catalog,
            terminal=terminal,
            project=project or (given.project if given else None),
            respondent=respondent or (given.respondent if given else None),
            role=role or (given.role if given else None),
            frameworks=framework,
            pathway=pathway or (given.pathway if given else None),
            output=output,
            force=force,
            plain=plain,
            ask_who=terminal and given is None and role is None,
            width=columns,
        )
    read = [answers_file] if answers_file is not None else []  # never written over, even --force
    check_output(  # answers are saved here as they come and read back: an ordinary file only
        session.output, force=True, inputs=[*read, *catalog.framework_files], streams=False
    )
    with hold(session.output):
        if resume is not None:
            session = Session.resume(catalog, resume, pathway)  # read again, now it is held
        elif force:
            session.take_over()
        saved = _run(
            session,
            given=given,
            answers_file=answers_file,
            skip_unanswered=skip_unanswered,
            terminal=terminal,
            plain=plain,
            width=columns,
        )
    assert saved.assessment is not None
    total = len(session.questionnaire().applicable())
    out(
        summary_text(
            catalog,
            saved.assessment,
            path=session.output,
            answered=session.answered,
            total=total,
            width=columns,
        )
    )
    return 0


def _saved_in_a_file(output: Path | None, resume: Path | None) -> None:
    """Refuse ``-`` for the results file: answers are saved there as they come, and read back."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.io import stdin

    for given, option in ((output, "--output"), (resume, "--resume")):
        if stdin.is_dash(given):
            raise UsageError(
                f"{option} cannot be '-': answers are saved in the results file as they come, "
                "and read back from it",
                None,
                "give a file name, and see the results with: coprod-check report FILE",
            )


def _resumed(catalog: "Catalog", path: Path, pathway: str | None, *, asks: bool) -> "Session":
    """The session saved in ``path``; refused when questions are left that ``asks`` would ask
    with no terminal to ask them in."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.ask.session import Session

    session = Session.resume(catalog, path, pathway)  # a bad file is named before any lock
    questionnaire = session.questionnaire()
    if asks and questionnaire.has_open_questions():
        raise _no_terminal()
    return session


def _started(
    catalog: "Catalog",
    *,
    terminal: bool,
    project: str | None,
    respondent: str | None,
    role: str | None,
    frameworks: list[str] | None,
    pathway: str | None,
    output: Path | None,
    force: bool,
    plain: bool,
    ask_who: bool,
    width: int,
) -> "Session":
    """A new session, named after the project, for a respondent in a role (each asked for when
    there is someone to ask and the command line does not say)."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.ask.questionnaire import ask_project
    from coprod_check.ask.session import Session, default_output
    from coprod_check.ask.who import ask_who as who

    if project is None:
        project = ask_project(plain) if terminal else "Untitled project"
    if output is not None:  # refused now, before anyone answers anything
        check_output(output, force=force, streams=False, exists_hint=_carry_on(output))
    if ask_who and catalog.roles:
        role, named = who(catalog, plain=plain, width=width, name=respondent is None)
        respondent = respondent or named
    return Session.start(
        catalog,
        output=output or default_output(project, Path.cwd()),
        project=project,
        respondent=respondent,
        role=role,
        frameworks=frameworks,
        pathway=pathway,
    )


def _no_terminal() -> UsageError:
    return UsageError(
        "there is no terminal to ask the questions in",
        None,
        "give the answers in a file: coprod-check assess --project NAME "
        "--answers answers.yaml (see docs/results.md)",
    )


def _run(
    session: "Session",
    *,
    given: "AnswersFile | None",
    answers_file: Path | None,
    skip_unanswered: bool,
    terminal: bool,
    plain: bool,
    width: int,
) -> "Results":
    """Take the answers from the file, or ask for them, saving as they come; the saved results."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.ask.plain import PlainPrompter
    from coprod_check.ask.questionnaire import MenuPrompter, Prompter
    from coprod_check.model.answers import Answer
    from coprod_check.render.opening import opening_text

    if given is not None:
        asked = {question.id for question in session.questions}
        session.answers.update({k: v for k, v in given.answers.items() if k in asked})
        session.targets.update(given.targets)  # the file's targets: not asked again
    if given is not None and not terminal:
        missing = session.missing()
        if missing and not skip_unanswered:
            shown = ", ".join(missing[:12]) + (", ..." if len(missing) > 12 else "")
            raise UsageError(
                f"{len(missing)} question{'s have' if len(missing) != 1 else ' has'} no answer "
                f"in {answers_file}: {shown}",
                None,
                "answer them in the file, or add --skip-unanswered to leave them out",
            )
        for question_id in missing:  # left out on purpose: recorded as skipped
            session.answers[question_id] = Answer(question=question_id)
        return session.save(session.answers, complete=True)

    try:
        session.save(session.answers)  # the file exists from the start, so --resume always works
        opening = opening_text(
            session.questionnaire(ask_targets=given is None),
            path=session.output,
            answered=session.answered,
            width=width,
        )
        sys.stdout.write(opening)  # how many questions, how long, where saved; Ctrl-C is safe
        prompter: Prompter = (
            PlainPrompter(sys.stdin, sys.stdout, width) if plain else MenuPrompter()
        )
        return session.ask(prompter, ask_targets=given is None)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(
            f"\nStopped. {_saved(session)} in {session.output}.",
            None,
            f"To carry on: coprod-check assess --resume {session.output}",
        ) from None


def _saved(session: "Session") -> str:
    """What is saved, in words: "5 answers are saved", "1 answer and 2 targets are saved"."""
    count, targets = session.answered, len(session.targets)
    said = f"{count} answer{'s' if count != 1 else ''}"
    if targets:
        said += f" and {targets} target{'s' if targets != 1 else ''}"
    return said + (" is saved" if count == 1 and not targets else " are saved")


def _carry_on(output: Path) -> str:
    return (
        f"choose another --output, add --force, or carry on: coprod-check assess --resume {output}"
    )
