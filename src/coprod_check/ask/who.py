"""Who is answering: their role, so every question is asked in their words, and, if they wish,
their name. Asked once, before the first question of a new session, when the command line does not
say (``--role``, ``--respondent``).

Numbered lines in plain mode, an arrow-key menu otherwise, like the questions that follow. Ctrl-C
here stops before anything is saved.
"""

import sys
from typing import TextIO

from coprod_check.ask.questionnaire import menu_pick, menu_text
from coprod_check.errors import Interrupted
from coprod_check.model.catalog import Catalog
from coprod_check.text import wrap

ASK_ROLE = "Who are you answering as?"
WHY_ROLE = "The questions are worded for your role, and some are only for some roles."
ASK_NAME = "Your name, or the group's (optional: press Enter to leave it out):"


def ask_who(
    catalog: Catalog,
    *,
    plain: bool,
    width: int,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    name: bool = True,
) -> tuple[str, str | None]:
    """The respondent's role id and, with ``name``, their name (``None``: not given)."""
    reader, writer = stdin or sys.stdin, stdout or sys.stdout
    _print(writer, WHY_ROLE, width)
    try:
        if plain:
            role = _numbered(catalog, reader, writer, width)
            given = _line(ASK_NAME, reader, writer, width) if name else ""
        else:
            role, given = _menus(catalog, name=name)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("\nStopped before the first question; nothing is saved.") from None
    return role, given.strip() or None


def _print(writer: TextIO, text: str, width: int, indent: str = "", hanging: str = "") -> None:
    writer.write("\n".join(wrap(text, width, indent, hanging)) + "\n")
    writer.flush()


def _line(prompt: str, reader: TextIO, writer: TextIO, width: int) -> str:
    _print(writer, prompt, width)
    writer.write("> ")
    writer.flush()
    line = reader.readline()
    if not line:
        raise EOFError
    return line.strip()


def _numbered(catalog: Catalog, reader: TextIO, writer: TextIO, width: int) -> str:
    roles = list(catalog.roles.values())
    _print(writer, ASK_ROLE, width)
    for number, role in enumerate(roles, start=1):
        _print(writer, f"{number}. {role.title}: {role.description}", width, "", "   ")
    while True:
        typed = _line("Type a number and press Enter.", reader, writer, width)
        if typed.isdigit() and 1 <= int(typed) <= len(roles):
            return roles[int(typed) - 1].id
        _print(writer, f"Type a number from 1 to {len(roles)}.", width)


def _menus(catalog: Catalog, *, name: bool) -> tuple[str, str]:
    roles = [(role.id, role.title) for role in catalog.roles.values()]
    return menu_pick(ASK_ROLE, roles), menu_text(ASK_NAME) if name else ""
