"""How the editor looks (SVG snapshots; update with --snapshot-update after looking)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from reeltui.services.drafts import EditSession
from reeltui.services.postform import form_of
from reeltui.services.session import open_blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from tests.ui.helpers import settle

SIZE = (120, 40)
HER = "flixchatter-review-spike-jonzes-her"


def clock() -> dt.datetime:
    return dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def app_for(store: Path, slug: str | None = None, **kwargs: Any) -> App[Any]:
    blog = open_blog(store)
    post_id = blog.post_by_slug(slug).id if slug else None
    return make_app(
        blog,
        initial_screen=lambda: EditorScreen(
            blog, post_id, clock=clock, autosave_delay=3600, **kwargs
        ),
    )


async def steady_cursors(pilot: Pilot[None]) -> None:
    """Blinking cursors make a snapshot depend on the instant it is taken: stop them (once
    the keys pressed before were handled and the screen settled)."""
    await settle(pilot)
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
            # TextArea caches drawn lines by a key that leaves the cursor out when it does not
            # blink: a line drawn in a blink's "off" phase (a slow machine gets there before
            # this runs) would be reused without its cursor. Draw every line again.
            widget.notify_style_update()
            widget.refresh()
    await pilot.pause()


def test_new_review(snap_compare: Any, store_path: Path) -> None:
    app = app_for(store_path, template="review", title="Arrival", author="Ruth")
    assert snap_compare(app, terminal_size=SIZE, run_before=steady_cursors)


def test_inline_error(snap_compare: Any, store_path: Path) -> None:
    # (The live preview is left out: Textual's Markdown widget renders in the background and
    # its SVG export varies run to run; tests/ui/test_editor.py checks the preview instead.)
    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#field-rating").focus()
        await pilot.press("ctrl+u", "7")
        await steady_cursors(pilot)

    assert snap_compare(app_for(store_path, HER), terminal_size=SIZE, run_before=run_before)


def test_revisions(snap_compare: Any, store_path: Path) -> None:
    blog = open_blog(store_path)
    her = blog.post_by_slug(HER)
    session = EditSession(blog, her, is_new=False, clock=clock)
    for opening in ("Short. ", "Short. Shorter. "):
        post, _ = session.build(form_of(her), opening + her.body)
        session.save(post)
    blog.close()

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("f5", "down")
        await steady_cursors(pilot)

    assert snap_compare(app_for(store_path, HER), terminal_size=SIZE, run_before=run_before)


def test_leave_asks(snap_compare: Any, store_path: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press(*"Unsaved", "escape")
        await steady_cursors(pilot)

    assert snap_compare(app_for(store_path, HER), terminal_size=SIZE, run_before=run_before)


def test_new_review_at_80x24(snap_compare: Any, store_path: Path) -> None:
    """80x24: the form folds away (the title line says F2), the body has the width."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("f3")
        await steady_cursors(pilot)

    app = app_for(store_path, template="review", title="Arrival", author="Ruth")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_form_unfolded_at_80x24(snap_compare: Any, store_path: Path) -> None:
    """80x24, F2: the form in the body's place, full width."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("f3", "f2")
        await steady_cursors(pilot)

    app = app_for(store_path, template="review", title="Arrival", author="Ruth")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
