"""What keeps a workshop to the people in the room: the join code, each participant's token, the
forms' CSRF tokens, a limit on guessing the code, limits on what a request may carry, and the
headers every page is sent with.

- The **join code** is six characters from an alphabet with no look-alikes (no 0 and O, 1, I and
  L, 2 and Z, 5 and S, 8 and B), typed in any case, with or without spaces.
- A **participant's token** is 32 random bytes, kept by their browser in an HttpOnly, SameSite
  cookie; the workshop keeps only its hash. SameSite is Lax, not Strict, so that following a link
  to the workshop from a message carries a participant on rather than making them join again;
  no form is accepted without its CSRF token either way.
- Every form carries a **CSRF token**: an HMAC, under the workshop's secret, of the browser's own
  cookie (the participant's token, or before joining a random visitor's cookie). Another site can
  neither read the cookie nor the page, so it cannot make a form the workshop accepts.
- **Guessing** the code is limited: after a few wrong codes from one address (and after many from
  all addresses together) within a few minutes, every code is refused until that window passes.
- A request's **body** is limited in size (a form's notes and answers are limited one by one in
  ``app.py``); a request for any other **host** than the computer's own names and addresses is
  refused, so a web page elsewhere cannot reach the workshop by renaming itself.
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import ipaddress
import secrets
import time
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
"""The join code's characters: none that looks like another."""
CODE_LENGTH = 6
MAX_BODY = 64 * 1024
"""The most a request's body may hold, in bytes: a form's fields with the longest answer and note,
every letter of them written in four bytes and sent as %XX escapes."""


def new_code() -> str:
    """A new random join code."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def typed_code(typed: str) -> str:
    """A code as typed, in the form it is compared in: upper case, no spaces or hyphens."""
    return "".join(typed.split()).replace("-", "").upper()


def is_code(typed: str, code: str) -> bool:
    """Whether ``typed`` is the join code (compared in constant time)."""
    return hmac.compare_digest(typed_code(typed).encode(), code.encode())


def new_token() -> str:
    """A new participant's token."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the workshop keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_hex(32)


def csrf_token(secret: str, cookie: str) -> str:
    """The CSRF token for forms shown to the browser holding ``cookie``."""
    return hmac.new(bytes.fromhex(secret), b"csrf:" + cookie.encode(), hashlib.sha256).hexdigest()


def is_csrf_token(secret: str, cookie: str, given: str) -> bool:
    return bool(cookie) and hmac.compare_digest(csrf_token(secret, cookie), given)


class Guesses:
    """Wrong join codes, counted over a sliding window, from each address and from all of them.

    ``clock`` gives the time in seconds (``time.monotonic``; the tests give their own)."""

    def __init__(
        self,
        *,
        per_address: int = 5,
        overall: int = 50,
        window: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        addresses: int = 10_000,
    ) -> None:
        self.per_address = per_address
        self.overall = overall
        self.window = window
        self.clock = clock
        self.addresses = addresses
        """How many addresses are remembered at most: the oldest are forgotten first."""
        self._by_address: collections.OrderedDict[str, collections.deque[float]] = (
            collections.OrderedDict()
        )
        self._all: collections.deque[float] = collections.deque()

    def _forget_old(self, times: collections.deque[float], now: float) -> None:
        while times and times[0] <= now - self.window:
            times.popleft()

    def allowed(self, address: str) -> bool:
        """Whether a code from ``address`` may be tried now."""
        now = self.clock()
        self._forget_old(self._all, now)
        mine = self._by_address.get(address)
        if mine is not None:
            self._forget_old(mine, now)
        return len(self._all) < self.overall and (mine is None or len(mine) < self.per_address)

    def wrong(self, address: str) -> None:
        """Count a wrong code from ``address``."""
        now = self.clock()
        self._all.append(now)
        mine = self._by_address.pop(address, None) or collections.deque()
        mine.append(now)
        self._by_address[address] = mine  # the most recent last
        while len(self._by_address) > self.addresses:
            self._by_address.popitem(last=False)

    @property
    def wait(self) -> int:
        """How long to wait before trying again, in whole seconds (the window, at most)."""
        return int(self.window)


def is_own_host(host: str, names: Collection[str]) -> bool:
    """Whether a request's Host (without its port) names this computer: an address written as
    numbers, or one of ``names`` (localhost and the computer's own names)."""
    bare = host.strip("[]").lower()
    try:
        ipaddress.ip_address(bare)
    except ValueError:
        return bare in names
    return True


def host_of(header: str) -> str:
    """The host in a Host header, without the port."""
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
"""Sent with every response: nothing but the page's own inline styles may load or run, no other
site may frame it, an address (which may hold the join code) is never passed to another site, and
no page is cached."""


class Guard:
    """An ASGI middleware: the security headers on every response; a request for another host,
    a body without a length, or a body over ``limit`` refused before the application sees it."""

    def __init__(self, app: ASGIApp, *, names: Collection[str], limit: int = MAX_BODY) -> None:
        self.app = app
        self.names = frozenset(name.lower() for name in names)
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.lower(): value for key, value in scope["headers"]}
        host = host_of(headers.get(b"host", b"").decode("latin-1"))
        if not is_own_host(host, self.names):
            await _refuse(send, 400, "This address is not the workshop's.")
            return
        if scope["method"] not in ("GET", "HEAD"):
            length = headers.get(b"content-length", b"").decode("latin-1")
            if b"transfer-encoding" in headers or not length.isdigit():
                await _refuse(send, 411, "A form sent here needs its length.")
                return
            if int(length) > self.limit:
                await _refuse(send, 413, "That was too much to send at once.")
                return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _refuse(send: Send, status: int, words: str) -> None:
    """A short plain-text refusal, with the security headers."""
    body = f"{words}\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
