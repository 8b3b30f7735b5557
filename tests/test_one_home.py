"""One home for each concept (issue 12): a file is replaced atomically in one place, a file is read
whole in one place, and no two structs share a name. (How each behaves: tests/io.)"""

from __future__ import annotations

import ast
from collections import defaultdict

from tests.helpers import ROOT

PACKAGE = ROOT / "src" / "coprod_check"


def _calls(name: str) -> dict[str, int]:
    """How often each module calls ``os.<name>`` or ``tempfile.<name>``."""
    found: dict[str, int] = defaultdict(int)
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == name
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"os", "tempfile"}
            ):
                found[path.relative_to(PACKAGE).as_posix()] += 1
    return dict(found)


def test_issue12_item2_files_are_replaced_atomically_in_one_place() -> None:
    assert set(_calls("replace")) == {"io/writing.py"}
    assert set(_calls("mkstemp")) == {"io/writing.py"}


def test_issue12_item2_files_are_read_whole_in_one_place() -> None:
    assert set(_calls("read")) == {"io/yaml_file.py"}


def test_issue12_item2_no_two_structs_share_a_name() -> None:
    """A protocol and the class that meets it may; two structs for one idea may not."""
    homes: dict[str, list[str]] = defaultdict(list)
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and not any(
                isinstance(base, ast.Name) and base.id == "Protocol" for base in node.bases
            ):
                homes[node.name].append(path.relative_to(PACKAGE).as_posix())
    assert {name: where for name, where in homes.items() if len(where) > 1} == {}
