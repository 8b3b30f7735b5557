"""One check of every file's version: the version this coprod-check writes is read, a later one
is refused with a word to upgrade, and any other is unknown, in every kind of file alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_check.errors import Location, ValidationError
from coprod_check.io.versions import VERSIONS, check_version, schema_id
from tests.helpers import ROOT, Run, minimal_framework

HERE = Location("file.toml", 1, 1)


@pytest.mark.parametrize("kind", sorted(VERSIONS))
def test_the_version_this_coprod_check_writes_is_read(kind: str) -> None:
    check_version(schema_id(kind), kind, kind, HERE)


@pytest.mark.parametrize("kind", sorted(VERSIONS))
def test_a_later_version_says_to_upgrade(kind: str) -> None:
    later = f"coprod-check/{kind}/{VERSIONS[kind] + 1}"
    with pytest.raises(ValidationError, match="newer than this coprod-check") as raised:
        check_version(later, kind, kind, HERE)
    assert "upgrade coprod-check" in raised.value.hint


@pytest.mark.parametrize("kind", sorted(VERSIONS))
@pytest.mark.parametrize("version", ["0", "1.5", "one", "", "-1"])
def test_any_other_version_is_unknown_never_newer(kind: str, version: str) -> None:
    schema = f"coprod-check/{kind}/{version}"
    if schema == schema_id(kind):
        return
    with pytest.raises(ValidationError, match="unknown") as raised:
        check_version(schema, kind, kind, HERE)
    assert "newer" not in raised.value.message


def test_an_older_results_file_is_not_called_newer(run: Callable[..., Run], tmp_path: Path) -> None:
    """Each reader once had its own check; the results one called version 0 "newer"."""
    source = (ROOT / "examples" / "results" / "this-year.toml").read_text(encoding="utf-8")
    old = tmp_path / "old.toml"
    old.write_text(source.replace('"coprod-check/result/1"', '"coprod-check/result/0"', 1))
    done = run("report", str(old))
    assert done.code == 2
    assert "unknown results file version 'coprod-check/result/0'" in done.err
    assert "newer" not in done.err


def test_an_older_framework_is_not_called_newer(
    run: Callable[..., Run], write_framework: Callable[..., Path], tmp_path: Path
) -> None:
    write_framework(minimal_framework(schema="coprod-check/framework/0"))
    done = run("frameworks", "validate", str(tmp_path / "tiny.yaml"))
    assert done.code == 2
    assert "unknown framework version 'coprod-check/framework/0'" in done.err
