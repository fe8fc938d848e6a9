"""A long post opens at once (first piece) and the rest is appended in the background;
nothing of the text is lost."""

from __future__ import annotations

from textual.widgets import OptionList

from reeltui.config import Settings
from reeltui.domain import Post
from reeltui.services import Blog
from reeltui.services.longtext import PIECE
from reeltui.ui.app import make_app
from reeltui.ui.widgets.reader import Reader
from tests.ui.helpers import HER, settle


async def test_long_post_is_shown_in_pieces_and_completely(open_store: Blog) -> None:
    paragraphs = [f"Paragraph {i} about *Her* and Samantha. " * 8 for i in range(400)]
    paragraphs[390] = "## The last chapter"  # a heading far down: in a later piece
    paragraphs[5] = "## The first chapter"
    paragraphs[200] = "## The middle chapter"
    body = "\n\n".join(paragraphs)
    assert len(body) > 5 * PIECE
    open_store.save_post(
        Post(
            id="p-long",
            slug="long",
            title="A very long essay",
            body=body,
            status="published",
            date="2030-01-01T00:00:00+00:00",
        )  # newest: first in the list
    )
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        post = open_store.post("p-long")
        await reader.show(post, 0)
        shown_at_once = reader.markdown.source
        assert shown_at_once.startswith("Paragraph 0 ") and "Paragraph 399 " not in shown_at_once
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        full = reader.markdown.source
        assert "Paragraph 399 " in full
        assert full.count("Paragraph ") == body.count("Paragraph ")
        # The table of contents lists the headings of every piece, in order, and jumps there.
        toc = reader.query_one("#reader-toc", OptionList)
        labels = [str(toc.get_option_at_index(i).prompt).strip() for i in range(toc.option_count)]
        assert labels == ["The first chapter", "The middle chapter", "The last chapter"]
        toc.highlighted = 2
        toc.action_select()
        await settle(pilot)
        assert reader.scroller.scroll_y > reader.scroller.max_scroll_y * 0.8
        # Search inside the post finds matches in the appended pieces too.
        reader._run_search("paragraph 399 ")
        assert reader.counter == "1/8"  # the sentence is 8 times in paragraph 399
        # Opening a short post after it leaves no piece of the long one behind.
        await reader.show(open_store.post_by_slug(HER), 0)
        await settle(pilot)
        assert "Paragraph 399" not in reader.markdown.source
