"""The editor: metadata form, Markdown body, live preview, autosave, revisions, $EDITOR, copy."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding
from textual.widgets import TextArea
from textual.worker import Worker

from reeltui.domain.models import Post
from reeltui.domain.sanitize import sanitize_line
from reeltui.services.exporting import as_html, as_markdown, post_link
from reeltui.services.revisions import Revision
from reeltui.services.sync import state as syncstate
from reeltui.ui.clipboard import copy_text
from reeltui.ui.external import edit_externally
from reeltui.ui.navigation import site_base
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.editor_core import EditorCore
from reeltui.ui.screens.editor_modals import (
    CopyMenu,
    RevisionsScreen,
    confirm_leave,
    confirm_quit,
)
from reeltui.ui.screens.editor_style import describe
from reeltui.ui.spelling import EditorSpelling
from reeltui.ui.spelling import wanted as spelling_wanted
from reeltui.ui.widgets.inputs import focus_now

__all__ = ["EditorScreen"]


class EditorScreen(EditorCore):
    """The editor screen: `EditorScreen(blog, post_id)` or `EditorScreen(blog, template=...)`."""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", priority=True, id="editor.save"),
        Binding("ctrl+e", "external_editor", "$EDITOR", priority=True, id="editor.external"),
        Binding("f2", "focus_pane('meta')", "Details", id="editor.details"),
        Binding("f3", "focus_pane('body')", "Body", id="editor.body"),
        Binding("f4", "toggle_preview", "Preview", id="editor.preview"),
        Binding("f5", "revisions", "Revisions", id="editor.revisions"),
        Binding("f7", "spelling", "Spelling", show=False, priority=True, id="editor.spelling"),
        Binding("f8", "copy", "Copy", id="editor.copy"),
        Binding("escape", "close", "Close", id="editor.close"),
    ]

    quit_asked = False  # Ctrl+Q's question is on screen

    def on_mount(self) -> None:  # EditorCore.on_mount runs too (Textual calls both)
        settings = getattr(self.app, "settings", None)
        self.spelling = EditorSpelling(
            self,
            enabled=spelling_wanted(settings),
            language=getattr(settings, "spelling_language", "en"),
        )
        self.spelling.start()

    @on(TextArea.Changed, "#body")
    def _check_spelling(self) -> None:
        self.spelling.changed()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.spelling.worker_changed(event)

    def action_spelling(self) -> None:
        self.spelling.suggest()

    # -- actions -------------------------------------------------------------------------

    def action_focus_pane(self, pane: str) -> None:
        self.show_pane(pane)  # shown first: a folded-away form takes no focus
        focus_now(self.body if pane == "body" else self.query_one("#field-title"))

    def action_toggle_preview(self) -> None:
        self.toggle_class("-preview")
        if self.has_class("-preview"):
            self.update_preview()

    def action_close(self) -> None:
        if not self.dirty:
            self.dismiss()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save(close=True)
            elif answer == "discard":
                if not self.session.read_only:
                    self.discard_working_copy(leaving=True)
                self.dismiss()

        self.app.push_screen(confirm_leave(), answered)

    def hold_quit(self) -> bool:
        """Ctrl+Q with unsaved changes (the app asks each screen: `ReelApp.action_quit`):
        ask to save, keep them as a working copy, or stay; True while that is settled.
        Ctrl+Q again while asked: kept, then quit."""
        if not self.dirty:
            return False
        if self.quit_asked:
            self._quit("keep")
            return True
        self.quit_asked = True
        self.app.push_screen(confirm_quit(self.session.read_only), self._quit)
        return True

    def _quit(self, answer: str | None) -> None:
        self.quit_asked = False
        if answer == "save":
            self.saves.save(close=False, quit=True)
        elif answer == "keep" and not self.session.read_only:
            self.saves.keep_and_quit()
        elif answer in ("keep", "lose"):
            self.app.exit()

    def action_external_editor(self) -> None:
        result = edit_externally(self.app, self.body.text, self.session.saved.slug or "post")
        if result.text is not None:
            self.body.replace(result.text, (0, 0), self.body.document.end)
            self.autosave()
        self.notify(result.message, severity=result.severity)  # type: ignore[arg-type]

    def action_revisions(self) -> None:
        self.autosave()
        self.app.push_screen(RevisionsScreen(self.session.history(), self.body.text), self._restore)

    def _restore(self, revision: Revision | None) -> None:
        if revision is None:
            return
        save_queue(self.app).save(  # through the app's one writer, like every save
            self.session.blog,
            lambda: self.session.restore(revision),
            lambda post: self._restored(post, revision),
            lambda exc: self._save_failed(describe(exc)),
            holds_keys=True,
        )

    def _restored(self, post: Post, revision: Revision) -> None:
        if not self.on_stack:
            return
        self.load(post, clean=True)
        self.mark_saved("saved")
        self.notify(f"Restored the {revision.reason} of {revision.at} as a new revision")

    def action_copy(self) -> None:
        def chosen(kind: str | None) -> None:
            if not kind:
                return
            post, _ = self.build()
            if kind == "markdown":
                text, label = as_markdown(post), "the post as Markdown"
            elif kind == "html":
                text, label = as_html(post), "the post as HTML"
            else:
                self._copy_link(post)
                return
            self.notify(copy_text(self.app, text, label))

        self.app.push_screen(CopyMenu(), chosen)

    def _copy_link(self, post: Post) -> None:
        """The post's address; a draft's is the one it will have once published (WordPress
        makes it from the slug). Without the blog's address there is none to give."""
        blog = self.session.blog
        link = post_link(post, self.base_url or site_base(blog.posts(), syncstate.load(blog).site))
        if not link.startswith(("http://", "https://")):
            self.notify(
                "No link to copy: the blog's address is not known yet (sync with the site, or "
                f"import its WXR export); this post's slug is “{sanitize_line(post.slug)}”.",
                title="Copy",
                severity="warning",
                markup=False,
            )
            return
        published = post.status == "published"
        label = "its link" if published else "the link it will have once published"
        self.notify(copy_text(self.app, link, label), markup=False)
