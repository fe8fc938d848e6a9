"""Hostile titles, bodies and comments shown by `reeltui show`/`posts` (real processes) and by
Textual's Markdown widget (headless): no escape sequence, control or bidi override reaches the
terminal, lines fit the width (rich.cells.cell_len), and it finishes (timeouts detect hangs
only; no time is asserted)."""

from __future__ import annotations

import asyncio
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.widgets import Markdown

from reeltui.domain import Comment, Post
from reeltui.domain.sanitize import sanitize
from reeltui.store import Store, records
from tests.fuzz.hostile import ESCAPES, UNICODE, unsafe

BIN = Path(sys.executable).parent / "reeltui"
WIDTH = 100
HANG = 120  # seconds: a hang detector, not a performance assertion

NASTY = "".join(ESCAPES) + " Nice film " + "".join(UNICODE) + "&#x202e;&rlm;&#27;[31m"
DEEP_QUOTES = ">" * 10_000 + " the bottom of the quote"
DEEP_LISTS = "- " * 10_000 + "the deepest item"
DEEP_INDENT = "".join("  " * i + "- level\n" for i in range(1000))  # 1 MB of indentation
ONE_MB_LINE = "x" * 1_000_000
WIDE = "日本語🎬" * 5_000 + "\u200b" * 5_000 + "e\u0301" * 5_000

BODIES = {
    "nasty": f"# {NASTY}\n\n{NASTY}\n\n> {NASTY}\n\n- {NASTY}\n\n[{NASTY}](http://x/{NASTY})",
    "deep-quotes": DEEP_QUOTES,
    "deep-lists": DEEP_LISTS,
    "deep-indent": DEEP_INDENT,
    "one-mb-line": ONE_MB_LINE,
    "wide": WIDE,
}


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "store"
    posts = [
        Post(id=f"p-{slug}", slug=slug, title=NASTY, body=body) for slug, body in BODIES.items()
    ]
    comments = [
        Comment(id=f"c-{slug}", post_id=f"p-{slug}", author=NASTY, body=NASTY) for slug in BODIES
    ]
    for i in range(10_000):  # a reply chain 10,000 deep under one post
        parent = f"c-chain-{i - 1}" if i else "c-nasty"
        comments.append(Comment(id=f"c-chain-{i}", post_id="p-nasty", parent_id=parent, body=NASTY))
    with Store.open(path) as store:
        records.put_many(store, posts, comments)  # in one go, as an import writes
    return path


@functools.cache
def run(store: Path, *args: str, color: bool = False) -> str:
    """What `reeltui --store STORE ARGS` prints (run once per arguments: `show nasty`, 10,000
    replies, is read by two tests; the store is never changed)."""
    env = {**os.environ, "COLUMNS": str(WIDTH), "LINES": "40"}
    env.pop("NO_COLOR", None)
    if color:
        env.update(FORCE_COLOR="1", TERM="xterm-256color")
    else:
        env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [BIN, "--store", str(store), *args], capture_output=True, env=env, timeout=HANG
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("slug", sorted(BODIES))
def test_show_prints_hostile_posts_safely(hostile_store: Path, slug: str) -> None:
    out = run(hostile_store, "show", slug)
    assert not unsafe(out), sorted(unsafe(out))
    assert "\x1b" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= WIDTH
    assert "Nice film" in out


# Rich's own styling is allowed (SGR colours, OSC 8 links Rich makes): nothing else.
STYLING = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x00-\x1f\x7f-\x9f]*?\x1b\\")


def test_show_in_colour_emits_only_rich_styling(hostile_store: Path) -> None:
    out = run(hostile_store, "show", "nasty", color=True)
    assert "\x1b[" in out  # colours are on
    rest = STYLING.sub("", out)
    assert not unsafe(rest), sorted(unsafe(rest))
    assert "\x07" not in out and "\x1b]0;" not in out and "\x1b]52;" not in out


def test_ten_thousand_deep_thread_is_indented_within_bounds(hostile_store: Path) -> None:
    out = run(hostile_store, "show", "nasty")
    lines = out.splitlines()
    assert len(lines) > 20_000  # every reply of the chain is shown
    assert max(cell_len(line) for line in lines) <= WIDTH


def test_posts_list_with_hostile_titles(hostile_store: Path) -> None:
    out = run(hostile_store, "posts")
    assert not unsafe(out) and "\x1b" not in out
    assert out.count("Nice film") == len(BODIES)


class Reader(App[None]):
    def compose(self) -> ComposeResult:
        yield Markdown("")


async def test_textual_markdown_widget_renders_hostile_bodies() -> None:
    app = Reader()
    async with asyncio.timeout(HANG * 3), app.run_test(size=(WIDTH, 40)) as pilot:
        widget = app.query_one(Markdown)
        for slug, body in BODIES.items():
            if slug == "deep-indent":
                continue  # 1,000 list items: slow in Textual and covered by `show` above
            await widget.update(sanitize(body))
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            text = "\n".join(strip.text for strip in strips)
            assert not unsafe(text), (slug, sorted(unsafe(text)))
            assert all(cell_len(strip.text) <= WIDTH for strip in strips), slug
            assert text.strip(), f"{slug}: nothing shown"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("- " * 10_000 + "x", "- " * 8 + "x"),
        (">" * 10_000 + " x", ">" * 8 + " x"),
        ("  " * 500 + "- x", " " * 16 + "- x"),
        ("    - a\n        - b\n", "    - a\n        - b\n"),  # real nesting is untouched
        ("1. a\n   > quote", "1. a\n   > quote"),
    ],
)
def test_nesting_is_capped_before_display(raw: str, shown: str) -> None:
    assert sanitize(raw) == shown
