"""A `Person` who uses the workshop's pages as a browser would: reading each page's form and
sending it back, with its own cookies."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

BASE = "http://127.0.0.1:8765"


class Form(HTMLParser):
    """The first form on a page (or the one posting to ``action``): where it goes, its fields
    as a browser would send them untouched, and the choices it offers."""

    def __init__(self, html: str, action: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = action
        self.action: str | None = None
        self.fields: dict[str, list[str]] = {}
        self.choices: list[str] = []
        self.links: list[str] = []
        self._inside = False
        self._done = False
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "a" and "href" in found:
            self.links.append(found["href"])
        if tag == "form" and not self._done and self.wanted in (None, found.get("action")):
            self.action, self._inside = found.get("action"), True
        if not self._inside:
            return
        if tag == "input":
            name, kind = found.get("name", ""), found.get("type", "text")
            if kind in ("radio", "checkbox"):
                if name in {"choice", "role"}:
                    self.choices.append(found.get("value", ""))
                if "checked" in found:
                    self.fields.setdefault(name, []).append(found.get("value", ""))
            elif name:
                self.fields.setdefault(name, []).append(found.get("value", ""))
        elif tag == "textarea":
            self._textarea = found.get("name", "")
            self.fields.setdefault(self._textarea, []).append("")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.fields[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        if tag == "form" and self._inside:
            self._inside, self._done = False, True


class Person:
    """One participant's browser: its own cookies, the last page it was shown."""

    def __init__(self, client: Any) -> None:
        """``client``: Starlette's test client, or an HTTP client for a real server."""
        self.client = client
        self.page: Any = None

    @property
    def html(self) -> str:
        return str(self.page.text)

    @property
    def where(self) -> str:
        return str(self.page.url.path)

    def open(self, path: str) -> Any:
        self.page = self.client.get(path)
        return self.page

    def send(self, changes: dict[str, Any] | None = None, action: str | None = None) -> Any:
        """Send the page's form with ``changes`` (a value, or a list for several), following
        the redirect as a browser does."""
        form = Form(self.html, action)
        assert form.action is not None, "the page has no such form"
        data: dict[str, Any] = {key: values for key, values in form.fields.items()}
        for key, value in (changes or {}).items():
            data[key] = value
        self.page = self.client.post(form.action, data=data)
        return self.page

    def join(self, code: str, role: str | None = "staff", name: str = "") -> Any:
        self.open(f"/j/{code}")
        return self.send({"role": role or "", "name": name})

    def answer(self, pick: int = 0, note: str = "", text: str = "An answer") -> Any:
        """Answer the question shown: its ``pick``-th choice (or ``text``), with ``note``."""
        form = Form(self.html)
        changes: dict[str, Any] = {"do": "save", "note": note}
        if form.choices:
            changes["choice"] = form.choices[min(pick, len(form.choices) - 1)]
        else:
            changes["text"] = text
        return self.send(changes)

    def skip(self, note: str = "") -> Any:
        return self.send({"do": "skip", "note": note})

    def back(self) -> Any:
        links = [link for link in Form(self.html).links if link.startswith("/q/")]
        assert links, "no way back from here"
        return self.open(links[0])
