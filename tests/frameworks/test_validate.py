"""The checks across framework items (``frameworks/validate.py``): ids unique across every loaded
framework, references that resolve, the rules of each kind of question, part and pathway, and
conditions that can be met; every problem reported at once, each at its own file, line and column.
One broken file per defect, run through the command, is in tests/frameworks/test_bad_frameworks.py;
these tests build small frameworks in code, so each rule is seen alone and in company."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from coprod_check.errors import CoprodError, ManyErrors
from coprod_check.frameworks.validate import raw_index
from coprod_check.model.catalog import Catalog
from tests.helpers import catalog_of, minimal_framework


def _problems(folder: Path, *frameworks: dict[str, Any]) -> list[str]:
    """Every problem found, as ``FILE:LINE:COL: message`` with the folder left out."""
    with pytest.raises(CoprodError) as caught:
        catalog_of(folder, *frameworks)
    errors = caught.value.errors if isinstance(caught.value, ManyErrors) else [caught.value]
    return [str(error).split("\n")[0].replace(f"{folder}/", "") for error in errors]


def _hints(folder: Path, *frameworks: dict[str, Any]) -> list[str]:
    with pytest.raises(CoprodError) as caught:
        catalog_of(folder, *frameworks)
    errors = caught.value.errors if isinstance(caught.value, ManyErrors) else [caught.value]
    return [error.hint for error in errors]


def _line_of(path: Path, text: str) -> int:
    """The number of the one line of ``path`` that holds ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    (number,) = [number for number, line in enumerate(lines, start=1) if text in line]
    return number


def _question(framework: dict[str, Any]) -> dict[str, Any]:
    question: dict[str, Any] = framework["questions"][0]
    return question


def _second(question_id: str = "how-talked", **fields: Any) -> dict[str, Any]:
    question: dict[str, Any] = {
        "id": question_id,
        "text": "How do you talk to people?",
        "help": "Think of the last meeting.",
        "type": "yes-no",
        "dimensions": ["making"],
        "section": "Design",
    }
    question.update(fields)
    return question


def test_a_valid_framework_builds_a_catalog(tmp_path: Path) -> None:
    catalog = catalog_of(tmp_path, minimal_framework())
    assert isinstance(catalog, Catalog)
    assert list(catalog.questions) == ["how-made"]
    assert catalog.owner["how-made"] == "tiny"
    assert set(catalog.conditions) == set()


def test_an_id_used_twice_across_frameworks_names_the_first(tmp_path: Path) -> None:
    other = minimal_framework(id="other", pathway=None, dimensions=[])
    (problem,) = _problems(tmp_path, minimal_framework(), other)
    first = _line_of(tmp_path / "other.yaml", "- id: how-made")
    second = _line_of(tmp_path / "tiny.yaml", "- id: how-made")
    assert problem == (
        f"tiny.yaml:{second}:7: id 'how-made' is already used by a question at other.yaml:{first}:7"
    )


def test_a_framework_id_used_twice(tmp_path: Path) -> None:
    again = minimal_framework(kind="glossary", pathway=None, dimensions=[], questions=[])
    again["glossary"] = [{"id": "word", "term": "word", "definition": "A word."}]
    (problem,) = _problems(tmp_path, minimal_framework(), again)
    assert problem == (  # tiny-2.yaml is loaded first: its name comes first
        f"tiny.yaml:{_line_of(tmp_path / 'tiny.yaml', 'id: tiny')}:5: framework id 'tiny' "
        "is already used by tiny-2.yaml"
    )


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    framework = minimal_framework()
    question = _question(framework)
    question["dimensions"] = ["makin"]
    question["places"] = "makin"
    question["choices"][1]["stage"] = {"steps": "shared", "ladder": "top"}
    problems = _problems(tmp_path, framework)
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "unknown dimension 'makin'",
        "unknown area 'makin'",
        "unknown stage of steps 'shared'",
        "unknown pathway 'ladder'",
        "every choice of this question must name a stage for the same pathways (steps)",
    ]
    written = tmp_path / "tiny.yaml"
    assert problems[0].startswith(f"tiny.yaml:{_line_of(written, '- makin')}:")
    assert problems[3].startswith(f"tiny.yaml:{_line_of(written, 'ladder: top')}:")
    assert _hints(tmp_path / "again", framework)[0] == "did you mean 'making'?"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "multiple"}, "a question that places an area must be a single-choice question"),
        (
            {"choices": [{"id": "alone", "label": "Alone", "score": 10, "stage": {"steps": "told"}},
                         {"id": "together", "label": "Together", "stage": {"steps": "sharing"}}]},
            "a choice that places an area gives a 'stage', not a 'score'",
        ),
        (
            {"choices": [{"id": "alone", "label": "Alone"},
                         {"id": "together", "label": "Together", "stage": {"steps": "sharing"}}]},
            "choice 'alone' gives no stage",
        ),
        (
            {"choices": [{"id": "alone", "label": "Alone", "stage": {"steps": "told"}},
                         {"id": "alone", "label": "Also alone", "stage": {"steps": "sharing"}}]},
            "choice id 'alone' is used twice in this question",
        ),
        (
            {"choices": [{"id": "alone", "label": "Alone", "stage": {"steps": "told"}},
                         {"id": "not-applicable", "label": "No", "stage": {"steps": "told"}}]},
            "'not-applicable' is kept for the 'does not apply' choice",
        ),
        ({"places": "nowhere"}, "unknown area 'nowhere'"),
    ],
    ids=["multiple", "score", "no-stage", "twice", "reserved", "unknown-area"],
)  # fmt: skip
def test_the_rules_of_a_placing_question(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    framework = minimal_framework()
    _question(framework).update(change)
    problems = _problems(tmp_path, framework)
    assert any(problem.endswith(f": {message}") for problem in problems), problems


def _choices(*choices: dict[str, Any]) -> dict[str, Any]:
    """A single-choice question with these choices."""
    return _second(type="single", choices=list(choices))


A_SCORE, B_SCORE = {"id": "a", "label": "A", "score": 1}, {"id": "b", "label": "B", "score": 2}
OTHER_QUESTIONS = {
    "auto-choices": (
        _second(choices=[A_SCORE, B_SCORE]),
        "a yes-no question gets its choices automatically",
    ),
    "two-choices": (_choices(A_SCORE), "a single question needs at least two choices"),
    "reverse": (
        _second(type="text", reverse=True),
        "'reverse' only applies to yes-no and scale questions",
    ),
    "text-na": (
        _second(type="text", not_applicable=True),
        "a text question can be skipped; it needs no 'not_applicable'",
    ),
    "exclusive": (
        _choices({**A_SCORE, "exclusive": True}, B_SCORE),
        "only a multiple-choice question has exclusive choices",
    ),
    "stage": (
        _choices({"id": "a", "label": "A", "stage": {"steps": "told"}}, B_SCORE),
        "only a question that places an area gives stages",
    ),
    "no-score": (_choices({"id": "a", "label": "A"}, B_SCORE), "choice 'a' has no score"),
    "term": (_second(terms=["tokenism"]), "unknown glossary term 'tokenism'"),
}


@pytest.mark.parametrize(("question", "message"), OTHER_QUESTIONS.values(), ids=OTHER_QUESTIONS)
def test_the_rules_of_other_questions(
    tmp_path: Path, question: dict[str, Any], message: str
) -> None:
    framework = minimal_framework()
    framework["questions"].append(question)
    problems = _problems(tmp_path, framework)
    assert any(problem.endswith(f": {message}") for problem in problems), problems
    assert all(problem.startswith("tiny.yaml:") for problem in problems)


def test_a_term_must_appear_in_its_question_plurals_and_other_forms_allowed(tmp_path: Path) -> None:
    framework = minimal_framework()
    framework["glossary"] = [
        {"id": "hub", "term": "hub", "definition": "A place.", "also": ["centre"]},
    ]
    _question(framework)["terms"] = ["hub"]
    (problem,) = _problems(tmp_path / "missing", framework)
    written = tmp_path / "missing" / "tiny.yaml"
    assert problem == (
        f"tiny.yaml:{_line_of(written, '- hub')}:5: the term 'hub' does not appear in this "
        "question's text or help"
    )
    for text in ("Do the hubs help?", "Does the centre help?", "Does the Hub help?"):
        fine = copy.deepcopy(framework)
        _question(fine)["text"] = text
        catalog_of(tmp_path / str(abs(hash(text))), fine)


def _dimension(dimension_id: str, kind: str, **more: str) -> dict[str, Any]:
    title = dimension_id.title()
    return {
        "id": dimension_id,
        "kind": kind,
        "title": title,
        "description": f"{title}.",
        "section": "Design",
        **more,
    }


def test_a_part_needs_an_area_for_its_parent(tmp_path: Path) -> None:
    framework = minimal_framework()
    framework["dimensions"] += [
        _dimension("bits", "part"),
        _dimension("fair", "principle"),
        _dimension("odd", "part", parent="fair"),
        _dimension("lost", "principle", parent="making"),
    ]
    assert [problem.split(": ", 1)[1] for problem in _problems(tmp_path, framework)] == [
        "a part needs a 'parent' area",
        "the parent of a part must be an area, not a principle",
        "only a part has a 'parent'",
    ]


def test_pathway_groups_and_stages(tmp_path: Path) -> None:
    framework = minimal_framework()
    pathway = framework["pathway"]
    pathway["groups"].append({"id": "empty", "title": "Empty", "description": "No stages."})
    pathway["stages"][2]["group"] = "al"
    pathway["stages"][1]["id"] = "told"
    messages = [problem.split(": ", 1)[1] for problem in _problems(tmp_path, framework)]
    assert "stage id 'told' is used twice" in messages
    assert "unknown group 'al'" in messages
    assert "no stage belongs to group 'empty'" in messages


def test_a_guardrail_may_only_look_at_answers(tmp_path: Path) -> None:
    framework = minimal_framework()
    framework["guardrails"] = [
        {
            "id": "low",
            "title": "Low",
            "explanation": "Too low.",
            "when": {"score": "making", "below": 50},
            "highest": {"steps": "asked"},
            "section": "Design",
        }
    ]
    (problem,) = _problems(tmp_path, framework)
    assert problem == (
        f"tiny.yaml:{_line_of(tmp_path / 'tiny.yaml', 'score: making')}:5: "
        "only answer conditions can be used here"
    )


def test_a_condition_on_a_text_answer_must_ask_whether_it_was_answered(tmp_path: Path) -> None:
    framework = minimal_framework()
    framework["questions"] += [
        _second("said", type="text"),
        _second("follow-up", when={"answer": "said", "is": "yes"}),
    ]
    (problem,) = _problems(tmp_path / "is", framework)
    assert problem.endswith("question 'said' is a text question and has no choices")
    assert _hints(tmp_path / "hint", framework) == ["use {answered: QUESTION} instead"]
    framework["questions"][-1]["when"] = {"answered": "said"}
    catalog = catalog_of(tmp_path / "answered", framework)
    assert "follow-up" in catalog.conditions


def test_a_question_can_only_depend_on_an_earlier_one(tmp_path: Path) -> None:
    framework = minimal_framework()
    _question(framework)["when"] = {"answer": "later", "is": "yes"}
    framework["questions"].append(_second("later"))
    (problem,) = _problems(tmp_path, framework)
    assert problem.endswith("question 'later' is not asked before this one in this framework")


def test_a_recommendation_may_look_at_scores_and_the_overall_stage(tmp_path: Path) -> None:
    framework = minimal_framework()
    framework["recommendations"] = [
        {
            "id": "do-more",
            "title": "Do more",
            "advice": "More.",
            "example": "Someone did more.",
            "section": "Design",
            "audience": "everyone",
            "priority": "low",
            "dimensions": ["making"],
            "when": {
                "any": [
                    {"score": "making", "below": 50},
                    {"stage": "overall", "below": {"steps": "sharing"}},
                    {"answer": "how-made", "is": ["alone", "together"]},
                ]
            },
        }
    ]
    catalog = catalog_of(tmp_path / "fine", framework)
    assert "do-more" in catalog.conditions
    framework["recommendations"][0]["when"]["any"][2]["is"] = ["alone", "toghether"]
    (problem,) = _problems(tmp_path / "typo", framework)
    assert problem.endswith("unknown choice of how-made 'toghether'")


def test_a_choice_in_a_list_is_found_by_its_position() -> None:
    assert raw_index(("alone",), 0) == ()
    assert raw_index(("alone", "together"), 1) == (1,)
