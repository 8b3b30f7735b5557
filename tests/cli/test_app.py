"""Every command and exit code (the frameworks, glossary and help commands), run as a user would
run them, in this process; tests/cli/test_process.py runs the few that need a real process."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_check import __version__
from tests.helpers import ROOT, Run, minimal_framework

RunFn = Callable[..., Run]


def test_version(run: RunFn) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out == f"coprod-check {__version__}\n"


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["frameworks"],
        ["frameworks", "list"],
        ["frameworks", "show"],
        ["frameworks", "validate"],
        ["frameworks", "schema"],
        ["glossary"],
    ],
    ids=lambda command: " ".join(command) or "root",
)
def test_help_on_every_command(run: RunFn, command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.code == 0
    assert "Usage:" in result.out


@pytest.mark.parametrize("command", ["report", "combine", "trend"])
def test_issue12_plain_promises_no_prompts_where_nothing_is_asked(run: RunFn, command: str) -> None:
    shown = " ".join(run(command, "--help").out.split())
    assert "--plain No colour or box drawing, for screen readers" in shown
    assert "prompts" not in shown


def test_issue12_plain_still_numbers_the_prompts_of_assess(run: RunFn) -> None:
    shown = " ".join(run("assess", "--help").out.split())
    assert "numbered prompts for screen readers" in shown


def test_no_arguments_shows_help(run: RunFn) -> None:
    result = run()
    assert "Usage:" in result.out + result.err
    assert "frameworks" in result.out + result.err


def test_unknown_command_is_a_usage_error(run: RunFn) -> None:
    result = run("frameworks", "lst")
    assert result.code == 2
    assert "Traceback" not in result.err


def test_list_shows_every_bundled_framework(run: RunFn, tmp_path: Path) -> None:
    result = run("frameworks", "list", cwd=tmp_path)  # works from any folder
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "VERSION", "QUESTIONS", "TITLE"]
    ids = {line.split()[0] for line in lines[1:] if not line.startswith(" ")}  # not a title's rest
    assert ids == {
        "arnstein",
        "tlap-ladder",
        "glossary",
        "five-areas",
        "funders",
        "scie-principles",
        "report-learning",
        "recommendations",
    }


@pytest.mark.parametrize("columns", [100, 80, 60, 40])
def test_issue15_frameworks_list_fits_the_width(run: RunFn, columns: int) -> None:
    result = run("frameworks", "list", env={"COLUMNS": str(columns)})
    assert result.code == 0, result.err
    assert max(len(line) for line in result.out.splitlines()) <= columns
    words = " ".join(result.out.split())
    for title in ("Think Local Act Personal's ladder of co-production, as a pathway",
                  "Advice for practitioners, funders and commissioners"):  # fmt: skip
        assert title in words, "each title is there whole, its words uncut"


def test_issue15_frameworks_list_is_a_block_each_when_too_narrow(run: RunFn) -> None:
    shown = run("frameworks", "list", env={"COLUMNS": "40"}).out
    assert re.search(r"\nfive-areas\n  questions [0-9.]+, [0-9]+ questions\n  The five", shown)


def test_list_as_json(run: RunFn) -> None:
    result = run("frameworks", "list", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    by_id = {item["id"]: item for item in data["frameworks"]}
    assert by_id["five-areas"]["kind"] == "questions"
    assert by_id["five-areas"]["questions"] > 0
    assert by_id["arnstein"]["source"] == "bundled"


def test_readme_listing_matches_the_real_output(run: RunFn) -> None:
    """The README shows real output; this keeps it true."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ coprod-check frameworks list\n", 1)[1].split("```", 1)[0]
    assert run("frameworks", "list").out == shown


@pytest.mark.parametrize(
    ("framework", "expected"),
    [
        ("arnstein", ["Citizen control", "Moving up:", "Tokenism"]),
        ("tlap-ladder", ["Co-production", "Doing with"]),
        ("five-areas", ["Questions (", "Guardrails", "places: design"]),
        ("glossary", ["tokenism", "reciprocity"]),
        ("recommendations", ["Recommendations (", "Report section:"]),
    ],
)
def test_show_outlines_a_framework(run: RunFn, framework: str, expected: list[str]) -> None:
    result = run("frameworks", "show", framework)
    assert result.code == 0, result.err
    for text in expected:
        assert text in result.out


def test_show_fits_forty_columns(run: RunFn) -> None:
    result = run("frameworks", "show", "scie-principles", env={"COLUMNS": "40"})
    assert result.code == 0
    too_wide = [line for line in result.out.splitlines() if len(line) > 40 and " " in line.strip()]
    assert too_wide == []


def test_show_unknown_framework(run: RunFn) -> None:
    result = run("frameworks", "show", "five-area")
    assert result.code == 2
    assert "no framework called 'five-area'" in result.err
    assert "did you mean 'five-areas'?" in result.err
    assert "Traceback" not in result.err


def test_validate_a_valid_file(run: RunFn, write_framework: Callable[..., Path]) -> None:
    path = write_framework(minimal_framework())
    result = run("frameworks", "validate", str(path), "--no-bundled")
    assert result.code == 0, result.err
    assert result.out == f"{path}: valid (questions 'tiny', 1 question)\n"


def test_validate_uses_bundled_glossary_and_dimensions(
    run: RunFn, write_framework: Callable[..., Path]
) -> None:
    framework = minimal_framework(id="mine", pathway=None, dimensions=[])
    framework["questions"] = [
        {
            "id": "my-question",
            "text": "Do you pay people for their time?",
            "help": "Reciprocity means everyone gets something back.",
            "type": "yes-no",
            "dimensions": ["reciprocity"],
            "terms": ["reciprocity"],
            "section": "Recognise people's contributions",
        }
    ]
    path = write_framework(framework)
    assert run("frameworks", "validate", str(path)).code == 0
    alone = run("frameworks", "validate", str(path), "--no-bundled")
    assert alone.code == 2
    assert f"{path}:" in alone.err
    assert "unknown dimension 'reciprocity'" in alone.err


def test_validate_reports_every_problem_with_its_place(
    run: RunFn, write_framework: Callable[..., Path]
) -> None:
    framework = minimal_framework()
    framework["questions"][0]["dimensions"] = ["makin"]
    framework["questions"][0]["choices"][1]["stage"] = {"steps": "shared"}
    path = write_framework(framework)
    result = run("frameworks", "validate", str(path), "--no-bundled")
    assert result.code == 2
    lines = [line for line in result.err.splitlines() if not line.startswith("  hint:")]
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:")
    assert "unknown dimension 'makin'" in lines[0]
    assert "unknown stage of steps 'shared'" in lines[1]
    assert "did you mean 'making'?" in result.err
    assert result.out == ""


def test_validate_missing_file(run: RunFn, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run("frameworks", "validate", str(missing))
    assert result.code == 2
    assert str(missing) in result.err
    assert "Traceback" not in result.err


def test_frameworks_dir_adds_and_replaces(
    run: RunFn, write_framework: Callable[..., Path], tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    write_framework(minimal_framework(), folder=folder)
    beside = run("frameworks", "list", "--frameworks-dir", str(folder))
    assert beside.code == 0, beside.err
    assert "tiny" in beside.out
    assert "five-areas" in beside.out
    instead = run("frameworks", "list", "--frameworks-dir", str(folder), "--no-bundled")
    rows = [line for line in instead.out.splitlines()[1:] if not line.startswith(" ")]
    assert [line.split()[0] for line in rows] == ["tiny"]


def test_frameworks_dir_from_environment(
    run: RunFn, write_framework: Callable[..., Path], tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    write_framework(minimal_framework(), folder=folder)
    result = run("frameworks", "list", env={"COPROD_CHECK_FRAMEWORKS": str(folder)})
    assert result.code == 0, result.err
    assert "tiny" in result.out


def test_same_id_replaces_the_bundled_framework(
    run: RunFn, write_framework: Callable[..., Path], tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    bundled = (ROOT / "frameworks" / "glossary.yaml").read_text(encoding="utf-8")
    write_framework(bundled.replace("title: Plain words", "title: Our own words"), "g.yaml", folder)
    result = run("frameworks", "list", "--frameworks-dir", str(folder))
    assert result.code == 0, result.err
    assert "Our own words" in result.out
    assert "Plain words for co-production" not in result.out


def test_missing_frameworks_dir(run: RunFn, tmp_path: Path) -> None:
    result = run("frameworks", "list", "--frameworks-dir", str(tmp_path / "absent"))
    assert result.code == 2
    assert "Traceback" not in result.err


def test_schema_prints_json_schema(run: RunFn) -> None:
    result = run("frameworks", "schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "Condition" in schema["$defs"]
    assert set(schema["required"]) >= {"schema", "id", "kind", "title", "version"}


def test_schema_output_never_overwrites(run: RunFn, tmp_path: Path) -> None:
    target = tmp_path / "framework.schema.json"
    first = run("frameworks", "schema", "--output", str(target))
    assert first.code == 0, first.err
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "coprod-check framework"
    target.write_text("mine", encoding="utf-8")
    again = run("frameworks", "schema", "--output", str(target))
    assert again.code == 2
    assert "--force" in again.err
    assert target.read_text(encoding="utf-8") == "mine"
    forced = run("frameworks", "schema", "--output", str(target), "--force")
    assert forced.code == 0
    assert target.read_text(encoding="utf-8").startswith("{")


def test_glossary_lists_and_defines(run: RunFn) -> None:
    everything = run("glossary")
    assert everything.code == 0
    assert "co-production" in everything.out
    one = run("glossary", "Lived Experience")
    assert one.code == 0
    assert one.out.startswith("lived experience\n")


def test_glossary_finds_other_forms(run: RunFn) -> None:
    result = run("glossary", "tokenistic")
    assert result.code == 0
    assert result.out.startswith("tokenism\n")


def test_glossary_unknown_term(run: RunFn) -> None:
    result = run("glossary", "tokenisn")
    assert result.code == 2
    assert "did you mean 'tokenism'?" in result.err


def test_issue15_short_version_option(run: RunFn) -> None:
    result = run("-V")
    assert result.code == 0, result.err
    assert result.out == f"coprod-check {__version__}\n"


def test_issue15_frameworks_list_takes_f_for_format(run: RunFn) -> None:
    result = run("frameworks", "list", "-f", "json")
    assert result.code == 0, result.err
    assert "arnstein" in {item["id"] for item in json.loads(result.out)["frameworks"]}


def test_issue15_shell_completion_is_offered(run: RunFn) -> None:
    shown = run("--help").out
    assert "--install-completion" in shown
    assert "--show-completion" in shown
    script = run("--show-completion", "bash")
    assert script.code == 0, script.err
    assert "_COPROD_CHECK_COMPLETE=complete_bash" in script.out


@pytest.mark.parametrize(
    ("words", "expected"),
    [("coprod-check rep", "report"), ("coprod-check check -f sa", "sarif")],
)
def test_issue15_shell_completion_completes(run: RunFn, words: str, expected: str) -> None:
    env = {
        "_COPROD_CHECK_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = run(env=env)
    assert result.code == 0, result.err
    assert result.out.split() == [expected]


HELP_PAGES = [
    [],
    ["frameworks"],
    *[[name] for name in ("assess", "explain", "report", "combine", "compare", "trend")],
    *[[name] for name in ("check", "init", "glossary")],
    *[["frameworks", name] for name in ("list", "show", "validate", "schema")],
]


def test_issue15_help_lists_every_command_summary_whole(run: RunFn) -> None:
    shown = run("--help").out
    commands = shown.split("Commands:\n", 1)[1]
    assert "..." not in commands
    flat = " ".join(commands.split())
    assert "saving after every answer." in flat
    assert "pathways, questions and advice." in flat
    assert "..." not in run("frameworks", "--help").out.split("Commands:\n", 1)[1]


@pytest.mark.parametrize("columns", [40, 60])
@pytest.mark.parametrize("page", HELP_PAGES, ids=lambda page: " ".join(page) or "root")
def test_issue15_help_fits_the_width_and_cuts_no_word(
    run: RunFn, page: list[str], columns: int
) -> None:
    narrow = run(*page, "--help", env={"COLUMNS": str(columns)})
    assert narrow.code == 0, narrow.err
    assert max(len(line) for line in narrow.out.splitlines()) <= columns
    words = set(run(*page, "--help", env={"COLUMNS": "100"}).out.split())
    assert [word for word in narrow.out.split() if word not in words] == []
