"""Issue 14, item 5: "4 of 69" means the same 69 everywhere.

The questionnaire's progress line, its first screen, its end screen and every report count the
same questions: those of the respondent's frameworks that their answers lead to. Follow-up
questions that an answer leaves out are not counted, and neither are the target questions asked
after each area's questions, which are not questions of the framework.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_assess_pty import COMMAND, _ctrl_c_as_usual, _env
from tests.helpers import Run

pexpect = pytest.importorskip("pexpect")

RunFn = Callable[..., Run]

# No part in delivery and research on people: their follow-up questions are not asked.
ANSWERS = """\
schema: coprod-check/answers/1
project: Hub
answers:
  design-stage: design-together
  delivery-stage: no-role
  research-stage: subjects-only
"""


def _count(pattern: str, text: str) -> tuple[int, int]:
    found = re.search(pattern, " ".join(text.split()))
    assert found, text
    return int(found.group(1)), int(found.group(2))


def _progress_total(tmp_path: Path) -> tuple[int, int]:
    """What a person sees carrying on: the first screen's count and the progress line's total."""
    assert COMMAND is not None
    child = pexpect.spawn(
        COMMAND,
        ["assess", "--resume", "hub.toml", "--plain"],
        env=_env(tmp_path),
        cwd=str(tmp_path),
        timeout=20,
        encoding="utf-8",
        preexec_fn=_ctrl_c_as_usual,
    )
    child.expect_exact("Answer: ")
    shown = str(child.before)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    carrying_on = _count(r"Carrying on: (\d+) of (\d+) questions answered", shown)
    progress = _count(r"(\d+) of (\d+) · ", shown)
    return carrying_on[1], progress[1]


@pytest.mark.skipif(COMMAND is None, reason="the coprod-check command is not installed")
def test_issue14_item_5_progress_end_screen_and_reports_count_the_same_questions(
    run: RunFn, tmp_path: Path
) -> None:
    (tmp_path / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    made = run(
        "assess", "--answers", "answers.yaml", "--framework", "five-areas", "--skip-unanswered",
        "--output", "hub.toml", cwd=tmp_path,
    )  # fmt: skip
    assert made.code == 0, made.err
    answered, total = _count(r"Finished: (\d+) of (\d+) questions answered", made.out)
    assert answered == 3
    assert total < 28  # five-areas has 28 questions; some follow-ups are not asked here

    shown = run("report", "hub.toml", "--plain", cwd=tmp_path)
    assert shown.code == 0, shown.err
    assert _count(r"Questions answered: (\d+) of (\d+)", shown.out) == (answered, total)
    markdown = run("report", "hub.toml", "--format", "markdown", cwd=tmp_path)
    assert _count(r"Questions answered:\*\* (\d+) of (\d+)", markdown.out) == (answered, total)
    html = run("report", "hub.toml", "--format", "html", cwd=tmp_path)
    assert _count(r"<dt>Questions answered</dt> <dd>(\d+) of (\d+)", html.out) == (answered, total)
    data: dict[str, Any] = json.loads(
        run("report", "hub.toml", "--format", "json", cwd=tmp_path).out
    )
    assert (data["answered"], data["questions"]) == (answered, total)

    assert _progress_total(tmp_path) == (total, total)
