"""A filter keystroke on a generated archive: the list takes the Blog's own rows (built once)
and makes a ListItem for each row it draws only, however many posts match (a one-letter
word matches nearly all of them: 50,000 ListItems a keystroke at 50,000 posts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.generate import write_archive

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_list import Items, PostList
from tests.ui.helpers import press, settle, wait_until

POSTS = 300


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rows") / "store"
    write_archive(path, POSTS)
    with open_blog(path) as blog:
        blog.search_index().prepare()
    return path


async def test_a_keystroke_makes_list_items_for_the_rows_drawn_only(archive: Path) -> None:
    blog = open_blog(archive)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await wait_until(pilot, lambda: blog.search_index().fresh, "search index ready")
        post_list = main.query_one(PostList)
        for keys, search in ((("slash", "h"), "h"), (("a",), "ha"), (("backspace",), "h")):
            await press(pilot, *keys)
            await wait_until(
                pilot,
                lambda s=search: (
                    main.listing.search == s  # type: ignore[misc]
                    and not main.listing.partial
                    and not any(w.group == "rows" and not w.is_finished for w in app.workers)
                ),
                f"the answer to {search!r}",
            )
            await settle(pilot)
            items = post_list.items
            assert isinstance(items, Items)
            assert len(items) > POSTS * 0.9  # nearly every post holds an h
            drawn = post_list.scrollable_content_region.height // 2 + 1
            assert items.made <= drawn, (items.made, drawn)
            # the rows are the Blog's own, not copies made for this answer
            assert all(row is blog.rowset.rows[row.post.id] for row in items.rows)
    blog.close()


async def test_a_key_that_leaves_the_query_as_it_was_loads_nothing(archive: Path) -> None:
    """A space typed after a word (the query is the same) started a whole search again, and
    closing the search loaded the list twice (once at once, once more for the emptied box)."""
    blog = open_blog(archive)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        loads: list[str] = []
        real = main.listing.load

        def counted(*args: object, **kwargs: object) -> None:
            loads.append(main.listing.search)
            real(*args, **kwargs)  # type: ignore[arg-type]

        main.listing.load = counted  # type: ignore[method-assign]
        await press(pilot, "slash", "h", "a")
        assert loads == ["h", "ha"]
        await press(pilot, "space")
        assert loads == ["h", "ha"]  # "ha " is "ha"
        await press(pilot, "b")
        assert loads == ["h", "ha", "ha b"]
        await press(pilot, "escape")
        assert loads == ["h", "ha", "ha b", ""]  # once
    blog.close()
