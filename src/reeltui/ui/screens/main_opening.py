"""A post opened on the main screen: its reader and thread shown, the list's cursor on it,
the post marked read (mixed into MainScreen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work

from reeltui.errors import ReelError
from reeltui.services import reads as read_service
from reeltui.services import replies
from reeltui.services.people import thread_counts
from reeltui.ui.widgets.reader import Reader
from reeltui.ui.widgets.thread import Thread

if TYPE_CHECKING:
    from reeltui.ui.screens.main import MainScreen


class PostOpening:
    """`open_post`, `open_comment`, `mark_read` of MainScreen."""

    @property
    def _main(self) -> MainScreen:
        return cast("MainScreen", self)

    async def open_post(self, post_id: str, record: bool = True) -> bool:
        """Show the post and its thread; a post whose file cannot be read is said in a
        message (False), the rest of the app goes on."""
        screen = self._main
        try:
            post = screen.blog.post(post_id)
            thread = screen.blog.thread(post_id)
        except ReelError as exc:
            from reeltui.services.unlisted import MEND  # (the command line's words)

            screen.notify(f"{exc}\n{MEND}", title="This post cannot be opened", severity="error")
            return False
        if screen.current_post is None:
            screen.refresh_bindings()  # `e Edit` shown from now on (check_action)
        screen.current_post = post_id
        if record:
            screen.history.visit(post_id)
        counts = thread_counts(screen.blog, thread)
        await screen.query_one(Reader).show(post, *counts)
        drafts = replies.draft_parents(screen.blog, post_id)
        await screen.query_one(Thread).show(thread, post.author, drafts)
        screen.query_one(Thread).set_counted(counts[0])
        screen.post_list.set_items(screen.post_list.items, post_id)
        screen.mark_read(post_id)
        return True

    async def open_comment(self, post_id: str, comment_id: str) -> None:
        """Open `post_id` and put the thread's cursor on `comment_id`."""
        screen = self._main
        if await screen.open_post(post_id):
            screen.query_one(Thread).select(comment_id)
            screen.action_pane("thread")

    @work(thread=True, group="reads")
    def mark_read(self, post_id: str, unread: bool = False) -> None:
        """Mark `post_id` read (or unread); the list shows it once the services say so."""
        screen = self._main
        try:
            if unread:
                read_service.mark_unread(screen.blog, post_id)
            else:
                read_service.mark_read(screen.blog, post_id, screen.reel_app.writer)
        except ReelError as exc:  # e.g. disk full: say so, keep browsing
            screen.app.call_from_thread(screen.notify, f"could not save the read mark: {exc}")
