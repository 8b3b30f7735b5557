"""`coprod-check trend FILES...`: the same measures over time, oldest first, in every format."""

from __future__ import annotations

import html
import json
import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from coprod_check.views.trend import trend_schema
from tests.helpers import ROOT, Run, catalog_of, minimal_framework

RESULTS = ROOT / "examples" / "results"
FORMATS = ("terminal", "markdown", "html", "json", "toml")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    last = shutil.copy(RESULTS / "last-year.toml", tmp_path / "b-last.toml")
    this = shutil.copy(RESULTS / "this-year.toml", tmp_path / "a-this.toml")
    return Path(last), Path(this)


def test_points_are_ordered_by_date_not_by_argument(
    run: Callable[..., Run], files: tuple[Path, Path]
) -> None:
    last, this = files
    for order in ((this, last), (last, this)):
        result = run("trend", *map(str, order), "--format", "json")
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert [p["date"][:10] for p in data["points"]] == ["2025-11-20", "2026-11-19"]
        assert [p["overall"] for p in data["points"]] == ["consultation", "placation"]
        jsonschema.validate(data, trend_schema())


def test_plain_terminal_trend_reads_as_lines(
    run: Callable[..., Run], files: tuple[Path, Path]
) -> None:
    result = run("trend", *map(str, files), "--plain", env={"COLUMNS": "40"})
    assert result.code == 0, result.err
    out = result.out
    assert "Overall, up 1 stage since 2025-11-20: from Consultation" in " ".join(out.split())
    assert (
        "Share power responsibly: up 50 points\n  2025-11-20: 25, provisional\n"
        "  2026-11-19: 75, provisional" in out
    )
    assert "\x1b[" not in out
    assert all(len(line) <= 40 for line in out.splitlines())
    assert not any("\u2500" <= char <= "\u257f" for char in out)


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_shows_the_same_measures(
    run: Callable[..., Run], files: tuple[Path, Path], output_format: str
) -> None:
    result = run("trend", *map(str, files), "--format", output_format)
    assert result.code == 0, result.err
    out = result.out
    if output_format == "toml":
        data = tomllib.loads(out)
        assert [p["scores"]["share-power"] for p in data["points"]] == [25.0, 75.0]
        return
    if output_format == "json":
        data = json.loads(out)
        assert [p["areas"]["design"] for p in data["points"]] == ["consultation", "partnership"]
        return
    dates = (
        ("20 November 2025", "19 November 2026")
        if output_format == "html"
        else ("2025-11-20", "2026-11-19")
    )
    for text in ("Consultation", "Placation", "Partnership", *dates):
        assert text in out, (output_format, text)


def test_html_trend_has_a_chart_beside_a_table(
    run: Callable[..., Run], files: tuple[Path, Path]
) -> None:
    result = run("trend", *map(str, files), "--format", "html")
    assert result.code == 0, result.err
    page = result.out
    assert '<html lang="en">' in page
    assert "<svg" in page
    assert "<title" in page
    assert "<desc" in page
    assert "<table" in page
    assert "<script" not in page


def test_results_on_different_pathways_are_refused(
    run: Callable[..., Run], files: tuple[Path, Path], tmp_path: Path
) -> None:
    text = files[1].read_text(encoding="utf-8")
    text = text[: text.index("\n[results")].replace(
        'pathway = "arnstein"', 'pathway = "tlap-ladder"'
    )
    other = tmp_path / "ladder.toml"
    other.write_text(text, encoding="utf-8")
    result = run("trend", str(files[0]), str(other))
    assert result.code == 2
    assert "different pathways" in result.err
    assert "Traceback" not in result.err


def test_a_missing_file_is_named(run: Callable[..., Run], files: tuple[Path, Path]) -> None:
    result = run("trend", str(files[0]), "nowhere.toml")
    assert result.code == 2
    assert "nowhere.toml" in result.err
    assert len(result.err.strip().splitlines()) <= 2


def test_output_is_never_overwritten_without_force(
    run: Callable[..., Run], files: tuple[Path, Path], tmp_path: Path
) -> None:
    target = tmp_path / "trend.md"
    first = run("trend", *map(str, files), "--format", "markdown", "--output", str(target))
    assert first.code == 0, first.err
    kept = target.read_text(encoding="utf-8")
    assert kept.startswith("# How Riverside family hub moved")
    second = run("trend", *map(str, files), "--format", "markdown", "--output", str(target))
    assert second.code == 2
    assert target.read_text(encoding="utf-8") == kept
    forced = run("trend", *map(str, files), "-f", "markdown", "-o", str(target), "--force")
    assert forced.code == 0


def test_combined_results_join_trends_and_comparisons(
    run: Callable[..., Run], files: tuple[Path, Path], tmp_path: Path
) -> None:
    combined = tmp_path / "combined.toml"
    made = run(
        "combine", str(ROOT / "examples" / "respondents"), "--output", str(combined), "-f", "json"
    )
    assert made.code == 0, made.err
    trend = run("trend", str(combined), *map(str, files), "--format", "json")
    assert trend.code == 0, trend.err
    points = json.loads(trend.out)["points"]
    assert points[-1]["who"] == "6 respondents"
    assert points[-1]["combined"] is True
    compared = run("compare", str(files[1]), str(combined))
    assert compared.code == 0, compared.err
    assert "Overall: Placation, provisional -> Consultation (down 1 stage, provisional)" in (
        " ".join(compared.out.split())
    )


def test_issue12_item4_trend_schema_is_printed_and_the_json_trend_meets_it(
    run: Callable[..., Run], files: tuple[Path, Path]
) -> None:
    printed = run("trend", "--schema")
    assert printed.code == 0, printed.err
    schema = json.loads(printed.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "coprod-check trend"
    made = run("trend", *map(str, files), "--format", "json")
    assert made.code == 0, made.err
    jsonschema.validate(json.loads(made.out), schema)


def test_issue12_item4_trend_without_files_says_what_to_give(run: Callable[..., Run]) -> None:
    result = run("trend")
    assert result.code == 2
    assert result.err == "give one or more results files\n  hint: coprod-check trend FILES...\n"


def test_an_area_s_own_aim_is_named_and_a_changed_one_shown_where_it_was(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    """Issue 13: the trend says where an area aims when that is not the project's aim, and what
    it aimed for at an earlier point when the aim has changed since."""
    framework = minimal_framework()
    framework["dimensions"].append(
        {"id": "running", "kind": "area", "title": "Running", "description": "Running it.",
         "section": "Delivery"}
    )  # fmt: skip
    framework["questions"].append(
        {"id": "how-run", "text": "How do you run things?", "help": "Think of last week.",
         "type": "single", "dimensions": ["running"], "places": "running", "section": "Delivery",
         "choices": [{"id": "alone", "label": "Alone", "stage": {"steps": "told"}},
                     {"id": "together", "label": "Together", "stage": {"steps": "sharing"}}]}
    )  # fmt: skip
    folder = tmp_path / "frameworks"
    catalog_of(folder, framework)
    made = []
    for name, aim, day in (("old", "asked", "2025-01-01"), ("new", "told", "2026-01-01")):
        answers = tmp_path / f"{name}.yaml"
        answers.write_text(
            "schema: coprod-check/answers/1\nproject: Hub\n"
            "answers: {how-made: alone, how-run: together}\n"
            f"targets: {{making: {aim}}}\n",
            encoding="utf-8",
        )
        saved = tmp_path / f"{name}.toml"
        result = run("assess", "--answers", str(answers), "--output", str(saved),
                     "--frameworks-dir", str(folder), "--no-bundled")  # fmt: skip
        assert result.code == 0, result.err
        text = saved.read_text(encoding="utf-8")
        saved.write_text(text.replace(text.split('updated = "')[1][:10], day), encoding="utf-8")
        made.append(saved)
    result = run("trend", *map(str, made), "--plain", "--frameworks-dir", str(folder),
                 "--no-bundled", env={"COLUMNS": "60"})  # fmt: skip
    assert result.code == 0, result.err
    # The project aims, in the middle, for Told: Making's aim is not repeated, Running's is.
    assert "now at its target, Told" in " ".join(result.out.split())
    assert "Making: no change\n  2025-01-01: Told (aim: Asked)\n  2026-01-01: Told\n" in result.out
    assert "Running (aim: Sharing): no change\n  2025-01-01: Sharing\n" in result.out


@pytest.mark.parametrize("output_format", FORMATS)
def test_issue15_trend_marks_each_provisional_stage_and_score(
    run: Callable[..., Run], files: tuple[Path, Path], output_format: str
) -> None:
    """trend used to mark only the overall row: an area or a principle from a handful of
    answers looked as firm as any other."""
    result = run("trend", *map(str, files), "--format", output_format, env={"COLUMNS": "100"})
    assert result.code == 0, result.err
    if output_format in ("json", "toml"):
        data = json.loads(result.out) if output_format == "json" else tomllib.loads(result.out)
        for point in data["points"]:
            assert set(point["areas"]) <= set(point["areas_provisional"])  # TOML has no null
            assert point["areas_provisional"]["design"] is True
            assert point["areas_provisional"]["delivery"] is False  # not placed
            assert set(point["scores"]) <= set(point["scores_provisional"])
            assert point["scores_provisional"]["share-power"] is True
            assert point["scores_provisional"]["equality"] is False  # no score
        return
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", result.out)).split())
    for words in (
        "Design Consultation, provisional Partnership, provisional",
        "Share power responsibly 25, provisional 75, provisional",
        "Reciprocity 40, provisional 100, provisional",
        "from Consultation (provisional) to Placation (provisional)",
    ):
        cells = re.sub(r"[|│┃]", " ", text) if output_format != "html" else text
        assert words in " ".join(cells.split()), (output_format, words)


# -- issue 15: direction and a sparkline, at any width ---------------------------------------------

BARS = re.compile("[\u2581-\u2588]")


def _row(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(f" {name} "))


def test_issue15_each_row_shows_which_way_it_went_and_a_sparkline(
    run: Callable[..., Run], files: tuple[Path, Path]
) -> None:
    result = run("trend", *map(str, files), env={"COLUMNS": "100"})
    assert result.code == 0, result.err
    out = result.out
    assert "┃ Change" in out
    assert _row(out, "Design").endswith("│ \u2191 \u2584\u2586")  # up: Consultation, Partnership
    assert _row(out, "Voice").endswith("│ \u2193 \u2585\u2584")  # down: Placation, Consultation
    assert _row(out, "Reciprocity").endswith("│ \u2191 \u2584\u2588")  # 40, then 100
    assert _row(out, "Delivery").endswith("│ \u00b7")  # not placed: nothing to compare


def test_issue15_a_measure_that_stayed_put_points_level(
    run: Callable[..., Run], files: tuple[Path, Path], tmp_path: Path
) -> None:
    again = tmp_path / "c-again.toml"
    text = files[1].read_text(encoding="utf-8").replace("2026-11-19", "2026-12-01")
    again.write_text(text, encoding="utf-8")
    out = run("trend", str(files[1]), str(again), env={"COLUMNS": "120"}).out
    assert _row(out, "Design").endswith("│ \u2192 \u2586\u2586")
    plain = run("trend", str(files[1]), str(again), "--plain").out
    assert "Design: no change\n" in plain


def test_issue15_plain_trend_says_which_way_in_words(
    run: Callable[..., Run], files: tuple[Path, Path]
) -> None:
    out = run("trend", *map(str, files), "--plain").out
    for line in (
        "Overall: up 1 stage",
        "Design: up 2 stages",
        "Voice: down 1 stage",
        "Share power responsibly: up 50 points",
        "Access: cannot compare",
    ):
        assert f"\n{line}\n" in out, line
    assert not BARS.search(out)
    assert not re.search("[\u2190-\u2193]", out)


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_issue15_trend_fits_the_width_and_cuts_no_word(
    run: Callable[..., Run], files: tuple[Path, Path], columns: int
) -> None:
    out = run("trend", *map(str, files), env={"COLUMNS": str(columns)}).out
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "\u2026" not in out, "no cell is cut short"
    plain = run("trend", *map(str, files), "--plain", env={"COLUMNS": "200"}).out
    words = {word.strip(":,.()") for word in plain.split()}
    shown = {word.strip(":,.()") for word in out.split() if any(c.isalnum() for c in word)}
    assert shown - words <= {"Change", "Measure"}, "each word whole, as the plain trend has it"
    assert {"Decision-making", "Consultation", "responsibly"} <= shown


def test_issue15_one_result_has_no_change_to_show(
    run: Callable[..., Run], files: tuple[Path, Path]
) -> None:
    out = run("trend", str(files[1])).out
    assert "Change" not in out
    assert "\u2191" not in out
