"""What the app's keys and the palette open: the keys' help for the focused pane, the desk's
screens (each imported when first opened: a faster first paint), a post or a comment on the
main screen, and links (a graphical browser, else the clipboard)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reeltui.ui.app import ReelApp
    from reeltui.ui.screens.inbox import InboxChoice

PANE_NAMES = {"list-pane": "Post list", "reader": "Reader", "thread": "Comments"}


def open_help(app: ReelApp) -> None:
    from reeltui.ui.screens.help import HelpScreen, key_rows

    if isinstance(app.screen, HelpScreen):
        return
    chain = [(node, list(bindings)) for node, bindings in app.screen._modal_binding_chain]
    focused = app.screen.focused
    where = "this screen"
    for node in focused.ancestors_with_self if focused else []:
        if node.id in PANE_NAMES:
            where = PANE_NAMES[node.id]
            break
    from reeltui.ui.keys import binding_classes, binding_ids  # (with the help screen)

    rows = key_rows(chain, binding_ids(binding_classes()))
    app.push_screen(HelpScreen(rows, f"Keys · {where}"))


def open_editor(app: ReelApp, post_id: str | None = None, *, template: str = "") -> None:
    """The editor on `post_id`, or on a new post from `template` signed by the user."""
    from reeltui.ui.screens.editor import EditorScreen  # imported when first used

    if post_id is not None:
        app.push_screen(EditorScreen(app.blog, post_id))
    else:
        author = app.signer.name
        app.push_screen(EditorScreen(app.blog, template=template, author=author))


def pick_template(app: ReelApp, chosen: Callable[[str | None], None]) -> None:
    """Ask which template a new post starts from."""
    from reeltui.services.templates import TEMPLATES
    from reeltui.ui.screens.dialogs import PickScreen

    choices = [(name, f"{name}: {t.label}") for name, t in TEMPLATES.items()]
    app.push_screen(PickScreen("New post from a template", choices), chosen)


def open_inbox(app: ReelApp) -> None:
    from reeltui.ui.screens.inbox import InboxScreen

    app.push_screen(InboxScreen(app.blog, app.settings.authors), app.jump_to_comment)


def open_outbox(app: ReelApp) -> None:
    from reeltui.ui.screens.outbox import OutboxScreen

    app.push_screen(OutboxScreen(app.blog))


def open_sync(app: ReelApp, start: bool) -> None:
    from reeltui.ui.screens.sync import SyncScreen

    if not isinstance(app.screen, SyncScreen):
        app.push_screen(SyncScreen(app.blog, start=start))


def open_stats_screen(app: ReelApp) -> None:
    from reeltui.ui.desk_commands import open_stats
    from reeltui.ui.screens.stats import StatsScreen

    if not isinstance(app.screen, StatsScreen):
        open_stats(app)


def open_diary(app: ReelApp) -> None:
    from reeltui.ui.screens.diary import DiaryScreen

    if not isinstance(app.screen, DiaryScreen):
        app.push_screen(DiaryScreen(app.blog))


def open_conflicts(app: ReelApp) -> None:
    from reeltui.ui.screens.sync_conflicts import ConflictsScreen

    app.push_screen(ConflictsScreen(app.blog))


def open_import(app: ReelApp) -> None:
    from reeltui.ui.screens.transfer import ImportScreen

    app.push_screen(ImportScreen(app.blog))


def open_export(app: ReelApp) -> None:
    from reeltui.ui.screens.transfer import ExportScreen

    app.push_screen(ExportScreen(app.blog))


async def jump_to_comment(app: ReelApp, choice: InboxChoice | None) -> None:
    """Open the chosen comment's post and put the thread's cursor on it."""
    if choice is not None and app.main_screen is not None:
        await app.main_screen.open_comment(choice.post_id, choice.comment_id)


async def open_post(app: ReelApp, post_id: str) -> None:
    if app.main_screen is not None:
        await app.main_screen.open_post(post_id)
        app.main_screen.action_pane("reader")


def open_link(app: ReelApp, url: str) -> str:
    """Open `url` in a graphical browser; without one, copy it (a console browser would
    take over this terminal). Returns what was done, for a notice."""
    graphical = sys.platform in ("darwin", "win32") or any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")
    )
    if not graphical:
        app.copy_text(url)
        return f"no graphical browser here: copied {url} instead"
    app.open_url(url)
    return f"opening {url} in the browser"
