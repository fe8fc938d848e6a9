"""The wiring the thread pane will use (replying.BINDINGS + CommentKeysMixin), on a minimal
stand-in thread: an OptionList of one post's comments in thread order, with badges."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reeltui.services import Blog, outbox, replies
from reeltui.ui import replying
from reeltui.ui.app import make_app
from reeltui.ui.screens.composer import ComposerScreen
from reeltui.ui.widgets.confirm import ConfirmScreen
from reeltui.ui.widgets.reply_badges import draft_badge, one_line, status_badge, sync_badge
from tests.ui.helpers import settle

HER = "p-flixchatter-review-spike-jonzes-her"


class StandInThread(replying.CommentKeysMixin, OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*replying.BINDINGS]

    def __init__(self, blog: Blog) -> None:
        super().__init__()
        self.blog = blog

    def on_mount(self) -> None:
        self.reply_actions = replying.ReplyActions(self, self.blog, self.reload)
        self.reload(None)

    def reload(self, select: str | None) -> None:
        with_draft = replies.draft_parents(self.blog, HER)
        self.clear_options()
        for comment, depth in self.blog.thread(HER):
            line = Text("  " * (depth - 1)) + one_line(comment.author) + Text(" ")
            for badge in (sync_badge(comment), status_badge(comment)):
                line += badge
            line += draft_badge(comment.id in with_draft)
            self.add_option(Option(line, id=comment.id))
        if select is not None:
            self.highlighted = self.get_option_index(select)

    def highlighted_comment_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id


def thread_text(thread: StandInThread) -> str:
    return "\n".join(str(thread.get_option_at_index(i).prompt) for i in range(thread.option_count))


async def test_thread_keys_reply_draft_badge_delete_and_moderate(blog: Blog) -> None:
    app = make_app(blog)
    async with app.run_test(size=(100, 30)) as pilot:
        thread = StandInThread(blog)
        await app.screen.mount(thread)
        thread.focus()
        thread.highlighted = thread.get_option_index("c-her-6")
        await pilot.press("r", *"Later", "escape")
        await settle(pilot)  # a save closes the composer once on disk
        assert "✎ reply draft" in thread_text(thread) and "✎ draft" in thread_text(thread)
        thread.highlighted = thread.get_option_index("c-her-4")
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)  # a save closes the composer once on disk
        assert "⧗ not yet sent" in thread_text(thread)
        mine = thread.highlighted_comment_id()  # the cursor moved to the new reply
        assert mine is not None and blog.comment(mine).parent_id == "c-her-4"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert mine not in {c.id for c in blog.all_comments()}
        thread.highlighted = thread.get_option_index("c-her-1")
        await pilot.press("s")
        await pilot.pause()
        assert blog.comment("c-her-1").status == "spam" and "spam" in thread_text(thread)
        await pilot.press("R")
        await pilot.pause()
        assert blog.comment("c-her-1").status == "approved"
        assert outbox.entries(blog) == []  # spam then restore before a sync: nothing to send
