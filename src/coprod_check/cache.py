"""A small on-disk cache of parsed YAML, keyed by the exact bytes of the file.

Parsing YAML is the slowest part of starting up, and the bundled frameworks rarely change, so the
data parsed from a file is kept (as msgpack) under the user's cache folder. A file whose bytes
differ in any way gets a different key. A cache that cannot be read or written is simply not used.

Set ``COPROD_CHECK_CACHE_DIR`` to choose the folder, or to an empty string to turn the cache off.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec

from coprod_check import __version__

try:  # the C module behind hashlib.blake2b, without hashlib's start-up cost of loading OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

MISS: Any = object()
"""Returned by :func:`read` when nothing is cached for the key."""


def folder() -> Path | None:
    """Where cached data lives, or ``None`` when the cache is turned off."""
    chosen = os.environ.get("COPROD_CHECK_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coprod-check"


def key(raw: bytes, salt: str) -> str:
    digest = blake2b(raw, digest_size=20)
    digest.update(f"\0{__version__}\0{salt}".encode())
    return digest.hexdigest()


def _load(name: str) -> bytes | None:
    where = folder()
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def _store(name: str, payload: bytes) -> None:
    """Write one cache entry atomically; a cache that cannot be written is simply not used."""
    where = folder()
    if where is None:
        return
    import tempfile

    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, where / name)
    except OSError:
        return


def read(name: str) -> Any:
    """Data cached with :func:`write`, or MISS."""
    raw = _load(f"{name}.msgpack")
    if raw is None:
        return MISS
    try:
        return msgspec.msgpack.decode(raw)
    except msgspec.DecodeError:
        return MISS


def write(name: str, data: Any) -> None:
    try:
        payload = msgspec.msgpack.encode(data)
    except (TypeError, OverflowError):
        return
    _store(f"{name}.msgpack", payload)


def read_object(name: str) -> Any:
    """A Python object cached with :func:`write_object` (our own cache folder only), or MISS."""
    import pickle

    raw = _load(f"{name}.pickle")
    if raw is None:
        return MISS
    try:
        return pickle.loads(raw)
    except Exception:  # a damaged or foreign cache entry is simply not used
        return MISS


def write_object(name: str, value: Any) -> None:
    import pickle

    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError):
        return
    _store(f"{name}.pickle", payload)
