"""Find, load and check frameworks: the bundled ones and a user's own."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from coprod_check.errors import CoprodError, FileError, Location, ManyErrors, ValidationError
from coprod_check.io import cache, stdin
from coprod_check.io.versions import check_version, is_kind
from coprod_check.io.yaml_file import DEFAULT_LIMITS, Document, load_file
from coprod_check.model.catalog import BUNDLED, Catalog, CatalogCore, Loaded
from coprod_check.model.framework import Framework

ENVIRONMENT_VARIABLE = "COPROD_CHECK_FRAMEWORKS"
SUFFIXES = (".yaml", ".yml")
_KIND_ORDER = {"pathway": 0, "glossary": 1, "questions": 2, "recommendations": 3}


def bundled_dir() -> Path:
    """The folder of frameworks shipped with coprod-check (inside the installed package)."""
    beside = Path(__file__).parent / "bundled"
    if (
        beside.is_dir()
    ):  # the usual install: what importlib.resources gives, without its import cost
        return beside
    from importlib import resources  # noqa: PLC0415 — ~3 ms; only a zipped install needs it

    packaged = resources.files("coprod_check") / "frameworks" / "bundled"
    if packaged.is_dir():
        return Path(str(packaged))
    # Running from a source checkout: the top-level frameworks/ folder.
    return Path(__file__).resolve().parents[3] / "frameworks"


class Sources(NamedTuple):
    """Where to load frameworks from."""

    folders: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()
    bundled: bool = True

    @classmethod
    def from_options(
        cls,
        folders: Sequence[Path] | None = None,
        *,
        bundled: bool = True,
        files: Sequence[Path] = (),
        environ: dict[str, str] | None = None,
    ) -> Sources:
        """Folders from the command line, then those named in ``COPROD_CHECK_FRAMEWORKS``."""
        env = os.environ if environ is None else environ
        from_env = [
            Path(part) for part in env.get(ENVIRONMENT_VARIABLE, "").split(os.pathsep) if part
        ]
        return cls(tuple(from_env) + tuple(folders or ()), tuple(files), bundled)


def load_framework(path: Path, *, display: str | None = None, origin: str | None = None) -> Loaded:
    """Load and structurally check one framework file."""
    return parse_framework(path, display=display, origin=origin)[0]


def parse_framework(
    path: Path, *, display: str | None = None, origin: str | None = None
) -> tuple[Loaded, Document]:
    """One framework file, structurally checked, with the document it was read from."""
    name = display if display is not None else str(path)
    document = load_file(path, display=name, cached=True)
    if not isinstance(document.data, dict):
        raise ValidationError(
            "a framework file must be a mapping of keys to values",
            document.locate(()),
            "start with 'schema: coprod-check/framework/1'",
        )
    schema = document.data.get("schema")
    if is_kind(schema, "framework"):  # anything else: the structure check says what is wrong
        check_version(schema, "framework", "framework", document.locate(("schema",)))
    from coprod_check.io.convert import to_struct  # noqa: PLC0415 — not on a cache hit

    framework = to_struct(document, Framework)
    return Loaded(framework, name, origin if origin is not None else str(path)), document


def _folder_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise FileError(
            "frameworks folder not found", Location(str(folder)), "check the --frameworks-dir path"
        )
    if not folder.is_dir():
        raise FileError("this is not a folder", Location(str(folder)))
    return sorted(path for path in folder.iterdir() if path.suffix in SUFFIXES and path.is_file())


def _load_all(
    paths: Iterable[tuple[Path, str, str]], errors: list[CoprodError]
) -> list[tuple[Loaded, Document]]:
    loaded = []
    for path, display, origin in paths:
        try:
            loaded.append(parse_framework(path, display=display, origin=origin))
        except ManyErrors as many:
            errors.extend(many.errors)
        except CoprodError as error:
            errors.append(error)
    return loaded


def load_catalog(sources: Sources | None = None) -> Catalog:
    """Load every framework from ``sources`` and check them together.

    A framework of the user's with the same id as a bundled one replaces it. Problems in any file
    are collected and raised together as :class:`ManyErrors`. A set of files checked before, byte
    for byte and unchanged since, is read back whole from the cache.
    """
    sources = sources if sources is not None else Sources()
    stamps = _stamps(sources)
    if stamps is not None:
        name = "catalog-" + cache.key(b"".join(item.digest for item in stamps), "catalog")
        hit = cache.read(name, "catalog", stamps, CatalogCore)
        if hit is not None:
            return Catalog.indexed(hit.frameworks, hit.conditions)
    catalog = _load_catalog(sources)
    if stamps is not None:
        core = CatalogCore(catalog.frameworks, catalog.conditions)
        cache.write(name, "catalog", stamps, core)
    return catalog


def _stamps(sources: Sources) -> list[cache.SourceStamp] | None:
    """What this exact set of framework files is now (names, sizes, times and bytes); None if one
    is unreadable or too big, so that the normal path reports it."""
    found = [cache.SourceStamp("bundled" if sources.bundled else "", 0, 0, b"")]
    try:
        folders = [bundled_dir()] if sources.bundled else []
        files = [path for folder in (*folders, *sources.folders) for path in _folder_files(folder)]
        if any(stdin.is_dash(path) for path in sources.files):
            return None  # standard input: read once, and never cached
        for path in (*files, *sources.files):
            if path.stat().st_size > DEFAULT_LIMITS.max_bytes:
                return None
            stamp = cache.SourceStamp.of(path, path.read_bytes())
            if stamp is None:
                return None
            found.append(stamp)
    except (OSError, CoprodError):
        return None
    return found


def _load_catalog(sources: Sources) -> Catalog:
    errors: list[CoprodError] = []
    bundled: list[tuple[Loaded, Document]] = []
    if sources.bundled:
        root = bundled_dir()
        bundled = _load_all(
            ((path, f"frameworks/{path.name}", BUNDLED) for path in _folder_files(root)), errors
        )
        bundled.sort(key=lambda pair: (_KIND_ORDER[pair[0].framework.kind], pair[0].framework.id))
    own_paths: list[tuple[Path, str, str]] = []
    for folder in sources.folders:
        try:
            own_paths.extend((path, str(path), str(path)) for path in _folder_files(folder))
        except CoprodError as error:
            errors.append(error)
    own_paths.extend((path, stdin.shown(path), stdin.shown(path)) for path in sources.files)
    own = _load_all(own_paths, errors)
    if errors:
        raise ManyErrors(errors) if len(errors) > 1 else errors[0]
    replaced = {item.framework.id for item, _ in own}
    merged = [pair for pair in bundled if pair[0].framework.id not in replaced] + own
    from coprod_check.frameworks.validate import build_catalog  # noqa: PLC0415 — not on a cache hit

    return build_catalog(merged)
