"""Reading the post list like a feed reader: the next unread post, the next post with new
comments, mark all read. Part of the main screen's `Listing` (main_list.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reeltui.domain.plural import count as plural_count
from reeltui.errors import ReelError
from reeltui.services import reads as read_service

if TYPE_CHECKING:
    from reeltui.services import Blog
    from reeltui.ui.screens.main import MainScreen


class FeedReading:
    screen: MainScreen
    blog: Blog

    def next_post(self, which: str) -> str | None:
        """The next unread post (`which` "unread") or the next with new comments
        ("comments") after the cursor; None (and said so) when there is none."""
        post_list = self.screen.post_list
        if which == "unread":
            found = post_list.next_after_cursor(lambda item: item.mark.unread)
        else:
            found = post_list.next_after_cursor(lambda item: item.mark.new_comments > 0)
        if found is None:
            what = "unread posts" if which == "unread" else "posts with new comments"
            self.screen.notify(f"no {what} in the list", timeout=3)
        return found

    def mark_all_read(self) -> None:
        """Mark every post of the list read (after a confirmation)."""
        items = self.screen.post_list.items
        shown = [item.row.post.id for item in items]
        unread = sum(1 for item in items if item.mark.unread)

        def answered(yes: bool | None) -> None:
            if yes:
                self.screen.run_worker(lambda: self._mark_all(shown), thread=True, group="reads")

        question = (
            f"Mark the {plural_count(len(shown), 'post')} of the list read ({unread} unread now)?"
        )
        from reeltui.ui.screens.confirm import ConfirmScreen  # (when first asked)

        self.screen.app.push_screen(ConfirmScreen(question, yes="Mark read", no="Cancel"), answered)

    def _mark_all(self, post_ids: list[str]) -> None:
        app = self.screen.app
        try:
            count = read_service.mark_all_read(self.blog, post_ids, self.screen.reel_app.writer)
        except ReelError as exc:  # e.g. disk full: say so, keep browsing
            app.call_from_thread(self.screen.notify, f"could not save the read marks: {exc}")
            return
        app.call_from_thread(
            self.screen.notify, f"{plural_count(count, 'post')} marked read", timeout=3
        )
