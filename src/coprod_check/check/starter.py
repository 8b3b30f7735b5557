"""The starter plan `coprod-check init` writes: every section, with comments that explain it, and
a first line that points editors at the plan schema written beside it."""

import json
from pathlib import Path

from coprod_check.io.versions import published_id, schema_id
from coprod_check.model.framework import Pathway

SCHEMA_FILE = "coprod-plan.schema.json"
"""The plan schema's file, beside the plan: every plan in a folder can point at the one file."""

STARTER = """\
# yaml-language-server: $schema={schema_file}
# A co-production plan: how {project} means to involve the people it is for.
# Check it with:  coprod-check check {file}
# Every question and choice id: coprod-check frameworks show five-areas
schema: coprod-check/plan/1
project: {project_yaml}

# Who the project is for, in plain words.
people: {people_yaml}

# The pathway the stages below are on: arnstein (the default) or tlap-ladder.
pathway: {pathway}

# For each area of co-production: the stage you aim for, and how you will get there.
# The stages, lowest first: {stages}.
# If an area does not apply, say so and why:
#   research: {{applies: false, how: We do no research of our own.}}
areas:
  design:
    stage: {stage}
    how: People who use the service help plan new activities, from the first idea.
  decision-making:
    stage: {stage}
    how: People with lived experience sit on our steering group.
  delivery:
    stage: {stage}
    how: Peer volunteers help run sessions, with training and support.
  research:
    stage: {stage}
    how: People help decide what we ask, and how we share what we find.
  voice:
    stage: {stage}
    how: People choose the issues they want to raise, and speak for themselves.

# Answers to framework questions, by question id. Add 'evidence' where it can be seen to be true.
# Every question and choice id: coprod-check frameworks show five-areas (and report-learning,
# scie-principles).
answers:
  design-timing:
    choice: while-options-open
    evidence: Our planning notes.
  time-and-money-set-aside: some
  decision-board-support: [training, briefing, someone-to-talk-to]
  hear-what-came-of-it: usually
  recognition-of-time: expenses-and-thanks
  same-few-people: fresh-people-join

# The bar for this plan. The check fails when the plan falls below it.
policy:
  min_stage:
    overall: consultation
  min_score: {{}}
  # Turn a rule off only with a reason everyone can read:
  # disable:
  #   - rule: CP107
  #     reason: We are all volunteers, and we thank people at every meeting.
  disable: []
"""


def starter_stage(pathway: Pathway) -> str:
    """The stage the starter plan aims for in every area: the pathway's target, the stage that
    is right for most work now (partnership on Arnstein's ladder)."""
    return pathway.default_target


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def starter_plan(
    *,
    project: str,
    people: str,
    pathway: str,
    stages: list[str],
    stage: str,
    file: str,
    schema_file: str = SCHEMA_FILE,
) -> str:
    """The starter plan text for these answers, pointing editors at ``schema_file``."""
    return STARTER.format(
        schema_file=schema_file,
        stages=", ".join(stages),
        project=project,
        project_yaml=_quoted(project),
        people_yaml=_quoted(people),
        pathway=pathway,
        stage=stage,
        file=file,
    )


def schema_beside(plan: Path) -> Path:
    """Where the plan schema goes for the plan at ``plan``: beside it."""
    return plan.with_name(SCHEMA_FILE)


def is_plan_schema(path: Path) -> bool:
    """Whether ``path`` holds a plan schema coprod-check wrote (so it may be written anew, for
    the frameworks loaded now), judged by its ``$id``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("$id") == published_id(schema_id("plan"))
