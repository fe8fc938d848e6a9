"""The reeltui Textual app (thin: screens and widgets do the work)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen
from textual.signal import Signal

from reeltui.config import Settings, load_settings
from reeltui.domain.identity import Identity
from reeltui.domain.memory import pause_gc
from reeltui.domain.readers import OwnPeople
from reeltui.services import Blog, identity
from reeltui.services.events import Change
from reeltui.ui import preferences, styles
from reeltui.ui.announcing import Announcements
from reeltui.ui.app_actions import AppActions
from reeltui.ui.changes import StoreChanged
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.stylecache import keep_styles
from reeltui.ui.typeahead import TypeAhead
from reeltui.ui.zoom import toggle_zoom

if TYPE_CHECKING:  # the other screens are imported when first opened: a faster first paint
    from reeltui.ui.keys import Scope
    from reeltui.ui.saving import SaveQueue


def store_label(path: Path, read_only: bool) -> str:
    home = Path.home()
    shown = f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
    # The marker first: a long path is cut at the right edge of the header, never the marker.
    return ("[read-only] " if read_only else "") + f"store {shown}"


def _reel_commands() -> type[Provider]:
    from reeltui.ui.commands import ReelCommands  # when the palette first opens

    return ReelCommands


def _desk_commands() -> type[Provider]:
    from reeltui.ui.desk_commands import DeskCommands  # when the palette first opens

    return DeskCommands


class ReelApp(AppActions, App[None]):
    CSS_PATH = None  # app.tcss, in two parts (ui/styles.py)
    TITLE = "reeltui"
    COMMANDS: ClassVar = App.COMMANDS | {_reel_commands, _desk_commands}
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
        self._started: Callable[[], None] = lambda: None  # the start's pause (`on_load`)
        super().__init__()
        self.stylesheet = keep_styles(self.stylesheet)  # parsed once, kept between starts
        self.kept_styles = self.stylesheet.kept
        first, self._later_css = styles.parts()
        styles.add_first(self, first)
        self.blog = blog
        self.settings = settings
        self.initial_screen = initial_screen
        self.only_initial = only_initial  # `reeltui new/edit`: back to the shell when it closes
        self.store_changed: Signal[Change] = Signal(self, "store-changed")  # see ui/changes.py
        self.problems = list(problems or [])
        self.mouse_enabled = settings.mouse
        self.main_screen: MainScreen | None = None
        self._saves: SaveQueue | None = None  # (`saves`: made when first used)
        self.typeahead = TypeAhead(self, super().on_event)  # keys go where focus will be
        self.survive_bugs: bool | None = None  # None: a bug in a task ends a headless run only
        self.bug_line = ""
        self.sub_title = store_label(blog.path, blog.read_only)
        blog.signers = self.own_signers  # counts leave out the writer's comments (readers.py)

    @property
    def saves(self) -> SaveQueue:
        """Replies and moderation are written in the background (ui/saving.py): the queue
        and its module are made when first used, not for the first frame."""
        if self._saves is None:
            from reeltui.ui.saving import SaveQueue

            self._saves = SaveQueue(self)
        return self._saves

    def action_command_palette(self) -> None:
        """Ctrl+P: the palette with its own keys in its footer (ui/palette.py)."""
        from reeltui.ui.palette import ReelPalette  # when the palette first opens

        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(ReelPalette(id="--command-palette"))

    def on_load(self) -> None:
        # No collector pass from the app's start until its first paint (then what was made
        # is frozen): the start makes hundreds of thousands of objects that live for the
        # session, and the passes over them took a fifth of the time to the first frame.
        # (Begun here, when the app runs, not when it is made: an app made and never run
        # must not leave the collector off.)
        self._started = pause_gc()

    def get_default_screen(self) -> Screen[Any]:
        """The main screen is the app's first screen (Textual's blank default screen, then
        the main one pushed over it, laid the screen out and styled it twice before the
        first frame). Theme and announcements come first: the screen is mounted here."""
        if self.main_screen is not None:
            return self.main_screen
        preferences.apply_theme(self)
        self.announcements = Announcements(self, self.blog)  # a read-only app watches the disk
        if self.initial_screen is not None and self._later_css:  # another screen opens first:
            css, self._later_css = self._later_css, ""  # all of app.tcss before any screen
            styles.add_later(self, css)
        if self.only_initial and self.initial_screen is not None:
            return super().get_default_screen()
        # (its hidden parts after its first frame, unless another screen opens first or a
        # [keymap] is checked against its widgets: ui/screens/main_late.py)
        late = self.initial_screen is None and not self.settings.keymap
        self.main_screen = MainScreen(self.blog, self.settings.sort, late=late)
        self.typeahead.hold_while(self.main_screen.opening)
        return self.main_screen

    async def on_mount(self) -> None:
        # The keymap check walks every UI module (binding_classes imports them): only when
        # the user has a [keymap] to check (a first paint without it costs no screen unused).
        scopes: list[Scope] = []
        if self.settings.keymap:
            from reeltui.ui.keys import binding_classes, class_scopes, live_scopes

            scopes = class_scopes(binding_classes(), ReelApp)
        if self.only_initial and self.initial_screen is not None:
            self.push_screen(self.initial_screen(), lambda _: self.exit())
        elif self.main_screen is not None:
            if self.settings.keymap:
                scopes += live_scopes(self.main_screen)
            if self.initial_screen is not None:
                self.push_screen(self.initial_screen())
        if self.settings.keymap:
            self._apply_keymap(scopes)
        if not self.mouse_enabled:
            preferences.driver_mouse(self, False)
        for problem in self.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)
        self.call_after_refresh(self._painted)

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        """Textual's hook when a screen is pushed or switched to: the first screen other than
        the main one brings in the rest of app.tcss (ui/styles.py)."""
        if self._later_css and screen is not self.main_screen:
            css, self._later_css = self._later_css, ""
            styles.add_later(self, css)
        super()._load_screen_css(screen)

    def _painted(self) -> None:
        """After the first frame: what the start made stays for the session (frozen: the
        collector's passes leave it alone), and the collector runs again."""
        gc.freeze()
        self._started()

    def _apply_keymap(self, scopes: list[Scope]) -> None:
        """The config's [keymap], entry by entry: the bad ones are said and left out."""
        path = self.settings.path
        where = str(path) if path is not None else "[keymap]"
        from reeltui.ui.keys import check_keymap, keymap_lines

        check = check_keymap(self.settings.keymap, scopes, keymap_lines(path), where)
        self.problems += check.problems
        self.update_keymap(check.applied)

    def on_unmount(self) -> None:
        self._started()  # (never painted: a headless run that ended at once)
        self.announcements.close()
        if self._saves is not None:  # wait for writes still in flight: nothing typed is lost
            self._saves.close()
        self.kept_styles.save()  # (when this session parsed any: ui/stylecache.py)

    # -- the last resort (see ui/bugs.py) -----------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        survive = self.survive_bugs if self.survive_bugs is not None else not self.is_headless
        from reeltui.ui import bugs  # (the last resort: imported when first needed)

        if not bugs.handle(self, error, survive):
            super()._handle_exception(error)

    def _fatal_error(self) -> None:
        self.bell()
        from reeltui.ui import bugs

        self._exit_renderables.append(bugs.exit_line(self))
        self._close_messages_no_wait()

    # -- changes to the store (ui/announcing.py) ------------------------------------------

    def on_store_changed(self, message: StoreChanged) -> None:
        for change in self.announcements.take():  # (a view hears them in one list)
            self.store_changed.publish(change)

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
        """Change settings and save them in the background (ui/preferences.py)."""
        preferences.remember(self, **changes)

    def action_next_theme(self) -> None:
        preferences.next_theme(self)

    # -- mouse ---------------------------------------------------------------------------

    def action_toggle_mouse(self) -> None:
        preferences.toggle_mouse(self)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.MouseEvent) and not self.mouse_enabled:
            return
        if await self.typeahead.hold(event):
            return
        await super().on_event(event)

    # -- app-wide actions (what they open: ui/app_actions.py, ui/opening.py) -------------

    async def action_quit(self) -> None:
        """Ctrl+Q (q where no field takes it, the palette's Quit): a screen may ask first
        (`hold_quit`: the editor with unsaved changes), then quits itself."""
        for screen in reversed(self.screen_stack):
            hold = getattr(screen, "hold_quit", None)
            if callable(hold) and hold():
                return
        self.exit()

    def action_zoom(self) -> None:
        """Fill the screen with the focused pane (Textual's maximize), or put it back."""
        if not toggle_zoom(self.screen):
            self.notify("nothing to zoom here", timeout=2)

    def key_of(self, binding_id: str) -> str:
        """The key of a binding as the keymap has it ("" when none), as help shows it."""
        from reeltui.ui.keys import key_of

        return key_of(self._keymap, binding_id)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands, less those reeltui has with its keys (keys, zoom)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Maximize", "Minimize"):
                yield command


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
