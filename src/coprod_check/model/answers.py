"""An answer: what a person or group chose for a question, with an optional note on why.

Values only; the answers file and its reader are in ``files/answers.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from coprod_check.model.framework import NOT_APPLICABLE


class Answer(Struct, frozen=True, kw_only=True):
    """One question's answer. No choices and no text means it was skipped."""

    question: str
    choices: tuple[str, ...] = ()
    text: str | None = None
    note: str | None = None

    @property
    def skipped(self) -> bool:
        return not self.choices and not self.text

    @property
    def not_applicable(self) -> bool:
        return self.choices == (NOT_APPLICABLE,)


Answers = Mapping[str, Answer]
