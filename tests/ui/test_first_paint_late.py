"""The main screen's parts its first frame does not show (the list's search box, the line under
it, the comments a search found: all hidden until a search) are mounted right after that frame
(ui/screens/main_late.py): three fewer widgets to style and lay out before it, the same screen
once they are there, and keys typed as the app opens wait for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.strip import Strip
from textual.widgets import Input

from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.widgets.post_list import PostList
from tests.ui.helpers import send_keys, settle, wait_until
from tests.ui.test_first_paint import _archive

LATE = ["ListSearch", "QueryHint", "CommentHitList"]


def _at_first_rows(monkeypatch: pytest.MonkeyPatch, *keys: str) -> list[list[str]]:
    """The widgets of the screen when the list first draws rows (`keys` typed then)."""
    seen: list[list[str]] = []
    draw = PostList.render_line

    def first_rows(post_list: PostList, y: int) -> Strip:
        if post_list.items and not seen:
            seen.append([type(w).__name__ for w in post_list.screen.walk_children()])
            if keys:
                send_keys(post_list.app, *keys)  # type: ignore[arg-type]
        return draw(post_list, y)

    monkeypatch.setattr(PostList, "render_line", first_rows)
    return seen


@pytest.mark.parametrize("archive", [False, True])
async def test_the_hidden_parts_are_mounted_after_the_first_frame(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, archive: bool
) -> None:
    """On the demo blog (read whole, its rows found through the search before the first
    frame) and on an archive (its newest rows first): not there when the first rows are
    drawn, there a moment later, in their places, hidden; and `/` with words typed as the
    first rows are drawn opens the box and searches them."""
    from reeltui.ui.app import make_app

    query = "m059n9" if archive else "elysium"
    seen = _at_first_rows(monkeypatch, "/", query)
    blog = open_blog(_archive(tmp_path / "store") if archive else store_path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(seen), "rows drawn")
        main = app.main_screen
        assert main is not None
        await wait_until(pilot, lambda: main.search == query, "typed")
        await settle(pilot)
        pane = main.query_one("#list-pane")
        assert [type(w).__name__ for w in pane.children] == [*LATE[:2], "PostList", LATE[2]]
        assert main.query_one("#list-search").has_focus
        assert not main.query_one("#comment-hits").display
        assert main.query_one("#list-search", Input).value == query
        found = [i.row.post.title.lower() for i in main.post_list.items]
        assert any(query in title for title in found) and len(found) < len(blog.posts())
    blog.close()
    [widgets] = seen
    assert "PostList" in widgets and "Reader" in widgets  # it did paint
    assert set(LATE) & set(widgets) == set()


async def test_with_a_keymap_to_check_the_screen_is_whole_at_once(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A [keymap] is checked against the screen's widgets as the app starts: they are all
    mounted with the screen then."""
    from reeltui.ui.app import make_app

    seen = _at_first_rows(monkeypatch)
    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings(keymap={"list.sort": "O"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(seen), "rows drawn")
        await settle(pilot)
    blog.close()
    [widgets] = seen
    assert set(LATE) <= set(widgets)
