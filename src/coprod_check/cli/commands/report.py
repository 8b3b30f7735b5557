"""`coprod-check report`: read a results file and show or write its report in one format."""

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from coprod_check.files import matching
from coprod_check.io.writing import write_text
from coprod_check.model.catalog import Catalog
from coprod_check.render.report import ReportFormat, render
from coprod_check.text import safe_text
from coprod_check.views.report import build_report, report_schema


def emit(text: str, output: Path | None, *, force: bool, what: str, inputs: Sequence[Path]) -> None:
    """Print ``text``, or write it to ``output``: never over another file without ``force``, and
    never over one of ``inputs``, the files it was made from."""
    if output is None:
        sys.stdout.write(text)
        return

    write_text(output, text, force=force, inputs=inputs)
    sys.stderr.write(safe_text(f"Wrote {what} to {output}\n"))


def run_report(
    *,
    catalog: Catalog,
    path: Path,
    output_format: str,
    output: Path | None,
    force: bool,
    plain: bool,
    width: int,
) -> None:
    report = build_report(catalog, matching.read(path, catalog))
    text = render(
        report, ReportFormat(output_format), width=width, plain=plain or output is not None
    )
    inputs = [path, *catalog.framework_files]
    emit(text, output, force=force, what=f"the {output_format} report", inputs=inputs)


def print_schema() -> None:
    sys.stdout.write(json.dumps(report_schema(), indent=2) + "\n")
