"""A small on-disk cache of checked framework data, which never runs anything and never wins over
the files it stands for.

Parsing and checking the frameworks is the slowest part of starting up, and they rarely change, so
what was made from them is kept under the user's cache folder as msgpack: plain data only, decoded
straight into the typed structs it came from, so reading an entry can never run code. Each entry
records the tool's version and, for every file it was made from, the file's path, size, modification
time and a hash of its bytes, and the entry as a whole is signed with a key kept outside the cache
folder. An entry is used only when all of that still matches; anything else (a damaged, foreign,
stale, mistyped or unsigned entry) is a miss, and the files are read again.

Only framework files are cached. The files people write themselves (answers, results and plans) are
always read from the file.

Set ``COPROD_CHECK_CACHE_DIR`` to choose the folder, or to an empty string to turn the cache off.
By default it is the platform's usual cache folder (``~/.cache/coprod-check`` on Linux).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import platformdirs

from coprod_check import __version__
from coprod_check.io.writing import replace_atomically

try:  # the C module behind hashlib.blake2b, without hashlib's start-up cost of loading OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

try:  # what hmac.compare_digest is, without hmac's cost of loading OpenSSL
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - other Python implementations
    from hmac import compare_digest  # type: ignore[no-redef]

ENVIRONMENT_VARIABLE = "COPROD_CHECK_CACHE_DIR"
FORMAT = 2
"""The layout of an entry; entries of any other layout are misses."""

_MAC_SIZE = 32
_KEY_SIZE = 32
_KEY_FILE = "cache-key"

T = TypeVar("T")


class SourceStamp(msgspec.Struct, frozen=True, array_like=True):
    """What one of an entry's source files was when the entry was made: its path, size,
    modification time and a hash of its bytes. A file moved or merely touched no longer matches,
    so the entry is made again. (A session's :class:`~coprod_check.io.lock.Fingerprint` is
    another thing: what a file holds, whenever and wherever it was written.)"""

    path: str
    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, path: Path, raw: bytes) -> SourceStamp | None:
        """The fingerprint of ``path``, whose bytes are ``raw``; None if it cannot be looked at."""
        try:
            status = path.stat()
        except OSError:
            return None
        return cls(str(path), status.st_size, status.st_mtime_ns, digest(raw))


class _Entry(msgspec.Struct, frozen=True, array_like=True):
    format: int
    version: str
    kind: str
    sources: list[SourceStamp]
    payload: msgspec.Raw


def digest(raw: bytes) -> bytes:
    return blake2b(raw, digest_size=20).digest()


def folder() -> Path | None:
    """Where cached data lives, or ``None`` when the cache is turned off."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen is not None:
        return Path(chosen) if chosen else None

    return Path(platformdirs.user_cache_dir("coprod-check", appauthor=False))


def key_folder() -> Path:
    """Where the signing key lives: the user's own state folder, never the cache folder, so that
    whoever can write the cache folder cannot sign an entry."""
    return Path(platformdirs.user_state_dir("coprod-check", appauthor=False))


def key(raw: bytes, salt: str) -> str:
    """The name of an entry for inputs ``raw``: a hash of them, this version and ``salt``."""
    hashed = blake2b(raw, digest_size=20)
    hashed.update(f"\0{__version__}\0{salt}".encode())
    return hashed.hexdigest()


def _signing_key(*, create: bool) -> bytes | None:
    """The user's secret cache key (made on first use), or None when it cannot be had."""
    path = key_folder() / _KEY_FILE
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        if not create:
            return None
        return _new_signing_key(path)
    except OSError:
        return None
    return secret if len(secret) == _KEY_SIZE else None


def _new_signing_key(path: Path) -> bytes | None:
    secret = os.urandom(_KEY_SIZE)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return _signing_key(create=False)
    except OSError:
        return None
    with os.fdopen(handle, "wb") as stream:
        stream.write(secret)
    return secret


def _mac(secret: bytes, body: bytes) -> bytes:
    return blake2b(body, key=secret, digest_size=_MAC_SIZE).digest()


def read(name: str, kind: str, sources: Sequence[SourceStamp], payload_type: type[T]) -> T | None:
    """The payload stored under ``name`` if the entry is ours, signed, made by this version from
    exactly ``sources``, and of ``payload_type``; otherwise None (a miss)."""
    where = folder()
    if where is None:
        return None
    try:
        raw = (where / f"{name}.msgpack").read_bytes()
    except OSError:
        return None
    secret = _signing_key(create=False)
    if secret is None or len(raw) <= _MAC_SIZE:
        return None
    mac, body = raw[:_MAC_SIZE], raw[_MAC_SIZE:]
    if not compare_digest(mac, _mac(secret, body)):
        return None
    try:
        entry = msgspec.msgpack.decode(body, type=_Entry)
        if (entry.format, entry.version, entry.kind) != (FORMAT, __version__, kind):
            return None
        if entry.sources != list(sources):
            return None
        return msgspec.msgpack.decode(entry.payload, type=payload_type)
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError, RecursionError):
        return None


def write(name: str, kind: str, sources: Sequence[SourceStamp], payload: Any) -> None:
    """Keep ``payload``, made from ``sources``; a cache that cannot be written is not used."""
    where = folder()
    if where is None:
        return
    try:
        inner = msgspec.Raw(msgspec.msgpack.encode(payload))
        body = msgspec.msgpack.encode(_Entry(FORMAT, __version__, kind, list(sources), inner))
    except (TypeError, OverflowError, ValueError, RecursionError):
        return
    secret = _signing_key(create=True)
    if secret is None:
        return
    _store(where, f"{name}.msgpack", _mac(secret, body) + body)


def _store(where: Path, name: str, payload: bytes) -> None:
    """Write one cache entry atomically, readable by its owner only; a failure leaves no entry."""
    with contextlib.suppress(OSError):
        where.mkdir(parents=True, exist_ok=True)
        replace_atomically(where / name, payload, sync=False, mode=0o600)
