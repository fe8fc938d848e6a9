"""A filter keystroke on a generated archive: the list takes the Blog's own rows (built once)
and makes a ListItem for each row it draws only, however many posts match (a one-letter
word matches nearly all of them: 50,000 ListItems a keystroke at 50,000 posts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import write_archive
from textual.widgets import Input

from reeltui.services.session import open_blog
from reeltui.ui import held_paint
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_list import Items, PostList
from tests.ui.helpers import app_ready, press, settle, wait_until

POSTS = 300


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rows") / "store"
    write_archive(path, POSTS)
    with open_blog(path) as blog:
        blog.search_index().prepare()
    return path


async def test_a_keystroke_makes_list_items_for_the_rows_drawn_only(archive: Path) -> None:
    async with app_ready(archive) as (pilot, main, _):
        app, blog = pilot.app, main.blog
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


async def test_a_key_that_leaves_the_query_as_it_was_loads_nothing(archive: Path) -> None:
    """A space typed after a word (the query is the same) started a whole search again, and
    closing the search loaded the list twice (once at once, once more for the emptied box)."""
    async with app_ready(archive) as (pilot, main, _):
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


def _answered(app: Any, main: MainScreen, text: str) -> bool:
    loads = [w for w in app.workers if w.group == "rows" and not w.is_finished]
    return main.listing.search == text and not loads and not main.listing.partial


async def test_a_letter_and_its_answer_are_drawn_in_one_frame(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A letter was drawn at once over the old list, and the list's answer a frame later at
    least (Textual draws at most once per 1/60 s): two frames a key, the answer a frame late.
    The paints are held until the answer is shown (a frame at most: here, as long as it
    takes, so that a loaded machine cannot make the answer miss it)."""
    from benchmarks.frames import FrameWatch

    monkeypatch.setattr(held_paint, "HOLD", 120.0)
    async with app_ready(archive) as (pilot, main, _):
        app = pilot.app
        box, post_list = main.query_one("#list-search", Input), main.query_one(PostList)
        await press(pilot, "slash", "h")
        watch = FrameWatch(app, lambda: (box.value, post_list.items))
        for key, text in (("a", "ha"), ("r", "har"), ("backspace", "ha"), ("space", "ha ")):
            watch.log.clear()
            await pilot.press(key)
            await wait_until(pilot, lambda t=text: _answered(app, main, t.strip()), text)
            await wait_until(pilot, lambda t=text: any(s[0] == t for _, s in watch.log), text)
            first = next(seen for _, seen in watch.log if seen[0] == text)
            assert first[1] is post_list.items, text  # the letter and its answer: one frame
            assert not main.listing.hold.holding


async def test_a_letter_whose_answer_is_slow_is_drawn_in_a_frame(archive: Path) -> None:
    """The hold is short (HOLD): a letter whose answer is late (here: held back) is
    drawn on time, over the rows before; the answer follows."""
    from benchmarks.frames import FrameWatch, send_key

    async with app_ready(archive) as (pilot, main, _):
        app = pilot.app
        box, post_list = main.query_one("#list-search", Input), main.query_one(PostList)
        await press(pilot, "slash", "h")
        before = post_list.items
        watch = FrameWatch(app, lambda: (box.value, post_list.items))
        with main.listing._computing:  # the load of "hq" waits
            send_key(app, "q")
            await wait_until(pilot, lambda: any(s[0] == "hq" for _, s in watch.log), "hq drawn")
            assert post_list.items is before
        await wait_until(pilot, lambda: _answered(app, main, "hq"), "the answer to hq")
        await wait_until(pilot, lambda: watch.log[-1][1][1] is post_list.items, "drawn")
        assert post_list.items is not before


async def test_a_letter_that_leaves_the_rows_as_they_were_draws_no_row(archive: Path) -> None:
    """The first letter of a word is in nearly every post, a longer word often in the same
    posts as its beginning: the list's rows are the very same, and every row was drawn
    again all the same (most of such a keystroke's frame). Now only what changed is."""
    async with app_ready(archive) as (pilot, main, _):
        post_list = main.query_one(PostList)
        await press(pilot, "slash", "h", "a", "r", "b")  # "harb": a few posts
        shown = post_list.items
        assert isinstance(shown, Items) and 0 < len(shown) < POSTS / 2
        drawn: list[int] = []
        real = post_list.render_line

        def counted(y: int) -> Any:
            drawn.append(y)
            return real(y)

        post_list.render_line = counted  # type: ignore[method-assign]
        await press(pilot, "o")  # "harbo": the same posts
        assert main.listing.search == "harbo"
        assert post_list.items is not shown and post_list.items.rows == shown.rows
        assert drawn == []  # no row drawn again
        assert "search: harbo" in str(main.query_one("#status").render())
        await press(pilot, "backspace", "backspace", "backspace", "backspace")  # "h"
        assert drawn  # other rows: drawn


async def test_a_letter_starts_its_search_in_its_own_handling(archive: Path) -> None:
    """The search of a letter began when the box's Changed message reached the screen,
    through the queue of every container between (2-10 ms a key on a busy machine); the key
    starts it itself now (the message finds it started)."""
    import inspect

    async with app_ready(archive) as (pilot, main, _):
        app = pilot.app
        started: list[tuple[str, bool]] = []
        real = main.listing.load

        def load(*args: Any, **kwargs: Any) -> None:
            frames = {f.function for f in inspect.stack()}
            started.append((main.listing.search, "_search_changed" in frames))
            real(*args, **kwargs)

        main.listing.load = load  # type: ignore[method-assign]
        await press(pilot, "slash", "h", "a", "r", "b")
        await wait_until(pilot, lambda: _answered(app, main, "harb"), "the answer to harb")
        assert 0 < len(main.query_one(PostList).items) < POSTS / 2
        assert started == [("h", False), ("ha", False), ("har", False), ("harb", False)]
