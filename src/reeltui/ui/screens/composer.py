"""The reply composer: a modal multi-line editor under the comment being answered.

Ctrl+S sends the reply to the outbox (stored at once as queued); Esc keeps the text as a draft
attached to that comment (or, for a reply already in the outbox, keeps the edited text there).
Dismisses with a ComposerResult (or None when the composer was left with nothing to keep).

It says who signs ("replying as Ruth"). When the writer never said who they are (no
[identity] in the settings), it asks once, in a field filled with the site user sync found or
the blog's main author; what is signed there is remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.await_remove import AwaitRemove
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from reeltui.domain.identity import Identity
from reeltui.domain.models import Comment
from reeltui.domain.sanitize import sanitize, sanitize_line
from reeltui.services import Blog, replies
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.confirm import ConfirmScreen
from reeltui.ui.widgets.comment_text import byline, comment_text
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.inputs import FieldInput


@dataclass(frozen=True, slots=True)
class ComposerResult:
    """What happened: "sent" (queued in the outbox), "draft" (kept) or "saved" (edited text)."""

    action: str
    comment_id: str
    post_id: str
    parent_id: str | None


class ComposerScreen(ModalScreen[ComposerResult | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send to outbox", id="composer.send", priority=True),
        Binding("escape", "keep", "Keep as draft", id="composer.keep", priority=True),
        Binding("ctrl+g", "discard", "Discard changes", id="composer.discard", priority=True),
    ]

    def __init__(self, blog: Blog, reply: Comment, parent: Comment | None, post_title: str) -> None:
        super().__init__()
        self.blog = blog
        self.reply = reply
        self.answering = parent
        self.post_title = post_title
        self.original = sanitize(reply.body)
        self.kept = replies.is_stored(blog, reply.id)
        self.saving = False  # a save is being written: keys that save or leave wait
        self.signer = Identity()  # who signs (set on mount, from the app's settings)
        self.ask_name = False  # the writer never said who they are: ask, once
        if self.editing_queued:  # Esc keeps it in the outbox, its text saved: not a draft
            self._describe("keep", "Save, keep in outbox")  # and Ctrl+S saves (no "send")
            self._describe("send", "Save" if reply.sync_state == "queued" else "Queue again")

    def _describe(self, action: str, description: str) -> None:
        """Say in this composer's footer (and its keys' help) what `action` does here."""
        for key, found in (keys := self._bindings.key_to_bindings).items():
            keys[key] = [
                replace(b, description=description) if b.action == action else b for b in found
            ]

    # -- building ------------------------------------------------------------------------

    @classmethod
    def for_reply(cls, blog: Blog, parent_id: str, *, quote: bool = False) -> ComposerScreen:
        """Answer `parent_id` (reopens its kept draft; `quote` pre-fills a new reply)."""
        reply = replies.start(blog, parent_id, quote_parent=quote)
        return cls(blog, reply, blog.comment(parent_id), blog.post(reply.post_id).title)

    @classmethod
    def for_edit(cls, blog: Blog, comment_id: str) -> ComposerScreen:
        """Edit an own reply not yet sent (raises ReplyError for anything else)."""
        reply = blog.comment(comment_id)
        if not replies.can_edit(reply):
            raise replies.ReplyError(
                "only your own replies not yet sent can be edited"
                if reply.origin == "local"
                else "only your own local replies can be edited; this comment is a reader's"
            )
        parent = blog.comment(reply.parent_id) if reply.parent_id else None
        return cls(blog, reply, parent, blog.post(reply.post_id).title)

    @property
    def editing_queued(self) -> bool:
        return self.reply.sync_state in ("queued", "failed")

    def compose(self) -> ComposeResult:
        with Vertical(id="composer"):
            yield Static(self._title(), id="composer-title")
            if self.answering is not None:
                with VerticalScroll(id="composer-parent"):
                    yield Static(self._parent_text())
            with Horizontal(id="composer-sign"):
                yield Static(id="composer-as")
                yield FieldInput(placeholder="your name", id="composer-name")
            yield TextArea(
                self.original, id="composer-text", soft_wrap=True, show_line_numbers=False
            )
            yield Static(self._status(), id="composer-status")
        yield ReelFooter()

    def _title(self) -> Text:
        verb = "Edit your reply" if self.editing_queued else "Reply"
        to = sanitize_line(self.answering.author) if self.answering else "the post"
        title = Text(f"{verb} to {to}", style="bold")
        title.append(f" on {sanitize_line(self.post_title)}", style="dim")
        return title

    def _parent_text(self) -> Text:
        assert self.answering is not None
        head = Text(f"{byline(self.answering)}\n", "italic")
        return head + comment_text(self.answering.body)

    def _status(self) -> Text:
        if self.reply.sync_state == "failed":
            error = sanitize_line(self.reply.sync_error)
            return Text(f"Failed to send: {error} — Ctrl+S queues it again", "red")
        if self.editing_queued:
            return Text("In the outbox, not yet sent. Ctrl+S or Esc saves your changes.")
        if self.kept:
            return Text("A kept draft. Ctrl+S sends it to the outbox; Esc keeps it.")
        return Text("Ctrl+S sends to the outbox; Esc keeps it as a draft on this comment.")

    def remove(self) -> AwaitRemove:
        """Closed (Textual removes a screen it pops): the screen beneath, shown again, has
        repainted itself whole already; removed as a child of the app, this screen asked
        it for another layout and another whole repaint, often in the frame that draws
        the reply just sent (App._prune's refresh of the parent)."""
        return self.app._prune(self, parent=None)

    def on_mount(self) -> None:
        settings = getattr(self.app, "settings", None)
        self.signer = getattr(self.app, "signer", Identity())
        self.ask_name = settings is not None and settings.identity is None and self._signs()
        name = self.query_one("#composer-name", Input)
        name.display = self.ask_name
        name.value = self.signer.name
        self.query_one("#composer-sign").set_class(not self.ask_name, "-said")
        self._show_signer()
        area = self.query_one("#composer-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    # -- who signs -----------------------------------------------------------------------

    def _signs(self) -> bool:
        """A new reply or a kept draft is signed now; one in the outbox keeps its name."""
        return self.reply.sync_state in (None, "local")

    def _show_signer(self) -> None:
        label = self.query_one("#composer-as", Static)
        if self.ask_name:
            label.update(Text("Sign as (asked once, kept in your settings):", "bold"))
        else:
            name = sanitize_line(self.reply.author if not self._signs() else self.signer.name)
            label.update(Text(f"replying as {name}" if name else "replying unsigned", "dim"))

    def _sign(self) -> None:
        """Put the writer's name on the reply; the first time, remember the name given."""
        if not self._signs():
            return
        signer = self.signer
        if self.ask_name:
            typed = " ".join(self.query_one("#composer-name", Input).value.split())
            if typed and typed != signer.name:
                signer = Identity(typed, "")
            remember = getattr(self.app, "remember", None)
            if typed and remember is not None:
                remember(identity=signer)
        if signer.known:
            self.reply.author, self.reply.email = signer.name, signer.email

    # -- actions -------------------------------------------------------------------------

    quitting = False  # Ctrl+Q: the words are being kept before the app ends

    @property
    def text(self) -> str:
        return self.query_one("#composer-text", TextArea).text

    def _result(self, action: str) -> ComposerResult:
        return ComposerResult(action, self.reply.id, self.reply.post_id, self.reply.parent_id)

    @property
    def on_stack(self) -> bool:
        """Still open with its widgets (a save's callback may come once the app is ending)."""
        return self in self.app.screen_stack and bool(self.query("#composer-text"))

    def _finish(self, result: ComposerResult | None) -> None:
        if self.quitting:  # kept on the way out (hold_quit): the app ends, saying where
            kept = {"draft": "as a draft on its comment (r there opens it again)"}
            where = kept.get(result.action, "in the outbox") if result else ""
            said = f"reeltui: your reply was kept {where}" if where else None
            self.app.exit(message=Text(said) if said else None)
        elif self.on_stack:
            self.dismiss(result)

    def hold_quit(self) -> bool:
        """Ctrl+Q with words typed (`ReelApp.action_quit` asks each screen): they are kept
        as Esc keeps them, then the app quits (it quit and lost them)."""
        if self.saving or self.text == self.original:
            return False
        self.quitting = True
        self.action_keep()
        return True

    def _saving(self, on: bool) -> None:
        """While the files are written (in the background) the text is frozen, not lost."""
        self.saving = on
        if not self.on_stack:
            return
        # Read-only without the look of it: TextArea's own watcher restyles the box (a class,
        # its theme again) and paints every line of it, right after Ctrl+S (5-8 ms of a
        # step, and as much again for the styles), for a save that closes the composer.
        self.query_one("#composer-text", TextArea).set_reactive(TextArea.read_only, on)
        status = self.query_one("#composer-status", Static)  # (one line high: no layout)
        status.update(Text("Saving…") if on else self._status(), layout=False)

    def _save_failed(self, title: str, refused: str = "") -> Callable[[Exception], None]:
        """What a save that failed says: why, and that the words are still here. `refused`:
        what else the user can do when the services refused the change. The reply is put back
        as it was before the attempt (which marked it queued: the composer then said "In the
        outbox" of words never written)."""
        reply = self.reply
        was = (reply.sync_state, reply.origin, reply.date, reply.body)

        def failed(exc: Exception) -> None:
            reply.sync_state, reply.origin, reply.date, reply.body = was
            self._saving(False)
            self.quitting = False  # (not kept: the app stays, the words too)
            no = isinstance(exc, replies.ReplyError)  # refused (empty...), else not written
            said = f"{exc}{refused}" if no else f"{exc} (your text is still here)"
            self.app.notify(said, title=title, severity="error", markup=False)

        return failed

    def action_send(self) -> None:
        if self.saving:
            return
        self._sign()
        text = self.text
        save_queue(self.app).save(
            self.blog,
            lambda: replies.send(self.blog, self.reply, text),
            lambda _entry: self._finish(self._result("sent")),
            self._save_failed("Not sent"),
            words=text,
        )
        self._saving(True)

    def action_keep(self) -> None:
        if self.saving:
            return
        if self.text == self.original and self.text.strip() == "":
            self.dismiss(None)
            return
        self._sign()
        text = self.text
        save_queue(self.app).save(
            self.blog,
            lambda: replies.keep_draft(self.blog, self.reply, text),
            self._kept,
            self._save_failed("Not kept", " (Ctrl+G discards)"),
            words=text,
        )
        self._saving(True)

    def _kept(self, kept: Comment | None) -> None:
        if kept is None:
            if self.kept:
                self.app.notify("The reply was empty: its draft was removed.", markup=False)
            self._finish(None)
        else:
            self._finish(self._result("draft" if replies.is_draft(kept) else "saved"))

    def action_discard(self) -> None:
        if self.saving:
            return
        if self.text == self.original:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard what you typed in this reply?", yes="Discard"), answered
        )
