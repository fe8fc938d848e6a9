"""The main screen's comment side: reply and moderation keys of the thread pane, jumping
to a comment, and refreshing after changes made elsewhere (inbox, outbox)."""

from __future__ import annotations

from reeltui.services import Blog, replies
from reeltui.ui.replying import ReplyActions
from reeltui.ui.widgets.thread import Thread


class CommentsMixin:
    """Mixed into MainScreen (which provides blog, current_post, query_one, load_rows...)."""

    blog: Blog
    current_post: str | None

    def setup_comment_actions(self) -> None:
        thread = self.query_one(Thread)  # type: ignore[attr-defined]
        thread.reply_actions = ReplyActions(
            self.app,  # type: ignore[attr-defined]
            self.blog,
            self.comments_changed,
        )

    def comments_changed(self, comment_id: str | None) -> None:
        """After a reply, edit, delete or moderation: redraw the thread, keep the cursor."""
        self.app.run_worker(  # type: ignore[attr-defined]
            self.reload_thread(comment_id), exclusive=True, group="thread"
        )
        self.load_rows(self.current_post)  # type: ignore[attr-defined]

    async def reload_thread(self, select: str | None = None) -> None:
        if self.current_post is None:
            return
        post = self.blog.post(self.current_post)
        drafts = replies.draft_parents(self.blog, post.id)
        await self.query_one(Thread).show(  # type: ignore[attr-defined]
            self.blog.thread(post.id), post.author, drafts, select=select
        )

    async def open_comment(self, post_id: str, comment_id: str) -> None:
        """Open `post_id` and put the thread's cursor on `comment_id`."""
        await self.open_post(post_id)  # type: ignore[attr-defined]
        self.query_one(Thread).select(comment_id)  # type: ignore[attr-defined]
        self.action_pane("thread")  # type: ignore[attr-defined]

    def refresh_data(self) -> None:
        """Re-read counts, rows and the open thread (after the outbox or inbox changed them)."""
        current = self.query_one(Thread).highlighted_comment_id()  # type: ignore[attr-defined]
        self.comments_changed(current)
