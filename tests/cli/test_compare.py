"""`coprod-check compare BEFORE AFTER`: movement between two results, and --fail-if-worse."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.helpers import Run, run_here

BEFORE = """\
schema: coprod-check/answers/1
answers:
  design-stage: asked-staff-decide
  design-timing: after-decisions
  voice-stage: invited-to-speak
  recognition-of-time: thanks-only
"""
BETTER = """\
schema: coprod-check/answers/1
answers:
  design-stage: design-together
  design-timing: while-options-open
  voice-stage: invited-to-speak
  recognition-of-time: agreed-with-each
"""
WORSE = """\
schema: coprod-check/answers/1
answers:
  design-stage: told
  design-timing: after-decisions
  voice-stage: invited-to-speak
  recognition-of-time: thanks-only
"""


def _cli(tmp_path: Path, *args: str) -> Run:
    return run_here(*args, cwd=tmp_path)


def _results(tmp_path: Path, name: str, answers: str, *extra: str) -> str:
    (tmp_path / f"{name}.yaml").write_text(answers, encoding="utf-8")
    made = _cli(
        tmp_path, "assess", "--project", "Hub", "--answers", f"{name}.yaml",
        "--skip-unanswered", "--output", f"{name}.toml", *extra,
    )  # fmt: skip
    assert made.code == 0, made.err
    return f"{name}.toml"


def test_better_results_show_movement_up(tmp_path: Path) -> None:
    before = _results(tmp_path, "before", BEFORE)
    after = _results(tmp_path, "after", BETTER)
    result = _cli(tmp_path, "compare", before, after, "--fail-if-worse")
    assert result.code == 0, result.out + result.err
    out = result.out
    assert (
        "Design: Consultation, provisional -> Partnership, provisional (up 2 stages, provisional)"
        in " ".join(out.split())
    )
    assert "Reciprocity: 40, provisional -> 100, provisional (+60, provisional)" in out
    assert "Involve people before anything is decided" in out.split("Advice now met")[1]
    assert "Nothing went down." in out


def test_worse_results_fail_when_asked(tmp_path: Path) -> None:
    before = _results(tmp_path, "before", BEFORE)
    after = _results(tmp_path, "after", WORSE)
    plain = _cli(tmp_path, "compare", before, after)
    assert plain.code == 0
    text = " ".join(plain.out.split())
    assert (
        "Design: Consultation, provisional -> Informing, provisional (down 1 stage, provisional)"
        in text
    )
    assert "Went down: overall (provisional), design (provisional)." in text
    gated = _cli(tmp_path, "compare", before, after, "--fail-if-worse")
    assert gated.code == 1


def test_different_pathways_are_never_mixed(tmp_path: Path) -> None:
    before = _results(tmp_path, "before", BEFORE)
    after = _results(tmp_path, "after", BETTER, "--pathway", "tlap-ladder")
    result = _cli(tmp_path, "compare", before, after)
    assert result.code == 2
    assert "different pathways (arnstein and tlap-ladder)" in result.err


def test_an_unfinished_results_file_is_compared_from_its_answers(tmp_path: Path) -> None:
    before = _results(tmp_path, "before", BEFORE)
    after = _results(tmp_path, "after", BETTER)
    text = (tmp_path / after).read_text(encoding="utf-8")
    cut = text.split("\n[results]")[0].replace("complete = true", "complete = false") + "\n"
    (tmp_path / after).write_text(cut, encoding="utf-8")
    assert "results" not in tomllib.loads(cut)
    result = _cli(tmp_path, "compare", before, after)
    assert result.code == 0, result.err
    assert (
        "Design: Consultation, provisional -> Partnership, provisional (up 2 stages, provisional)"
        in " ".join(result.out.split())
    )


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    before = _results(tmp_path, "before", BEFORE)
    result = _cli(tmp_path, "compare", before, "nope.toml")
    assert result.code == 2
    assert "nope.toml: file not found" in result.err
    assert "Traceback" not in result.err


def test_issue15_compare_marks_what_rests_on_few_answers(tmp_path: Path) -> None:
    """Four answers each: every stage, move and score they give is marked provisional."""
    before = _results(tmp_path, "before", BEFORE)
    after = _results(tmp_path, "after", BETTER)
    done = _cli(tmp_path, "compare", before, after)
    assert done.code == 0, done.err
    assert "Provisional: some of these stages and scores rest on fewer than half" in done.out
    text = " ".join(done.out.split())
    assert (
        "Design: Consultation, provisional -> Partnership, provisional (up 2 stages, provisional)"
        in text
    )
    assert "Share power responsibly: 25, provisional -> 75, provisional (+50, provisional)" in text
    assert "Decision-making: not placed -> not placed (cannot compare)" in text
