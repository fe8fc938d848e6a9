"""The first paint costs what the first screen needs, whatever the archive's size: the rest of
the posts index is read after the newest rows are painted, the footer is made once per set
of keys, and the screens not yet opened are not imported (a fresh interpreter tells)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.strip import Strip
from textual.widgets._footer import FooterKey

from reeltui.config import Settings
from reeltui.domain.models import Post
from reeltui.services.session import open_blog
from reeltui.store import records
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.main_list import FIRST_SCREEN
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.post_list import PostList
from tests.ui.helpers import press, settle
from tests.unit.test_startup import APP_START, modules_of

MONTHS = 60
PER_MONTH = 10


def _archive(path: Path) -> Path:
    """MONTHS months of PER_MONTH posts: the newest screenful is in a few index files."""
    with open_blog(path) as blog, blog.store.batch():
        for month in range(MONTHS):
            for n in range(PER_MONTH):
                date = f"{2015 + month // 12}-{1 + month % 12:02d}-{1 + n:02d}T12:00:00+00:00"
                post_id = f"m{month:03d}n{n}"
                records.put_post(
                    blog.store, Post(id=post_id, slug=post_id, title=post_id, date=date)
                )
    return path


async def test_the_rest_of_the_index_is_read_after_the_first_rows_are_painted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the first rows are painted, the loader reads nothing more: the list's first
    paint is held up here (the UI thread sleeps in it) and the index read so far stays as
    it was. It used to go on reading meanwhile, holding the interpreter from the paint."""
    blog = open_blog(_archive(tmp_path / "store"))
    app = make_app(blog, settings=Settings())
    seen: list[tuple[int, int]] = []
    draw = PostList.render_line

    def first_rows_drawn(post_list: PostList, y: int) -> Strip:
        if post_list.items and not seen:
            before = len(blog.rowset)
            time.sleep(0.3)  # the paint takes long: what does the loader do meanwhile?
            seen.append((before, len(blog.rowset)))
        return draw(post_list, y)

    monkeypatch.setattr(PostList, "render_line", first_rows_drawn)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert blog.index_complete  # once painted, the rest was read
    blog.close()
    before, after = seen[0]
    assert FIRST_SCREEN <= before < MONTHS * PER_MONTH
    assert after == before


async def test_the_footer_is_made_again_only_when_its_keys_change(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(ReelFooter)
        keys = list(footer.query(FooterKey))
        assert keys
        app.screen.refresh_bindings()  # Textual's footer recomposes on every such signal
        await settle(pilot)
        assert list(footer.query(FooterKey)) == keys  # the same widgets: not made again
        await press(pilot, "2")  # the reader pane: other keys
        await settle(pilot)
        assert [k.key for k in footer.query(FooterKey)] != [k.key for k in keys]


def test_the_first_screen_imports_no_screen_not_yet_opened(store_path: Path) -> None:
    found = modules_of(APP_START, str(store_path))
    assert "reeltui.ui.screens.main" in found  # it did start and paint the list
    later = {
        "reeltui.ui.screens.editor",
        "reeltui.ui.screens.composer",
        "reeltui.ui.screens.stats",
        "reeltui.ui.screens.sync",
        "reeltui.ui.screens.diary",
        "reeltui.ui.screens.inbox",
        "reeltui.ui.screens.outbox",
        "reeltui.ui.screens.transfer",
        "reeltui.ui.screens.help",
        "reeltui.ui.desk_commands",
        "plotext",
        "tree_sitter",
    }
    assert found & later == set()
