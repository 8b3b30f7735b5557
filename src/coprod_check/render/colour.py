"""Whether what is printed may be coloured: one rule for every console that colours.

Colour and layout are separate choices. ``--plain`` (or ``TERM=dumb``) is the plain layout, which
has no colour either; the environment says only whether the rich layout is coloured, by the rule
Python itself follows (``_colorize.can_colorize`` in 3.13), which is also no-color.org's and
force-color.org's:

1. ``NO_COLOR`` set to anything but the empty string: no colour;
2. else ``FORCE_COLOR`` set to anything but the empty string: colour, even into a pipe or a file
   (as CI logs want);
3. else ``TERM=dumb``: no colour;
4. else colour only when the output is a terminal.
"""

import os
import sys
from typing import Literal, TextIO


def wanted(stream: TextIO | None = None) -> bool:
    """Whether to colour what is written to ``stream`` (stdout when not given)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one: nothing to colour
        return False


def colour_system(stream: TextIO | None = None) -> Literal["standard"] | None:
    """The colour system to give rich's ``Console``: the 16 standard colours, or none."""
    return "standard" if wanted(stream) else None
