"""A funder or commissioner answers the self-check (issue 14, item 3): `assess` asks them its
questions and takes their answers, `report` and `explain` show their practice scores and the advice
for funders, and anyone else skips the self-check without it counting as unanswered."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from coprod_check.frameworks.load import load_catalog
from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
FUNDER_ANSWERS = ROOT / "examples" / "answers-funder.yaml"
OWN_ADVICE = [
    "Set money aside for co-production in every grant",
    "Let the projects you fund pay people for their time",
    "Share the choice of what you buy and who runs it",
]


@pytest.fixture
def funder_results(run: RunFn, tmp_path: Path) -> Path:
    output = tmp_path / "funder.toml"
    result = run(
        "assess",
        "--answers",
        str(FUNDER_ANSWERS),
        "--framework",
        "funders",
        "--output",
        str(output),
    )
    assert result.code == 0, result.err
    return output


def test_issue14_the_end_screen_gives_a_funder_the_funders_advice(
    run: RunFn, tmp_path: Path
) -> None:
    """The results assess saves, and its end screen, give the advice for the respondent's role:
    a funder's used to get the practitioners' advice, so none of the self-check's."""
    output = tmp_path / "funder.toml"
    result = run(
        "assess", "--answers", str(FUNDER_ANSWERS), "--framework", "funders", "--output",
        str(output), env={"COLUMNS": "100"},
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Finished: 15 of 16 questions answered." in result.out
    assert "Practices (0 to 100):" in result.out
    assert "Time and money for co-production: 47" in result.out
    assert OWN_ADVICE[0] in result.out
    saved = tomllib.loads(output.read_text(encoding="utf-8"))
    assert saved["meta"]["role"] == "funder"
    assert "budget-for-co-production" in saved["results"]["recommendations"]


def test_issue14_funder_self_check_is_assessed_and_reported(
    run: RunFn, funder_results: Path
) -> None:
    result = run("report", str(funder_results), "--plain", "--all", env={"COLUMNS": "100"})
    assert result.code == 0, result.err
    assert "(Funder or commissioner)" in result.out
    assert "Practices" in result.out
    assert "Time and money for co-production: 47 out of 100 (answered 3 of 3)" in result.out
    for title in OWN_ADVICE:
        assert title in result.out
    assert "for practitioners" not in result.out


def test_issue14_funder_advice_in_markdown_and_html(run: RunFn, funder_results: Path) -> None:
    markdown = run("report", str(funder_results), "--format", "markdown", "--audience", "funders")
    assert markdown.code == 0, markdown.err
    assert "Practices" in markdown.out
    assert OWN_ADVICE[0] in markdown.out
    html = run("report", str(funder_results), "--format", "html")
    assert html.code == 0, html.err
    assert '<h3 id="scores-practice">Practices</h3>' in html.out
    assert "Sharing power over funding and commissioning" in html.out
    assert OWN_ADVICE[0] in html.out


def test_issue14_explain_shows_why_a_funder_gets_each_piece_of_advice(
    run: RunFn, funder_results: Path
) -> None:
    result = run("explain", str(funder_results), "--all", env={"COLUMNS": "100"})
    assert result.code == 0, result.err
    assert "Practices" in result.out
    assert OWN_ADVICE[1] in result.out
    asked = "Can the projects you fund pay people for the time they give?"
    assert f"You answered 'No' to \"{asked}\"" in result.out
    assert 'Report section: "Recognise people\'s contributions"' in result.out


def test_issue14_explain_reads_the_funder_answers_file(run: RunFn) -> None:
    result = run("explain", str(FUNDER_ANSWERS), "--audience", "funders")
    assert result.code == 0, result.err
    assert OWN_ADVICE[0] in result.out


def test_issue14_practitioners_reading_funder_results_are_pointed_to_its_advice(
    run: RunFn, funder_results: Path
) -> None:
    result = run("report", str(funder_results), "--plain", "--audience", "practitioners")
    assert result.code == 0, result.err
    for title in OWN_ADVICE:
        assert title not in result.out
    assert "for funders and commissioners also came up" in result.out


def test_issue14_staff_and_people_skip_the_self_check_and_it_is_not_unanswered(
    run: RunFn, tmp_path: Path
) -> None:
    """Someone answering every question asked of them needs no --skip-unanswered: the funders'
    questions are not theirs, and the counts leave them out."""
    catalog = load_catalog()
    own = {q.id for q in catalog.questions.values() if catalog.owner[q.id] == "funders"}
    others = [
        "--framework=" + item.framework.id
        for item in catalog.frameworks
        if item.framework.questions and item.framework.id != "funders"
    ]
    for role in ("staff", "lived-experience"):
        asked = [question.id for question in catalog.questions_for(role)]
        assert asked
        assert own.isdisjoint(asked)
        answers = tmp_path / f"{role}.yaml"
        data = {
            "schema": "coprod-check/answers/1",
            "role": role,
            "answers": {question: {"skip": True} for question in asked},
        }
        answers.write_text(yaml.safe_dump(data), encoding="utf-8")
        counts = []
        for name, scope in (("all", []), ("without-funders", others)):
            output = tmp_path / f"{role}-{name}.toml"
            result = run("assess", "--answers", str(answers), *scope, "--output", str(output))
            assert result.code == 0, result.err
            finished = re.search(r"Finished: 0 of (\d+) questions answered", result.out)
            assert finished is not None, result.out
            report = run("report", str(output), "--plain", env={"COLUMNS": "100"})
            assert report.code == 0, report.err
            said = re.search(r"Questions answered: 0 of (\d+)", report.out)
            assert said is not None, report.out
            counts.append((finished.group(1), said.group(1)))
        assert counts[0] == counts[1], "the self-check adds nothing to their questions"


def test_issue14_combined_with_staff_a_funder_s_practices_keep_their_counts(
    run: RunFn, tmp_path: Path
) -> None:
    """Staff are asked none of the self-check, so the combined counts are the funder's; they were
    the lower middle of everyone's, 0 of 0 beside a score."""
    folder = tmp_path / "respondents"
    folder.mkdir()
    every = [
        f"--framework={i.framework.id}" for i in load_catalog().frameworks if i.framework.questions
    ]
    for name, answers in (("staff", "answers-workshop.yaml"), ("funder", "answers-funder.yaml")):
        # A funder answers the self-check alone unless told otherwise: here, every framework,
        # so that the two results are alike and combine.
        made = run("assess", "--answers", str(ROOT / "examples" / answers), "--skip-unanswered",
                   *every, "--output", str(folder / f"{name}.toml"))  # fmt: skip
        assert made.code == 0, made.err
    combined = run("combine", str(folder), "--output", str(tmp_path / "combined.toml"))
    assert combined.code == 0, combined.err
    assert "Left out" not in combined.out + combined.err
    report = run("report", str(tmp_path / "combined.toml"), "--format", "json")
    assert report.code == 0, report.err
    scores = {score["id"]: score for score in json.loads(report.out)["scores"]}
    money = scores["money-for-co-production"]
    assert (money["score"], money["answered"], money["total"]) == (46.7, 3, 3)
    assert money["provisional"] is False
    assert money["by_role"]["funder"] == 46.7


# -- at a terminal -------------------------------------------------------------------------------


def _command() -> str | None:
    beside = Path(sys.executable).parent / "coprod-check"
    return str(beside) if beside.exists() else shutil.which("coprod-check")


def _spawn(tmp_path: Path, *args: str) -> Any:
    pexpect = pytest.importorskip("pexpect")
    command = _command()
    if command is None or sys.platform == "win32":
        pytest.skip("needs the installed command and a POSIX terminal")
    env = {**os.environ, "COPROD_CHECK_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    env.pop("COPROD_CHECK_FRAMEWORKS", None)
    child = pexpect.spawn(
        command, ["assess", *args], env=env, cwd=str(tmp_path), dimensions=(40, 100),
        timeout=20, encoding="utf-8", codec_errors="replace",
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    child.delaybeforesend = None
    return child


def test_issue14_a_funder_at_a_terminal_is_asked_the_self_check(tmp_path: Path) -> None:
    """Answering 1 to each: no money set aside, plans held to, staff choose bids alone
    (so the question on training the people who help choose is not asked)."""
    child = _spawn(tmp_path, "--role", "funder", "--framework", "funders", "--plain",
                   "--project", "Council", "--output", "council.toml")  # fmt: skip
    child.expect_exact("1 of 15")  # and one more if someone helps staff choose bids
    child.expect_exact("is there money set aside for involving people?")
    asked = 0
    while child.expect_exact(["Answer: ", "Note: ", "Finished: "]) != 2:
        if child.after == "Answer: ":
            child.sendline("1")
            asked += 1
        else:
            child.sendline("")
        assert asked <= 16
    child.expect_exact("Practices (0 to 100):")
    child.expect_exact("Let plans change, and guide rather than set rules")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert asked == 15
    saved = tomllib.loads((tmp_path / "council.toml").read_text(encoding="utf-8"))
    assert saved["meta"]["role"] == "funder"
    assert "support-to-choose" not in saved["answers"]
    assert saved["answers"]["funding-set-aside"]["choice"] == "none"


def test_issue14_choosing_funder_at_the_start_asks_the_funders_questions(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--framework", "funders", "--plain", "--project", "Council",
                   "--output", "council.toml")  # fmt: skip
    child.expect_exact("Who are you answering as?")
    child.expect_exact("> ")
    choices = [line for line in str(child.before).splitlines() if "Funder or commissioner" in line]
    child.sendline(choices[-1].strip().split(".", 1)[0])
    child.expect_exact("optional")
    child.sendline("")
    child.expect_exact("is there money set aside for involving people?")
    child.expect_exact("Answer: ")
    child.sendintr()
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    saved = tomllib.loads((tmp_path / "council.toml").read_text(encoding="utf-8"))
    assert saved["meta"]["role"] == "funder"


def test_issue14_a_report_leaves_out_what_its_respondent_was_not_asked(
    run: RunFn, tmp_path: Path, funder_results: Path
) -> None:
    """A project's report shows no funders' practices ("0 of 0"), and a funder's no project
    principles it was never asked."""
    staff = tmp_path / "staff.toml"
    made = run("assess", "--answers", str(ROOT / "examples" / "answers-workshop.yaml"),
               "--skip-unanswered", "--output", str(staff))  # fmt: skip
    assert made.code == 0, made.err
    for results, present, absent in (
        (staff, "principle", "practice"),
        (funder_results, "practice", "principle"),
    ):
        report = run("report", str(results), "--format", "json")
        assert report.code == 0, report.err
        kinds = {score["kind"] for score in json.loads(report.out)["scores"]}
        assert present in kinds
        assert absent not in kinds
        assert "0 of 0" not in run("report", str(results), "--plain").out
