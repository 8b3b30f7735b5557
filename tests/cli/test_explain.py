"""`coprod-check explain`: the whole reasoning from an answers file, and its errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema

from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
EXAMPLE = ROOT / "examples" / "answers-workshop.yaml"


def test_explain_the_example(run: RunFn) -> None:
    result = run("explain", str(EXAMPLE))
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Where you stand on Arnstein's ladder")
    assert "Overall: Consultation (Tokenism)" in out
    assert "Held back to Consultation: Views are asked for only after decisions are made." in out
    assert "Research: does not apply" in out
    assert "To move up a stage" in out
    assert "Recommendations (5 of " in out
    assert "Because: " in out
    assert 'Report section: "' in out


def test_explain_all_shows_every_recommendation(run: RunFn) -> None:
    shown = run("explain", str(EXAMPLE), "--all").out
    total = shown.split("Recommendations (", 1)[1].split(" of ", 1)[0]
    assert int(total) > 5
    assert "add --all" not in shown


def test_explain_on_the_other_pathway(run: RunFn) -> None:
    result = run("explain", str(EXAMPLE), "--pathway", "tlap-ladder")
    assert result.code == 0, result.err
    assert "Where you stand on Think Local Act Personal" in result.out
    assert "(Doing for)" in result.out


def test_explain_unknown_pathway(run: RunFn) -> None:
    result = run("explain", str(EXAMPLE), "--pathway", "ladder")
    assert result.code == 2
    assert "no pathway called 'ladder'" in result.err
    assert "arnstein" in result.err


def _answers(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text("schema: coprod-check/answers/1\n" + body, encoding="utf-8")
    return path


def test_unknown_question_names_the_line(run: RunFn, tmp_path: Path) -> None:
    path = _answers(tmp_path, "answers:\n  design-stage: told\n  desing-timing: after-decisions\n")
    result = run("explain", str(path))
    assert result.code == 2
    assert f"{path}:4:3: unknown question 'desing-timing'" in result.err
    assert "did you mean 'design-timing'?" in result.err
    assert "Traceback" not in result.err


def test_unknown_choice_names_the_line(run: RunFn, tmp_path: Path) -> None:
    path = _answers(tmp_path, "answers:\n  design-stage: tolds\n")
    result = run("explain", str(path))
    assert result.code == 2
    assert f"{path}:3:17: 'tolds' is not a choice of question 'design-stage'" in result.err
    assert "did you mean 'told'?" in result.err


def test_every_bad_answer_is_reported(run: RunFn, tmp_path: Path) -> None:
    path = _answers(
        tmp_path,
        "answers:\n  design-stage: [told, asked-staff-decide]\n  voice-stage: {choise: x}\n",
    )
    result = run("explain", str(path))
    assert result.code == 2
    assert f"{path}:3:" in result.err
    assert "takes one choice" in result.err
    assert f"{path}:4:" in result.err
    assert "unknown key 'choise'" in result.err


def test_unknown_top_level_key(run: RunFn, tmp_path: Path) -> None:
    path = _answers(tmp_path, "answer:\n  design-stage: told\n")
    result = run("explain", str(path))
    assert result.code == 2
    assert f"{path}:2:1: unknown key 'answer'" in result.err
    assert "did you mean 'answers'?" in result.err


def test_notes_text_and_skips_are_accepted(run: RunFn, tmp_path: Path) -> None:
    path = _answers(
        tmp_path,
        "answers:\n"
        "  design-stage: {choice: told, note: We tell people at the open day.}\n"
        "  voice-what-changed: {text: The café now opens on Saturdays.}\n"
        "  voice-stage: {skip: true}\n"
        "  research-stage: not-applicable\n",
    )
    result = run("explain", str(path))
    assert result.code == 0, result.err
    assert "Voice: not placed yet" in result.out
    assert "Research: does not apply" in result.out


def test_explain_missing_file(run: RunFn, tmp_path: Path) -> None:
    result = run("explain", str(tmp_path / "none.yaml"))
    assert result.code == 2
    assert "file not found" in result.err


def test_the_worked_example_in_the_scoring_guide_holds(run: RunFn) -> None:
    """docs/scoring.md works an example by hand; the tool must agree with it."""
    guide = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    assert "(40 + 75 + 100) ÷ 3 = **71.7**" in guide
    assert "design-stage (100) and design-timing (25): **62.5**" in guide
    out = run("explain", str(ROOT / "examples" / "answers-worked-example.yaml"), "--all").out
    for line in [
        "Overall: Consultation (Tokenism) (provisional)",
        "Areas range from Consultation (Tokenism) to Partnership (Citizen power).",
        "Design: Consultation (Tokenism) (provisional)",
        "Decision-making: Consultation (Tokenism) (provisional)",
        "Delivery: Partnership (Citizen power) (provisional)",
        "Voice: Placation (Tokenism) (provisional)",
        "Research: does not apply",
        "    Reciprocity: 72 (3 of 5 answered)",
        "    Design: 62 (2 of 5 answered, provisional)",
        "  - Its target is Partnership, 2 stages up.",
        "Rules that hold (3), whether or not they changed a stage",
        "1. Involve people before anything is decided (high priority, for practitioners)",
        "  - Move any one of these areas up a stage: Decision-making, Design",
    ]:
        assert line.strip() in [shown.strip() for shown in out.splitlines()], line


def test_none_of_these_stands_alone(run: RunFn, tmp_path: Path) -> None:
    path = _answers(tmp_path, "answers:\n  decision-board-support: [training, none]\n")
    result = run("explain", str(path))
    assert result.code == 2
    assert f"{path}:3:" in result.err
    assert "'none' cannot be chosen with other choices" in result.err


def test_explain_as_json_matches_its_schema_and_carries_the_judgement(run: RunFn) -> None:
    example = str(ROOT / "examples" / "answers-worked-example.yaml")
    data = json.loads(run("explain", example, "--format", "json").out)
    schema = json.loads(run("explain", "--schema").out)
    jsonschema.validate(data, schema)
    assert data["schema"] == "coprod-check/explanation/1"
    design = next(area for area in data["areas"] if area["area"] == "design")
    assert (design["stage"], design["target"], design["gap"]) == ("consultation", "partnership", 2)
    rules = {rule["id"]: rule for rule in data["rules"]}
    assert rules["views-after-decisions"]["effect"] == "holds-back"
    assert rules["views-after-decisions"]["because"][0]["question"] == "design-timing"
    assert rules["no-recognition"]["effect"] == "warns"
    assert len(data["recommendations"]) == 5
    assert data["more_recommendations"] > 0
    assert data["recommendations"][0]["lifts"] == ["views-after-decisions"]
    everything = json.loads(run("explain", example, "-f", "json", "--all").out)
    assert everything["more_recommendations"] == 0
    assert len(everything["recommendations"]) == 5 + data["more_recommendations"]


def test_explain_as_markdown_lists_the_rules_that_hold(run: RunFn) -> None:
    out = run(
        "explain", str(ROOT / "examples" / "answers-worked-example.yaml"), "-f", "markdown"
    ).out
    assert out.startswith("# Where you stand on ")
    assert "## Rules that hold" in out
    assert "\\[CP109\\]: holds back Design, Decision-making" in out
    assert "## Recommendations (5 of " in out


def test_funders_advice_is_given_to_funders_only(run: RunFn) -> None:
    example = str(ROOT / "examples" / "answers-worked-example.yaml")
    practitioners = run("explain", example, "--all").out
    funders = run("explain", example, "--all", "--audience", "funders").out
    assert "for funders)" not in practitioners
    assert "for funders and commissioners also fired: add --audience funders." in practitioners
    assert "for funders)" in funders
    assert "for practitioners)" not in funders


def test_explain_needs_a_file_unless_it_prints_the_schema(run: RunFn) -> None:
    result = run("explain")
    assert result.code == 2
    assert "give a results or answers file" in result.err


# -- issue 13, item 1: the stage that is right for each area now, from the file -------------------

ANSWERED = "answers:\n  design-stage: design-together\n  delivery-stage: plan-together\n"
TARGETS = ANSWERED + "targets:\n  design: consultation\n"
ABOVE = "This is above its target of Consultation: not a further goal"


def _area(out: str, title: str) -> str:
    """The lines explain prints for one area, from its heading to the next blank line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{title}: "))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return " ".join(" ".join(lines[start:end]).split())


def test_item_1_explain_uses_the_targets_of_an_answers_file(run: RunFn, tmp_path: Path) -> None:
    result = run("explain", str(_answers(tmp_path, TARGETS)))
    assert result.code == 0, result.err
    assert ABOVE in _area(result.out, "Design")
    assert "This is its target" in _area(result.out, "Delivery")  # the framework's: partnership
    without = run("explain", str(_answers(tmp_path, ANSWERED))).out
    assert ABOVE not in without


def test_item_1_explain_on_another_pathway_leaves_out_targets_not_on_it(
    run: RunFn, tmp_path: Path
) -> None:
    # Set for arnstein: delegated power is not a stage of TLAP's ladder, so there delivery aims
    # for the framework's own target; consultation is a stage of both.
    path = _answers(tmp_path, "pathway: arnstein\n" + TARGETS + "  delivery: delegated-power\n")
    result = run("explain", str(path), "--pathway", "tlap-ladder")
    assert result.code == 0, result.err
    assert "This is its target: Co-production" in _area(result.out, "Delivery")
    assert ABOVE in _area(result.out, "Design")
    on_arnstein = run("explain", str(path)).out
    assert "Its target is Delegated power, 1 stage up." in _area(on_arnstein, "Delivery")


def test_item_1_targets_of_a_file_with_no_pathway_are_checked_on_the_one_asked_for(
    run: RunFn, tmp_path: Path
) -> None:
    path = _answers(tmp_path, TARGETS + "  delivery: delegated-power\n")
    result = run("explain", str(path), "--pathway", "tlap-ladder")
    assert result.code == 2
    assert f"{path}:7:13: no stage called 'delegated-power' on the pathway 'tlap-ladder'" in (
        result.err
    )
    assert "'delegated-power' is a stage of the pathway 'arnstein'" in result.err


def test_item_1_explain_uses_the_targets_of_a_results_file(run: RunFn, tmp_path: Path) -> None:
    answers = _answers(tmp_path, TARGETS)
    results = tmp_path / "hub.toml"
    made = run(
        "assess", "--answers", str(answers), "--framework", "five-areas", "--skip-unanswered",
        "--project", "Hub", "--output", str(results), cwd=tmp_path,
    )  # fmt: skip
    assert made.code == 0, made.err
    result = run("explain", str(results))
    assert result.code == 0, result.err
    assert ABOVE in _area(result.out, "Design")
    assert result.out == run("explain", str(answers)).out
