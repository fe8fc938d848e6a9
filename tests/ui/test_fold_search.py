"""In the app, every search folds the text the same way: the list filter, the search in a post
(short or very long) and its highlights, which cover the words as written."""

from __future__ import annotations

import dataclasses

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.services.search import post_text
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.widgets.long_body import LongBody
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.reader import Reader
from tests.ui.helpers import press, settle
from tests.ui.test_long_post import finish, long_post

QUESTION = "first-question-of-the-year-which-2013-movies-do-you-appreciate-but-wouldnt-watch-again"


async def test_the_list_filter_finds_curly_quotes(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"wouldn't")
        await settle(pilot)
        blog = app.blog
        posts = [blog.post(item.row.post.id) for item in app.screen.query_one(PostList).items]
        assert QUESTION in [p.slug for p in posts]
        assert all("wouldn’t" in post_text(p) for p in posts)


async def test_search_in_a_post_highlights_what_is_written(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main_screen is not None
        await app.main_screen.open_post(app.blog.post_by_slug(QUESTION).id)
        app.main_screen.action_pane("reader")
        await settle(pilot)
        reader = app.main_screen.query_one(Reader)
        await press(pilot, "slash", *"wouldn't")
        written = sum(
            block._content.plain.count("wouldn’t")
            for block, _, _ in {h[0]: h for h in reader.hits}.values()
        )
        assert len(reader.hits) == written >= 1
        for block, start, end in reader.hits:
            assert block._content.plain[start:end] == "wouldn’t"


async def test_search_in_a_very_long_post_folds_and_marks_the_written_words(
    open_store: Blog,
) -> None:
    post = long_post(open_store, 400)
    post = dataclasses.replace(
        post, body=post.body.replace("Paragraph 399 about", "Paragraph 399 on Amélie’s about")
    )
    open_store.save_post(post)
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        await reader.show(post, 0)
        body = reader.query_one(LongBody)
        await finish(app, pilot)
        assert reader.has_class("-long")
        reader._run_search("amelie's")
        await pilot.pause()
        assert reader.counter == "1/8"  # 8 times in paragraph 399
        for match in body.hits:
            assert "".join(body.texts[line][a:b] for line, a, b in match) == "Amélie’s"
