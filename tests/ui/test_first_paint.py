"""The first paint costs what the first screen needs, whatever the archive's size: the rest of
the posts index is read after the newest rows are painted, the footer is made once per set
of keys, the screen is drawn once (with its rows) before the user sees a post, and the
screens not yet opened and the reader's Markdown are not imported (a fresh interpreter
tells)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.strip import Strip
from textual.widgets._footer import FooterKey

from reeltui.config import Settings
from reeltui.domain.models import Post
from reeltui.services.session import open_blog
from reeltui.store import records
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.main_list import SCREENS_FIRST
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.post_list import ROW_HEIGHT, PostList
from tests.ui.helpers import press, settle, wait_until
from tests.unit.test_startup import APP_START, modules_of

# The modules a fresh interpreter holds when the list first draws its rows.
AT_FIRST_ROWS = """
import asyncio, json, sys
from pathlib import Path
from reeltui.config import Settings
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.widgets.post_list import PostList

seen = []
draw = PostList.render_line

def first_rows_drawn(post_list, y):
    if post_list.items and not seen:
        seen.append(sorted(sys.modules))
        seen.append([type(w).__name__ for w in post_list.screen.walk_children()])
    return draw(post_list, y)

PostList.render_line = first_rows_drawn

async def first_paint(store):
    blog = open_blog(Path(store))
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        while not seen:
            await pilot.pause(0.01)
    blog.close()

asyncio.run(first_paint(sys.argv[1]))
sys.stdout.write("FOUND " + json.dumps(seen))
"""

MONTHS = 60
PER_MONTH = 10
FIRST_SCREEN = SCREENS_FIRST * 40 // ROW_HEIGHT  # rows known before the first paint at 120x40


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
    # two screenfuls of the terminal's rows (it was 60 rows whatever the terminal), read a
    # month at a time
    assert FIRST_SCREEN <= before < FIRST_SCREEN + PER_MONTH
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
        "reeltui.ui.screens.sync_conflicts",
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


async def test_the_screen_is_first_drawn_with_its_rows(
    app: ReelApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's first drawing holds the rows: the screen waits (a moment at most) for the
    worker reading the newest posts before it is laid out and drawn. It used to be drawn
    empty first, then laid out and drawn again when the rows came (a fifth of the start)."""
    drawn: list[bool] = []
    draw = PostList.render_line

    def recorded(post_list: PostList, y: int) -> Strip:
        drawn.append(bool(post_list.items))
        return draw(post_list, y)

    monkeypatch.setattr(PostList, "render_line", recorded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(app.screen.query_one(PostList).items), "rows")
        await settle(pilot)
    assert drawn and drawn[0]


def test_the_first_rows_are_drawn_without_the_readers_markdown(store_path: Path) -> None:
    """Textual's Markdown widget (markdown-it and its block widgets) and the HTML views of a
    post are imported and mounted when the first post is opened, not for the first paint:
    the reader is then an empty pane (its header line), the same on screen. Nor is the
    `filelock` package imported (a fifth of the store's import)."""
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_ROWS, str(store_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    modules, widgets = json.loads(done.stdout[done.stdout.rindex("FOUND ") + 6 :])
    assert "reeltui.ui.screens.main" in modules and "Reader" in widgets  # it did paint
    tops = {m.split(".")[0] for m in modules}
    assert "markdown_it" not in tops
    assert "filelock" not in tops  # the store's lock is taken with fcntl (store/lock.py)
    assert not {"textual.widgets._markdown", "rich.markdown", "reeltui.formats.display"} & set(
        modules
    )
    assert "Markdown" not in widgets


async def test_no_collector_pass_runs_before_the_first_paint(
    app: ReelApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start makes objects that live for the session (widgets, styles, rows): the
    collector's passes over them (a fifth of the time to the first frame) wait until it is
    painted; then what was made is frozen (later passes leave it alone) and the collector
    runs again. The pause begins when the app runs (its Load event), not when it is made:
    an app made and never run leaves the collector as it was."""
    assert gc.isenabled()  # the app is made (the fixture): the collector is still on
    passes: list[int] = []
    at_load: list[int] = []
    at_first_rows: list[int] = []
    draw = PostList.render_line
    load = ReelApp.on_load

    def loaded(app: ReelApp) -> None:
        load(app)
        at_load.append(len(passes))

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    def recorded(post_list: PostList, y: int) -> Strip:
        if post_list.items and not at_first_rows:
            at_first_rows.append(len(passes))
        return draw(post_list, y)

    monkeypatch.setattr(PostList, "render_line", recorded)
    monkeypatch.setattr(ReelApp, "on_load", loaded)
    gc.callbacks.append(counted)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: bool(at_first_rows), "rows drawn")
            await settle(pilot)
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.callbacks.remove(counted)
    assert len(at_load) == 1 and at_first_rows == at_load  # no pass in between


async def test_the_main_screen_is_the_first_screen_laid_out(
    app: ReelApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main screen is the app's first screen: no blank screen is mounted and laid out
    before it (Textual's default screen, then the main one pushed over it, was laid out
    five times and the main screen styled twice before the first frame)."""
    from textual.screen import Screen

    from reeltui.ui.screens.main import MainScreen

    laid_out: list[str] = []
    layout = Screen._refresh_layout
    draw = PostList.render_line
    drawn: list[bool] = []

    def recorded(screen: Screen[object], *args: object, **kwargs: object) -> None:
        if not drawn:
            laid_out.append(type(screen).__name__)
        layout(screen, *args, **kwargs)  # type: ignore[arg-type]

    def first_rows(post_list: PostList, y: int) -> Strip:
        if post_list.items:
            drawn.append(True)
        return draw(post_list, y)

    monkeypatch.setattr(Screen, "_refresh_layout", recorded)
    monkeypatch.setattr(PostList, "render_line", first_rows)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(drawn), "rows drawn")
        assert app.screen_stack == [app.main_screen]
        assert isinstance(app.screen, MainScreen)
    assert laid_out and set(laid_out) == {"MainScreen"}


NOT_AT_FIRST_ROWS = {
    "reeltui.services.search",  # the text search: its index is readied after the first paint
    "reeltui.services.query",
    "reeltui.services.textindex",
    "sqlite3",
    "reeltui.ui.screens.dialogs",  # the pickers: when one is first asked for
    "textual.widgets._data_table",  # no table on the first screen (ui/widgets/tables.py)
}


def test_the_first_rows_are_drawn_without_the_search_and_the_tables(tmp_path: Path) -> None:
    """The modules of the text search (SQLite, the trigram index), the pickers and Textual's
    DataTable are imported after the first paint, when first used: nothing on the first
    screen of an archive needs them (they were a fifth of reeltui's imports before the first
    frame). (A store of less than a screenful is read whole and searched before its paint.)"""
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_ROWS, str(_archive(tmp_path / "store"))],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    modules, widgets = json.loads(done.stdout[done.stdout.rindex("FOUND ") + 6 :])
    assert "reeltui.ui.screens.main" in modules and "PostList" in widgets  # it did paint
    assert NOT_AT_FIRST_ROWS & set(modules) == set()


async def test_a_search_typed_as_the_first_rows_are_drawn_is_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed the moment the first rows are on screen (the search's modules not yet
    imported, the rest of the index not yet read) are handled in order: `/` opens the box,
    the words filter the whole archive, not only the first screenful."""
    from reeltui.ui.widgets.query_box import QueryBox
    from tests.ui.helpers import send_keys

    blog = open_blog(_archive(tmp_path / "store"))
    app = make_app(blog, settings=Settings())
    typed: list[bool] = []
    draw = PostList.render_line

    def first_rows(post_list: PostList, y: int) -> Strip:
        if post_list.items and not typed:
            typed.append(True)
            send_keys(app, "/", "m003n4")  # (m003: a month read after the first screen)
        return draw(post_list, y)

    monkeypatch.setattr(PostList, "render_line", first_rows)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(typed), "rows drawn")
        await settle(pilot)
        main = app.main_screen
        assert main is not None
        await wait_until(pilot, lambda: main.search == "m003n4", "search typed")
        await settle(pilot)
        assert app.screen.query_one("#list-search", QueryBox).value == "m003n4"
        assert [i.row.post.id for i in main.post_list.items] == ["m003n4"]
        assert blog.index_complete
    blog.close()


async def test_the_other_screens_styles_are_parsed_when_the_first_of_them_opens(
    app: ReelApp,
) -> None:
    """The first paint parses the main screen's part of app.tcss only; the rules of the other
    screens (the editor's, the outbox's...) are parsed when the first of them opens, and
    style it as before."""

    def styled() -> set[str]:  # every type, id and class a rule's selectors name
        return {
            selector.name
            for rule in app.stylesheet.rules
            for chain in rule.selector_set
            for selector in chain.selectors
        }

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert {"PostList", "Reader", "Thread"} <= styled()
        assert not {"EditorCore", "OutboxScreen", "ComposerScreen"} & styled()
        await press(pilot, "o")  # the outbox
        assert {"EditorCore", "OutboxScreen", "ComposerScreen"} <= styled()
        title = app.screen.query_one("#outbox-title")
        assert title.styles.text_style.bold and title.styles.height is not None
        assert title.styles.height.value == 1


def _gated_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files of the store passed through the gate (in order), from now on."""
    from reeltui.store import datafile

    gated: list[str] = []
    check = datafile.check

    def recorded(found: datafile.DataFile, specs: list[object]) -> None:
        gated.append(found.rel)
        check(found, specs)  # type: ignore[arg-type]

    monkeypatch.setattr(datafile, "check", recorded)
    return gated


def _at_first_rows(
    monkeypatch: pytest.MonkeyPatch, look: Callable[[PostList], list[str]]
) -> list[list[str]]:
    """Filled when the list first draws rows: the files gated until then (from now on), and
    what `look` saw of the list."""
    gated = _gated_files(monkeypatch)
    seen: list[list[str]] = []
    draw = PostList.render_line

    def first_rows(post_list: PostList, y: int) -> Strip:
        if post_list.items and not seen:
            seen.append(list(gated))
            seen.append(look(post_list))
        return draw(post_list, y)

    monkeypatch.setattr(PostList, "render_line", first_rows)
    return seen


async def test_the_first_screen_gates_only_its_own_read_marks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first screen's read marks are read for its rows alone: no file of the read-marks
    table is gated whole before the first rows are drawn (a screenful's marks are spread
    over every file, and at 50,000 posts gating all 30,000 marks cost a tenth of a second),
    and the rows show the marks as stored."""
    from reeltui.store import state

    path = _archive(tmp_path / "store")
    with open_blog(path) as blog, blog.store.batch():
        for month in range(MONTHS):
            for n in range(0, PER_MONTH, 2):  # every other post read, with all its comments
                state.put_read_mark(blog.store, f"m{month:03d}n{n}", 0, "2024-01-01T00:00:00")
    at_first_rows = _at_first_rows(
        monkeypatch, lambda post_list: [i.row.post.id for i in post_list.items if i.mark.unread]
    )
    blog = open_blog(path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(at_first_rows), "rows drawn")
        await settle(pilot)
    blog.close()
    gated_then, unread = at_first_rows
    assert not [rel for rel in gated_then if rel.startswith("reads/")]
    assert unread and all(int(post_id[-1]) % 2 == 1 for post_id in unread)


BUSY_MONTH = 150  # posts of the newest month: more than twice a first screen


async def test_the_first_screen_gates_only_the_newest_rows_of_the_newest_index_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first screen reads the newest FIRST_SCREEN rows of the newest index file: no index
    file is gated whole before the first rows are drawn (the newest month of a large archive
    holds hundreds of rows: gating them and making their rows and items was the largest part
    of the index's share of the start), and the rows drawn are the newest, in order. The
    rest of that file and the other files are read after, as before."""
    path = _archive(tmp_path / "store")
    with open_blog(path) as blog, blog.store.batch():
        for n in range(BUSY_MONTH):
            post_id = f"busy{n:03d}"
            date = f"2020-01-{1 + n // 6:02d}T{n % 6:02d}:00:00+00:00"
            records.put_post(blog.store, Post(id=post_id, slug=post_id, title=post_id, date=date))
    at_first_rows = _at_first_rows(
        monkeypatch, lambda post_list: [i.row.post.id for i in post_list.items]
    )
    blog = open_blog(path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(at_first_rows), "rows drawn")
        await settle(pilot)
        await wait_until(pilot, lambda: blog.index_complete, "index read")
        await settle(pilot)
        main = app.main_screen
        assert main is not None
        assert len(main.post_list.items) == len(blog.rowset) >= MONTHS * PER_MONTH + BUSY_MONTH
    blog.close()
    gated_then, shown = at_first_rows
    assert not [rel for rel in gated_then if rel.startswith("posts-index/")]
    newest = [f"busy{n:03d}" for n in reversed(range(BUSY_MONTH))]
    assert shown == newest[: len(shown)] and FIRST_SCREEN <= len(shown) < BUSY_MONTH


async def test_the_readers_hidden_parts_are_mounted_when_first_needed(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's search bar (a box and a counter), its contents box and a very long post's
    lines are hidden until used: they are not on the first screen (fewer widgets to style and
    lay out before the first frame) but mounted the first time they are needed. Keys typed the
    moment the first rows are drawn reach the search bar opened by them."""
    from reeltui.ui.widgets.reader import Reader
    from tests.ui.helpers import send_keys

    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings())
    at_first_rows: list[list[str]] = []
    draw = PostList.render_line

    def first_rows(post_list: PostList, y: int) -> Strip:
        if post_list.items and not at_first_rows:
            at_first_rows.append([type(w).__name__ for w in post_list.screen.walk_children()])
            send_keys(app, "2", "/", "the")
        return draw(post_list, y)

    monkeypatch.setattr(PostList, "render_line", first_rows)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(at_first_rows), "rows drawn")
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        await wait_until(pilot, lambda: reader.query_text == "the", "typed in the reader's box")
        box = reader.query_one("#reader-search")
        assert box.has_focus and reader.query_one("#reader-searchbar").has_class("-visible")
        await press(pilot, "escape")
        assert not box.has_focus and not reader.query_one("#reader-searchbar").has_class("-visible")
    blog.close()
    [widgets] = at_first_rows
    assert "Reader" in widgets and "PostList" in widgets  # it did paint
    assert not {"SearchInput", "LongBody", "ReelOptions"} & set(widgets)  # (the contents box)
