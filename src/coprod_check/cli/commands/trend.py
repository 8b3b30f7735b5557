"""`coprod-check trend`: the same measures from several results files, oldest first."""

from pathlib import Path

from coprod_check.cli.commands.report import emit
from coprod_check.files import matching
from coprod_check.model.catalog import Catalog
from coprod_check.render.trend import render
from coprod_check.views.trend import build_trend


def run_trend(
    *,
    catalog: Catalog,
    files: list[Path],
    output_format: str,
    output: Path | None,
    force: bool,
    plain: bool,
    width: int,
) -> None:
    trend = build_trend(catalog, [(str(path), matching.read(path, catalog)) for path in files])
    text = render(trend, output_format, width=width, plain=plain or output is not None)
    inputs = [*files, *catalog.framework_files]
    emit(text, output, force=force, what=f"the {output_format} trend", inputs=inputs)
