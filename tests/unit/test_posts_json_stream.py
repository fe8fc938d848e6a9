"""`reeltui posts --json` on a long list: the same bytes as the whole list made safe and written
at once (texts walked by `strip_unsafe`), written a chunk at a time, by a process that loads
no UI, no Markdown and no Rich (a fresh interpreter: the test process's modules prove nothing).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson

from reeltui.cli import jsonwrite
from reeltui.domain.models import Film, Post
from reeltui.services.session import open_blog
from reeltui.store import records
from tests.unit.test_startup import CONSOLE_SCRIPT, modules_of

HOSTILE = (
    "\x1b]0;owned\x07Title",
    "red \x1b[31mtext\x1b[0m",
    "bidi \u202eevil\u202c",
    "c1 \x9b31m",
    "del\x7f",
    "line\r\nbreak\rend",
    "ref &#x202e; and &rlm; kept &amp; fine",
    "bell\x07 and nul\x00",
)


def _posts(count: int) -> list[Post]:
    """`count` posts over many months; every 37th has terminal controls in every text."""
    out = []
    for i in range(count):
        bad = HOSTILE[i % len(HOSTILE)] if i % 37 == 5 else ""
        out.append(
            Post(
                id=f"p{i:04d}",
                slug=f"post-{i}",
                title=f"Review {i} {bad}",
                author="Ruth" if i % 3 else f"Ted{bad}",
                date=f"{2010 + i // 120}-{1 + i % 12:02d}-{1 + i % 27:02d}T10:00:00+00:00",
                status="published" if i % 5 else "draft",
                categories=["Review", *([bad] if bad else [])],
                tags=["Drama", f"t{i % 7}"],
                excerpt=f"Words about film {i}. {bad}",
                rating=(i % 10) / 2 if i % 4 else None,
                film=Film(title=f"Film {i}{bad}", year=1950 + i % 70, director=bad, cast=[bad]),
                body=f"The body of post {i}, long enough to count.",
            )
        )
    return out


def _store(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "store"
    with open_blog(path) as blog, blog.store.batch():
        for post in _posts(count):
            records.put_post(blog.store, post)
    return path


def _as_it_was(store: Path) -> bytes:
    """The list as `posts --json` made it before it streamed: every row's whole record, its
    figures, every text (and key) walked by `strip_unsafe`, dumped at once."""

    with open_blog(store, read_only=True) as blog:
        rows = []
        for row in blog.rows(sort="date"):
            data = row.post.to_dict()
            data.update(
                comment_count=row.comment_count,
                pending_count=row.pending_count,
                word_count=row.word_count,
                damaged=None,  # every post's file reads sound here
            )
            rows.append(data)
    walked = jsonwrite.safe_json(rows)  # the old walk, moved unchanged from cli/printing.py
    return orjson.dumps(walked, option=orjson.OPT_INDENT_2) + b"\n"


def test_posts_json_is_the_same_bytes_streamed(tmp_path: Path) -> None:
    store = _store(tmp_path, 3 * jsonwrite.CHUNK + 17)  # chunks with and without controls
    done = subprocess.run(
        [sys.executable, "-c", CONSOLE_SCRIPT, "--store", str(store), "posts", "--json"],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    expected = _as_it_was(store)
    assert done.stdout == expected
    shown = orjson.loads(done.stdout)
    assert len(shown) == 3 * jsonwrite.CHUNK + 17 + 4  # and the demo blog's four
    assert b"\x1b" not in done.stdout and b"\\u001b" not in done.stdout
    assert "\u202e" not in done.stdout.decode() and "&#x202e;" not in done.stdout.decode()


def test_posts_json_loads_no_ui_markdown_or_rich(tmp_path: Path) -> None:
    store = _store(tmp_path, 20)
    found = modules_of(CONSOLE_SCRIPT, "--store", str(store), "posts", "--json")
    assert "reeltui.cli.reading" in found  # the command did run
    loaded = {m.split(".")[0] for m in found}
    assert not loaded & {"textual", "markdown_it", "rich", "tinydb"}, sorted(loaded)


def test_safe_dumps_is_safe_json_dumped() -> None:
    """Whatever a value holds, `safe_dumps` writes what orjson writes of `safe_json(value)`:
    every hostile text, a clean one, keys that are not texts, nested lists and objects."""
    values: list[Any] = [
        [],
        {},
        {"plain": ["a", 1, 2.5, None, True]},
        {"typographic": "it\u2019s \u201cquoted\u201d \u2014 caf\u00e9 \u00a0 \\r not a CR"},
        {1: "number key", "k": {"nested": ["x"]}},
        *({"text": h, h: [h, {"deep": h}]} for h in HOSTILE),
    ]
    for value in values:
        expected = orjson.dumps(jsonwrite.safe_json(value), option=orjson.OPT_INDENT_2)
        assert jsonwrite.safe_dumps(value) == expected, value
