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
            self,  # type: ignore[arg-type]
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
            author = self.app.signer.name  # type: ignore[attr-defined]
            self.app.push_screen(  # type: ignore[attr-defined]
                EditorScreen(self.blog, template=template, author=author),
                lambda _: self.after_editing(None),
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
