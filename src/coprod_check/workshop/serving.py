"""Serving a workshop from start to end: hold its folder, open (or carry on) the workshop, listen,
show how to join, serve until the facilitator ends it, then combine the answers."""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from coprod_check.io.writing import write_text
from coprod_check.model.catalog import Catalog
from coprod_check.text import safe_text
from coprod_check.workshop import ending, server
from coprod_check.workshop.app import create_app
from coprod_check.workshop.ending import Ended
from coprod_check.workshop.panel import Panel, join_sheet, opening
from coprod_check.workshop.room import Workshop, hold

SHEET = "join-sheet.html"
"""The printable join sheet, written into the workshop's folder."""


def serve(
    catalog: Catalog,
    folder: Path,
    *,
    project: str | None,
    frameworks: Sequence[str] | None,
    pathway: str | None,
    host: str,
    port: int,
    output: Path | None,
    force: bool,
    plain: bool,
    width: int,
    stdin: TextIO,
    stdout: TextIO,
    warn: Callable[[str], None],
) -> Ended:
    """Serve the workshop in ``folder`` until it is ended; its combined result."""
    with hold(folder):
        workshop = Workshop.open(
            catalog, folder, project=project, frameworks=frameworks, pathway=pathway
        )
        combined = ending.combined_path(folder, output)
        ending.check_combined(workshop, combined, force=force)
        sock = server.listen(host, port)
        addresses = server.join_addresses(sock, host)
        if not server.is_loopback(host):
            warn(
                f"warning: everyone on this network can reach the join page at {addresses[0]}; "
                "only the join code keeps others out\n"
            )
        for gone in workshop.left:
            warn(f"note: {folder / gone} is no longer there; whoever answered in it has left\n")
        sheet = folder / SHEET
        write_text(sheet, join_sheet(workshop.project, addresses[0], workshop.code), force=True)
        shown = opening(workshop, addresses, str(sheet), plain=plain, width=width)
        _run(workshop, sock, host, shown, plain=plain, width=width, stdin=stdin, stdout=stdout)
        stdout.write("\nThe workshop has ended. Combining the answers...\n\n")
        stdout.flush()
        return ending.end(workshop, combined, width=width)


def _run(
    workshop: Workshop,
    sock: socket.socket,
    host: str,
    shown: str,
    *,
    plain: bool,
    width: int,
    stdin: TextIO,
    stdout: TextIO,
) -> None:
    """Show how to join, then serve, with the live panel, until the facilitator ends it."""
    panel = Panel(workshop, stdout, plain=plain, width=width)
    app = create_app(
        workshop, names=server.own_names(host), notify=lambda words: panel.note(safe_text(words))
    )
    running = server.server(app, panel.tick)
    keys = server.Keys(stdin, on_end=running.end, on_show=panel.show_all)
    with running.ended_by_signals():  # from the moment anyone can know how to join
        stdout.write(shown)
        stdout.flush()
        panel.start()
        keys.start()
        try:
            running.run(sockets=[sock])
        finally:
            keys.stop()
            panel.stop()
            sock.close()
