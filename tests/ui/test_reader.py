"""The reader: header block, Markdown body, contents, search in the post, links and history."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown, OptionList

from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_text import post_links
from reeltui.ui.widgets.reader import Reader
from tests.ui.helpers import GUEST, HER, Notes, press, screen_text, settle


def main(app: ReelApp) -> MainScreen:
    assert app.main_screen is not None
    return app.main_screen


async def open_slug(app: ReelApp, pilot: object, slug: str) -> Reader:
    screen = main(app)
    await screen.open_post(app.blog.post_by_slug(slug).id)
    screen.action_pane("reader")
    await settle(pilot)  # type: ignore[arg-type]
    return screen.query_one(Reader)


async def test_header_block_and_markdown_body(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = main(app).query_one(Reader)
        assert reader.post is not None and reader.post.slug == HER
        text = screen_text(app)
        assert "FlixChatter Review: Spike Jonze’s HER" in text
        assert "by Ruth" in text and "2014-01-11" in text and "4 comments" in text
        assert "In: Review" in text and "Tags: Spike Jonze, Joaquin Phoenix" in text
        assert "Rating: ●●●●◐ 4.5 out of 5 reels" in text
        assert "Film: Her (2013) · directed by Spike Jonze" in text
        assert "Once in a while, a film you hadn’t heard much about" in text
        # Emphasis is rendered, not shown as asterisks.
        assert "*HER*" not in text and "was HER." in text
        # Vim keys and arrows scroll the text.
        await press(pilot, "j", "j", "down")
        assert reader.scroller.scroll_offset.y == 3
        await press(pilot, "k", "up")
        assert reader.scroller.scroll_offset.y == 1
        await press(pilot, "G")
        assert reader.scroller.scroll_offset.y == reader.scroller.max_scroll_y > 0
        await press(pilot, "g")
        assert reader.scroller.scroll_offset.y == 0
        await open_slug(app, pilot, GUEST)
        assert "by Conor Holt (guest)" in screen_text(app)


async def test_search_in_post_counts_and_cycles_matches(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = main(app).query_one(Reader)
        await press(pilot, "slash", "s", "a", "m", "a", "n", "t", "h", "a")
        body = reader.markdown.source.casefold()
        expected = body.count("samantha")
        assert expected >= 2
        assert len(reader.hits) == expected
        assert reader.counter == f"1/{expected}"
        assert f"1/{expected}" in screen_text(app)
        await press(pilot, "enter")  # back to the text, matches kept
        assert reader.scroller.has_focus
        await press(pilot, "n")
        assert reader.counter == f"2/{expected}"
        await press(pilot, "N", "N")
        assert reader.counter == f"{expected}/{expected}"
        # The current match is highlighted in the rendered block.
        block, start, end = reader.hits[reader.hit_index]
        spans = [s for s in block._content.spans if s.start == start and s.end == end]
        assert spans
        await press(pilot, "slash", "escape")
        assert reader.hits == [] and reader.counter == ""
        await press(pilot, "slash", "z", "q", "x")
        assert reader.counter == "no matches" and "no matches" in screen_text(app)


async def test_table_of_contents_for_long_posts(app: ReelApp, open_store: Blog) -> None:
    post = open_store.post_by_slug(HER)
    post.body = "\n\n".join(
        f"## Part {n}\n\n" + "Words about the film. " * 80 for n in ("One", "Two", "Three", "Four")
    )
    open_store.save_post(post)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = main(app).query_one(Reader)
        assert reader.has_class("-toc")
        toc = reader.query_one("#reader-toc", OptionList)
        assert toc.option_count == 4
        assert "Part Three" in screen_text(app)
        toc.focus()
        toc.highlighted = 2
        await press(pilot, "enter")
        assert reader.scroller.scroll_offset.y > 0
        assert reader.scroller.has_focus
        await press(pilot, "t")
        assert not reader.has_class("-toc")


async def test_internal_links_open_in_reader_with_back_and_forward(app: ReelApp) -> None:
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = main(app).query_one(Reader)
        assert reader.post is not None and reader.post.slug == HER
        # A click on a link posts LinkClicked, as the Markdown widget does.
        markdown = reader.query_one(Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, f"/{GUEST}/"))
        await settle(pilot)
        assert reader.post.slug == GUEST
        assert "Guest Post: Elysium" in screen_text(app)
        await press(pilot, "H")
        assert reader.post.slug == HER
        await press(pilot, "L")
        assert reader.post.slug == GUEST
        await press(pilot, "L")  # nothing further: stays
        assert reader.post.slug == GUEST
        # The links picker (f) follows links by keyboard too.
        await press(pilot, "f")
        picker = app.screen.query_one("#pick-list", OptionList)
        ids = [picker.get_option_at_index(i).id for i in range(picker.option_count)]
        picker.highlighted = ids.index(f"/{HER}/")
        await press(pilot, "enter")
        assert reader.post.slug == HER
        markdown.post_message(Markdown.LinkClicked(markdown, "/no-such-post/"))
        await settle(pilot)
        assert reader.post.slug == HER
        assert "no post with slug 'no-such-post'" in notes


async def test_external_link_asks_and_copies(app: ReelApp, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        markdown = main(app).query_one(Reader).query_one(Markdown)
        url = "https://www.imdb.com/title/tt1798709/"
        markdown.post_message(Markdown.LinkClicked(markdown, url))
        await settle(pilot)
        assert type(app.screen).__name__ == "LinkActionScreen"
        assert "Open in browser (o)" in screen_text(app) and url in screen_text(app)
        await press(pilot, "c")
        assert app.clipboard == url
        assert isinstance(app.screen, MainScreen)
        assert f"copied {url}" in notes
        markdown.post_message(Markdown.LinkClicked(markdown, url))
        await settle(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        # "Open" with no graphical browser (a console one would take over the terminal):
        # the link is copied instead, and the user is told.
        app.copy_to_clipboard("")
        markdown.post_message(Markdown.LinkClicked(markdown, url))
        await settle(pilot)
        await press(pilot, "o")
        assert app.clipboard == url
        assert f"no graphical browser here: copied {url} instead" in notes


def test_post_links_lists_markdown_links_in_order() -> None:
    body = "See [my review](/her/) and [IMDb](https://imdb.com/x) or <https://a.example/>."
    assert post_links(body) == [
        ("my review", "/her/"),
        ("IMDb", "https://imdb.com/x"),
        ("https://a.example/", "https://a.example/"),
    ]


async def test_another_post_starts_afresh(app: ReelApp, open_store: Blog) -> None:
    """The search bar and an opened contents box belong to the post they were opened on."""
    post = open_store.post_by_slug(HER)
    post.body = "## Part One\n\nWords about the film.\n\n## Part Two\n\nMore words.\n"
    open_store.save_post(post)
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        reader = await open_slug(app, pilot, HER)
        await press(pilot, "t")  # two headings: the box only on asking
        assert reader.has_class("-toc")
        await press(pilot, "escape", "2", "slash", *"words", "enter")
        assert reader.counter == "1/2"
        wide = reader.scroller.size.width
        reader = await open_slug(app, pilot, GUEST)  # no headings at all
        assert not reader.has_class("-toc")
        assert not reader.query_one("#reader-searchbar").has_class("-visible")
        assert reader.query_text == "" and reader.counter == ""
        assert "no matches" not in screen_text(app)
        assert reader.scroller.size.width > wide  # the text has the box's room back
        await press(pilot, "t")
        assert not reader.has_class("-toc") and "this post has no headings" in notes
