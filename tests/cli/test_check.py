"""`coprod-check check` as a command, for the habits people bring from other linters (issue 15,
"Command line"): the short options, standard input and output, the width of the text report,
every plan error at once, and replacing its own earlier report. What each format holds is tested
in tests/render/test_check_formats.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_check.errors import Location, ManyErrors, ValidationError
from coprod_check.files.plan import load_plan
from coprod_check.render.check.own import RECOGNISERS, written_by_check
from coprod_check.render.formats import CheckFormat
from tests.helpers import ROOT, Run, bundled_catalog

RunFn = Callable[..., Run]
PLANS = ROOT / "examples" / "plans"
WEAK = PLANS / "weak.yaml"
STRONG = PLANS / "strong.yaml"


def test_issue15_check_takes_f_for_format(run: RunFn) -> None:
    result = run("check", str(WEAK), "-f", "json")
    assert result.code == 1, result.err
    assert json.loads(result.out)["passed"] is False
    assert result.out == run("check", str(WEAK), "--format", "json").out


# -- every plan error at once --------------------------------------------------------------------

AREAS = ("design", "decision-making", "delivery", "research", "voice")


def _plan_with_stages(stages: dict[str, str], head: str = "") -> str:
    lines = ["schema: coprod-check/plan/1", "project: Hub", head, "areas:"]
    lines += [f"  {area}:\n    stage: {stage}" for area, stage in stages.items()]
    return "\n".join(line for line in lines if line) + "\n"


def test_issue15_every_misspelt_stage_is_reported(run: RunFn, tmp_path: Path) -> None:
    misspelt = ["partnershp", "consultaton", "informng", "placaton", "delegated"]
    plan = tmp_path / "plan.yaml"
    plan.write_text(_plan_with_stages(dict(zip(AREAS, misspelt, strict=True))), encoding="utf-8")
    result = run("check", str(plan))
    assert result.code == 2
    assert result.out == ""
    located = [line for line in result.err.splitlines() if not line.startswith("  hint:")]
    assert located == [
        f"{plan}:{5 + 2 * number}:12: {stage!r} is not a stage of this plan's pathway"
        for number, stage in enumerate(misspelt)
    ]
    assert "  hint: did you mean 'partnership'?" in result.err.splitlines()


def test_issue15_errors_of_every_kind_are_reported_in_the_order_of_the_lines(
    run: RunFn, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "schema: coprod-check/plan/1\n"
        "policy:\n"
        "  min_score: {reciprocity: 200}\n"
        "  disable: [{rule: CP107}]\n"
        "areas:\n"
        "  delivery: {stage: informng, applies: maybe}\n"
        "answers:\n"
        "  design-timing: soon\n",
        encoding="utf-8",
    )
    result = run("check", str(plan))
    assert result.code == 2
    places = [line.split(": ", 1)[0] for line in result.err.splitlines() if line[0] != " "]
    assert places == [
        f"{plan}:1:1",  # no project
        f"{plan}:3:28",
        f"{plan}:4:13",
        f"{plan}:6:21",
        f"{plan}:6:40",
        f"{plan}:8:18",
    ]


def test_issue15_at_most_twenty_errors_then_how_many_more(run: RunFn, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    scores = "\n".join(f"    {area}: {101 + n}" for n, area in enumerate(AREAS))
    policy = "policy:\n  min_stage:\n" + "\n".join(
        f"    {area}: stage-{n}" for n, area in enumerate(AREAS)
    )
    extra = "\n".join(f"  - rule: CP1{n:02d}" for n in range(20))
    plan.write_text(
        f"schema: coprod-check/plan/1\nproject: Hub\n{policy}\n  min_score:\n{scores}\n"
        f"  disable:\n{extra}\n",
        encoding="utf-8",
    )
    result = run("check", str(plan))
    assert result.code == 2
    located = [line for line in result.err.splitlines() if not line.startswith("  ")]
    assert len(located) == 21
    assert located[-1] == f"{plan}: 10 more problems not shown"
    assert "  hint: fix these and check again" in result.err


def test_issue15_an_unknown_pathway_does_not_bring_an_error_for_each_stage(
    run: RunFn, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    stages = dict.fromkeys(AREAS, "co-production")  # a tlap-ladder stage
    plan.write_text(_plan_with_stages(stages, head="pathway: tlap"), encoding="utf-8")
    result = run("check", str(plan))
    assert result.code == 2
    assert result.err.splitlines()[0] == f"{plan}:3:10: no pathway called 'tlap'"
    assert "is not a stage" not in result.err


def test_issue15_one_plan_error_is_still_raised_as_itself(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(_plan_with_stages({"design": "partnershp"}), encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        load_plan(plan, bundled_catalog())
    assert not isinstance(raised.value, ManyErrors)
    assert raised.value.location == Location(str(plan), 5, 12)


# -- the text report's width ---------------------------------------------------------------------


@pytest.mark.parametrize("columns", [40, 60, 100])
def test_issue15_fix_and_why_lines_fit_the_width(run: RunFn, columns: int) -> None:
    result = run("check", str(WEAK), env={"COLUMNS": str(columns)})
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    finding = [line for line in lines if line.startswith(str(WEAK))]
    detail = [line for line in lines if line not in finding]
    assert any(line.startswith("  fix: ") for line in detail)
    assert max(len(line) for line in detail) <= columns
    wide = run("check", str(WEAK), env={"COLUMNS": "1000"}).out
    assert result.out.split() == wide.split(), "the same words, none cut"
    assert [line for line in wide.splitlines() if line.startswith(str(WEAK))] == finding


def test_issue15_a_fix_goes_on_under_its_own_words(run: RunFn) -> None:
    shown = run("check", str(WEAK), env={"COLUMNS": "60"}).out
    fix = shown.split("\n  fix: plan how people will hear back", 1)[1].split("\n  why:", 1)[0]
    assert all(line.startswith("       ") for line in fix.splitlines()[1:])


# -- replacing its own report --------------------------------------------------------------------

FORMATS = [member.value for member in CheckFormat]


@pytest.mark.parametrize("output_format", FORMATS)
def test_issue15_a_report_check_wrote_is_replaced_without_force(
    run: RunFn, tmp_path: Path, output_format: str
) -> None:
    target = tmp_path / f"report.{output_format}"
    first = run("check", str(WEAK), "-f", output_format, "-o", str(target))
    assert first.code == 1, first.err
    again = run("check", str(STRONG), "-f", output_format, "-o", str(target))
    assert again.code == 0, again.err
    assert target.read_text(encoding="utf-8") == run("check", str(STRONG), "-f", output_format).out


def test_issue15_every_format_has_a_recogniser() -> None:
    assert set(RECOGNISERS) == set(CheckFormat)


@pytest.mark.parametrize("output_format", FORMATS)
def test_issue15_every_format_is_recognised_as_its_own(run: RunFn, output_format: str) -> None:
    for plan in (WEAK, STRONG):
        shown = run("check", str(plan), "-f", output_format).out
        assert RECOGNISERS[CheckFormat(output_format)](shown)
        assert written_by_check(shown)


def test_issue15_a_report_in_one_format_may_replace_one_in_another(
    run: RunFn, tmp_path: Path
) -> None:
    target = tmp_path / "report.out"
    assert run("check", str(WEAK), "-f", "sarif", "-o", str(target)).code == 1
    assert run("check", str(WEAK), "-f", "junit", "-o", str(target)).code == 1
    assert target.read_text(encoding="utf-8").startswith("<?xml")


SARIF_OF_ANOTHER_TOOL = json.dumps(
    {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ruff"}}, "results": []}]}
)
NOT_OURS = {
    "notes.txt": "Notes from the March meeting.\n",
    "other.sarif": SARIF_OF_ANOTHER_TOOL,
    "data.json": json.dumps({"schema": "something/else/1", "passed": True}),
    "README.md": "## coprod-check: how we use it\n\nWe run it in CI.\n",
    "results.xml": '<?xml version="1.0"?>\n<testsuites name="pytest"></testsuites>\n',
    "verdict.txt": "Our own words\nplan.yaml: passed (0 errors, 0 warnings, 0 infos); "
    "overall stage: partnership\n",
    "empty": "",
}


@pytest.mark.parametrize("name", NOT_OURS)
def test_issue15_any_other_file_still_needs_force(run: RunFn, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_text(NOT_OURS[name], encoding="utf-8")
    refused = run("check", str(WEAK), "-f", "sarif", "-o", str(target))
    assert refused.code == 2
    assert refused.err.splitlines()[0] == f"{target}: this file already exists"
    assert "it is not a report coprod-check check wrote" in refused.err
    assert target.read_text(encoding="utf-8") == NOT_OURS[name]
    forced = run("check", str(WEAK), "-f", "sarif", "-o", str(target), "--force")
    assert forced.code == 1, forced.err


def test_issue15_its_own_report_is_never_the_plan(run: RunFn, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(WEAK.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", str(plan), "-o", str(plan))
    assert result.code == 2
    assert "also a file the command reads" in result.err
