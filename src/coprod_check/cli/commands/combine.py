"""`coprod-check combine`: read many respondents' results files, combine them, save the combined
result and show its report."""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coprod_check.cli.options import (
    Force,
    FrameworksDir,
    NoBundled,
    PlainOutput,
    catalog_from,
    format_option,
    is_plain,
    output_option,
    width,
)
from coprod_check.cli.output import out, say, to_stdout
from coprod_check.errors import CoprodError, ManyErrors, UsageError
from coprod_check.io.writing import check_output, read_here
from coprod_check.render.formats import ReportFormat

if TYPE_CHECKING:
    from coprod_check.combine.tally import Gathering
    from coprod_check.files.results import LeftOut


def combine(
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
        output_option(
            "Save the combined result to this results file ('-': print it instead of the report)."
        ),
    ] = None,
    force: Force = False,
    output_format: Annotated[
        ReportFormat,
        format_option("How to print it: terminal, markdown, html, json or toml."),
    ] = ReportFormat.terminal,
    plain: PlainOutput = False,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            metavar="AREA=STAGE",
            help=(
                "The stage that is right for an area now, as the room agreed it: instead of the "
                "middle of the respondents' targets (repeatable)."
            ),
        ),
    ] = None,
    frameworks_dir: FrameworksDir = None,
    no_bundled: NoBundled = False,
) -> int:
    """Combine many respondents' results into one, showing where their voices differ.

    Prints the combined report; --output also saves the combined result, which report, compare
    and trend read like any results file.
    """
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.combine.combine import combined_result
    from coprod_check.combine.gather import gather, results_files
    from coprod_check.files import results
    from coprod_check.render.report import render
    from coprod_check.views.report import build_report

    catalog = catalog_from(frameworks_dir, no_bundled)
    if by != "role":
        raise UsageError(f"cannot group respondents by {by!r}", None, "use --by role")
    paths = results_files(inputs)
    printed = output is not None and to_stdout(output)  # -: printed in place of the report
    if printed:
        output = None
    if output is not None:  # say so before the long read
        paths = _inputs(inputs, paths, output)
        check_output(output, force=force, inputs=[*paths, *catalog.framework_files])
    gathering = gather(catalog, paths)
    unused = _broken(gathering, len(paths), skip_invalid=skip_invalid)
    combined = combined_result(
        catalog,
        gathering,
        threshold=threshold,
        names=names,
        project=project,
        targets=_targets(target or []),
    )
    assert combined.combined is not None
    _mismatched([item for item in combined.combined.left_out if item.file not in unused])
    if printed:  # the results file is what goes to stdout, so the report does not
        out(results.to_toml(combined))
        return 0
    if output is not None:
        results.write(output, combined, force=force)
        count = combined.combined.respondents
        say(
            f"Saved the combined result of {count} respondent{'s' if count != 1 else ''}"
            f" to {output}\n"
        )
    made = build_report(catalog, combined)
    out(render(made, output_format, width=width(), plain=is_plain(plain)))
    return 0


def _targets(given: "Sequence[str]") -> dict[str, str]:
    """``AREA=STAGE`` pairs from the command line, as a mapping."""
    targets: dict[str, str] = {}
    for pair in given:
        area, equals, stage = pair.partition("=")
        if not equals or not area.strip() or not stage.strip():
            raise UsageError(
                f"--target {pair!r} is not AREA=STAGE",
                None,
                "for example --target design=partnership",
            )
        targets[area.strip()] = stage.strip()
    return targets


def _broken(gathering: "Gathering", count: int, *, skip_invalid: bool) -> set[str]:
    """The files that could not be used: refused, or with --skip-invalid listed on stderr."""
    broken = sorted(gathering.broken, key=lambda item: item[0])
    if broken and not skip_invalid:
        refused = len(broken)
        raise ManyErrors(
            [
                *(error for _, error in broken),
                UsageError(
                    f"{refused} of the {count} files could not be used, so nothing was combined",
                    None,
                    "fix or remove "
                    + ("it" if refused == 1 else "them")
                    + ", or add --skip-invalid to combine the others",
                ),
            ]
        )
    if broken:
        lines = [f"warning: skipped {_files(len(broken))} that could not be used:"]
        lines += [f"  {line}" for _, error in broken for line in error.lines()]
        say("\n".join(lines) + "\n")
    return {name for name, _ in broken}


def _mismatched(left_out: "Sequence[LeftOut]") -> None:
    """Say which files were left out for not matching the others."""
    if not left_out:
        return
    agree = "does" if len(left_out) == 1 else "do"
    lines = [f"Left out {_files(len(left_out))} that {agree} not match the others:"]
    lines += [f"  {item.file}: {item.reason}" for item in left_out]
    say("\n".join(lines) + "\n")


def _inputs(inputs: Sequence[Path], paths: list[str], output: Path) -> list[str]:
    """The files to read: ``paths``, less the output when it was found in a folder given and is
    a combined result, saved there last time. Any other output among them is refused later."""
    # the core loads when the command runs, not at start-up (see __init__.py)
    from coprod_check.files import results

    found = read_here(output, paths)
    if not found or read_here(output, [given for given in inputs if not given.is_dir()]):
        return paths
    try:
        previous = results.read(output).combined is not None
    except CoprodError:
        previous = False
    return [path for path in paths if path not in found] if previous else paths


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"
