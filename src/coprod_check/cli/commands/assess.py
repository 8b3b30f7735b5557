"""`coprod-check assess`: start or resume a session, ask (or take answers from a file), save after
every answer, and show the end screen. The results file is held for the whole session, so that a
second session on it is refused rather than saving over the first one's answers."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_check.ask.questionnaire import MenuPrompter, PlainPrompter, Prompter, ask_project
from coprod_check.ask.session import Session, default_output
from coprod_check.errors import FileError, Interrupted, Location, UsageError
from coprod_check.files.answers import read_answers_file
from coprod_check.io.lock import hold
from coprod_check.io.toml_file import load_data_file
from coprod_check.io.writing import check_output
from coprod_check.model.answers import Answer
from coprod_check.model.catalog import Catalog
from coprod_check.render.summary import summary_text

if TYPE_CHECKING:
    from coprod_check.ask.session import Session
    from coprod_check.files.answers import AnswersFile
    from coprod_check.files.results import Results


def run_assess(
    *,
    catalog: Catalog,
    project: str | None,
    respondent: str | None,
    role: str | None,
    frameworks: list[str] | None,
    pathway: str | None,
    output: Path | None,
    force: bool,
    resume: Path | None,
    answers_file: Path | None,
    skip_unanswered: bool,
    plain: bool,
    width: int,
) -> None:
    """Run the questionnaire (or read the answers), write the results, print the summary."""
    terminal = sys.stdin.isatty()
    no_terminal = UsageError(
        "there is no terminal to ask the questions in",
        None,
        "give the answers in a file: coprod-check assess --project NAME "
        "--answers answers.yaml (see docs/results.md)",
    )
    given = read_answers_file(load_data_file(answers_file), catalog) if answers_file else None
    if resume is not None:
        session = Session.resume(catalog, resume, pathway)  # a bad file is named before any lock
        questionnaire = session.questionnaire()
        if (
            given is None
            and not terminal
            and questionnaire.first_open() < len(questionnaire.applicable())
        ):
            raise no_terminal
    else:
        if given is None and not terminal:
            raise no_terminal
        name = project or (given.project if given else None)
        if name is None:
            name = ask_project(plain) if terminal else "Untitled project"
        if output is not None and output.exists() and not force:
            raise _exists(output)
        session = Session.start(
            catalog,
            output=output or default_output(name, Path.cwd()),
            project=name,
            respondent=respondent or (given.respondent if given else None),
            role=role or (given.role if given else None),
            frameworks=frameworks,
            pathway=pathway or (given.pathway if given else None),
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
            width=width,
        )
    assert saved.assessment is not None
    total = len(session.questionnaire().applicable())
    sys.stdout.write(
        summary_text(
            catalog,
            saved.assessment,
            path=session.output,
            answered=session.answered,
            total=total,
            width=width,
        )
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
    if given is not None:
        asked = {question.id for question in session.questions}
        session.answers.update({k: v for k, v in given.answers.items() if k in asked})
    total = len(session.questionnaire().applicable())
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
        if session.answered:
            sys.stdout.write(f"Carrying on: {session.answered} of {total} questions answered.\n\n")
        prompter: Prompter = (
            PlainPrompter(sys.stdin, sys.stdout, width) if plain else MenuPrompter()
        )
        return session.ask(prompter)
    except (KeyboardInterrupt, EOFError):
        count = session.answered
        raise Interrupted(
            f"\nStopped. {count} answer{'s are' if count != 1 else ' is'} saved "
            f"in {session.output}.",
            None,
            f"To carry on: coprod-check assess --resume {session.output}",
        ) from None


def _exists(output: Path) -> FileError:
    return FileError(
        "this file already exists",
        Location(str(output)),
        f"choose another --output, add --force, or carry on: coprod-check assess --resume {output}",
    )
