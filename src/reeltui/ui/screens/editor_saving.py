"""The editor's saves: what is saved (`clean`), autosaved and last shown, the working copy
kept when the app closes, autosave and Ctrl+S through the app's save queue (ui/saving.py: one
writer, in order; the keys typed after wait for it), and what the editor says after each."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from reeltui.domain.models import Post
from reeltui.domain.sanitize import sanitize_line
from reeltui.errors import ReelError
from reeltui.services.drafts import working_copies_file
from reeltui.services.postform import Form
from reeltui.services.revisions import Revision
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.editor_style import describe
from reeltui.ui.widgets.meta_form import field_names

if TYPE_CHECKING:
    from reeltui.ui.screens.editor_core import EditorCore

State = tuple[Form, str]


class EditorSaves:
    def __init__(
        self, editor: EditorCore, clean: State | None, autosaved: State | None, latest: State
    ) -> None:
        self.editor = editor
        self.clean = clean  # what is saved (None: never saved, leaving asks)
        self.autosaved = autosaved  # what the working copy holds
        self.latest = latest  # what the status line last showed
        self.last_save: tuple[dt.datetime, str] | None = None

    def keep_on_exit(self) -> None:
        """Closing the app (Ctrl+Q, a signal) while editing: keep the words as a working copy."""
        editor = self.editor
        session = editor.session
        if editor.discarded or session.read_only or self.latest in (self.autosaved, self.clean):
            return
        form, body = self.latest
        post, _ = session.build(form, body)
        try:
            session.autosave(post)
        except ReelError:  # the app is going away: nothing left to tell the user with
            return

    def autosave(self) -> None:
        editor = self.editor
        state = editor.state()
        if editor.session.read_only or state == self.autosaved or state == self.clean:
            return
        post, _ = editor.build()
        self._autosave_worker(post, state)

    def _autosave_worker(self, post: Post, state: State) -> None:
        """Write the working copy through the app's save queue (one writer, in order)."""
        editor = self.editor

        def failed(exc: Exception) -> None:  # StoreError (disk full...): say it, keep the text
            said = f"Autosave failed: {describe(exc)}"
            editor.app.notify(said, severity="error", timeout=8)

        save_queue(editor.app).save(
            editor.session.blog,
            lambda: editor.session.autosave(post),
            lambda _: self._autosave_done(state),
            failed,
            words=post.body,
            holds_keys=True,
        )

    def _autosave_done(self, state: State) -> None:
        if not self.editor.on_stack:  # the editor was closed while it was written
            return
        self.autosaved = state
        self.editor.mark_saved("autosaved")

    def save(self, close: bool, quit: bool = False) -> None:
        """Ctrl+S; `close`: then close the editor, `quit`: then quit the app (not when a
        field was left out of the save: the editor says which)."""
        editor = self.editor
        if editor.session.read_only:
            editor.notify("The store is open read-only: nothing was saved", severity="error")
            return
        post, errors = editor.build()
        editor.form.show_errors(errors)
        self._save_worker(post, editor.state(), errors, "quit" if quit else close)

    def keep_and_quit(self) -> None:
        """Quit the app once the words are on disk as the post's working copy (offered back
        when the app next starts or the post is opened), saying where they are; a failed
        write is said and the editor stays."""
        editor = self.editor
        state = editor.state()
        post, _ = editor.build()
        session = editor.session

        new = session.is_new  # never saved: no post to open, the next start offers it

        def kept(_: object) -> None:
            self.autosaved = state
            title = sanitize_line(post.title) or "untitled"
            where = working_copies_file(session.blog)
            when = (
                "when it next starts (the list of unsaved working copies; this new post was "
                "never saved)"
                if new
                else "when it next starts or the post is opened"
            )
            editor.app.exit(
                message=Text(
                    f"reeltui: your unsaved changes to “{title}” are kept as a working copy "
                    f"in {where}; reeltui offers them back {when}"
                )
            )

        save_queue(editor.app).save(
            session.blog,
            lambda: session.autosave(post),
            kept,
            lambda exc: self.failed(f"Your changes could not be kept: {describe(exc)}"),
            words=post.body,
            holds_keys=True,
        )

    def _save_worker(
        self, post: Post, state: State, errors: dict[str, str], close: bool | str
    ) -> None:
        """Save through the app's save queue; the keys typed after Ctrl+S wait for it (it
        may close the editor: they go to the screen behind it)."""
        session = self.editor.session
        save_queue(self.editor.app).save(
            session.blog,
            lambda: session.save(post),
            lambda rev: self._saved(state, rev, errors, close),
            lambda exc: self.failed(describe(exc)),
            words=post.body,
            holds_keys=True,
        )

    def failed(self, message: str) -> None:
        editor = self.editor
        said = f"{message}. Your text is still here."
        editor.app.notify(said, title="Not saved", severity="error")
        if editor.on_stack:
            editor.refresh_status()

    def _saved(
        self, state: State, rev: Revision | None, errors: dict[str, str], close: bool | str
    ) -> None:
        editor = self.editor
        what = "Published" if rev is not None and rev.reason == "publish" else "Saved"
        title = sanitize_line(editor.session.saved.title) or "untitled"
        if not editor.on_stack:  # closed while it was written (Ctrl+Q): it is on disk
            editor.app.notify(f"{what} “{title}”")
            return
        self.clean = None if errors else state
        self.autosaved = state
        editor.mark_saved("saved")
        if errors:
            fields = field_names(errors)
            editor.notify(f"{what}, except the marked fields ({fields})", severity="warning")
        else:
            editor.notify(f"{what} “{title}”")
        if close == "quit" and not errors:
            editor.app.exit(message=Text(f"reeltui: {what} “{title}”"))
        elif close and not errors:
            editor.dismiss()

    def discard(self, *, leaving: bool = False) -> None:
        """Through the save queue too: after an autosave asked for before (a timer's), which
        would otherwise write the working copy back once it was discarded."""
        editor = self.editor
        editor.discarded = leaving
        save_queue(editor.app).save(
            editor.session.blog,
            editor.session.discard_working_copy,
            lambda _: None,
            lambda exc: editor.app.notify(describe(exc), severity="error"),
            holds_keys=True,
        )
