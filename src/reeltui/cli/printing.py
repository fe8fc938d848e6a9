"""Printing for the sub-commands: Rich renderables without trailing spaces (JSON: jsonwrite.py).

Rich pads every line of a table or an indented block to the console's width; the text we
print is captured and each line's trailing spaces are dropped (before any closing colour
code), so piped output diffs and greps cleanly.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType

if TYPE_CHECKING:
    from reeltui.cli.tables import Column

# Spaces at the end of a line, before any colour (SGR) or link (OSC 8) codes closing it.
_CODES = r"(?:\x1b\[[0-9;]*m|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\))*"
_TRAILING = re.compile(rf"[ \t]+({_CODES})$", re.MULTILINE)
PIPED_WIDTH = 160  # tables piped to a file or a script are not squeezed to 80 columns


def console(*, wide_when_piped: bool = False) -> Console:
    found = Console()
    if wide_when_piped and not found.is_terminal:
        found.width = max(found.width, PIPED_WIDTH)
    return found


def print_clean(out: Console, *renderables: RenderableType) -> None:
    """Print `renderables` on `out` with no trailing spaces on any line."""
    with out.capture() as captured:
        for renderable in renderables:
            out.print(renderable)
    sys.stdout.write(_TRAILING.sub(r"\1", captured.get()))
    sys.stdout.flush()


def print_table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    sizes: Sequence[int] | None = None,
) -> None:
    """One-line cells as a table as wide as the terminal (or PIPED_WIDTH when piped), the
    columns `sizes` wide (by default as `tables.widths` fits them); rows are plain text,
    already made safe for a terminal."""
    from reeltui.cli.tables import widths, write_table

    out = console(wide_when_piped=True)
    fitted = widths(columns, out.width) if sizes is None else sizes
    write_table(columns, fitted, rows, bold_header=out.color_system is not None)
