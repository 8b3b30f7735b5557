"""The command line: parse options, call the core, print what it returns, and turn errors into
one clear line and an exit code.

Exit codes: 0 success; 1 a check failed; 2 bad input, bad usage or an invalid file; 3 an internal
error (a bug to report); 130 interrupted.
"""

import contextlib
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from coprod_check import __version__
from coprod_check.errors import CoprodError, Location, UsageError, did_you_mean
from coprod_check.render.formats import ReportFormat

if TYPE_CHECKING:
    from coprod_check.model.catalog import Catalog

INTERNAL_ERROR = 3

app = typer.Typer(
    name="coprod-check",
    help=(
        "Check, honestly, how well your service co-produces with the people it is for, "
        "and learn what to do next."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
frameworks_app = typer.Typer(
    help="List, show, validate and describe the frameworks: pathways, questions and advice.",
    no_args_is_help=True,
)
app.add_typer(frameworks_app, name="frameworks")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"coprod-check {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check, honestly, how well your service co-produces with the people it is for."""


FrameworksDir = Annotated[
    list[Path] | None,
    typer.Option(
        "--frameworks-dir",
        help=(
            "A folder of your own framework files, loaded beside the bundled ones "
            "(repeatable; also read from COPROD_CHECK_FRAMEWORKS)."
        ),
        file_okay=False,
    ),
]
NoBundled = Annotated[
    bool,
    typer.Option(
        "--no-bundled", help="Load only your own frameworks, instead of the bundled ones."
    ),
]


class ListFormat(StrEnum):
    text = "text"
    json = "json"


def _width() -> int:
    columns = 80
    with contextlib.suppress(OSError):
        columns = os.get_terminal_size().columns
    if os.environ.get("COLUMNS", "").isdigit():
        columns = int(os.environ["COLUMNS"])
    return max(20, min(columns, 100))


def _out(text: str) -> None:
    sys.stdout.write(text)


def _safe(text: str) -> str:
    """Text from a file or the command line, made safe to show (see ``text.py``);
    imported only when needed, to keep start-up quick."""
    from coprod_check.text import safe_text

    return safe_text(text)


def _catalog(
    frameworks_dir: list[Path] | None, no_bundled: bool, files: list[Path] | None = None
) -> "Catalog":
    from coprod_check.frameworks.load import Sources, load_catalog

    return load_catalog(
        Sources.from_options(frameworks_dir, bundled=not no_bundled, files=files or ())
    )


@frameworks_app.command("list")
def frameworks_list(
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
    output_format: Annotated[
        ListFormat, typer.Option("--format", help="text for people, json for scripts.")
    ] = ListFormat.text,
) -> None:
    """List the loaded frameworks: id, kind, version, number of questions and title."""
    from coprod_check.render.frameworks import framework_json, framework_table

    catalog = _catalog(frameworks_dir, no_bundled)
    if output_format is ListFormat.json:
        _out(framework_json(catalog))
    else:
        _out(framework_table(catalog))


@frameworks_app.command("show")
def frameworks_show(
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="The framework to show.")],
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Show a readable outline of one framework."""
    from coprod_check.render.frameworks import framework_outline

    catalog = _catalog(frameworks_dir, no_bundled)
    item = catalog.framework(framework_id)
    if item is None:
        known = [loaded.framework.id for loaded in catalog.frameworks]
        _unknown("framework", framework_id, known, "coprod-check frameworks list")
    _out(framework_outline(item, _width()))


@frameworks_app.command("validate")
def frameworks_validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Framework files to check.", dir_okay=False),
    ],
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Check framework files; exit 0 when valid, 2 with FILE:LINE:COL errors when not.

    Files are checked as they would load beside the bundled frameworks, so they may use the
    bundled glossary and dimensions. Add --no-bundled to check them on their own.
    """
    catalog = _catalog(frameworks_dir, no_bundled, files)
    for path in files:
        item = next(item for item in catalog.frameworks if item.origin == str(path))
        framework = item.framework
        count = framework.question_count
        plural = "question" if count == 1 else "questions"
        _out(_safe(f"{path}: valid ({framework.kind} '{framework.id}', {count} {plural})\n"))


@frameworks_app.command("schema")
def frameworks_schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the schema to this file instead of printing it.",
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Print the JSON Schema for framework files, so editors can check and complete them."""
    from coprod_check.frameworks.schema import framework_schema_json
    from coprod_check.io.writing import write_text

    text = framework_schema_json()
    if output is None:
        _out(text)
        return
    write_text(output, text, force=force)
    sys.stderr.write(_safe(f"Wrote the framework schema to {output}\n"))


Plain = Annotated[
    bool,
    typer.Option(
        "--plain",
        help=(
            "No colour or box drawing; numbered prompts for screen readers "
            "(also NO_COLOR, TERM=dumb)."
        ),
    ),
]


def _plain(flag: bool) -> bool:
    return flag or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


@app.command("assess")
def assess_command(
    project: Annotated[str | None, typer.Option("--project", help="The project's name.")] = None,
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
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework", help="Ask this framework's questions (repeatable; default: all)."
        ),
    ] = None,
    pathway: Annotated[
        str | None, typer.Option("--pathway", help="The pathway to place on (default: arnstein).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The results file (default: a new file named after the project and date).",
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")] = False,
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
            help="Answers from a YAML or TOML file; questions answered there are not asked.",
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
) -> None:
    """Answer the questions together, one at a time, saving after every answer.

    At any question: help, what the words mean, skip for now, or go back; after an answer, an
    optional note on why. Ctrl-C stops and keeps every answer; --resume carries on.
    """
    from coprod_check.cli.commands.assess import run_assess

    run_assess(
        catalog=_catalog(frameworks_dir, no_bundled),
        project=project,
        respondent=respondent,
        role=role,
        frameworks=framework,
        pathway=pathway,
        output=output,
        force=force,
        resume=resume,
        answers_file=answers_file,
        skip_unanswered=skip_unanswered,
        plain=_plain(plain),
        width=_width(),
    )


@app.command("explain")
def explain(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A results file, or an answers file (YAML or TOML).",
            dir_okay=False,
        ),
    ],
    pathway: Annotated[
        str | None,
        typer.Option(
            "--pathway", help="The pathway to place on (default: the file's, or arnstein)."
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every recommendation, not just the top five.")
    ] = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Print the whole reasoning: each placement and why, what would move it up, every score
    with its coverage, and the advice with what triggered it."""
    from coprod_check.files.answers import read_answers_file
    from coprod_check.io.toml_file import load_data_file
    from coprod_check.render.explain import explain_text
    from coprod_check.score.assess import assess

    catalog = _catalog(frameworks_dir, no_bundled)
    if _is_results(answers_file):
        from coprod_check.files import matching

        saved = matching.read(answers_file, catalog, pathway=pathway is None)
        if saved.combined is not None:
            raise UsageError(
                "this is a combined result: the reasons behind each placement are in each "
                "respondent's own results file",
                Location(str(answers_file)),
                f"see the combined result with: coprod-check report {answers_file}",
            )
        answers, chosen = saved.answers, pathway or saved.meta.pathway
        chosen_pathway: str | None = chosen
    else:
        given = read_answers_file(load_data_file(answers_file), catalog)
        answers, chosen_pathway = given.answers, pathway or given.pathway
    assessment = assess(catalog, answers, chosen_pathway)
    _out(explain_text(catalog, assessment, show_all=show_all, width=_width()))


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of printing.", dir_okay=False),
]
Force = Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")]


@app.command("report")
def report_command(
    results_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="RESULTS",
            help="A results file, from assess or combine.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="terminal, markdown, html, json or toml."),
    ] = ReportFormat.terminal,
    output: Output = None,
    force: Force = False,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema of the JSON report and exit.")
    ] = False,
    plain: Plain = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Show the results to share with everyone who took part: where the project stands, the
    principle scores, and what to do next, in the terminal or as Markdown, HTML, JSON or TOML."""
    from coprod_check.cli.commands.report import print_schema, run_report

    if schema:
        print_schema()
        return
    if results_file is None:
        raise UsageError("give a results file", None, "coprod-check report RESULTS")
    run_report(
        catalog=_catalog(frameworks_dir, no_bundled),
        path=results_file,
        output_format=output_format.value,
        output=output,
        force=force,
        plain=_plain(plain),
        width=_width(),
    )


@app.command("combine")
def combine_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILES_OR_FOLDERS...",
            help="Results files, or folders of them (every .toml file inside).",
        ),
    ],
    by: Annotated[
        str, typer.Option("--by", help="Group respondents by this for comparing views: role.")
    ] = "role",
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            help="The smallest gap between roles, in points out of 100, shown as differing.",
            min=0,
            max=100,
        ),
    ] = 25.0,
    names: Annotated[
        bool, typer.Option("--names", help="Keep respondents' names in the combined result.")
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Combine the readable files and list the broken ones."),
    ] = False,
    project: Annotated[
        str | None,
        typer.Option("--project", help="The combined result's project name (default: theirs)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Save the combined result to this results file.", dir_okay=False
        ),
    ] = None,
    force: Force = False,
    output_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", help="How to print it: terminal, markdown, html, json or toml."
        ),
    ] = ReportFormat.terminal,
    plain: Plain = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Combine many respondents' results into one, showing where their voices differ.

    Prints the combined report; --output also saves the combined result, which report, compare
    and trend read like any results file.
    """
    from coprod_check.cli.commands.combine import run_combine

    run_combine(
        catalog=_catalog(frameworks_dir, no_bundled),
        inputs=inputs,
        by=by,
        threshold=threshold,
        names=names,
        skip_invalid=skip_invalid,
        project=project,
        output=output,
        force=force,
        output_format=output_format.value,
        plain=_plain(plain),
        width=_width(),
    )


@app.command("compare")
def compare_command(
    before: Annotated[
        Path, typer.Argument(metavar="BEFORE", help="The earlier results file.", dir_okay=False)
    ],
    after: Annotated[
        Path, typer.Argument(metavar="AFTER", help="The later results file.", dir_okay=False)
    ],
    fail_if_worse: Annotated[
        bool,
        typer.Option(
            "--fail-if-worse",
            help="Exit 1 when an area, the overall stage or a principle score went down.",
        ),
    ] = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Compare two results: how each stage and score moved, and which advice is now met or new."""
    from coprod_check.files import matching
    from coprod_check.render.compare import compare_text
    from coprod_check.views.compare import compare

    catalog = _catalog(frameworks_dir, no_bundled)
    comparison = compare(catalog, matching.read(before, catalog), matching.read(after, catalog))
    _out(compare_text(catalog, comparison, before=str(before), after=str(after), width=_width()))
    if fail_if_worse and comparison.worse:
        raise typer.Exit(1)


@app.command("trend")
def trend_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILES...", help="Results files (single or combined), in any order."
        ),
    ],
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="terminal, markdown, html, json or toml."),
    ] = ReportFormat.terminal,
    output: Output = None,
    force: Force = False,
    plain: Plain = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """How the project moved over time: each stage and principle score, oldest first."""
    from coprod_check.cli.commands.trend import run_trend

    run_trend(
        catalog=_catalog(frameworks_dir, no_bundled),
        files=files,
        output_format=output_format.value,
        output=output,
        force=force,
        plain=_plain(plain),
        width=_width(),
    )


@app.command("check")
def check_command(
    plan_file: Annotated[
        Path,
        typer.Argument(metavar="[PLAN]", help="The plan file (YAML or TOML).", dir_okay=False),
    ] = Path("coprod-plan.yaml"),
    output_format: Annotated[
        str,
        typer.Option(
            "--format", help="text, json, github, sarif, junit or markdown.", case_sensitive=False
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file.", dir_okay=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")] = False,
    fail_under: Annotated[
        float | None,
        typer.Option("--fail-under", help="Fail when any principle scores below this (0-100)."),
    ] = None,
    min_stage: Annotated[
        str | None,
        typer.Option("--min-stage", help="Fail when the project overall is below this stage."),
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Fail on errors only, or on warnings too.")
    ] = FailOn.error,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Report, but exit 0 even when the check fails.")
    ] = False,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema for plan files and exit.")
    ] = False,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Check a project's co-production plan against the bar it sets: exit 0 passed, 1 failed,
    2 invalid plan or usage."""
    from coprod_check.check.rules import CheckOptions, run_check
    from coprod_check.files.plan import load_plan, plan_schema
    from coprod_check.render.check import CheckFormat, render

    if schema:
        import json

        _out(json.dumps(plan_schema(), indent=2) + "\n")
        return
    try:
        chosen_format = CheckFormat(output_format.lower())
    except ValueError:
        known = ", ".join(member.value for member in CheckFormat)
        raise UsageError(f"no format called {output_format!r}", None, f"formats: {known}") from None
    catalog = _catalog(frameworks_dir, no_bundled)
    plan = load_plan(plan_file, catalog)
    pathway = catalog.pathway_for(plan.pathway)
    if min_stage is not None and min_stage not in {stage.id for stage in pathway.stages}:
        raise UsageError(
            f"no stage called {min_stage!r} on {pathway.title}",
            None,
            "stages: " + ", ".join(stage.id for stage in pathway.stages),
        )
    options = CheckOptions(fail_under=fail_under, min_stage=min_stage, fail_on=fail_on.value)
    report = run_check(plan, catalog, options)
    text = render(report, chosen_format)
    if output is None:
        _out(text)
    else:
        from coprod_check.io.writing import write_text

        write_text(output, text, force=force, inputs=[plan_file, *catalog.framework_files])
    if not report.passed and not exit_zero:
        raise typer.Exit(1)


@app.command("init")
def init_command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the plan.", dir_okay=False)
    ] = Path("coprod-plan.yaml"),
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write sensible defaults without asking.")
    ] = False,
    project: Annotated[str | None, typer.Option("--project", help="The project's name.")] = None,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Write a starter plan file with comments that explain each section. Never overwrites."""
    from coprod_check.check.starter import starter_plan
    from coprod_check.io.writing import check_output, write_text

    check_output(
        output, exists_hint="check it with 'coprod-check check', or choose another --output"
    )
    catalog = _catalog(frameworks_dir, no_bundled)
    default = catalog.pathway_for(None)
    name, people, pathway = project or "Our project", "The people our service is for.", default
    if not yes and sys.stdin.isatty():
        name = _line(f"What is the project called? [{name}] ") or name
        people = _line("Who is it for, in a few plain words? ") or people
        choice = _line(f"Which pathway: {', '.join(catalog.pathways)}? [{default.id}] ")
        if choice:
            if choice not in catalog.pathways:
                raise UsageError(f"no pathway called {choice!r}", None, "run init again")
            pathway = catalog.pathways[choice]
    top = pathway.stages[-1].group
    stage = next(s.id for s in pathway.stages if s.group == top)
    write_text(
        output,
        starter_plan(
            project=name,
            people=people,
            pathway=pathway.id,
            stages=[s.id for s in pathway.stages],
            stage=stage,
            file=str(output),
        ),
    )
    sys.stderr.write(
        _safe(f"Wrote a starter plan to {output}. Check it with: coprod-check check {output}\n")
    )


@app.command("glossary")
def glossary(
    term: Annotated[
        str | None,
        typer.Argument(metavar="[TERM]", help="A term to define; leave out to list every term."),
    ] = None,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> None:
    """Plain definitions of the words the questions use."""
    from coprod_check.render.frameworks import glossary_text

    catalog = _catalog(frameworks_dir, no_bundled)
    if term is None:
        _out(glossary_text(catalog.glossary.values(), _width()))
        return
    found = catalog.find_term(term)
    if found is None:
        forms = [t.term for t in catalog.glossary.values()]
        _unknown("glossary term", term, forms, "coprod-check glossary")
    _out(glossary_text([found], _width()))


def _line(prompt: str) -> str:
    sys.stdout.write(prompt)
    sys.stdout.flush()
    return sys.stdin.readline().strip()


def _is_results(path: Path) -> bool:
    """Whether a file is a results file (TOML starting with the results schema)."""
    if path.suffix.lower() != ".toml":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"coprod-check/result/" in head


def _unknown(kind: str, name: str, known: list[str], listing: str) -> NoReturn:
    close = did_you_mean(name, known, cutoff=0.5)
    hint = f"{close} " if close else ""
    raise UsageError(f"no {kind} called {name!r}", None, f"{hint}see '{listing}'")


def _report(error: CoprodError) -> None:
    """An error as the lines a person reads; what it quotes from a file or the command line
    cannot act on the terminal."""
    sys.stderr.write(_safe("\n".join(error.lines()) + "\n"))


def run() -> int:
    """Run the app; the single place where errors become words on stderr and an exit code."""
    try:
        app(prog_name="coprod-check")
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            return done.code or 0
        sys.stderr.write(_safe(f"{done.code}\n"))
        return 1
    except CoprodError as error:
        _report(error)
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        return 130
    except BrokenPipeError:
        return 0  # the reader went away (for example `| head`); that is not an error of ours
    except Exception as error:  # a bug in coprod-check, not a mistake of the user's
        if os.environ.get("COPROD_CHECK_DEBUG"):
            raise
        sys.stderr.write(
            f"coprod-check {__version__} hit an internal error: {type(error).__name__}: {error}\n"
            "  hint: please report it; set COPROD_CHECK_DEBUG=1 to see the details\n"
        )
        return INTERNAL_ERROR
    return 0


def main() -> None:
    """The console entry point. Once the output is flushed, the process ends at once: tearing
    down the interpreter's objects one by one would add a third to a short command's run time,
    and every file has been written and closed by then."""
    code = run()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe is not our error
            stream.flush()
    os._exit(code)


__all__ = ["Location", "app", "main"]
