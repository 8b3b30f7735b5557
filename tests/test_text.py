"""Issue 11, item 7: no character that acts on a terminal or reorders text, from a file or the
command line, reaches any output as it is. ESC sequences (colour, window title, clear screen),
the C1 control CSI and the bidirectional overrides show as U+FFFD in text, Markdown and HTML, and
as ``\\uXXXX`` escapes in JSON and TOML, which keep the text exactly."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
import tomli_w
import yaml

from coprod_check.files import results
from coprod_check.text import escape_unsafe, safe_data, safe_text, wrap
from tests.helpers import ROOT, Run, minimal_framework

Runner = Callable[..., Run]

HOSTILE = (
    "Hub\x1b[31m red\x1b]0;title\x07\x1b[2J\x9b31m \u202eevil\u202c \u2066x\u2069"
    " \u202a\u202b\u202d\u2067\u2068\u200e\u200f\u061c\x7f\x00\r end"
)
"""Colour, window title and clear-screen sequences, a bell, C1 CSI, every bidi control, DEL."""
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Written out here again, so the tests do not take the code's word for what is unsafe."""
FORMATS = ["terminal", "markdown", "html", "json", "toml"]
RESULTS = ROOT / "examples" / "results"
RESPONDENTS = ROOT / "examples" / "respondents"


def assert_safe(done: Run) -> None:
    for name, text in (("stdout", done.out), ("stderr", done.err)):
        found = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(text)})
        assert not found, f"{name} shows {', '.join(found)} as they are"


def _hostile(source: Path, target: Path, who: str = HOSTILE) -> Path:
    """A copy of a results file whose project, respondent and first note are hostile."""
    read = results.read(source)
    meta = msgspec.structs.replace(read.meta, project=HOSTILE, respondent=who)
    first, answer = next(iter(read.answers.items()))
    answers = {**read.answers, first: msgspec.structs.replace(answer, note=HOSTILE)}
    results.write(target, msgspec.structs.replace(read, meta=meta, answers=answers))
    return target


@pytest.fixture
def two_years(tmp_path: Path) -> tuple[Path, Path]:
    return (
        _hostile(RESULTS / "last-year.toml", tmp_path / "last-year.toml"),
        _hostile(RESULTS / "this-year.toml", tmp_path / "this-year.toml"),
    )


def _shown(done: Run, output_format: str) -> None:
    """The hostile text is there, made safe: visibly replaced, or escaped and kept exactly."""
    assert done.code == 0, done.err
    assert_safe(done)
    if output_format == "json":
        assert json.loads(done.out)["project"] == HOSTILE
    elif output_format == "toml":
        data = tomllib.loads(done.out)
        if "report" in data:  # a TOML report is its results file, with the report beside it
            assert data["meta"]["project"] == HOSTILE
            data = data["report"]
        assert data["project"] == HOSTILE
    else:
        assert "\ufffd[2J" in done.out.replace("\\", "")  # Markdown escapes the [


def test_safe_text_replaces_every_unsafe_character_and_keeps_the_rest() -> None:
    kept = "Tab\tand\nline feed, é, 漢字, שלום, مرحبا, 👩🏽‍🦱, U+FFFD \ufffd"
    assert safe_text(kept) == kept
    cleaned = safe_text(HOSTILE)
    assert not UNSAFE.search(cleaned)
    assert cleaned.startswith("Hub\ufffd[31m red\ufffd]0;title\ufffd\ufffd[2J\ufffd31m \ufffdevil")
    assert len(cleaned) == len(HOSTILE)


def test_escaped_json_and_toml_read_back_exactly() -> None:
    data = {"project": HOSTILE, HOSTILE: [HOSTILE]}
    written = escape_unsafe(json.dumps(data, ensure_ascii=False))
    assert not UNSAFE.search(written)
    assert json.loads(written) == data

    toml = escape_unsafe(tomli_w.dumps(data))
    assert not UNSAFE.search(toml)
    assert tomllib.loads(toml) == data


class Inner(msgspec.Struct, frozen=True):
    note: str
    count: int = 0


class Outer(msgspec.Struct, frozen=True):
    name: str
    inner: list[Inner]
    by_key: dict[str, str | None]


def test_safe_data_cleans_every_string_in_a_struct_keys_too() -> None:
    hostile = Outer(HOSTILE, [Inner(HOSTILE, 3)], {HOSTILE: HOSTILE, "none": None})
    safe = safe_text(HOSTILE)
    assert safe_data(hostile) == Outer(safe, [Inner(safe, 3)], {safe: safe, "none": None})


@pytest.mark.parametrize("plain", [False, True])
@pytest.mark.parametrize("output_format", FORMATS)
def test_issue11_item7_report(
    run: Runner, two_years: tuple[Path, Path], output_format: str, plain: bool
) -> None:
    extra = ["--plain"] if plain else []
    _shown(run("report", str(two_years[1]), "-f", output_format, *extra), output_format)


@pytest.mark.parametrize("plain", [False, True])
@pytest.mark.parametrize("output_format", FORMATS)
def test_issue11_item7_trend(
    run: Runner, two_years: tuple[Path, Path], output_format: str, plain: bool
) -> None:
    """`trend` printed a project name's ESC sequences raw."""
    extra = ["--plain"] if plain else []
    done = run("trend", *map(str, two_years), "-f", output_format, *extra)
    _shown(done, output_format)


def test_issue11_item7_a_report_written_to_a_file(
    run: Runner, two_years: tuple[Path, Path]
) -> None:
    out = two_years[1].parent / "report.md"
    done = run("report", str(two_years[1]), "-f", "markdown", "-o", str(out))
    assert done.code == 0, done.err
    assert not UNSAFE.search(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("output_format", FORMATS)
def test_issue11_item7_combine_and_its_messages(
    run: Runner, tmp_path: Path, output_format: str
) -> None:
    folder = tmp_path / "people"
    folder.mkdir()
    for person in sorted(RESPONDENTS.glob("*.toml")):
        _hostile(person, folder / person.name, who=f"{person.stem} {HOSTILE}")
    (folder / "broken \x1b[2J\u202e.toml").write_text("[[", encoding="utf-8")
    done = run(
        *("combine", str(folder), "--names", "--skip-invalid", "--format", output_format),
        *("--output", str(tmp_path / "all \x1b]0;t\x07\u202e.toml")),
    )
    _shown(done, output_format)
    assert "skipped 1 file" in done.err
    assert "Saved the combined result" in done.err


def test_issue11_item7_compare(run: Runner, tmp_path: Path) -> None:
    before = _hostile(RESULTS / "last-year.toml", tmp_path / "before \x1b[2J\u202e.toml")
    after = _hostile(RESULTS / "this-year.toml", tmp_path / "after \x9b31m\u2066.toml")
    done = run("compare", str(before), str(after))
    assert done.code == 0, done.err
    assert_safe(done)
    assert "before \ufffd[2J\ufffd.toml" in done.out


@pytest.fixture
def hostile_framework(tmp_path: Path) -> Path:
    framework = minimal_framework()
    framework["title"] = f"Tiny {HOSTILE}"
    framework["dimensions"][0]["title"] = f"Making {HOSTILE}"
    framework["pathway"]["stages"][0]["title"] = f"Told {HOSTILE}"
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(
        yaml.safe_dump(framework, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def test_issue11_item7_explain_frameworks_and_the_assess_summary(
    run: Runner, tmp_path: Path, hostile_framework: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "schema: coprod-check/answers/1\nproject: Tiny\nanswers:\n  how-made: alone\n",
        encoding="utf-8",
    )
    given = ["--no-bundled", "--frameworks-dir", str(hostile_framework)]
    out = tmp_path / "results \x1b[2J\u202e.toml"
    for arguments in (
        ["explain", str(answers)],
        ["frameworks", "show", "tiny"],
        ["frameworks", "list"],
        ["frameworks", "list", "--format", "json"],
        ["assess", "--answers", str(answers), "--output", str(out)],
    ):
        done = run(*arguments, *given)
        assert done.code == 0, (arguments, done.err)
        assert_safe(done)
        assert "\ufffd" in done.out or arguments[-1] == "json"


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif", "junit", "markdown"])
def test_issue11_item7_check(run: Runner, tmp_path: Path, output_format: str) -> None:
    plan = tmp_path / "plan \x1b[2J\u202e.yaml"
    plan.write_bytes((ROOT / "examples" / "plans" / "weak.yaml").read_bytes())
    done = run("check", str(plan), "--format", output_format)
    assert done.code == 1, done.err
    assert_safe(done)


def test_issue11_item7_error_messages(run: Runner, tmp_path: Path) -> None:
    done = run("report", str(tmp_path / "missing \x1b[2J\u202e.toml"))
    assert done.code == 2
    assert_safe(done)
    assert "missing \ufffd[2J\ufffd.toml" in done.err


def test_issue15_wrap_never_cuts_a_word() -> None:
    link = "https://www.tnlcommunityfund.org.uk/insights/a-meeting-of-minds"
    lines = wrap(f"See {link} for the report.", 30, "  ")
    assert lines == ["  See", f"  {link}", "  for the report."]
