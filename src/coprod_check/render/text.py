"""Plain text helpers shared by the text renderers."""

import textwrap


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` columns; blank lines separate paragraphs."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(
            textwrap.wrap(
                paragraph,
                width=max(width, 20),
                initial_indent=indent,
                subsequent_indent=hanging if hanging is not None else indent,
                break_on_hyphens=False,
            )
            or [indent]
        )
    return lines
