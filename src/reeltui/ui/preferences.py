"""The user's settings as the app changes them: each change is remembered in the config
file by a background worker (a failed save is said, the app goes on); the theme (ctrl+t, the
palette's theme chooser) and the mouse (on/off) are such settings."""

from __future__ import annotations

import contextlib
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App, InvalidThemeError

from reeltui.config import ConfigError, save_settings
from reeltui.errors import ReelError

if TYPE_CHECKING:
    from reeltui.ui.app import ReelApp


SIGNERS = ("identity", "authors")  # the settings that say who signs as the blog


def remember(app: ReelApp, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(app.settings, name, value)
    recount = any(name in SIGNERS for name in changes)
    app.run_worker(partial(_save, app, recount), thread=True, exclusive=True, group="settings")


def _save(app: ReelApp, recount: bool = False) -> None:
    if recount:  # (the writer said their name: the first reply signed, say)
        _count_readers(app)
    try:
        save_settings(app.settings)
    except ConfigError as exc:
        app.call_from_thread(app.notify, str(exc), severity="error")


def _count_readers(app: ReelApp) -> None:
    """The posts' readers' comments counted for the new set of people signing as the blog,
    here in the background: the next redraw did it on the UI thread (every post's author
    walked: 20-45 ms at 50,000 posts, in the frame of the first reply signed)."""
    with contextlib.suppress(ReelError):  # (an unreadable index: said where it is read)
        app.blog.counted_with()


def apply_theme(app: ReelApp) -> None:
    """The config's theme (an unknown name is a problem said at start), then remember the
    theme the user picks."""
    try:
        app.theme = app.settings.theme
    except InvalidThemeError:  # unknown theme name in the config: keep the default
        app.problems.append(f"unknown theme {app.settings.theme!r}; using the default")
    app.theme_changed_signal.subscribe(app, partial(_theme_changed, app))


def _theme_changed(app: ReelApp, theme: Any) -> None:
    if getattr(theme, "name", None) and theme.name != app.settings.theme:
        remember(app, theme=theme.name)


def next_theme(app: ReelApp) -> None:
    names = sorted(app.available_themes)
    app.theme = names[(names.index(app.theme) + 1) % len(names)] if app.theme in names else names[0]
    app.notify(f"theme: {app.theme}", timeout=2)


def toggle_mouse(app: ReelApp) -> None:
    app.mouse_enabled = not app.mouse_enabled
    driver_mouse(app, app.mouse_enabled)
    remember(app, mouse=app.mouse_enabled)
    app.notify("mouse on" if app.mouse_enabled else "mouse off: the terminal selects text")


def driver_mouse(app: App[Any], enabled: bool) -> None:
    """Turn the terminal's mouse reporting on or off (off: the terminal selects text)."""
    driver: Any = app._driver
    method = "_enable_mouse_support" if enabled else "_disable_mouse_support"
    if driver is not None and hasattr(driver, method):
        with contextlib.suppress(Exception):
            getattr(driver, method)()
