"""The main screen's comment side: reply and moderation keys of the thread pane, jumping
to a comment, and refreshing after changes made elsewhere (inbox, outbox)."""

from __future__ import annotations

from reeltui.services import Blog, replies
from reeltui.ui.replying import ReplyActions
from reeltui.ui.widgets.thread import Thread

LONG = 200  # comments of a thread from which a new reply is added alone


class CommentsMixin:
    """Mixed into MainScreen (which provides blog, current_post, query_one, load_rows...)."""

    blog: Blog
    current_post: str | None

    def setup_comment_actions(self) -> None:
        thread = self.query_one(Thread)  # type: ignore[attr-defined]
        thread.reply_actions = ReplyActions(
            self,  # type: ignore[arg-type]
            self.blog,
            self.comments_changed,
        )

    def comments_changed(self, comment_id: str | None) -> None:
        """After a reply, edit, delete or moderation: redraw the thread, keep the cursor.
        A comment changed in place (moderated, edited) is redrawn alone: rebuilding a thread
        of thousands of comments would freeze the screen."""
        if not self._redraw_in_place(comment_id):
            if self._one_new(comment_id):
                work = self.insert_comment(comment_id)  # type: ignore[arg-type]
            else:
                work = self.reload_thread(comment_id)
            self.app.run_worker(work, exclusive=True, group="thread")  # type: ignore[attr-defined]
        self.load_rows(self.current_post)  # type: ignore[attr-defined]

    def _one_new(self, comment_id: str | None) -> bool:
        """One new comment in a long thread (a reply sent): added alone."""
        thread = self.query_one(Thread)  # type: ignore[attr-defined]
        if comment_id is None or self.current_post is None or len(thread.views) < LONG:
            return False
        if any(v.comment.id == comment_id for v in thread.views):
            return False
        return len(self.blog.comments(self.current_post)) == len(thread.views) + 1

    async def insert_comment(self, comment_id: str) -> None:
        if self.current_post is None:
            return
        post = self.blog.post(self.current_post)
        order = self.blog.thread(post.id)
        index = next((i for i, (c, _) in enumerate(order) if c.id == comment_id), None)
        if index is None:
            await self.reload_thread(comment_id)
            return
        comment, depth = order[index]
        thread = self.query_one(Thread)  # type: ignore[attr-defined]
        await thread.insert(comment, depth, index, post.author)
        drafts = replies.draft_parents(self.blog, post.id)
        for view in thread.views:  # its parent's "reply draft" badge may be gone now
            if view.comment.id == comment.parent_id and view.has_draft != (
                view.comment.id in drafts
            ):
                view.has_draft = view.comment.id in drafts
                view.update(view.build())
        thread.select(comment_id)

    def _redraw_in_place(self, comment_id: str | None) -> bool:
        thread = self.query_one(Thread)  # type: ignore[attr-defined]
        if comment_id is None or self.current_post is None:
            return False
        shown = [v for v in thread.views if v.comment.id == comment_id]
        if not shown or len(thread.views) != len(self.blog.comments(self.current_post)):
            return False  # a comment came or went: the tree is drawn again
        try:
            comment = self.blog.comment(comment_id)
        except Exception:  # gone meanwhile (the store's NotFound): draw it all again
            return False
        if comment.post_id != self.current_post:
            return False
        shown[0].comment = comment
        shown[0].update(shown[0].build())
        return True

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

    # -- writing: the editor on the open post, or a new post from a template --------------

    def action_edit_post(self) -> None:
        from reeltui.ui.screens.editor import EditorScreen

        if self.current_post is None:
            self.notify("open a post first (enter on the list)")  # type: ignore[attr-defined]
            return
        post_id = self.current_post
        self.app.push_screen(  # type: ignore[attr-defined]
            EditorScreen(self.blog, post_id), lambda _: self.after_editing(post_id)
        )

    def action_new_post(self) -> None:
        from reeltui.services.templates import TEMPLATES
        from reeltui.ui.screens.dialogs import PickScreen

        choices = [(name, f"{name}: {t.label}") for name, t in TEMPLATES.items()]
        self.app.push_screen(  # type: ignore[attr-defined]
            PickScreen("New post from a template", choices), self.new_from_template
        )

    def new_from_template(self, template: str | None) -> None:
        from reeltui.ui.screens.editor import EditorScreen

        if template:
            self.app.push_screen(  # type: ignore[attr-defined]
                EditorScreen(self.blog, template=template), lambda _: self.after_editing(None)
            )

    def after_editing(self, post_id: str | None) -> None:
        """Back from the editor: show what was saved."""
        self.load_rows(post_id or self.current_post)  # type: ignore[attr-defined]
        if post_id is not None and self.current_post == post_id:
            self.app.run_worker(  # type: ignore[attr-defined]
                self.open_post(post_id, record=False),  # type: ignore[attr-defined]
                exclusive=True,
                group="thread",
            )

    def refresh_data(self) -> None:
        """Re-read counts, rows and the open thread (after the outbox or inbox changed them)."""
        current = self.query_one(Thread).highlighted_comment_id()  # type: ignore[attr-defined]
        self.comments_changed(current)
