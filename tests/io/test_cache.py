"""The cache holds plain data, checked after decoding, and never wins over the files it stands for.

Each test plays someone who can write the cache folder, or an unlucky user whose cache is damaged,
and checks that nothing runs and that every answer is what a run with no cache at all gives.
"""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import platformdirs
import pytest
import yaml

from coprod_check import __version__
from coprod_check.frameworks import load
from coprod_check.frameworks.load import Sources, bundled_dir, load_catalog
from coprod_check.io import cache
from coprod_check.model.catalog import Catalog
from tests.helpers import ROOT, Run, minimal_framework

ANSWERS = ROOT / "examples" / "answers-worked-example.yaml"
pytestmark = pytest.mark.own_cache  # each test looks into its cache, or damages it


class _Payload(msgspec.Struct):
    name: str
    count: int


def _swap(data: Any, words: dict[str, str]) -> Any:
    """``data`` with some of its words changed, as someone poisoning the cache would."""
    if isinstance(data, dict):
        return {key: _swap(value, words) for key, value in data.items()}
    if isinstance(data, list):
        return [_swap(value, words) for value in data]
    return words.get(data, data) if isinstance(data, str) else data


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.msgpack")) + sorted(folder.glob("*.pickle"))


class _RunsCode:
    """Unpickling this makes a file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (os.system, (f"touch {self.marker}",))


def test_item_1_a_pickle_planted_in_the_cache_never_runs(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    folder = Path(os.environ["COPROD_CHECK_CACHE_DIR"])
    fresh = run("explain", str(ANSWERS))
    assert fresh.code == 0, fresh.err
    marker = tmp_path / "code-ran"
    poison = pickle.dumps(_RunsCode(marker))
    entries = _entries(folder)
    assert entries, "the first run should have filled the cache"
    for entry in entries:
        entry.write_bytes(poison)
        entry.with_suffix(".pickle").write_bytes(poison)
    again = run("explain", str(ANSWERS))
    assert not marker.exists(), "a cache entry ran code"
    assert (again.code, again.out) == (0, fresh.out)


def test_item_1_a_poisoned_entry_for_an_answers_file_never_changes_a_placement(
    run: Callable[..., Run],
) -> None:
    folder = Path(os.environ["COPROD_CHECK_CACHE_DIR"])
    fresh = run("explain", str(ANSWERS), "--all")
    assert fresh.code == 0, fresh.err
    for entry in _entries(folder):
        raw = entry.read_bytes()
        for start in (0, 32):  # a bare entry, or one behind a signature
            try:
                data = msgspec.msgpack.decode(raw[start:])
            except msgspec.DecodeError:
                continue
            if "design-together" in repr(data):
                poisoned = _swap(data, {"after-decisions": "early", "equal-seats": "own-decisions"})
                entry.write_bytes(raw[:start] + msgspec.msgpack.encode(poisoned))
    again = run("explain", str(ANSWERS), "--all")
    assert (again.code, again.out) == (0, fresh.out)


def test_item_1_an_unsigned_entry_is_a_miss(tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text("a: 1\n")
    sources = [cache.SourceStamp.of(source, source.read_bytes())]
    assert sources[0] is not None
    cache.write("entry", "test", sources, _Payload("real", 1))
    entry = Path(os.environ["COPROD_CHECK_CACHE_DIR"]) / "entry.msgpack"
    signed = entry.read_bytes()
    body = signed[32:]
    forged = msgspec.msgpack.decode(body)
    forged[4] = msgspec.msgpack.encode(_Payload("forged", 2))
    for tampered in (
        bytes(32) + body,  # no signature
        signed[:32] + msgspec.msgpack.encode(forged),  # the real signature over other data
        body,  # the entry alone
    ):
        entry.write_bytes(tampered)
        assert cache.read("entry", "test", sources, _Payload) is None
    entry.write_bytes(signed)
    assert cache.read("entry", "test", sources, _Payload) == _Payload("real", 1)


def test_item_1_an_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text("a: 1\n")
    sources = [cache.SourceStamp.of(source, source.read_bytes())]
    cache.write("entry", "test", sources, {"name": 3, "count": "three"})
    assert cache.read("entry", "test", sources, _Payload) is None
    cache.write("entry", "test", sources, [1, 2, 3])
    assert cache.read("entry", "test", sources, Catalog) is None


def test_item_1_an_entry_is_used_only_while_its_source_is_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text("a: 1\n")
    before = cache.SourceStamp.of(source, source.read_bytes())
    assert before is not None
    cache.write("entry", "test", [before], _Payload("real", 1))
    assert cache.read("entry", "test", [before], _Payload) == _Payload("real", 1)
    os.utime(source, ns=(before.mtime_ns + 10**9, before.mtime_ns + 10**9))
    touched = cache.SourceStamp.of(source, source.read_bytes())
    assert cache.read("entry", "test", [touched], _Payload) is None
    source.write_text("a: 2\n")
    changed = cache.SourceStamp.of(source, source.read_bytes())
    assert cache.read("entry", "test", [changed], _Payload) is None
    assert cache.read("entry", "other kind", [before], _Payload) is None


def test_item_1_an_entry_from_another_version_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "source.yaml"
    source.write_text("a: 1\n")
    sources = [cache.SourceStamp.of(source, source.read_bytes())]
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    cache.write("entry", "test", sources, _Payload("old", 1))
    monkeypatch.setattr(cache, "__version__", __version__)
    assert cache.read("entry", "test", sources, _Payload) is None


def _in_order(catalog: Catalog) -> list[object]:
    """Everything in a catalog, its indexes in their order (areas are shown in this order)."""
    return [
        catalog,
        *(
            list(getattr(catalog, name).items())
            for name in (
                "pathways",
                "dimensions",
                "questions",
                "guardrails",
                "recommendations",
                "glossary",
                "roles",
                "conditions",
                "owner",
            )
        ),
    ]


@pytest.mark.parametrize("own", [False, True])
def test_item_1_the_catalog_read_back_is_the_catalog_built(
    own: bool,
    write_framework: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders: tuple[Path, ...] = ()
    if own:  # a framework of one's own beside the bundled ones, one of them replaced
        write_framework(minimal_framework(), folder=tmp_path / "own")
        replaced = yaml.safe_load((bundled_dir() / "glossary.yaml").read_text(encoding="utf-8"))
        write_framework(replaced, name="glossary.yaml", folder=tmp_path / "own")
        folders = (tmp_path / "own",)
    built = load_catalog(Sources(folders))
    folder = Path(os.environ["COPROD_CHECK_CACHE_DIR"])
    assert any(path.name.startswith("catalog-") for path in folder.iterdir())
    monkeypatch.setattr(load, "_load_catalog", None)  # the second comes from the cache alone
    again = load_catalog(Sources(folders))
    assert _in_order(again) == _in_order(built)


def test_item_1_a_framework_edited_after_caching_is_read_again(
    run: Callable[..., Run], write_framework: Callable[..., Path], tmp_path: Path
) -> None:
    framework = minimal_framework()
    path = write_framework(framework)
    first = run("frameworks", "list", "--frameworks-dir", str(tmp_path))
    assert first.code == 0, first.err
    framework["title"] = "A renamed framework"
    path.write_text(yaml.safe_dump(framework, sort_keys=False), encoding="utf-8")
    second = run("frameworks", "list", "--frameworks-dir", str(tmp_path))
    assert second.code == 0, second.err
    assert "A renamed framework" in second.out


@pytest.mark.parametrize("damage", ["empty", "garbage", "folder", "truncated"])
def test_item_5_a_damaged_cache_is_a_miss_never_an_error(
    run: Callable[..., Run], damage: str
) -> None:
    folder = Path(os.environ["COPROD_CHECK_CACHE_DIR"])
    fresh = run("frameworks", "list")
    assert fresh.code == 0, fresh.err
    for entry in _entries(folder):
        raw = entry.read_bytes()
        if damage == "folder":
            entry.unlink()
            entry.mkdir()
        else:
            entry.write_bytes(
                {"empty": b"", "garbage": os.urandom(200), "truncated": raw[: len(raw) // 2]}[
                    damage
                ]
            )
    again = run("frameworks", "list")
    assert (again.code, again.out, again.err) == (0, fresh.out, "")


def test_item_5_a_cache_folder_that_cannot_be_used_is_not_used(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    result = run("frameworks", "list", env={"COPROD_CHECK_CACHE_DIR": str(blocked)})
    assert result.code == 0, result.err
    assert result.err == ""


def test_the_default_cache_folder_is_the_platforms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPROD_CHECK_CACHE_DIR")
    assert cache.folder() == Path(platformdirs.user_cache_dir("coprod-check", appauthor=False))
    monkeypatch.setenv("COPROD_CHECK_CACHE_DIR", "")
    assert cache.folder() is None


def test_the_signing_key_is_private_and_outside_the_cache(tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text("a: 1\n")
    cache.write("entry", "test", [cache.SourceStamp.of(source, b"a: 1\n")], _Payload("x", 1))
    key_file = cache.key_folder() / "cache-key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert Path(os.environ["COPROD_CHECK_CACHE_DIR"]) not in key_file.parents


def test_issue12_item2_a_cache_entry_is_its_owners_alone_and_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    cache._store(tmp_path, "entry.msgpack", b"payload")
    entry = tmp_path / "entry.msgpack"
    assert entry.read_bytes() == b"payload"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    (tmp_path / "folder.msgpack").mkdir()
    cache._store(tmp_path, "folder.msgpack", b"payload")  # cannot be renamed over: no entry
    assert sorted(path.name for path in tmp_path.iterdir()) == ["entry.msgpack", "folder.msgpack"]
