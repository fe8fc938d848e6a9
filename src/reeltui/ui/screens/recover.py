"""On start: offer back the drafts a crash left unsaved."""

from __future__ import annotations

from collections.abc import Callable

from reeltui.services import Blog
from reeltui.services.drafts import Recovery, recoverable
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.editor_modals import RecoverList


class RecoverScreen(RecoverList):
    """The list of unsaved working copies; choosing one opens it in the editor."""

    def __init__(self, blog: Blog, found: list[Recovery]) -> None:
        super().__init__(found)
        self.blog = blog

    def dismiss_with(self, post_id: str) -> None:
        self.dismiss(post_id)
        if post_id:
            self.app.push_screen(EditorScreen(self.blog, post_id, recover=True))


def recovery_screen(blog: Blog) -> Callable[[], RecoverScreen] | None:
    """A factory for `make_app(initial_screen=...)` when a crash left drafts, else None."""
    if blog.read_only:
        return None
    found = recoverable(blog)
    if not found:
        return None
    return lambda: RecoverScreen(blog, found)
