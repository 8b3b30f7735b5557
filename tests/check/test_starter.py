"""The starter plan (``check/starter.py``) and `coprod-check init`, which writes it: a plan that
passes its own check on every pathway, whatever the project is called, written once and never
over a file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from coprod_check.check.rules import RULES, run_check
from coprod_check.check.starter import starter_plan, starter_stage
from coprod_check.files.plan import PLAN_SCHEMA, load_plan
from coprod_check.files.plan_schema import plan_schema
from coprod_check.io.versions import published_id
from tests.helpers import bundled_catalog, catalog_of, minimal_framework, run_here

CATALOG = bundled_catalog()
AWKWARD = [
    "Riverside",
    'The "Hub": 100% ours',
    "C:\\Users\\hub # not a comment",
    "- a list? no",
    "{not: a map}",
    "Café Ünïcode, 日本語",
    "yes",
    "null",
    "1.5",
]
"""Project names YAML would read as something else if they were written as they are."""


def _starter(project: str, pathway: str, people: str = "Parents in Riverside.") -> str:
    stages = CATALOG.pathways[pathway].stages
    return starter_plan(
        project=project,
        people=people,
        pathway=pathway,
        stages=[stage.id for stage in stages],
        stage=starter_stage(CATALOG.pathways[pathway]),
        file="coprod-plan.yaml",
    )


@pytest.mark.parametrize("project", AWKWARD)
def test_the_project_and_people_read_back_exactly_as_given(project: str) -> None:
    data = yaml.safe_load(_starter(project, "arnstein", people=project))
    assert data["project"] == project
    assert data["people"] == project


@pytest.mark.parametrize("pathway", list(CATALOG.pathways))
def test_the_starter_plan_passes_its_own_check_on_every_pathway(
    pathway: str, tmp_path: Path
) -> None:
    path = tmp_path / "coprod-plan.yaml"
    path.write_text(_starter('The "Hub"', pathway), encoding="utf-8")
    plan = load_plan(path, CATALOG)
    assert plan.pathway == pathway
    assert plan.unknown == []
    report = run_check(plan, CATALOG)
    assert report.passed, [finding.rule for finding in report.findings]
    assert [f for f in report.findings if f.severity in {"error", "warning"}] == []


def test_the_starter_plan_names_every_stage_and_every_area() -> None:
    text = _starter("Riverside", "tlap-ladder")
    stages = [stage.id for stage in CATALOG.pathways["tlap-ladder"].stages]
    assert f"# The stages, lowest first: {', '.join(stages)}." in text
    areas = yaml.safe_load(text)["areas"]
    assert sorted(areas) == ["decision-making", "delivery", "design", "research", "voice"]
    assert {area["stage"] for area in areas.values()} <= set(stages)


def test_the_starter_plan_says_how_to_check_itself() -> None:
    text = starter_plan(
        project="Hub", people="Us.", pathway="arnstein", stages=["a"], stage="a", file="x.yaml"
    )
    assert text.splitlines()[2] == "# Check it with:  coprod-check check x.yaml"


def test_issue15_the_starter_plan_points_editors_at_its_schema() -> None:
    text = starter_plan(
        project="Hub", people="Us.", pathway="arnstein", stages=["a"], stage="a", file="x.yaml"
    )
    assert text.splitlines()[0] == "# yaml-language-server: $schema=coprod-plan.schema.json"


# -- init ----------------------------------------------------------------------------------------


def test_init_yes_writes_a_plan_that_passes(tmp_path: Path) -> None:
    result = run_here("init", "--yes", cwd=tmp_path)
    assert result.code == 0, result.err
    written = tmp_path / "coprod-plan.yaml"
    assert written.is_file()
    assert "Check it with: coprod-check check coprod-plan.yaml" in result.err
    checked = run_here("check", cwd=tmp_path)
    assert checked.code == 0, checked.out + checked.err
    assert checked.out.startswith("coprod-plan.yaml: passed (0 errors, 0 warnings, 0 infos)")


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "coprod-plan.yaml"
    target.write_text("# mine\n", encoding="utf-8")
    result = run_here("init", "--yes", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("coprod-plan.yaml: this file already exists")
    assert target.read_text(encoding="utf-8") == "# mine\n"


def test_init_output(tmp_path: Path) -> None:
    result = run_here(
        "init", "--yes", "--output", "other.yaml", "--project", "Riverside", cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert not (tmp_path / "coprod-plan.yaml").exists()
    text = (tmp_path / "other.yaml").read_text(encoding="utf-8")
    assert "coprod-check check other.yaml" in text
    assert 'project: "Riverside"' in text
    assert run_here("check", "other.yaml", cwd=tmp_path).code == 0


def test_init_without_a_terminal_writes_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "asked").mkdir()
    (tmp_path / "defaults").mkdir()
    asked = run_here("init", cwd=tmp_path / "asked")  # stdin is not a terminal: nothing is asked
    assert asked.code == 0, asked.err
    assert asked.out == ""
    assert run_here("init", "--yes", cwd=tmp_path / "defaults").code == 0
    written = (tmp_path / "asked" / "coprod-plan.yaml").read_text(encoding="utf-8")
    assert written == (tmp_path / "defaults" / "coprod-plan.yaml").read_text(encoding="utf-8")
    assert run_here("check", cwd=tmp_path / "asked").code == 0


# -- issue 15: init writes the plan schema beside the plan, for editors ------------------------


def _schema_of(folder: Path) -> dict[str, object]:
    schema: dict[str, object] = json.loads(
        (folder / "coprod-plan.schema.json").read_text(encoding="utf-8")
    )
    return schema


def test_issue15_init_writes_the_plan_schema_its_first_line_names(tmp_path: Path) -> None:
    result = run_here("init", "--yes", cwd=tmp_path)
    assert result.code == 0, result.err
    plan = (tmp_path / "coprod-plan.yaml").read_text(encoding="utf-8")
    first = plan.splitlines()[0]
    assert first == "# yaml-language-server: $schema=coprod-plan.schema.json"
    schema = _schema_of(tmp_path)
    assert schema == plan_schema(CATALOG, rules=list(RULES))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(plan))
    assert "coprod-plan.schema.json" in result.err


def test_issue15_init_writes_the_schema_beside_a_plan_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    result = run_here("init", "--yes", "--output", "team/plan.yaml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "team" / "coprod-plan.schema.json").is_file()
    assert not (tmp_path / "coprod-plan.schema.json").exists()


def test_issue15_init_schema_lists_the_frameworks_it_was_given(tmp_path: Path) -> None:
    catalog_of(tmp_path / "mine", minimal_framework())
    result = run_here("init", "--yes", "--frameworks-dir", "mine", cwd=tmp_path)
    assert result.code == 0, result.err
    properties = _schema_of(tmp_path)["properties"]
    assert isinstance(properties, dict)
    assert "steps" in properties["pathway"]["enum"]


def test_issue15_init_writes_its_own_schema_anew_for_a_second_plan(tmp_path: Path) -> None:
    assert run_here("init", "--yes", cwd=tmp_path).code == 0
    (tmp_path / "coprod-plan.schema.json").write_text(
        json.dumps({"$id": published_id(PLAN_SCHEMA), "old": True}), encoding="utf-8"
    )
    result = run_here("init", "--yes", "--output", "second.yaml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "old" not in _schema_of(tmp_path)


def test_issue15_init_never_writes_over_a_schema_file_of_someone_elses(tmp_path: Path) -> None:
    theirs = tmp_path / "coprod-plan.schema.json"
    theirs.write_text('{"title": "ours, not coprod-check\'s"}\n', encoding="utf-8")
    result = run_here("init", "--yes", cwd=tmp_path)
    assert result.code == 2
    assert "coprod-plan.schema.json is there already" in result.err
    assert theirs.read_text(encoding="utf-8") == '{"title": "ours, not coprod-check\'s"}\n'
    assert not (tmp_path / "coprod-plan.yaml").exists()
