"""The reeltui Textual app (thin: screens and widgets do the work)."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, InvalidThemeError, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen
from textual.signal import Signal

from reeltui.config import ConfigError, Settings, load_settings, save_settings
from reeltui.domain.identity import Identity
from reeltui.domain.readers import OwnPeople
from reeltui.services import Blog, identity
from reeltui.services.events import Change, StoreWatch, subscribe
from reeltui.services.session import reread
from reeltui.ui import bugs
from reeltui.ui.changes import StoreChanged
from reeltui.ui.clipboard import copy_text
from reeltui.ui.commands import ReelCommands
from reeltui.ui.keys import (
    Scope,
    binding_classes,
    binding_ids,
    check_keymap,
    class_scopes,
    key_of,
    keymap_lines,
    live_scopes,
)
from reeltui.ui.saving import SaveQueue
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.typeahead import TypeAhead
from reeltui.ui.zoom import toggle_zoom

if TYPE_CHECKING:  # the other screens are imported when first opened: a faster first paint
    from reeltui.ui.screens.inbox import InboxChoice


def store_label(path: Path, read_only: bool) -> str:
    home = Path.home()
    shown = f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
    # The marker first: a long path is cut at the right edge of the header, never the marker.
    return ("[read-only] " if read_only else "") + f"store {shown}"


def _desk_commands() -> type[Provider]:
    from reeltui.ui.desk_commands import DeskCommands  # when the palette first opens

    return DeskCommands


WATCH_SECONDS = 2.0  # how often a read-only app looks for changes made by the writer


class ReelApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "reeltui"
    COMMANDS: ClassVar = App.COMMANDS | {ReelCommands, _desk_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Keys", id="app.help"),  # f1: where ? is typed
        Binding(
            "ctrl+p", "command_palette", "Palette", show=False, priority=True, id="app.palette"
        ),
        Binding("M", "toggle_mouse", "Mouse on/off", show=False, id="app.mouse"),
        Binding("ctrl+t", "next_theme", "Next theme", show=False, id="app.theme"),
        Binding("i", "inbox", "Needs reply", id="app.inbox"),
        Binding("o", "outbox", "Outbox", id="app.outbox"),
        Binding("S", "sync", "Sync", show=False, id="app.sync"),
        Binding("percent_sign", "stats", "Stats", show=False, id="app.stats"),
        Binding("D", "diary", "Diary", show=False, id="app.diary"),
        Binding("f11,ctrl+o", "zoom", "Zoom", show=False, priority=True, id="app.zoom"),
    ]

    def __init__(
        self,
        blog: Blog,
        settings: Settings,
        initial_screen: Callable[[], Screen[Any]] | None = None,
        problems: list[str] | None = None,
        *,
        only_initial: bool = False,
    ) -> None:
        super().__init__()
        self.blog = blog
        self.settings = settings
        self.initial_screen = initial_screen
        self.only_initial = only_initial  # `reeltui new/edit`: back to the shell when it closes
        self.store_changed: Signal[Change] = Signal(self, "store-changed")  # see ui/changes.py
        self._watch: StoreWatch | None = None
        self.problems = list(problems or [])
        self.mouse_enabled = settings.mouse
        self.main_screen: MainScreen | None = None
        self.saves = SaveQueue(self)  # replies and moderation are written in the background
        self.typeahead = TypeAhead(self, super().on_event)  # keys go where focus will be
        self.survive_bugs: bool | None = None  # None: a bug in a task ends a headless run only
        self.bug_line = ""
        self.sub_title = store_label(blog.path, blog.read_only)
        blog.signers = self.own_signers  # counts leave out the writer's comments (readers.py)

    async def on_mount(self) -> None:
        try:
            self.theme = self.settings.theme
        except InvalidThemeError:  # unknown theme name in the config: keep the default
            self.problems.append(f"unknown theme {self.settings.theme!r}; using the default")
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._announcing = threading.Lock()
        self._unheard: list[Change] = []
        self._unsubscribe = subscribe(self.blog, self._announced)
        if self.blog.read_only:  # another reeltui writes: look for its changes now and then
            self._watch = StoreWatch(self.blog.path)
            self.set_interval(WATCH_SECONDS, self._look_at_disk)
        # The keymap check walks every UI module (binding_classes imports them): only when
        # the user has a [keymap] to check (a first paint without it costs no screen unused).
        scopes = class_scopes(binding_classes(), ReelApp) if self.settings.keymap else []
        if self.only_initial and self.initial_screen is not None:
            self.push_screen(self.initial_screen(), lambda _: self.exit())
        else:
            self.main_screen = MainScreen(self.blog, self.settings.sort)
            await self.push_screen(self.main_screen)
            if self.settings.keymap:
                scopes += live_scopes(self.main_screen)
            if self.initial_screen is not None:
                self.push_screen(self.initial_screen())
        if self.settings.keymap:
            self._apply_keymap(scopes)
        if not self.mouse_enabled:
            self._driver_mouse(False)
        for problem in self.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)

    def _apply_keymap(self, scopes: list[Scope]) -> None:
        """The config's [keymap], entry by entry: the bad ones are said and left out."""
        path = self.settings.path
        where = str(path) if path is not None else "[keymap]"
        check = check_keymap(self.settings.keymap, scopes, keymap_lines(path), where)
        self.problems += check.problems
        self.update_keymap(check.applied)

    def on_unmount(self) -> None:
        self._unsubscribe()
        self.saves.close()  # wait for writes still in flight: nothing typed is lost

    # -- the last resort (see ui/bugs.py) -----------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        survive = self.survive_bugs if self.survive_bugs is not None else not self.is_headless
        if not bugs.handle(self, error, survive):
            super()._handle_exception(error)

    def _fatal_error(self) -> None:
        self.bell()
        self._exit_renderables.append(bugs.exit_line(self))
        self._close_messages_no_wait()

    # -- changes to the store ------------------------------------------------------------

    def _announced(self, change: Change) -> None:  # in the thread that changed the store
        with self._announcing:  # the changes heard before the app gets to them: one message
            self._unheard.append(change)
            if len(self._unheard) > 1:
                return
        if not self.post_message(StoreChanged(change)):  # the app has closed
            with self._announcing:
                self._unheard.clear()

    def on_store_changed(self, message: StoreChanged) -> None:
        with self._announcing:
            changes, self._unheard = self._unheard, []
        for change in changes:  # (a view hears them in one list: ui/changes.py)
            self.store_changed.publish(change)

    @work(thread=True, exclusive=True, group="watch")
    def _look_at_disk(self) -> None:
        watch = self._watch
        # reread announces "all": every view redraws; False: caught mid-change, look again
        if watch is not None and watch.changed_on_disk() and not reread(self.blog):
            watch.look_again()

    # -- settings ------------------------------------------------------------------------

    @property
    def writer(self) -> Identity:
        """The user for sure (their [identity], else the site user sync found): what their
        own posts and replies are told by. Empty until known."""
        return identity.known(self.settings.identity, self.blog)

    def own_signers(self) -> OwnPeople:
        """Who signs as the blog besides its post authors: the writer and `authors`."""
        return OwnPeople.of(self.settings.authors, self.writer)

    @property
    def signer(self) -> Identity:
        """Who signs a new post or reply: the writer, else a suggestion to confirm."""
        return identity.suggested(self.settings.identity, self.blog)

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
        from reeltui.ui.screens.help import HelpScreen, key_rows

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
        rows = key_rows(chain, binding_ids(binding_classes()))
        self.push_screen(HelpScreen(rows, f"Keys · {where}"))

    def action_zoom(self) -> None:
        """Fill the screen with the focused pane (Textual's maximize), or put it back."""
        if not toggle_zoom(self.screen):
            self.notify("nothing to zoom here", timeout=2)

    def key_of(self, binding_id: str) -> str:
        """The key of a binding as the keymap has it ("" when none), as help shows it."""
        return key_of(self._keymap, binding_id)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands, less those reeltui has with its keys (keys, zoom)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Maximize", "Minimize"):
                yield command

    def action_inbox(self) -> None:
        from reeltui.ui.screens.inbox import InboxScreen

        self.push_screen(InboxScreen(self.blog, self.settings.authors), self.jump_to_comment)

    def action_outbox(self) -> None:
        from reeltui.ui.screens.outbox import OutboxScreen

        self.push_screen(OutboxScreen(self.blog))

    def action_sync(self, start: bool = False) -> None:
        from reeltui.ui.screens.sync import SyncScreen

        if not isinstance(self.screen, SyncScreen):
            self.push_screen(SyncScreen(self.blog, start=start))

    def action_stats(self) -> None:
        from reeltui.ui.desk_commands import open_stats
        from reeltui.ui.screens.stats import StatsScreen

        if not isinstance(self.screen, StatsScreen):
            open_stats(self)

    def action_diary(self) -> None:
        from reeltui.ui.screens.diary import DiaryScreen

        if not isinstance(self.screen, DiaryScreen):
            self.push_screen(DiaryScreen(self.blog))

    def action_conflicts(self) -> None:
        from reeltui.ui.screens.sync import ConflictsScreen

        self.push_screen(ConflictsScreen(self.blog))

    def action_import(self) -> None:
        from reeltui.ui.screens.transfer import ImportScreen

        self.push_screen(ImportScreen(self.blog))

    def action_export(self) -> None:
        from reeltui.ui.screens.transfer import ExportScreen

        self.push_screen(ExportScreen(self.blog))

    async def jump_to_comment(self, choice: InboxChoice | None) -> None:
        """Open the chosen comment's post and put the thread's cursor on it."""
        if choice is not None and self.main_screen is not None:
            await self.main_screen.open_comment(choice.post_id, choice.comment_id)

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
    only_initial: bool = False,
) -> ReelApp:
    """The app on an open blog; shared by the CLI and the tests.

    Without `settings`, the user's config file is read (problems are shown in the app).
    With `only_initial`, the app is `initial_screen` alone and ends when it closes.
    """
    problems: list[str] = []
    if settings is None:
        settings, problems = load_settings()
    return ReelApp(blog, settings, initial_screen, problems, only_initial=only_initial)
