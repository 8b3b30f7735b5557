"""The packages are stages of one pipeline: data flows down the list, and no import runs back up.

Every import in the package counts, at the top of a module or inside a function, since both are
real dependencies. ``docs/architecture.md`` draws the same list.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_type_hints

import typer

from coprod_check.cli.app import app
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
    ("workshop",),
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


def test_only_the_questionnaires_menus_import_questionary() -> None:
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
    assert users == ["ask.menu"], users


# -- issue 12: a thin command line ----------------------------------------------------------------

CLI = PACKAGE / "cli"

START_UP = {"errors", "text", "render", "render.formats", "io", "io.writing"}
"""The only modules outside ``cli`` that starting the command line may load: every command module
is imported to build the app, so anything heavier (the frameworks' loader, the readers, the
scorer, the renderers) waits until the command that needs it runs."""


def _commands(app: typer.Typer, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    for info in app.registered_commands:
        yield " ".join((*prefix, info.name or "")), info.callback
    for group in app.registered_groups:
        assert group.typer_instance is not None
        assert group.name is not None
        yield from _commands(group.typer_instance, (*prefix, group.name))


def test_issue12_each_command_is_a_module_of_its_own_that_returns_the_exit_code() -> None:
    found = dict(_commands(app))
    assert len(found) == 15  # with rule and workshop serve
    for name, callback in found.items():
        assert callback.__module__ == f"coprod_check.cli.commands.{name.split()[0]}", name
        assert get_type_hints(callback)["return"] is int, name


def _option_calls(path: Path) -> Iterator[tuple[tuple[str, ...], str]]:
    """Each ``typer.Option(...)`` in ``path``: its names and its help, where the help is text."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "Option"
        ):
            continue
        names = tuple(arg.value for arg in node.args if isinstance(arg, ast.Constant))
        helps = [k.value for k in node.keywords if k.arg == "help"]
        if helps and isinstance(helps[0], ast.Constant):
            yield tuple(str(name) for name in names), str(helps[0].value)


def test_issue12_an_option_shared_by_commands_is_declared_once() -> None:
    seen: dict[tuple[tuple[str, ...], str], str] = {}
    twice = []
    for path in sorted(CLI.rglob("*.py")):
        for option in _option_calls(path):
            if option in seen:
                twice.append(f"{option[0]} in {seen[option]} and {path.name}")
            seen.setdefault(option, path.name)
    assert seen, "no options found: has the command line moved?"
    assert not twice, "declare these once in cli/options.py:\n" + "\n".join(twice)


def test_issue12_starting_the_command_line_loads_none_of_the_core() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", "import sys, coprod_check.cli.app; print(*sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    ours = {name.removeprefix("coprod_check.") for name in shown if name.startswith("coprod_check")}
    loaded = {name for name in ours if not name.startswith("cli")} - {"coprod_check"}
    assert loaded <= START_UP, sorted(loaded - START_UP)
    heavy = {"rich", "jinja2", "questionary", "prompt_toolkit", "msgspec", "yaml", "rtoml"}
    heavy |= {"starlette", "uvicorn", "segno", "python_multipart", "anyio", "h11"}
    assert not heavy & {name.split(".")[0] for name in shown}


# -- issue 12: one home for the words every renderer shares --------------------------------------

WORDS = PACKAGE / "render" / "words.py"

STAGE_PHRASES = (
    "not placed",
    "does not apply",
    "(stage ",
    "lowest first",
    "range from",
    "ranging from",
    "no change",
    ", provisional",
    "(provisional)",
)
"""How a stage, a placement, its range and its movement are said: ``render/words.py`` alone
writes these, and every renderer asks it."""


def _texts(path: Path) -> Iterator[tuple[int, str]]:
    """The text in ``path``'s code (not its docstrings), with line numbers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    for node in ast.walk(tree):  # an f-string's text is in its Constant parts
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def test_issue12_stage_wording_is_written_once_for_every_renderer() -> None:
    elsewhere = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in sorted((PACKAGE / "render").rglob("*.py"))
        if path != WORDS
        for line, text in _texts(path)
        for phrase in STAGE_PHRASES
        if phrase in text
    ]
    assert not elsewhere, "say these with render/words.py:\n" + "\n".join(elsewhere)
