"""Serving the workshop: the listening socket, the addresses people join at, the server itself
(uvicorn), and the facilitator's keys.

The server runs in the main thread until the facilitator ends it: a key (``q``) in the terminal,
Ctrl-C, or a ``kill``. It then stops taking new requests and lets those under way finish, so an
answer being saved is saved. ``on_tick`` is called about ten times a second while it runs (the
facilitator's panel uses it).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

import uvicorn

from coprod_check.errors import UsageError

if TYPE_CHECKING:
    from starlette.types import ASGIApp

EVERYWHERE = ("0.0.0.0", "::")
"""The hosts that mean every address of this computer."""
END_KEYS = frozenset("qQ")
SHOW_KEYS = frozenset("pP")


def is_loopback(host: str) -> bool:
    """Whether ``host`` can be reached from this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host`` and ``port`` (0: any free port), or a usage error that says
    what to do."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise UsageError(
            f"cannot serve on {host!r}: no such address on this computer",
            None,
            "give --host an address of this computer, such as 0.0.0.0 for all of them",
        ) from None
    family = found[0][0]
    try:
        return socket.create_server(
            (host.strip("[]"), port),
            family=family,
            dualstack_ipv6=host == "::" and socket.has_dualstack_ipv6(),
        )
    except OSError as error:
        raise _cannot_listen(host, port, error) from None


def _cannot_listen(host: str, port: int, error: OSError) -> UsageError:
    if error.errno == errno.EADDRINUSE:
        return UsageError(
            f"port {port} is in use by another program", None, "choose another with --port"
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return UsageError(
            f"this user may not serve on port {port}", None, "choose a port above 1023 with --port"
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return UsageError(
            f"{host} is not an address of this computer",
            None,
            "give --host one of its addresses, or 0.0.0.0 for all of them",
        )
    return UsageError(f"cannot serve on {host} port {port}: {error.strerror or error}")


def join_addresses(sock: socket.socket, host: str) -> list[str]:
    """The addresses people can open to join, best first: ``http://ADDRESS:PORT``. For a socket
    on every address, this computer's own addresses on its networks (from its name, so that
    nothing is sent anywhere to find them)."""
    port = sock.getsockname()[1]
    if host not in EVERYWHERE:
        hosts = [host.strip("[]")]
    else:
        hosts = _own_addresses() or [socket.gethostname()]
    return [f"http://{_in_address(name)}:{port}" for name in hosts]


def _own_addresses() -> list[str]:
    found: list[str] = []
    with contextlib.suppress(OSError):
        for family, *_, where in socket.getaddrinfo(socket.gethostname(), None):
            address = str(where[0])
            if family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address):
                found.append(address)
    ipv4 = [address for address in dict.fromkeys(found) if ":" not in address]
    return ipv4 or list(dict.fromkeys(found))


def _in_address(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def own_names(host: str) -> set[str]:
    """The names a request may give for this computer (addresses written as numbers are always
    taken): localhost, the computer's name, and the host served on, if it is a name."""
    name = socket.gethostname().lower()
    names = {"localhost", name, f"{name}.local"}
    if not host.replace(".", "").isdigit() and ":" not in host:
        names.add(host.lower())
    return names


class Server(uvicorn.Server):
    """uvicorn's server, ended by Ctrl-C, ``kill`` or a call to :meth:`end`, which then returns
    from :meth:`run` rather than raising; ``on_tick`` is called as it runs."""

    def __init__(self, config: uvicorn.Config, on_tick: Callable[[], None]) -> None:
        super().__init__(config)
        self.tick = on_tick

    def end(self) -> None:
        self.should_exit = True

    @contextlib.contextmanager
    def ended_by_signals(self) -> Iterator[None]:
        """Within it, Ctrl-C or ``kill`` ends the server (before it starts: as soon as it has);
        a second Ctrl-C, without waiting for requests under way."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        before = {number: signal.signal(number, self.handle_exit) for number in handled}
        try:
            yield
        finally:
            for number, handler in before.items():
                signal.signal(number, handler)

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """uvicorn's own handling of signals, which raises them again once it has stopped:
        here they end the server and are done with."""
        with self.ended_by_signals():
            yield

    async def on_tick(self, counter: int) -> bool:
        self.tick()
        return await super().on_tick(counter)


def server(app: ASGIApp, on_tick: Callable[[], None]) -> Server:
    """The server for ``app``: its own log lines kept to warnings, no access log, no proxy
    headers (so no one can claim to come from elsewhere)."""
    _quiet()
    config = uvicorn.Config(
        app,
        log_config=None,
        log_level="warning",
        access_log=False,
        lifespan="off",
        proxy_headers=False,
        server_header=False,
        http="h11",
        ws="none",
        loop="asyncio",
        limit_concurrency=500,
        timeout_graceful_shutdown=10,
    )
    return Server(config, on_tick)


class _OneLine(logging.Formatter):
    """A log record as one line, without the traceback (set COPROD_CHECK_DEBUG for those)."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage().splitlines()[0] if record.getMessage() else ""
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f": {type(error).__name__}: {error}"
        return f"warning: {text}"


def _quiet() -> None:
    log = logging.getLogger("uvicorn")
    if log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    if not os.environ.get("COPROD_CHECK_DEBUG"):
        handler.setFormatter(_OneLine())
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.WARNING)


class Keys:
    """The facilitator's keys, read in a thread of their own: ``q`` ends the workshop, ``p`` shows
    everyone's progress. In a terminal each key acts at once; otherwise each line typed is read
    (and the end of the input is no key: the workshop goes on)."""

    def __init__(self, stream: TextIO, on_end: Callable[[], None], on_show: Callable[[], None]):
        self.stream = stream
        self.on_end = on_end
        self.on_show = on_show
        self._saved: Any = None

    def start(self) -> None:
        terminal = _is_terminal(self.stream)
        if terminal:
            import termios  # noqa: PLC0415 — not on Windows
            import tty  # noqa: PLC0415

            descriptor = self.stream.fileno()
            self._saved = termios.tcgetattr(descriptor)
            tty.setcbreak(descriptor)  # one key at a time, not shown; Ctrl-C still stops
        threading.Thread(target=self._read, args=(terminal,), daemon=True).start()

    def stop(self) -> None:
        """Give the terminal back as it was."""
        if self._saved is not None:
            import termios  # noqa: PLC0415

            with contextlib.suppress(OSError, termios.error):
                termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved)
            self._saved = None

    def _read(self, terminal: bool) -> None:
        with contextlib.suppress(OSError, ValueError):
            if terminal:
                while key := self.stream.read(1):  # one key at a time, in cbreak mode
                    self._key(key)
                return
            for line in self.stream:
                self._key(line.strip()[:1])

    def _key(self, key: str) -> None:
        if key in END_KEYS:
            self.on_end()
        elif key in SHOW_KEYS:
            self.on_show()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.name == "posix"
    except (ValueError, OSError):
        return False
