"""Ending a workshop: its participants' results files combined, as ``coprod-check combine``
combines them, into one combined result, and what to say about it.

Someone who joined but answered nothing (not even a skip) is left out: they gave no view. The
combined result is written only where the workshop may write it: a new file, or the one this
workshop wrote last time it ended (``--force`` for any other), so ending a workshop that was
carried on brings its combined result up to date.
"""

from __future__ import annotations

import hashlib
import shlex
from dataclasses import dataclass
from pathlib import Path

import msgspec

from coprod_check.combine.combine import combined_result
from coprod_check.combine.gather import gather
from coprod_check.errors import FileError, Location, ManyErrors
from coprod_check.files import results
from coprod_check.io.writing import check_output
from coprod_check.render.report.terminal_format import combined_text
from coprod_check.views.report import build_report
from coprod_check.workshop import record
from coprod_check.workshop.record import RECORD_FILE
from coprod_check.workshop.room import Workshop

THRESHOLD = 25.0
"""The smallest gap between roles shown as voices differing, as ``combine`` has it."""
COMBINED = Path("combined") / "combined.toml"
"""Where the combined result goes in the workshop's folder, unless ``--output`` says."""


@dataclass(frozen=True)
class Ended:
    """What ending the workshop made: the combined result (None: no one answered) and the words
    about it."""

    output: Path | None
    respondents: int
    words: str


def combined_path(folder: Path, output: Path | None) -> Path:
    return output if output is not None else folder / COMBINED


def check_combined(workshop: Workshop, output: Path, *, force: bool) -> None:
    """Refuse, before the workshop starts, a combined result that could not be written when it
    ends: a file this workshop did not write (without ``force``), a folder, or one of the inputs."""
    inputs = [participant.path for participant in workshop.participants.values()]
    ours = output.is_file() and _digest(output) == workshop.record.combined
    check_output(
        output,
        force=force or ours,
        inputs=[*inputs, workshop.folder / RECORD_FILE, *workshop.catalog.framework_files],
        exists_hint="choose another --output, or add --force to replace it",
        streams=False,
    )


def end(workshop: Workshop, output: Path, *, width: int) -> Ended:
    """Combine the participants' answers into ``output``; say where voices differ."""
    files = [str(path) for path in workshop.answered_files()]
    if not files:
        return Ended(None, 0, "No one answered anything, so there is nothing to combine.\n")
    catalog = workshop.catalog
    gathering = gather(catalog, files)
    if gathering.broken:
        raise ManyErrors(error for _, error in sorted(gathering.broken, key=lambda item: item[0]))
    combined = combined_result(
        catalog, gathering, threshold=THRESHOLD, names=False, project=workshop.project
    )
    assert combined.combined is not None
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileError(
            f"cannot make the folder for the combined result: {error.strerror or error}",
            Location(str(output)),
            "choose another --output",
        ) from None
    text = results.to_toml(combined)
    results.write(output, combined, force=True)
    saved = msgspec.structs.replace(workshop.record, combined=_digest_text(text))
    record.write(workshop.folder / RECORD_FILE, saved)
    workshop.record = saved
    count = combined.combined.respondents
    said = f"Saved the combined result of {count} respondent{'s' if count != 1 else ''} to {output}"
    lines = [said, "", combined_text(build_report(catalog, combined), width).rstrip("\n")]
    lines += [
        "",
        "The whole report, to share with everyone who took part:",
        f"  coprod-check report {shlex.quote(str(output))} --format html --output report.html",
    ]
    return Ended(output, count, "\n".join(lines) + "\n")


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _digest_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
