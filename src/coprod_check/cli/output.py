"""Where a command's words go: what it made to stdout or to the file given with --output, and a
line about what it did to stderr. Text from a file or the command line is made safe to show
first (see ``text.py``)."""

import sys
from collections.abc import Sequence
from pathlib import Path

from coprod_check.io.writing import write_text
from coprod_check.text import safe_text


def out(text: str) -> None:
    """Print what the command made."""
    sys.stdout.write(text)


def out_json(data: object) -> None:
    """Print ``data`` as indented JSON (a schema, say)."""
    import json  # only a schema is printed this way: json need not load for every command

    out(json.dumps(data, indent=2) + "\n")


def say(text: str) -> None:
    """Tell the person what was done (on stderr, so it never mixes with what was made)."""
    sys.stderr.write(safe_text(text))


def to_stdout(output: Path | None) -> bool:
    """Whether ``--output`` leaves what is made on standard output: not given, or ``-``."""
    from coprod_check.io import stdin  # not needed to start the command line

    return output is None or stdin.is_dash(output)


def emit(text: str, output: Path | None, *, force: bool, what: str, inputs: Sequence[Path]) -> None:
    """Print ``text`` (no ``output``, or ``-``), or write it to ``output``: never over another
    file without ``force``, and never over one of ``inputs``, the files it was made from."""
    if output is None or to_stdout(output):
        out(text)
        return
    write_text(output, text, force=force, inputs=inputs)
    say(f"Wrote {what} to {output}\n")


def line(prompt: str) -> str:
    """One line typed in answer to ``prompt``, which goes to stderr (as the shell's ``read -p``
    puts it), so that stdout holds only what the command made."""
    sys.stderr.write(safe_text(prompt))
    sys.stderr.flush()
    return sys.stdin.readline().strip()
