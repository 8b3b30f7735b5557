"""What the facilitator sees: the join address, its QR code (drawn in the terminal with segno, and
as SVG on a join sheet to print), the join code, and a panel of who has joined, by role, and how
far each has got. A participant is shown by the name they gave, or as "Participant 3".

In a terminal the panel is redrawn in place (rich) whenever it changes. In plain mode (``--plain``,
``NO_COLOR``, or when the output is not a terminal) nothing is redrawn: a line says who joins and
who finishes, a line of progress follows now and then, and ``p`` lists everyone's progress.
"""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

import markupsafe
import segno

from coprod_check.render.report.html_format import environment
from coprod_check.text import safe_text, wrap

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.live import Live

    from coprod_check.workshop.room import Progress, Workshop

END_WORDS = "Press q to end the workshop and combine the answers (or Ctrl-C)."
PLAIN_KEYS = "Type p and Enter to list everyone's progress, or q and Enter to end the workshop."
EVERY = 60.0
"""In plain mode, the most often a line of progress is printed, in seconds."""


def join_link(address: str, code: str) -> str:
    """The address in the QR code: it joins with the code already given."""
    return f"{address}/j/{code}"


def qr_drawing(link: str) -> str:
    """The QR code for ``link``, drawn with block characters, two rows of the code to a line."""
    drawn = io.StringIO()
    segno.make(link, error="m").terminal(out=drawn, compact=True, border=2)
    return drawn.getvalue()


def qr_svg(link: str) -> markupsafe.Markup:
    """The QR code for ``link`` as an SVG picture for a page, with its words for screen readers."""
    svg = segno.make(link, error="m").svg_inline(scale=8, border=4, svgclass="qr", lineclass=None)
    labelled = svg.replace("<svg ", '<svg role="img" aria-label="QR code for the join address" ', 1)
    return markupsafe.Markup(labelled)  # segno's own drawing of our own address: no text in it


def join_sheet(project: str, address: str, code: str) -> str:
    """A page to print and put up in the room: the QR code, the address and the join code."""
    link = join_link(address, code)
    return (
        environment()
        .get_template("workshop/sheet.html.j2")
        .render(project=project, address=address, code=code, qr=qr_svg(link))
    )


def who(progress: Progress) -> str:
    return safe_text(progress.name) if progress.name else f"Participant {progress.number}"


def opening(
    workshop: Workshop, addresses: Sequence[str], sheet: str, *, plain: bool, width: int
) -> str:
    """What the terminal shows first: where and how to join."""
    lines = wrap(f"Workshop: {safe_text(workshop.project)}", width, "", "  ")
    joined = len(workshop.participants)
    if joined:
        lines += wrap(
            f"Carrying on: {joined} {_people(joined)} joined before; their answers are kept.",
            width,
        )
    lines += [""]
    lines += wrap(f"Join at: {addresses[0]}", width, "", "  ")
    lines += [f"  or: {address}" for address in addresses[1:]]
    lines += [f"Join code: {workshop.code}", ""]
    if not plain:
        lines += [qr_drawing(join_link(addresses[0], workshop.code)).rstrip("\n"), ""]
        lines += wrap("Scan the QR code to join without typing the code.", width)
    lines += wrap(f"A join sheet to print, with the QR code: {sheet}", width, "", "  ")
    if plain:  # the live panel says it below itself
        lines += ["", *wrap(PLAIN_KEYS, width)]
    return "\n".join(lines) + "\n"


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


def by_role(workshop: Workshop, progress: Sequence[Progress]) -> str:
    """How many have joined, by role: "5 have joined: 3 Staff member, 2 Partner"."""
    if not progress:
        return "No one has joined yet."
    counts = Counter(item.role for item in progress)
    roles = ", ".join(
        f"{counts[role]} {_role_title(workshop, role)}"
        for role in workshop.catalog.roles
        if role in counts
    )
    finished = sum(1 for item in progress if item.finished)
    has = "has" if len(progress) == 1 else "have"
    return f"{len(progress)} {has} joined: {roles}. {finished} finished."


def _role_title(workshop: Workshop, role: str) -> str:
    known = workshop.catalog.roles.get(role)
    return known.title if known is not None else role


def progress_words(progress: Progress) -> str:
    if progress.finished:
        return "finished"
    return f"{progress.reached} of {progress.total}"


class Panel:
    """The live panel: :meth:`tick` as the server runs, :meth:`show_all` on ``p``."""

    def __init__(self, workshop: Workshop, stream: TextIO, *, plain: bool, width: int) -> None:
        self.workshop = workshop
        self.stream = stream
        self.plain = plain
        self.width = width
        self._shown: list[Progress] | None = None
        self._printed_at = time.monotonic()
        self._printed: list[Progress] = workshop.progress()
        self._live: Live | None = None
        self._asked = False

    def start(self) -> None:
        if self.plain:
            self._line(by_role(self.workshop, self._printed))
            return
        from rich.console import Console  # noqa: PLC0415 — rich: not for plain mode
        from rich.live import Live  # noqa: PLC0415

        console = Console(file=self.stream, highlight=False, soft_wrap=False)
        self._live = Live(console=console, auto_refresh=False, transient=False)
        self._live.start()
        self.tick()

    def stop(self) -> None:
        if self._live is not None:
            self.tick()
            self._live.stop()
            self._live = None

    def note(self, words: str) -> None:
        """A warning for the facilitator, above the panel (from any thread)."""
        if self._live is not None:
            from rich.text import Text  # noqa: PLC0415 — rich: not for plain mode

            self._live.console.print(Text(f"warning: {words}"))
            return
        self._line(f"warning: {words}")

    def show_all(self) -> None:
        """Everyone's progress, now (asked for with ``p``; printed at the next tick)."""
        self._asked = True

    def tick(self) -> None:
        now = self.workshop.progress()
        if self._live is not None:
            if now != self._shown:
                self._shown = now
                self._live.update(self._table(now), refresh=True)
            return
        if self._asked:
            self._asked = False
            self._line(by_role(self.workshop, now))
            for item in now:
                role = _role_title(self.workshop, item.role)
                self._line(f"{who(item)} ({role}): {progress_words(item)}", "  ")
        self._news(now)

    def _news(self, now: list[Progress]) -> None:
        """In plain mode: a line for each person who joins or finishes, and now and then one of
        how things stand."""
        before = {item.number: item for item in self._printed}
        for item in now:
            earlier = before.get(item.number)
            role = _role_title(self.workshop, item.role)
            if earlier is None:
                self._line(f"Joined: {who(item)} ({role}). {by_role(self.workshop, now)}")
            elif item.finished and not earlier.finished:
                self._line(f"Finished: {who(item)} ({role}). {by_role(self.workshop, now)}")
        moved = now != self._printed
        if moved and time.monotonic() - self._printed_at >= EVERY:
            self._printed_at = time.monotonic()
            answering = [item for item in now if not item.finished]
            if answering:
                furthest = max(answering, key=lambda item: item.reached)
                self._line(
                    f"Progress: {len(answering)} answering; the furthest has reached "
                    f"{progress_words(furthest)}."
                )
        self._printed = now

    def _line(self, text: str, indent: str = "") -> None:
        self.stream.write("\n".join(wrap(text, self.width, indent, indent + "  ")) + "\n")
        self.stream.flush()

    def _table(self, now: list[Progress]) -> RenderableType:
        from rich.console import Group  # noqa: PLC0415 — rich: not for plain mode
        from rich.table import Table  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False)
        table.add_column("Who")
        table.add_column("Role")
        table.add_column("Progress", justify="right")
        room = max(3, self._height() - 6)
        for item in now[-room:]:
            table.add_row(
                Text(who(item)),
                Text(_role_title(self.workshop, item.role)),
                Text(progress_words(item), style="bold" if item.finished else ""),
            )
        parts: list[Any] = [Text(by_role(self.workshop, now), style="bold")]
        if now:
            parts.append(table)
        if len(now) > room:
            parts.append(Text(f"and {len(now) - room} more who joined earlier"))
        parts.append(Text(END_WORDS))
        return Group(*parts)

    def _height(self) -> int:
        if self._live is None:
            return 24
        return int(self._live.console.size.height)
