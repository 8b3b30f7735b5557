"""Issue 11, "how it is checked": no results, answers or plan file can make coprod-check fail.

Whatever bytes a file holds (random bytes, random text, random TOML and YAML, and the real example
files with parts cut, repeated, changed or replaced), the command that reads it ends in exit 0,
1 or 2: never 3 (an internal error), never a traceback, never a hang.

Most examples run in this process, through ``cli.run``, the same entry (and the same single error
handler) the console script uses; a few run as real processes, with a timeout for hangs. The
numbers of examples are kept small enough for CI; see :func:`examples` for a longer run.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT, bundled_catalog, run_here, run_process

EXAMPLES = ROOT / "examples"
RESULTS = sorted(
    [*(EXAMPLES / "results").glob("*.toml"), *(EXAMPLES / "respondents").glob("*.toml")]
)
ANSWERS = sorted(EXAMPLES.glob("answers-*.yaml"))
PLANS = sorted((EXAMPLES / "plans").glob("*.yaml"))


def _bundled_ids() -> list[str]:
    catalog = bundled_catalog()
    ids = {*catalog.questions, *catalog.roles, *catalog.pathways, *catalog.dimensions}
    for question in catalog.questions.values():
        ids.update(choice.id for choice in question.options())
    for pathway in catalog.pathways.values():
        ids.update(stage.id for stage in pathway.stages)
    return sorted(ids)


IDS = _bundled_ids()
"""Every id the bundled frameworks have: random data made of them reaches deeper checks."""

KEYS = [
    "schema",
    "meta",
    "answers",
    "results",
    "combined",
    "complete",
    "project",
    "pathway",
    "role",
    "respondent",
    "frameworks",
    "choice",
    "choices",
    "text",
    "skipped",
    "skip",
    "note",
    "areas",
    "policy",
    "stage",
    "overall",
    "scores",
    "id",
    "version",
]
SCHEMAS = [
    "coprod-check/result/1",
    "coprod-check/answers/1",
    "coprod-check/plan/1",
    "coprod-check/result/2",
]


def examples(count: int) -> int:
    """How many examples a property tries: ``count``, times COPROD_CHECK_PROPERTY_SCALE when it
    is set (say to 20, for a longer hunt than CI's)."""
    return max(1, round(count * float(os.environ.get("COPROD_CHECK_PROPERTY_SCALE", "1"))))


FAST = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCALARS = (
    st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(IDS)
    | st.sampled_from(SCHEMAS)
)
KEY = st.sampled_from(KEYS) | st.sampled_from(IDS) | st.text(max_size=8)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEY, inner, max_size=5),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(KEY, DATA, max_size=6)
"""A random document: a table of random keys (often the real ones) and values."""

ONE_ANSWER = (
    DATA
    | st.sampled_from(IDS)
    | st.dictionaries(
        st.sampled_from(["choice", "choices", "text", "skipped", "skip", "note", "evidence"]),
        DATA | st.sampled_from(IDS),
        max_size=3,
    )
)
ANSWERS_PART = DATA | st.dictionaries(st.sampled_from(IDS) | KEY, ONE_ANSWER, max_size=5)
META = DATA | st.fixed_dictionaries(
    {
        "project": st.text(max_size=5),
        "pathway": st.sampled_from(IDS),
        "created": st.text(max_size=5),
        "updated": st.text(max_size=5),
    },
    optional={
        "role": st.sampled_from(IDS) | DATA,
        "respondent": DATA,
        "frameworks": DATA
        | st.lists(st.fixed_dictionaries({"id": st.sampled_from(IDS), "version": DATA})),
    },
)
PARTS = {
    "result": {"complete": DATA, "meta": META, "answers": ANSWERS_PART, "results": DATA},
    "answers": {"project": DATA, "role": DATA | st.sampled_from(IDS), "answers": ANSWERS_PART},
    "plan": {"project": DATA, "pathway": DATA, "areas": DATA, "answers": ANSWERS_PART},
}


@st.composite
def shaped_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A document shaped like a results, answers or plan file, each part present or not, each
    either of the right shape with random ids and values, or random data."""
    kind = draw(st.sampled_from(sorted(PARTS)))
    right = f"coprod-check/{kind}/1"
    document: dict[str, Any] = {
        "schema": draw(st.sampled_from([right, right, right, *SCHEMAS]) | DATA)
    }
    for key, part in PARTS[kind].items():
        if draw(st.booleans()):
            document[key] = draw(part)
    return document


# -- running a command ---------------------------------------------------------------------------


def commands(path: Path, folder: Path) -> list[tuple[str, ...]]:
    """Every command that reads a file like this one: results files are reported and explained;
    answers files explained and assessed; plan files checked. A file of unknown purpose is
    tried as all three."""
    results = [
        ("report", str(path)),
        ("explain", str(path)),
        ("compare", str(path), str(path)),
        ("trend", str(path)),
    ]
    answers = [
        ("explain", str(path)),
        (
            "assess",
            "--answers",
            str(path),
            "--project",
            "p",
            "--skip-unanswered",
            "--output",
            str(folder / "out.toml"),
            "--force",
        ),
    ]
    plan = [("check", str(path))]
    text = path.read_bytes()[:4096]
    if b"coprod-check/result/" in text:
        return results
    if b"coprod-check/plan/" in text:
        return plan
    if b"coprod-check/answers/" in text:
        return answers
    return [*results[:1], *answers, *plan]


def assert_never_fails(content: bytes, suffix: str, *, process: bool = False) -> None:
    """Write ``content`` to a file and run every command that reads such a file on it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        for command in commands(path, Path(folder)):
            done = run_process(*command) if process else run_here(*command, seconds=30)
            assert done.code in (0, 1, 2), f"{command}: exit {done.code}\n{done.err}"
            assert "Traceback" not in done.err, done.err
            assert "internal error" not in done.err, done.err


# -- the inputs ----------------------------------------------------------------------------------


def _to_toml(document: dict[str, Any]) -> str:
    return tomli_w.dumps(_without_none(document))


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value if item is not None]
    return value


def _to_yaml(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@st.composite
def mutated_bytes(draw: st.DrawFn, files: list[Path]) -> bytes:
    """A real example file with a slice cut out, repeated or replaced by random bytes."""
    raw = draw(st.sampled_from(files)).read_bytes()
    start = draw(st.integers(0, len(raw)))
    end = draw(st.integers(start, min(len(raw), start + 200)))
    how = draw(st.sampled_from(["cut", "repeat", "replace", "insert"]))
    if how == "cut":
        return raw[:start] + raw[end:]
    if how == "repeat":
        return raw[:end] + raw[start:end] * draw(st.integers(2, 5)) + raw[end:]
    piece = draw(st.binary(max_size=40) | st.sampled_from([b"[", b"{", b'"', b"\n", b"=", b"."]))
    return raw[:start] + piece + (raw[end:] if how == "replace" else raw[start:])


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in parsed data."""
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*here, index))
    return found


@st.composite
def mutated_data(draw: st.DrawFn, files: list[Path]) -> tuple[Any, str]:
    """A real example file, parsed, with one value anywhere in it replaced by random data (or
    removed), and the suffix to write it with."""
    path = draw(st.sampled_from(files))
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    places = _paths(data)[1:]
    depth = draw(st.integers(1, 4))
    where = draw(st.sampled_from([p for p in places if len(p) == depth] or places))
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    if draw(st.integers(0, 3)) == 0 and isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent[where[-1]] = draw(DATA)
    return data, path.suffix


# -- the properties ------------------------------------------------------------------------------

DEEP_ARRAY = b'schema = "coprod-check/result/1"\nx = ' + b"[" * 2000 + b"]" * 2000 + b"\n"
DEEP_TABLE = b'schema = "coprod-check/result/1"\nx = ' + b"{a = " * 3000 + b"1" + b"}" * 3000


@settings(FAST, max_examples=examples(60))
@given(content=st.binary(max_size=600), suffix=st.sampled_from([".toml", ".yaml"]))
@example(content=DEEP_ARRAY, suffix=".toml")
@example(content=DEEP_TABLE, suffix=".toml")
@example(content=b"answers:\n  x: " + b"[" * 3000 + b"]" * 3000, suffix=".yaml")
@example(content=b"", suffix=".toml")
def test_any_bytes(content: bytes, suffix: str) -> None:
    assert_never_fails(content, suffix)


@settings(FAST, max_examples=examples(40))
@given(content=st.text(max_size=400), suffix=st.sampled_from([".toml", ".yaml"]))
def test_any_text(content: str, suffix: str) -> None:
    assert_never_fails(content.encode("utf-8", "surrogatepass"), suffix)


@settings(FAST, max_examples=examples(40))
@given(document=DOCUMENTS, as_toml=st.booleans())
def test_any_structure(document: dict[str, Any], as_toml: bool) -> None:
    if as_toml:
        assert_never_fails(_to_toml(document).encode(), ".toml")
    else:
        assert_never_fails(_to_yaml(document).encode(), ".yaml")


@settings(FAST, max_examples=examples(60))
@given(document=shaped_documents(), as_toml=st.booleans())
def test_any_structure_shaped_like_the_real_files(document: dict[str, Any], as_toml: bool) -> None:
    if as_toml:
        assert_never_fails(_to_toml(document).encode(), ".toml")
    else:
        assert_never_fails(_to_yaml(document).encode(), ".yaml")


@settings(FAST, max_examples=examples(60))
@given(content=mutated_bytes(RESULTS + ANSWERS + PLANS))
def test_real_files_damaged_byte_by_byte(content: bytes) -> None:
    suffix = ".toml" if content.startswith(b"schema = ") else ".yaml"
    assert_never_fails(content, suffix)


@settings(FAST, max_examples=examples(80))
@given(mutated=mutated_data(RESULTS + ANSWERS + PLANS), as_toml=st.booleans())
def test_real_files_edited_by_hand(mutated: tuple[Any, str], as_toml: bool) -> None:
    data, suffix = mutated
    if suffix == ".toml" or as_toml:
        assert_never_fails(_to_toml(data).encode(), ".toml")
    else:
        assert_never_fails(_to_yaml(data).encode(), ".yaml")


@settings(FAST, max_examples=examples(6))
@given(
    content=mutated_bytes(RESULTS + ANSWERS + PLANS)
    | st.binary(max_size=300)
    | mutated_data(RESULTS + ANSWERS + PLANS).map(lambda m: _to_toml(m[0]).encode())
)
@example(content=DEEP_ARRAY)
@example(content=DEEP_TABLE)
def test_as_real_processes(content: bytes) -> None:
    """The same, through real processes: no traceback reaches stderr, and nothing hangs."""
    suffix = ".toml" if b"=" in content[:200] else ".yaml"
    assert_never_fails(content, suffix, process=True)
