"""`coprod-check report RESULTS`: each format on stdout or in a file (never written over without
--force), the report's JSON Schema, and files it cannot read. What each format shows is tested in
tests/render/test_report_formats.py and tests/render/test_report_html.py."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import jsonschema

from coprod_check.views.report import report_schema
from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
THIS_YEAR = ROOT / "examples" / "results" / "this-year.toml"
BOX = re.compile("[\u2500-\u257f\u2580-\u259f]")


def test_report_command(run: RunFn) -> None:
    result = run("report", str(THIS_YEAR))
    assert result.code == 0, result.err
    assert "Riverside family hub" in result.out
    assert "Where you stand" in result.out


def test_report_plain(run: RunFn) -> None:
    result = run("report", str(THIS_YEAR), "--plain", env={"COLUMNS": "40"})
    assert result.code == 0, result.err
    assert "\x1b" not in result.out
    assert not BOX.search(result.out)
    assert max(len(line) for line in result.out.splitlines()) <= 40
    assert "Overall: Placation (stage 5 of 8)," in result.out


def test_report_markdown(run: RunFn) -> None:
    result = run("report", str(THIS_YEAR), "--format", "markdown")
    assert result.code == 0, result.err
    assert result.out.startswith("# Co-production report: Riverside family hub\n")
    assert "## What to do next" in result.out


def test_report_json(run: RunFn) -> None:
    result = run("report", str(THIS_YEAR), "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    jsonschema.validate(data, report_schema())
    assert data["schema"] == "coprod-check/report/1"


def test_report_schema(run: RunFn) -> None:
    result = run("report", "--schema")
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_report_missing_file(run: RunFn, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    result = run("report", str(missing))
    assert result.code == 2
    assert result.out == ""
    naming = [line for line in result.err.splitlines() if str(missing) in line]
    assert naming == [f"{missing}: file not found"]
    assert "Traceback" not in result.err


def test_report_on_a_file_that_is_not_results(run: RunFn, tmp_path: Path) -> None:
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = run("report", str(other))
    assert result.code == 2
    assert result.err.startswith(f"{other}: this is not a coprod-check results file")
    assert "Traceback" not in result.err


def test_report_on_an_answers_file(run: RunFn) -> None:
    answers = ROOT / "examples" / "answers-workshop.yaml"
    result = run("report", str(answers))
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(str(answers))
    assert "Traceback" not in result.err


def test_report_on_an_answers_file_says_what_it_is(run: RunFn) -> None:
    answers = ROOT / "examples" / "answers-workshop.yaml"
    result = run("report", str(answers))
    assert "not a coprod-check results file" in result.err
    assert "damaged" not in result.err


def test_report_output_never_overwrites_without_force(run: RunFn, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = run("report", str(THIS_YEAR), "--format", "markdown", "--output", str(target))
    assert result.code == 0, result.err
    assert result.out == ""
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Co-production report: Riverside family hub")
    target.write_text("keep me\n", encoding="utf-8")
    again = run("report", str(THIS_YEAR), "--format", "markdown", "--output", str(target))
    assert again.code == 2
    assert "already exists" in again.err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    forced = run("report", str(THIS_YEAR), "-f", "markdown", "-o", str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text(encoding="utf-8") == written


def test_report_output_of_the_terminal_format_is_plain(run: RunFn, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = run("report", str(THIS_YEAR), "--output", str(target))
    assert result.code == 0, result.err
    assert "\x1b" not in target.read_text(encoding="utf-8")


def test_report_writes_html_and_keeps_files(run: RunFn, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    source = str(THIS_YEAR)
    first = run("report", source, "--format", "html", "--output", str(target))
    assert first.code == 0, first.err
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    target.write_text("keep me", encoding="utf-8")
    again = run("report", source, "--format", "html", "--output", str(target))
    assert again.code == 2
    assert "already exists" in again.err
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run("report", source, "--format", "html", "--output", str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


# The TOML export: a results file that every command reads ----------------------------------

LAST_YEAR = ROOT / "examples" / "results" / "last-year.toml"
RESPONDENTS = ROOT / "examples" / "respondents"


def _export(run: RunFn, tmp_path: Path, *given: str) -> Path:
    """What `report --format toml` (or `combine --format toml`) writes, kept in a file."""
    made = run(*given, "--format", "toml")
    assert made.code == 0, made.err
    path = tmp_path / f"{given[0]}-export.toml"
    path.write_text(made.out, encoding="utf-8")
    return path


def test_issue15_a_toml_report_is_read_back_by_every_command(run: RunFn, tmp_path: Path) -> None:
    """It used to be a TOML file no command could read ("this is not a coprod-check results
    file"; explain said "unknown key 'pathway_title'")."""
    export = _export(run, tmp_path, "report", str(THIS_YEAR))
    for command in (
        ("report", str(export)),
        ("report", str(export), "--format", "json"),
        ("explain", str(export)),
        ("compare", str(LAST_YEAR), str(export)),
        ("trend", str(LAST_YEAR), str(export)),
        ("combine", str(LAST_YEAR), str(export)),
    ):
        done = run(*command)
        assert done.code == 0, (command, done.err)
    assert run("report", str(export)).out == run("report", str(THIS_YEAR)).out
    assert run("explain", str(export)).out == run("explain", str(THIS_YEAR)).out
    same = run("compare", str(THIS_YEAR), str(export))
    assert "Nothing went down." in same.out
    assert "(up " not in same.out
    assert "(down " not in same.out


def test_issue15_a_combined_toml_report_is_read_back_as_the_combined_result(
    run: RunFn, tmp_path: Path
) -> None:
    export = _export(run, tmp_path, "combine", str(RESPONDENTS))
    saved = tmp_path / "combined.toml"
    assert run("combine", str(RESPONDENTS), "--output", str(saved)).code == 0
    for command in (
        ("report", str(export)),
        ("compare", str(saved), str(export)),
        ("trend", str(saved), str(export)),
    ):
        done = run(*command)
        assert done.code == 0, (command, done.err)
    assert run("report", str(export)).out == run("report", str(saved)).out
    refused = run("combine", str(export), str(THIS_YEAR))  # as any combined result is
    assert refused.code == 2
    assert "already a combined result" in refused.err


def test_issue15_the_toml_export_keeps_the_results_whole_and_the_report_beside_them(
    run: RunFn, tmp_path: Path
) -> None:
    from coprod_check.files import results  # noqa: PLC0415 — the reader under test

    export = _export(run, tmp_path, "report", str(THIS_YEAR))
    assert results.read(export) == results.read(THIS_YEAR)
    data = tomllib.loads(export.read_text(encoding="utf-8"))
    assert data["schema"] == "coprod-check/result/1"
    report = data["report"]
    assert report["schema"] == "coprod-check/report/1"
    assert report["pathway_title"] == "Arnstein's ladder of participation, as a pathway"
    as_json = json.loads(run("report", str(THIS_YEAR), "--format", "json").out)
    assert report == _set(as_json)
    jsonschema.validate(report, report_schema())


def _set(value: object) -> object:
    """``value`` without the keys that are not set, as TOML keeps it (it has no null)."""
    if isinstance(value, dict):
        return {key: _set(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_set(item) for item in value]
    return value
