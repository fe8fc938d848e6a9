"""The sub-commands' tables (cli/tables.py): written a row at a time instead of through Rich's
Table, which took ~1 ms a row (22,000 inbox rows: 21-29 s). The same look as Rich's
`box=None` table, cells cut and padded by terminal cells."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reeltui.cli.tables import Column, fit, widths, write_table

ROWS = [
    ["2024-01-02", "Marcy", "Her (2013)", "c1"],
    ["2024-01-03", "李小龍 の ファン", "東京物語 — Tokyo Story, a very long title indeed", "c22"],
    ["2024-01-04", "Zoë Lindqvist", "Amélie", "c333"],
]


def rich_lines(sizes: list[int], names: list[str]) -> list[str]:
    table = Table(box=None)
    for name, size in zip(names, sizes, strict=True):
        table.add_column(name, width=size, no_wrap=True, overflow="ellipsis")
    for row in ROWS:
        table.add_row(*(Text(c) for c in row))
    out = Console(width=200, file=io.StringIO(), color_system=None)
    with out.capture() as got:
        out.print(table)
    return [line.rstrip() for line in got.get().splitlines()]


def test_rows_look_as_richs_table_with_wide_characters_cut_by_cells() -> None:
    names = ["date", "author", "post", "id"]
    sizes = [10, 9, 20, 4]
    out = io.StringIO()
    write_table([Column(n, width=w) for n, w in zip(names, sizes, strict=True)], sizes, ROWS,
                bold_header=False, out=out)  # fmt: skip
    assert out.getvalue().splitlines() == rich_lines(sizes, names)


def test_fit_pads_and_cuts_by_terminal_cells() -> None:
    assert fit("abc", 5) == "abc  "
    assert fit("abcdef", 4) == "abc…"
    assert fit("東京物語", 5) == "東京…"  # 2 cells a character: 4 + the ellipsis
    assert fit("東京", 5) == "東京 "
    assert fit("anything", 0) == ""


def test_shared_columns_divide_what_the_whole_ones_leave() -> None:
    cols = [Column("date", width=10), Column("a", share=1), Column("b", share=2), Column("id", 8)]
    got = widths(cols, 80)
    assert got[0] == 10 and got[3] == 8
    assert sum(got) + 2 * len(cols) == 80
    assert got[2] >= 2 * got[1] - 1
    assert widths(cols, 20)[1:3] == [1, 1]  # never below one cell, whole columns kept


def test_inbox_and_posts_print_without_richs_table(store_path: Path) -> None:
    """The per-row cost was Rich's Table: neither command loads it now."""
    code = (
        "import sys\n"
        "from reeltui.cli import main\n"
        f"for argv in (['inbox'], ['posts'], ['outbox']):\n"
        f"    main(['--store', {str(store_path)!r}, *argv])\n"
        "sys.stderr.write(str('rich.table' in sys.modules))\n"
    )
    env = {**os.environ, "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stderr == "False"
    assert "needs" not in done.stdout.splitlines()[0]
    assert done.stdout.splitlines()[0].split()[0] == "date"
