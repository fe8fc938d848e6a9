"""Tables of the sub-commands, one line per row, written as they are made.

Rich's Table measures and renders every cell through its layout engine: 22,000 inbox rows
took 21-29 s to print (~1 ms a row) and `posts` on a big archive the same. These tables have
one-line cells only, so each row is cut and padded to its column's width directly (cell
widths, not characters: wide and combining characters line up as in Rich) and written at
once. The look is Rich's `box=None` table: a space of padding either side of each column,
the header in bold on a terminal, no trailing spaces.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import ceil
from typing import TextIO

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"
PAD = 2  # a space of padding either side of every column


@dataclass(frozen=True)
class Column:
    """`width`: the column's width, kept whole (never cut); `share`: the column takes that
    share of the width the others leave (cut with an ellipsis). One of the two."""

    name: str
    width: int = 0
    share: int = 0


def widths(columns: Sequence[Column], total: int) -> list[int]:
    """Every column's width in a table `total` cells wide: the whole ones as asked (at least
    their name), the shared ones dividing the rest by their shares (at least one cell)."""
    fixed = [max(cell_len(c.name), c.width) if not c.share else 0 for c in columns]
    left = max(0, total - PAD * len(columns) - sum(fixed))
    shares = [c.share for c in columns]
    out = []
    remaining_share = sum(shares)
    for column, size, share in zip(columns, fixed, shares, strict=True):
        if not column.share:
            out.append(size)
            continue
        given = ceil(share * left / remaining_share) if remaining_share else 0
        out.append(max(1, given))
        remaining_share -= share
        left -= given
    return out


def fit(text: str, width: int) -> str:
    """`text` exactly `width` cells wide: padded with spaces, or cut with an ellipsis."""
    if text.isascii():  # the common case, without measuring characters
        if len(text) <= width:
            return text.ljust(width)
        return text[: width - 1] + ELLIPSIS if width > 0 else ""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    if width <= 0:
        return ""
    return set_cell_size(text, width - 1) + ELLIPSIS


def lines(
    columns: Sequence[Column], sizes: Sequence[int], rows: Iterable[Sequence[str]]
) -> Iterable[str]:
    """The header's line, then each row's; no trailing spaces."""
    yield " " + "  ".join(fit(c.name, w) for c, w in zip(columns, sizes, strict=True)).rstrip()
    for row in rows:
        yield " " + "  ".join(fit(t, w) for t, w in zip(row, sizes, strict=True)).rstrip()


def write_table(
    columns: Sequence[Column],
    sizes: Sequence[int],
    rows: Iterable[Sequence[str]],
    *,
    bold_header: bool,
    out: TextIO | None = None,
) -> None:
    """Write the table on `out` (standard output), a block of rows at a time."""
    stream = out or sys.stdout
    made = iter(lines(columns, sizes, rows))
    header = next(made)
    stream.write(f"\x1b[1m{header}\x1b[0m\n" if bold_header else f"{header}\n")
    block: list[str] = []
    for line in made:
        block.append(line)
        if len(block) == 1000:
            stream.write("\n".join(block) + "\n")
            block.clear()
    if block:
        stream.write("\n".join(block) + "\n")
    stream.flush()
