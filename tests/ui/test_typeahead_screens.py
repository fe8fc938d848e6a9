"""Type-ahead across a pick: the key typed right after the choice that closes a modal and
opens a new screen goes to that new screen.

The choice (enter in a list) travels as a message from the list up to the modal, which
dismisses itself; its callback, on the screen that opened the modal, pushes the new screen.
The key after enter was let through once the list and the modal had run their queues, while
that message was still on its way up: it went to the list of a modal about to close and was
lost ("Arrival" saved as "rrival"). `trickle` sends the keys a turn of the event loop apart,
as a terminal reads them while the app works: some land at each step of the hand-over.
Each test repeats the keys: one round proves little.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from reeltui.config import Settings
from reeltui.formats.letterboxd import read_letterboxd
from reeltui.services import Blog
from reeltui.services.diary_import import import_letterboxd
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.diary import DiaryScreen
from reeltui.ui.screens.editor import EditorScreen
from tests.ui.helpers import burst, settle, trickle
from tests.unit.test_letterboxd_format import EXPORT

SIZE = (120, 40)
ROUNDS = 10
TITLE = "Arrival"


async def test_the_title_typed_right_after_picking_a_template_is_whole(store_path: Path) -> None:
    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = []
        for round_ in range(ROUNDS):
            if round_ % 2:
                await burst(pilot, "n", "<enter>", TITLE)
            else:
                await trickle(pilot, "n", "<enter>", TITLE, turns=1 + round_ // 2)
            assert isinstance(app.screen, EditorScreen)
            titles.append(app.screen.query_one("#field-title", Input).value)
            await burst(pilot, "<escape>", "d")  # close, discard the new post
            assert not isinstance(app.screen, EditorScreen)
        assert titles == [TITLE] * ROUNDS
    blog.close()


async def test_keys_typed_after_w_in_the_diary_go_to_the_draft(blog: Blog) -> None:
    """`w` writes the draft in a worker (disk) and the editor opens when it is done: F2 and
    the words typed after `w` edit the draft's title instead of falling on the diary."""
    import_letterboxd(blog, read_letterboxd(EXPORT))
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "D", "/", "elysium", "<enter>")
        diary = app.screen
        assert isinstance(diary, DiaryScreen) and diary.current is not None
        titles = []
        for _ in range(ROUNDS // 2):
            await trickle(pilot, "w", "<f2>", "<end>", " (2013)")
            assert isinstance(app.screen, EditorScreen)
            titles.append(app.screen.query_one("#field-title", Input).value)
            await burst(pilot, "<escape>", "d")  # close, forget the edit
            assert app.screen is diary
        assert titles == ["Elysium (2013)"] * (ROUNDS // 2)
