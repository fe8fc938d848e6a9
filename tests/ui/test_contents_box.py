"""The reader's contents box (its headings) is never drawn empty: a post with no headings has
none, also when the box was opened on that post and the post was then edited to lose its
headings, short (Textual's Markdown) or long (LongBody). Pilot, real demo store."""

from __future__ import annotations

import dataclasses

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from reeltui.domain import Post
from reeltui.services import Blog
from reeltui.services.longtext import LONG_PIECES, PIECE
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.widgets.long_body import LongBody
from reeltui.ui.widgets.reader import Reader
from tests.ui.helpers import settle, wait_until
from tests.ui.test_long_post import long_post

WORDS = "Words about *Her* and Samantha, the voice in the machine. " * 8


def essay(blog: Blog, long: bool, headings: bool) -> Post:
    """A post of plain paragraphs (long: shown by LongBody), two of them headings or not."""
    paragraphs = (LONG_PIECES + 1) * PIECE // len(WORDS) + 4 if long else 6
    texts = [WORDS for _ in range(paragraphs)]
    if headings:
        texts[1] = "## The first chapter"
        texts[paragraphs - 2] = "## The last chapter"
    post = dataclasses.replace(long_post(blog, 20), body="\n\n".join(texts))
    blog.save_post(post)
    return blog.post(post.id)


async def open_essay(app: ReelApp, pilot: Pilot[None], post: Post, long: bool) -> Reader:
    await settle(pilot)
    main = app.main_screen
    assert main is not None
    await main.open_post(post.id)
    main.action_pane("reader")
    reader = main.query_one(Reader)
    await shown(pilot, reader, long)
    assert reader.has_class("-long") is long
    return reader


async def shown(pilot: Pilot[None], reader: Reader, long: bool) -> None:
    """Wait until the reader shows the whole post (a long one grows in a worker, which a
    resize replaces: waiting for the workers would fail on the cancelled one)."""
    if not long:
        await settle(pilot)
        return
    body = reader.query_one(LongBody)
    await wait_until(
        pilot,
        lambda: body.complete and not any(w.is_running for w in reader.app.workers),
        "the long post rendered",
    )
    await pilot.pause()


def box_drawn(reader: Reader) -> bool:
    return reader.has_class("-toc") and reader.query_one("#reader-toc", OptionList).display


class EmptyBoxes:
    """A `message_hook`: counts the moments (any message handled anywhere) the reader had its
    contents box on with nothing in it: a repaint then would draw it empty."""

    def __init__(self) -> None:
        self.app: ReelApp | None = None
        self.seen = 0

    def __call__(self, message: object) -> None:
        screen = self.app.main_screen if self.app is not None else None
        readers = screen.query(Reader) if screen is not None else []
        for reader in readers:
            boxes = reader.query("#reader-toc").results(OptionList)
            if any(box_drawn(reader) and not box.option_count for box in boxes):
                self.seen += 1


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
async def test_the_contents_box_goes_with_the_last_heading(open_store: Blog, long: bool) -> None:
    post = essay(open_store, long, headings=True)
    app = make_app(open_store)
    empty = EmptyBoxes()
    empty.app = app
    async with app.run_test(size=(120, 40), message_hook=empty) as pilot:
        reader = await open_essay(app, pilot, post, long)
        await pilot.press("t")  # two headings: the box on asking
        await shown(pilot, reader, long)
        assert box_drawn(reader)
        flat = post.body.replace("## ", "")
        open_store.save_post(dataclasses.replace(post, body=flat))  # no heading left
        await shown(pilot, reader, long)
        assert reader.post is not None and "## " not in reader.post.body
        assert reader.query_one("#reader-toc", OptionList).option_count == 0
        assert not box_drawn(reader)  # no empty box squeezing the text
        assert empty.seen == 0  # not even for a moment


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
async def test_a_post_with_no_headings_has_no_box(open_store: Blog, long: bool) -> None:
    post = essay(open_store, long, headings=False)
    app = make_app(open_store)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_essay(app, pilot, post, long)
        await pilot.press("t")  # says there are none, draws nothing
        await shown(pilot, reader, long)
        assert not box_drawn(reader)
