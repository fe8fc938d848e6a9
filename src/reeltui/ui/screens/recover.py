"""On start: offer back the drafts a crash left unsaved (the screen: recover_list.py, and the
editor it opens, imported only when a crash left some: a start without any imports neither)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reeltui.services import Blog
from reeltui.services.drafts import recoverable

if TYPE_CHECKING:
    from reeltui.ui.screens.recover_list import RecoverScreen


def recovery_screen(blog: Blog) -> Callable[[], RecoverScreen] | None:
    """A factory for `make_app(initial_screen=...)` when a crash left drafts, else None."""
    if blog.read_only:
        return None
    found = recoverable(blog)
    if not found:
        return None
    from reeltui.ui.screens.recover_list import RecoverScreen

    return lambda: RecoverScreen(blog, found)
