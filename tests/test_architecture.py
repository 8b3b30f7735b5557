"""The packages are stages of one pipeline: data flows down the list, and no import runs back up.

Every import in the package counts, at the top of a module or inside a function, since both are
real dependencies. ``docs/architecture.md`` draws the same list.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "src" / "coprod_check"

STAGES: list[tuple[str, ...]] = [
    ("__init__", "errors", "text"),
    ("io",),
    ("model",),
    ("frameworks",),
    ("score",),
    ("files",),
    ("ask",),
    ("combine",),
    ("views",),
    ("check",),
    ("render",),
    ("cli", "__main__"),
]
"""The pipeline's stages, first to last: a module may import only from its own stage or one
above it."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(part for part in parts if part != "__init__") or "__init__"


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> Iterator[str]:
    """Every coprod_check module that ``path`` imports, relative to the package."""
    known = _modules()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name == "coprod_check" or not name.startswith("coprod_check."):
                continue
            inner = name.removeprefix("coprod_check.")
            if inner in known:
                yield inner


def _stage(module: str) -> int:
    top = module.split(".", maxsplit=1)[0]
    for index, names in enumerate(STAGES):
        if top in names:
            return index
    raise AssertionError(f"{module} is in no stage: add its package to STAGES and the docs")


def _graph() -> dict[str, set[str]]:
    return {name: set(_imports(path)) - {name} for name, path in _modules().items()}


def test_every_module_belongs_to_a_stage() -> None:
    for module in _modules():
        _stage(module)


def test_no_import_runs_back_up_the_pipeline() -> None:
    back = [
        f"{module} ({STAGES[_stage(module)][0]}) imports {used} ({STAGES[_stage(used)][0]})"
        for module, used_all in _graph().items()
        for used in sorted(used_all)
        if _stage(used) > _stage(module)
    ]
    assert not back, "\n".join(back)


def test_no_import_cycles() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 while on the path, 2 when done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for used in sorted(graph[module]):
            if state.get(used) == 1:
                cycles.append([*path[path.index(used) :], used])
            elif used not in state:
                visit(used, [*path, used])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_only_the_questionnaire_imports_questionary() -> None:
    users = [
        name
        for name, path in _modules().items()
        if "questionary"
        in {
            alias.name.split(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in (
                node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
            )
        }
    ]
    assert users == ["ask.questionnaire"], users
