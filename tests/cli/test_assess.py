"""`coprod-check assess` with no terminal: answers files, results files, and errors.

stdin is always empty and never a terminal here, whatever runs pytest.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Run, bundled_catalog, run_here

RunFn = Callable[..., Run]


CATALOG = bundled_catalog()
# The scie-principles questions asked of staff, the role of a respondent who gives none.
SCIE = [q.id for q in CATALOG.questions_for(None, {"scie-principles"})]

NOTE = 'Parents said so, twice: "often" — and “kindly”.'
# One answer to each of those questions, in the forms an answers file allows.
ANSWERS: dict[str, Any] = {
    "equal-say": "agree",
    "strengths-not-needs": {"choice": "mixed", "note": NOTE},
    "same-papers": "yes",
    "staff-have-last-word": "disagree",
    "mix-reflects-community": "neither",
    "who-is-missing": "no",
    "how-people-are-found": "open-only",
    "trust-building": "agree",
    "when-and-where-to-meet": "not-applicable",
    "ask-what-people-need": "yes",
    "recognition-of-time": "expenses-and-thanks",
    "what-people-gain": {"choices": ["confidence", "skills"], "note": "From the survey."},
    "ask-what-they-want": "no",
}

# The scie-principles questions of experience, asked of people with lived experience, not staff.
LIVED_EXPERIENCE_ONLY = {"hard-to-follow": "strongly-disagree", "one-way-benefit": "disagree"}


def test_the_answers_cover_the_framework() -> None:
    assert sorted(ANSWERS) == sorted(SCIE)


@pytest.fixture
def assess(tmp_path: Path) -> RunFn:
    """Run `coprod-check assess ARGS` in tmp_path, with no terminal on stdin."""

    def _run(*args: str, cwd: Path | None = None) -> Run:
        return run_here("assess", *args, cwd=cwd or tmp_path)

    return _run


def _yaml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value)


def _yaml(answers: dict[str, Any], *, header: str = "project: Riverside hub\n") -> str:
    lines = ["schema: coprod-check/answers/1", *header.splitlines(), "answers:"]
    for question_id, value in answers.items():
        if isinstance(value, dict):
            lines.append(f"  {question_id}:")
            for key, item in value.items():
                shown = f"'{item}'" if key == "note" else _yaml_value(item)
                lines.append(f"    {key}: {shown}")
        else:
            lines.append(f"  {question_id}: {_yaml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _toml(answers: dict[str, Any], *, header: str = 'project = "Riverside hub"\n') -> str:
    lines = ['schema = "coprod-check/answers/1"', *header.splitlines(), "", "[answers]"]
    for question_id, value in answers.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{key} = {_toml_value(item)}" for key, item in value.items())
            lines.append(f"{question_id} = {{ {inner} }}")
        else:
            lines.append(f"{question_id} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def _check_results(data: dict[str, Any], *, project: str = "Riverside hub") -> None:
    assert data["schema"] == "coprod-check/result/1"
    assert data["complete"] is True
    assert data["meta"]["project"] == project
    scie = next(
        i.framework for i in bundled_catalog().frameworks if i.framework.id == "scie-principles"
    )
    assert data["meta"]["frameworks"] == [{"id": "scie-principles", "version": scie.version}]
    answers = data["answers"]
    assert sorted(answers) == sorted(ANSWERS)
    assert answers["equal-say"] == {"choice": "agree"}
    assert answers["same-papers"] == {"choice": "yes"}
    assert answers["strengths-not-needs"] == {"choice": "mixed", "note": NOTE}
    assert answers["what-people-gain"] == {
        "choices": ["confidence", "skills"],
        "note": "From the survey.",
    }
    assert "results" in data
    assert data["results"]["pathway"] == "arnstein"


# -- no terminal ---------------------------------------------------------------------------------


def test_no_terminal_and_no_answers_file(assess: RunFn, tmp_path: Path) -> None:
    result = assess("--project", "Hub")
    assert result.code == 2
    assert "there is no terminal to ask the questions in" in result.err
    assert "--answers" in result.err
    assert "Traceback" not in result.err
    assert _files(tmp_path) == set()


def test_no_terminal_and_no_answers_file_with_output(assess: RunFn, tmp_path: Path) -> None:
    result = assess("--project", "Hub", "--plain", "--output", "hub.toml")
    assert result.code == 2
    assert "--answers" in result.err
    assert _files(tmp_path) == set()


# -- complete answers files -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "render"), [("answers.yaml", _yaml), ("answers.toml", _toml)])
def test_answers_file_writes_complete_results(
    assess: RunFn, tmp_path: Path, name: str, render: Callable[..., str]
) -> None:
    _write(tmp_path, name, render(ANSWERS))
    before = dt.date.today()
    result = assess("--answers", name, "--framework", "scie-principles")
    after = dt.date.today()
    assert result.code == 0, result.err
    written = _files(tmp_path) - {name}
    assert written in ({f"riverside-hub-{day.isoformat()}.toml"} for day in (before, after))
    path = tmp_path / written.pop()
    _check_results(tomllib.loads(path.read_text(encoding="utf-8")))
    assert "Finished: 13 of 13 questions answered." in result.out
    assert f"Your answers and results are saved in {path}" in " ".join(result.out.split())
    assert result.err == ""


def test_yaml_and_toml_answers_give_the_same_answers(assess: RunFn, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _yaml(ANSWERS))
    _write(tmp_path, "a.toml", _toml(ANSWERS))
    for name in ("a.yaml", "a.toml"):
        result = assess(
            "--answers", name, "--framework", "scie-principles", "--output", f"{name}.out.toml"
        )
        assert result.code == 0, result.err
    from_yaml = tomllib.loads((tmp_path / "a.yaml.out.toml").read_text(encoding="utf-8"))
    from_toml = tomllib.loads((tmp_path / "a.toml.out.toml").read_text(encoding="utf-8"))
    assert from_yaml["answers"] == from_toml["answers"]
    assert from_yaml["results"] == from_toml["results"]


def test_toml_answers_in_answer_tables(assess: RunFn, tmp_path: Path) -> None:
    """The other way to write TOML: one [answers.ID] table per answer."""
    body = ['schema = "coprod-check/answers/1"', 'project = "Riverside hub"', ""]
    for question_id, value in ANSWERS.items():
        body.append(f"[answers.{question_id}]")
        if isinstance(value, dict):
            body += [f"{key} = {_toml_value(item)}" for key, item in value.items()]
        else:
            body.append(f"choice = {_toml_value(value)}")
        body.append("")
    _write(tmp_path, "tables.toml", "\n".join(body))
    result = assess(
        "--answers", "tables.toml", "--framework", "scie-principles", "--output", "out.toml"
    )
    assert result.code == 0, result.err
    _check_results(tomllib.loads((tmp_path / "out.toml").read_text(encoding="utf-8")))


def test_details_from_the_command_line_and_the_file(assess: RunFn, tmp_path: Path) -> None:
    header = "project: From the file\nrespondent: Family group\nrole: lived-experience\n"
    _write(tmp_path, "a.yaml", _yaml({**ANSWERS, **LIVED_EXPERIENCE_ONLY}, header=header))
    result = assess(
        "--answers", "a.yaml", "--framework", "scie-principles", "--project", "Named here",
        "--output", "out.toml", "--pathway", "tlap-ladder",
    )  # fmt: skip
    assert result.code == 0, result.err
    meta = tomllib.loads((tmp_path / "out.toml").read_text(encoding="utf-8"))["meta"]
    assert meta["project"] == "Named here"
    assert meta["respondent"] == "Family group"
    assert meta["role"] == "lived-experience"
    assert meta["pathway"] == "tlap-ladder"


def test_default_output_never_replaces_a_file(assess: RunFn, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _yaml(ANSWERS))
    for _ in range(2):
        assert assess("--answers", "a.yaml", "--framework", "scie-principles").code == 0
    written = sorted(_files(tmp_path) - {"a.yaml"})
    assert len(written) == 2
    assert any(name.endswith("-2.toml") for name in written)


# -- missing answers ------------------------------------------------------------------------------


def test_missing_answers_are_named_and_nothing_is_written(assess: RunFn, tmp_path: Path) -> None:
    partial = {k: v for k, v in ANSWERS.items() if k not in {"same-papers", "ask-what-they-want"}}
    _write(tmp_path, "a.yaml", _yaml(partial))
    result = assess("--answers", "a.yaml", "--framework", "scie-principles")
    assert result.code == 2
    assert "2 questions have no answer in a.yaml: same-papers, ask-what-they-want" in result.err
    assert "--skip-unanswered" in result.err
    assert _files(tmp_path) == {"a.yaml"}


def test_skip_unanswered_leaves_them_out(assess: RunFn, tmp_path: Path) -> None:
    partial = {k: v for k, v in ANSWERS.items() if k not in {"same-papers", "ask-what-they-want"}}
    _write(tmp_path, "a.toml", _toml(partial))
    result = assess(
        "--answers", "a.toml", "--framework", "scie-principles", "--skip-unanswered",
        "--output", "out.toml",
    )  # fmt: skip
    assert result.code == 0, result.err
    data = tomllib.loads((tmp_path / "out.toml").read_text(encoding="utf-8"))
    assert data["complete"] is True
    assert data["answers"]["same-papers"] == {"skipped": True}  # recorded as skipped
    assert data["answers"]["ask-what-they-want"] == {"skipped": True}
    assert len(data["answers"]) == 13
    assert "Finished: 11 of 13 questions answered." in result.out


# -- errors in the answers file -------------------------------------------------------------------


def test_unknown_question_in_yaml_names_the_line(assess: RunFn, tmp_path: Path) -> None:
    text = _yaml({**ANSWERS, "equl-say": "agree"})
    line = text.splitlines().index("  equl-say: agree") + 1
    path = _write(tmp_path, "a.yaml", text)
    result = assess("--answers", str(path), "--framework", "scie-principles")
    assert result.code == 2
    assert f"{path}:{line}:3: unknown question 'equl-say'" in result.err
    assert "did you mean 'equal-say'?" in result.err
    assert _files(tmp_path) == {"a.yaml"}


def test_unknown_question_in_toml_names_the_line(assess: RunFn, tmp_path: Path) -> None:
    text = _toml({**ANSWERS, "equl-say": "agree"})
    line = text.splitlines().index('equl-say = "agree"') + 1
    path = _write(tmp_path, "a.toml", text)
    result = assess("--answers", str(path), "--framework", "scie-principles")
    assert result.code == 2
    assert f"{path}:{line}:1: unknown question 'equl-say'" in result.err
    assert "did you mean 'equal-say'?" in result.err
    assert _files(tmp_path) == {"a.toml"}


def test_bad_choice_in_toml_names_the_line(assess: RunFn, tmp_path: Path) -> None:
    text = _toml({**ANSWERS, "equal-say": "agreed"})
    line = text.splitlines().index('equal-say = "agreed"') + 1
    path = _write(tmp_path, "a.toml", text)
    result = assess("--answers", str(path), "--framework", "scie-principles")
    assert result.code == 2
    assert f"{path}:{line}:" in result.err
    assert "'agreed' is not a choice of question 'equal-say'" in result.err


# -- the output file ------------------------------------------------------------------------------


def test_output_that_exists_is_kept_without_force(assess: RunFn, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _yaml(ANSWERS))
    existing = tmp_path / "out.toml"
    existing.write_bytes(b"# notes I want to keep\n")
    result = assess("--answers", "a.yaml", "--framework", "scie-principles", "--output", "out.toml")
    assert result.code == 2
    assert "out.toml: this file already exists" in result.err
    assert "--force" in result.err
    assert existing.read_bytes() == b"# notes I want to keep\n"
    assert _files(tmp_path) == {"a.yaml", "out.toml"}


def test_output_that_exists_is_replaced_with_force(assess: RunFn, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _yaml(ANSWERS))
    existing = tmp_path / "out.toml"
    existing.write_bytes(b"# old\n")
    result = assess(
        "--answers", "a.yaml", "--framework", "scie-principles", "--output", "out.toml", "--force"
    )
    assert result.code == 0, result.err
    _check_results(tomllib.loads(existing.read_text(encoding="utf-8")))
    assert _files(tmp_path) == {"a.yaml", "out.toml"}  # no temporary file left behind


def test_unknown_role(assess: RunFn, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _yaml(ANSWERS))
    result = assess(
        "--answers", "a.yaml", "--framework", "scie-principles", "--role", "boss",
        "--output", "out.toml",
    )  # fmt: skip
    assert result.code == 2
    assert "no role called 'boss'" in result.err
    assert "lived-experience" in result.err
    assert _files(tmp_path) == {"a.yaml"}


def test_unknown_framework(assess: RunFn, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _yaml(ANSWERS))
    result = assess("--answers", "a.yaml", "--framework", "scie", "--output", "out.toml")
    assert result.code == 2
    assert "no framework with questions called 'scie'" in result.err
    assert _files(tmp_path) == {"a.yaml"}


# -- resuming damaged or newer files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'schema = "coprod-check/result/1"\ncomplete = [\n', "this results file is damaged"),
        (b"\x00\x01\x02 not text", "binary"),
        (b"schema = 'coprod-check/result/1'\ncomplete = false\n", "this results file is damaged"),
        (
            b'schema = "coprod-check/result/2"\ncomplete = false\n\n[meta]\nproject = "Hub"\n',
            "'coprod-check/result/2', which is newer than this coprod-check understands",
        ),
        (b'title = "my notes"\n', "this is not a coprod-check results file"),
    ],
    ids=["bad-toml", "binary", "no-meta", "newer", "not-results"],
)
def test_resume_of_a_bad_file_leaves_it_alone(
    assess: RunFn, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "hub.toml"
    path.write_bytes(content)
    for extra in ([], ["--answers", "a.yaml"]):
        if extra and extra[0] == "--answers":
            _write(tmp_path, "a.yaml", _yaml(ANSWERS))
        result = assess("--resume", "hub.toml", *extra)
        assert result.code == 2, result.err
        assert message in result.err
        assert "Traceback" not in result.err
        assert path.read_bytes() == content
    assert _files(tmp_path) <= {"hub.toml", "a.yaml"}


def test_resume_with_an_answers_file_completes_it(assess: RunFn, tmp_path: Path) -> None:
    first = {k: ANSWERS[k] for k in list(ANSWERS)[:5]}
    _write(tmp_path, "first.yaml", _yaml(first))
    result = assess(
        "--answers", "first.yaml", "--framework", "scie-principles", "--skip-unanswered",
        "--output", "hub.toml",
    )  # fmt: skip
    assert result.code == 0, result.err
    rest = {k: v for k, v in ANSWERS.items() if k not in first}
    _write(tmp_path, "rest.yaml", _yaml(rest))
    result = assess("--resume", "hub.toml", "--answers", "rest.yaml")
    assert result.code == 0, result.err
    _check_results(tomllib.loads((tmp_path / "hub.toml").read_text(encoding="utf-8")))


def test_resume_with_a_pathway_that_is_not_loaded(assess: RunFn, tmp_path: Path) -> None:
    # Issue 11, item 5: a results file whose pathway is not loaded ended in a KeyError (exit 3).
    first = {k: ANSWERS[k] for k in list(ANSWERS)[:5]}
    _write(tmp_path, "first.yaml", _yaml(first))
    result = assess(
        "--answers", "first.yaml", "--framework", "scie-principles", "--skip-unanswered",
        "--output", "hub.toml",
    )  # fmt: skip
    assert result.code == 0, result.err
    path = tmp_path / "hub.toml"
    text = path.read_text(encoding="utf-8").replace(
        'pathway = "arnstein"', 'pathway = "arnstien"', 1
    )
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = lines.index('pathway = "arnstien"', lines.index("[meta]")) + 1
    _write(tmp_path, "rest.yaml", _yaml({k: v for k, v in ANSWERS.items() if k not in first}))
    for extra in ([], ["--answers", "rest.yaml"]):
        result = assess("--resume", "hub.toml", *extra)
        assert result.code == 2, result.err
        assert result.err.splitlines() == [
            f"hub.toml:{line}:1: this results file places the project on the pathway "
            "'arnstien', which is not loaded",
            "  hint: did you mean 'arnstein'? pass --frameworks-dir with the framework that "
            "defines it, or --pathway to place on one that is loaded (arnstein, tlap-ladder)",
        ]
        assert path.read_text(encoding="utf-8") == text
    assert _files(tmp_path) == {"hub.toml", "first.yaml", "rest.yaml"}
    result = assess("--resume", "hub.toml", "--answers", "rest.yaml", "--pathway", "arnstein")
    assert result.code == 0, result.err
    _check_results(tomllib.loads(path.read_text(encoding="utf-8")))


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_results_file_where_no_lock_can_be_made(assess: RunFn, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _yaml(ANSWERS))
    result = assess(
        "--answers", "a.yaml", "--framework", "scie-principles", "--output", "/proc/x.toml"
    )
    assert result.code == 2, result.err
    assert result.err.splitlines()[0] == ("/proc/x.toml: cannot create a file in this folder")


# -- explain on what assess wrote -----------------------------------------------------------------


def _all_answers_yaml() -> str:
    """A first choice (or a line of text) for every bundled question asked of the respondent (no
    role given: as staff, so not the funders' self-check), so every score is known."""
    lines = ["schema: coprod-check/answers/1", "project: Everything", "answers:"]
    for question in CATALOG.questions_for(None):
        value = "'Meet in the evening'" if question.type == "text" else question.options()[0].id
        lines.append(f"  {question.id}: {value}")
    return "\n".join(lines) + "\n"


def test_explain_a_results_file_of_every_framework(
    assess: RunFn, run: RunFn, tmp_path: Path
) -> None:
    _write(tmp_path, "all.yaml", _all_answers_yaml())
    assert assess("--answers", "all.yaml", "--output", "all.toml").code == 0
    result = run("explain", str(tmp_path / "all.toml"))
    assert result.code == 0, result.err
    assert result.out.startswith("Where you stand on Arnstein's ladder")
    assert result.out == run("explain", str(tmp_path / "all.yaml")).out


def test_explain_a_results_file_written_by_assess(
    assess: RunFn, run: RunFn, tmp_path: Path
) -> None:
    _write(tmp_path, "a.yaml", _yaml(ANSWERS))
    assert assess("--answers", "a.yaml", "--framework", "scie-principles", "-o", "r.toml").code == 0
    result = run("explain", str(tmp_path / "r.toml"))
    assert result.code == 0, result.err
    assert result.out.startswith("Where you stand on Arnstein's ladder")
    assert "Equality" in result.out
    assert result.out == run("explain", str(tmp_path / "a.yaml")).out


# -- issue 13, item 1: the stage that is right for each area now -----------------------------------

TARGETED = (
    "schema: coprod-check/answers/1\nproject: Hub\nanswers:\n"
    "  design-stage: design-together\n  delivery-stage: plan-together\n"
    "targets:\n  design: consultation\n  voice: delegated-power\n"
)


def test_item_1_an_answers_files_targets_are_saved_and_scored(
    assess: RunFn, run: RunFn, tmp_path: Path
) -> None:
    _write(tmp_path, "a.yaml", TARGETED)
    result = assess(
        "--answers", "a.yaml", "--framework", "five-areas", "--skip-unanswered", "-o", "hub.toml"
    )
    assert result.code == 0, result.err
    saved = tomllib.loads((tmp_path / "hub.toml").read_text(encoding="utf-8"))
    assert saved["targets"] == {"design": "consultation", "voice": "delegated-power"}
    assert not [key for key in saved["answers"] if "target" in key]
    areas = saved["results"]["areas"]
    assert areas["design"]["target"] == "consultation"
    assert areas["design"]["gap"] == -2  # placed at partnership, two stages above its target
    assert areas["voice"]["target"] == "delegated-power"
    assert areas["delivery"]["target"] == "partnership"  # none set: the framework's
    report = run("report", str(tmp_path / "hub.toml"), "--format", "json")
    assert report.code == 0, report.err
    shown = {area["id"]: area["target"] for area in json.loads(report.out)["areas"]}
    assert shown["design"] == "consultation"
    assert shown["voice"] == "delegated-power"


def test_item_1_resuming_with_an_answers_file_takes_its_targets(
    assess: RunFn, tmp_path: Path
) -> None:
    _write(tmp_path, "a.yaml", TARGETED)
    first = ("--answers", "a.yaml", "--framework", "five-areas", "--skip-unanswered")
    assert assess(*first, "-o", "hub.toml").code == 0
    _write(
        tmp_path,
        "b.yaml",
        "schema: coprod-check/answers/1\nanswers: {}\ntargets:\n  voice: placation\n",
    )
    result = assess("--resume", "hub.toml", "--answers", "b.yaml")
    assert result.code == 0, result.err
    saved = tomllib.loads((tmp_path / "hub.toml").read_text(encoding="utf-8"))
    assert saved["targets"] == {"design": "consultation", "voice": "placation"}
    assert saved["results"]["areas"]["voice"]["target"] == "placation"


def test_item_1_a_bad_target_is_refused_and_nothing_is_written(
    assess: RunFn, tmp_path: Path
) -> None:
    _write(tmp_path, "a.yaml", TARGETED.replace("voice: delegated-power", "voice: top"))
    result = assess("--answers", "a.yaml", "--framework", "five-areas", "--skip-unanswered")
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        "a.yaml:8:10: no stage called 'top' on the pathway 'arnstein'"
    )
    assert "Traceback" not in result.err
    assert _files(tmp_path) == {"a.yaml"}
