"""The first screen of a questionnaire: how many questions there are for this respondent, about
how long they take, where the answers are saved, and that Ctrl-C is safe; or, for a session that
already has answers, how far it got. Plain text, wrapped at word boundaries for any width, with
no control character or mark that reorders text (see ``safe_text``).

The count is the questionnaire's own (:meth:`Questionnaire.applicable`): the same number its
progress line ("4 of 69"), the end screen and the reports give.
"""

from pathlib import Path

from coprod_check.ask.questionnaire import Questionnaire
from coprod_check.ask.targets import TargetQuestion
from coprod_check.text import safe_text, wrap

SECONDS_A_QUESTION = 20
"""About how long a group takes over one question, to say how long the whole takes."""


def about(steps: int) -> str:
    """Roughly how long ``steps`` questions take: "about 5 minutes", "about 25 minutes" (to the
    nearest five past ten)."""
    minutes = steps * SECONDS_A_QUESTION / 60
    if minutes < 1.5:
        return "about a minute"
    if minutes < 10:
        return f"about {round(minutes)} minutes"
    return f"about {5 * round(minutes / 5)} minutes"


def _questions(count: int) -> str:
    return f"{count} question{'s' if count != 1 else ''}"


def opening_text(
    questionnaire: Questionnaire, *, path: Path, answered: int = 0, width: int = 80
) -> str:
    """What to say before the first question: how far a session with answers got, or, for one
    with none yet, the first screen."""
    total = len(questionnaire.applicable())
    if answered:
        lines = wrap(f"Carrying on: {answered} of {total} questions answered.", width)
        return safe_text("\n".join(lines) + "\n\n")
    most = len(questionnaire.questions)
    targets = sum(1 for step in questionnaire.steps() if isinstance(step, TargetQuestion))
    count = f"There {'are' if total != 1 else 'is'} {_questions(total)} for you"
    if most > total:
        count += f" (up to {most}: some depend on your answers)"
    said = [f"{count}."]
    if targets:
        said.append("After each area's questions, you choose the stage that is right for it now.")
    said.append(f"It takes {about(total + targets)}.")
    lines = [
        *wrap(" ".join(said), width),
        "",
        *wrap(f"Each answer is saved the moment you choose it, in {path}.", width),
        "",
        *wrap("Ctrl-C is safe: it stops and keeps every answer. To carry on later:", width),
        *wrap(f"coprod-check assess --resume {path}", width, "  ", "    "),
        "",
    ]
    return safe_text("\n".join(lines) + "\n")
