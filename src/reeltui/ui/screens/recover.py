"""On start: offer back the drafts a crash left unsaved."""

from __future__ import annotations

from typing import Any

from textual.app import App

from reeltui.services import Blog
from reeltui.services.drafts import recoverable
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.editor_modals import RecoverList


def offer_recovery(app: App[Any], blog: Blog) -> bool:
    """Push the list of unsaved working copies, if any; True when there were some."""
    if blog.read_only:
        return False
    open_in_editor = {type(s) for s in app.screen_stack} & {EditorScreen}
    found = recoverable(blog)
    if open_in_editor:  # the editor offers its own post's working copy itself
        editing = {s.session.post_id for s in app.screen_stack if isinstance(s, EditorScreen)}
        found = [r for r in found if r.post.id not in editing]
    if not found:
        return False

    def chosen(post_id: str | None) -> None:
        if post_id:
            app.push_screen(EditorScreen(blog, post_id, recover=True))

    app.push_screen(RecoverList(found), chosen)
    return True
