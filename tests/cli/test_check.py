"""`coprod-check check` as a command, for the habits people bring from other linters (issue 15,
"Command line"): the short options, standard input and output, the width of the text report,
every plan error at once, and replacing its own earlier report. What each format holds is tested
in tests/render/test_check_formats.py."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.helpers import ROOT, Run

RunFn = Callable[..., Run]
PLANS = ROOT / "examples" / "plans"
WEAK = PLANS / "weak.yaml"
STRONG = PLANS / "strong.yaml"


def test_issue15_check_takes_f_for_format(run: RunFn) -> None:
    result = run("check", str(WEAK), "-f", "json")
    assert result.code == 1, result.err
    assert json.loads(result.out)["passed"] is False
    assert result.out == run("check", str(WEAK), "--format", "json").out
