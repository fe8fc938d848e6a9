"""The screen offering back the drafts a crash left unsaved (imported only when there are)."""

from __future__ import annotations

from reeltui.services import Blog
from reeltui.services.drafts import Recovery
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
