"""Long posts open at once and nothing of their text is lost: a post of a few pieces is
rendered piece by piece in the Markdown widget; a very long one as pre-rendered lines
(LongBody), with its table of contents and search working on them."""

from __future__ import annotations

import dataclasses

from textual.pilot import Pilot
from textual.widgets import OptionList

from reeltui.config import Settings
from reeltui.domain import Post
from reeltui.services import Blog
from reeltui.services.longtext import LONG_PIECES, PIECE
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.widgets.long_body import LongBody
from reeltui.ui.widgets.reader import Reader
from tests.ui.helpers import HER, screen_text, settle, wait_until


def long_post(blog: Blog, paragraphs: int) -> Post:
    texts = [f"Paragraph {i} about *Her* and Samantha. " * 8 for i in range(paragraphs)]
    texts[5] = "## The first chapter"
    texts[paragraphs // 2] = "## The middle chapter"
    texts[paragraphs - 10] = "## The last chapter"
    post = Post(
        id="p-long",
        slug="long",
        title="A very long essay",
        body="\n\n".join(texts),
        status="published",
        date="2030-01-01T00:00:00+00:00",
    )
    blog.save_post(post)
    return blog.post("p-long")


def toc_labels(reader: Reader) -> list[str]:
    toc = reader.query_one("#reader-toc", OptionList)
    return [str(toc.get_option_at_index(i).prompt).strip() for i in range(toc.option_count)]


async def finish(app: ReelApp, pilot: Pilot[None]) -> None:
    """Wait until the reader has everything (a replaced render is cancelled, not awaited; the
    rest of a post of a few pieces starts in a callback after the next repaint). A render
    can end just before the layout it caused gives the body a new width (its scroll bar
    came), which renders it again: done is when it still holds after a repaint."""

    def done() -> bool:  # (no LongBody until a very long post is first shown)
        return (
            all(body.complete for body in app.screen.query(LongBody))
            and not app.screen._callbacks
            and not any(w.is_running for w in app.workers)
        )

    while True:
        await wait_until(pilot, done, "the whole post in the reader")
        await pilot.pause()
        if done():
            return


async def test_a_post_of_a_few_pieces_is_appended_to_the_markdown(open_store: Blog) -> None:
    post = long_post(open_store, 100)
    assert PIECE < len(post.body) <= LONG_PIECES * PIECE
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        await reader.show(post, 0)
        shown_at_once = reader.markdown.source
        assert shown_at_once.startswith("Paragraph 0 ") and "Paragraph 99 " not in shown_at_once
        await finish(app, pilot)
        assert not reader.has_class("-long")
        full = reader.markdown.source
        assert full.count("Paragraph ") == post.body.count("Paragraph ")
        chapters = ["The first chapter", "The middle chapter", "The last chapter"]
        # (the Markdown tells the reader its headings in a message after the last piece)
        await wait_until(pilot, lambda: toc_labels(reader) == chapters, "every chapter listed")


async def test_a_very_long_post_is_shown_as_lines_with_contents_and_search(
    open_store: Blog,
) -> None:
    post = long_post(open_store, 400)
    assert len(post.body) > (LONG_PIECES + 1) * PIECE
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        await reader.show(post, 0)
        body = reader.query_one(LongBody)
        assert reader.has_class("-long") and body.display
        await finish(app, pilot)
        assert body.complete
        text = "\n".join(body.texts)
        # Every paragraph is there, once (lines are wrapped, so count the numbers).
        for i in (0, 1, 199, 388, 399):
            assert f"Paragraph {i} about" in text
        assert text.count("Samantha") == post.body.count("Samantha")
        assert "*Her*" not in text  # rendered, not shown as source
        # The table of contents lists every heading and jumps to it.
        assert toc_labels(reader) == ["The first chapter", "The middle chapter", "The last chapter"]
        toc = reader.query_one("#reader-toc", OptionList)
        toc.highlighted = 2
        toc.action_select()
        await settle(pilot)
        line = next(n for level, label, n in body.headings if label == "The last chapter")
        top = round(reader.scroller.scroll_y) - body.virtual_region.y
        assert top == line
        assert "The last chapter" in screen_text(app)  # painted: on screen at the top
        # Search counts the matches in the lines and scrolls to the current one.
        reader._run_search("paragraph 399 ")
        await pilot.pause()
        assert reader.counter == "1/8"  # the sentence is 8 times in paragraph 399
        hit_line = body.hits[body.current][0][0]
        assert "Paragraph 399" in body.texts[hit_line]
        shown = reader.scroller.scroll_y - body.virtual_region.y
        assert shown <= hit_line < shown + reader.scroller.scrollable_content_region.height
        reader.action_next_hit(1)
        assert reader.counter == "2/8"
        # A phrase the wrapping cut in two is found, and marked on both lines.
        n = next(i for i, t in enumerate(body.texts) if t.rstrip().endswith("Samantha."))
        head, tail = body.texts[n].rstrip()[-12:], body.texts[n + 1].split()[0]
        reader._run_search(f"{head} {tail}")
        await pilot.pause()
        assert any(len(m) == 2 and m[0][0] == n and m[1][0] == n + 1 for m in body.hits)
        assert reader.counter.endswith(f"/{len(body.hits)}")
        # Opening a short post after it shows the Markdown widget again, nothing left behind.
        reader._run_search("")
        await reader.show(open_store.post_by_slug(HER), 0)
        await finish(app, pilot)
        assert not reader.has_class("-long") and not body.lines
        assert "Theodore" in reader.markdown.source


async def test_links_in_a_very_long_post_are_clickable(open_store: Blog) -> None:
    post = long_post(open_store, 400)
    linked = f"See [the Her review](/{HER}/) first.\n\n" + post.body
    open_store.save_post(dataclasses.replace(post, body=linked))
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        await reader.show(open_store.post("p-long"), 0)
        await finish(app, pilot)
        body = reader.query_one(LongBody)
        line = next(n for n, text in enumerate(body.texts) if "the Her review" in text)
        column = body.texts[line].index("the Her review") + 2
        assert line < body.region.height  # on screen, near the top
        await pilot.click(LongBody, offset=(column, line))
        await settle(pilot)
        assert reader.post is not None and reader.post.slug == HER  # followed, in the reader
