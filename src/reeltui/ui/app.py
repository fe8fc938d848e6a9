"""The reeltui Textual app (thin: screens and widgets do the work)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reeltui.config import ConfigError, Settings, load_settings, save_settings
from reeltui.services import Blog
from reeltui.ui.clipboard import copy_text
from reeltui.ui.commands import ReelCommands
from reeltui.ui.keys import binding_ids, unknown_ids
from reeltui.ui.saving import SaveQueue
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.screens.dialogs import LinkActionScreen, PickScreen
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.help import HelpScreen, key_rows
from reeltui.ui.screens.inbox import InboxChoice, InboxScreen
from reeltui.ui.screens.main import ListSearch, MainScreen
from reeltui.ui.screens.outbox import OutboxScreen
from reeltui.ui.screens.sync import ConflictsScreen, SyncScreen
from reeltui.ui.screens.transfer import ExportScreen, ImportScreen, TransferScreen
from reeltui.ui.typeahead import TypeAhead
from reeltui.ui.widgets.confirm import ConfirmScreen
from reeltui.ui.widgets.inputs import ReturningInput
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.reader import Reader, SearchInput
from reeltui.ui.widgets.thread import Thread


def store_label(path: Path, read_only: bool) -> str:
    home = Path.home()
    shown = f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
    # The marker first: a long path is cut at the right edge of the header, never the marker.
    return ("[read-only] " if read_only else "") + f"store {shown}"


class ReelApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "reeltui"
    COMMANDS: ClassVar = App.COMMANDS | {ReelCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding(
            "ctrl+p", "command_palette", "Palette", show=False, priority=True, id="app.palette"
        ),
        Binding("M", "toggle_mouse", "Mouse on/off", show=False, id="app.mouse"),
        Binding("ctrl+t", "next_theme", "Next theme", show=False, id="app.theme"),
        Binding("i", "inbox", "Needs reply", id="app.inbox"),
        Binding("o", "outbox", "Outbox", id="app.outbox"),
        Binding("S", "sync", "Sync", show=False, id="app.sync"),
    ]

    def __init__(
        self,
        blog: Blog,
        settings: Settings,
        initial_screen: Callable[[], Screen[Any]] | None = None,
        problems: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.blog = blog
        self.settings = settings
        self.initial_screen = initial_screen
        self.problems = list(problems or [])
        self.mouse_enabled = settings.mouse
        self.main_screen: MainScreen | None = None
        self.saves = SaveQueue(self)  # replies and moderation are written in the background
        self.typeahead = TypeAhead(self, super().on_event)  # keys go where focus will be
        self.sub_title = store_label(blog.path, blog.read_only)

    def on_mount(self) -> None:
        try:
            self.theme = self.settings.theme
        except Exception:  # unknown theme name in the config: keep the default
            self.problems.append(f"unknown theme {self.settings.theme!r}; using the default")
        known = binding_ids(
            ReelApp,
            MainScreen,
            PostList,
            Reader,
            Thread,
            SearchInput,
            ListSearch,
            HelpScreen,
            LinkActionScreen,
            PickScreen,
            ReturningInput,
            InboxScreen,
            OutboxScreen,
            ComposerScreen,
            ConfirmScreen,
            EditorScreen,
            TransferScreen,
            SyncScreen,
            ConflictsScreen,
        )
        bad = unknown_ids(self.settings.keymap, known)
        if bad:
            self.problems.append(f"[keymap] has unknown binding ids: {', '.join(bad)}")
        self.update_keymap({k: v for k, v in self.settings.keymap.items() if k in known})
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.main_screen = MainScreen(self.blog, self.settings.sort)
        self.push_screen(self.main_screen)
        if self.initial_screen is not None:
            self.push_screen(self.initial_screen())
        if not self.mouse_enabled:
            self._driver_mouse(False)
        for problem in self.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)

    def on_unmount(self) -> None:
        self.saves.close()  # wait for writes still in flight: nothing typed is lost

    # -- settings ------------------------------------------------------------------------

    def remember(self, **changes: Any) -> None:
        for name, value in changes.items():
            setattr(self.settings, name, value)
        self._save_settings()

    @work(thread=True, exclusive=True, group="settings")
    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except ConfigError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")

    def _theme_changed(self, theme: Any) -> None:
        if getattr(theme, "name", None) and theme.name != self.settings.theme:
            self.remember(theme=theme.name)

    def action_next_theme(self) -> None:
        names = sorted(self.available_themes)
        self.theme = (
            names[(names.index(self.theme) + 1) % len(names)] if self.theme in names else names[0]
        )
        self.notify(f"theme: {self.theme}", timeout=2)

    # -- mouse ---------------------------------------------------------------------------

    def action_toggle_mouse(self) -> None:
        self.mouse_enabled = not self.mouse_enabled
        self._driver_mouse(self.mouse_enabled)
        self.remember(mouse=self.mouse_enabled)
        self.notify("mouse on" if self.mouse_enabled else "mouse off: the terminal selects text")

    def _driver_mouse(self, enabled: bool) -> None:
        driver: Any = self._driver
        method = "_enable_mouse_support" if enabled else "_disable_mouse_support"
        if driver is not None and hasattr(driver, method):
            with contextlib.suppress(Exception):
                getattr(driver, method)()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.MouseEvent) and not self.mouse_enabled:
            return
        if await self.typeahead.hold(event):
            return
        await super().on_event(event)

    # -- app-wide actions ----------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        chain = [(node, list(bindings)) for node, bindings in self.screen._modal_binding_chain]
        focused = self.screen.focused
        where = "this screen"
        for node in focused.ancestors_with_self if focused else []:
            if node.id in ("list-pane", "reader", "thread"):
                where = {"list-pane": "Post list", "reader": "Reader", "thread": "Comments"}[
                    node.id
                ]
                break
        self.push_screen(HelpScreen(key_rows(chain), f"Keys · {where}"))

    def action_inbox(self) -> None:
        self.push_screen(InboxScreen(self.blog), self.jump_to_comment)

    def action_outbox(self) -> None:
        self.push_screen(OutboxScreen(self.blog), lambda _: self.refresh_main())

    def action_sync(self, start: bool = False) -> None:
        if not isinstance(self.screen, SyncScreen):
            self.push_screen(SyncScreen(self.blog, start=start), lambda _: self.refresh_main())

    def action_conflicts(self) -> None:
        self.push_screen(ConflictsScreen(self.blog), lambda _: self.refresh_main())

    def action_import(self) -> None:
        self.push_screen(ImportScreen(self.blog))

    def action_export(self) -> None:
        self.push_screen(ExportScreen(self.blog))

    async def jump_to_comment(self, choice: InboxChoice | None) -> None:
        """Open the chosen comment's post and put the thread's cursor on it."""
        self.refresh_main()
        if choice is not None and self.main_screen is not None:
            await self.main_screen.open_comment(choice.post_id, choice.comment_id)

    def refresh_main(self) -> None:
        if self.main_screen is not None:
            self.main_screen.refresh_data()

    async def open_post(self, post_id: str) -> None:
        if self.main_screen is not None:
            await self.main_screen.open_post(post_id)
            self.main_screen.action_pane("reader")

    def open_link(self, url: str) -> str:
        """Open `url` in a graphical browser; without one, copy it (a console browser would
        take over this terminal). Returns what was done, for a notice."""
        graphical = sys.platform in ("darwin", "win32") or any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")
        )
        if not graphical:
            self.copy_text(url)
            return f"no graphical browser here: copied {url} instead"
        self.open_url(url)
        return f"opening {url} in the browser"

    def copy_text(self, text: str) -> None:
        """OSC 52 first (works over SSH and in tmux), then the system clipboard if any."""
        copy_text(self, text, "the link")


def make_app(
    blog: Blog,
    *,
    settings: Settings | None = None,
    initial_screen: Callable[[], Screen[Any]] | None = None,
) -> ReelApp:
    """The app on an open blog; shared by the CLI and the tests.

    Without `settings`, the user's config file is read (problems are shown in the app).
    """
    problems: list[str] = []
    if settings is None:
        settings, problems = load_settings()
    return ReelApp(blog, settings, initial_screen, problems)
