"""Marking several comments (x) in the thread pane and in the inbox, one moderation key for
all of them at once, and z undoing the last moderation; checked in the files on disk."""

from __future__ import annotations

from reeltui.services import Blog, moderation, outbox
from reeltui.ui.app import ReelApp
from reeltui.ui.screens.inbox import InboxScreen
from reeltui.ui.widgets.thread import Thread
from tests import storefiles
from tests.ui.helpers import Notes, press, screen_text, settle


def statuses(blog: Blog, *ids: str) -> list[str]:
    data = storefiles.comments(blog.path)
    return [data[i]["status"] for i in ids]


async def test_mark_three_in_the_thread_spam_them_at_once_then_undo(
    app: ReelApp, open_store: Blog
) -> None:
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")  # the Her review's comments, cursor on c-her-1
        thread = app.screen.query_one(Thread)
        await press(pilot, "x", "j", "x", "j", "j", "x")  # c-her-1, c-her-3, c-her-6
        assert thread.marked == ["c-her-1", "c-her-3", "c-her-6"]
        assert [v.comment.id for v in thread.views if v.marked] == thread.marked
        assert "✓ " in screen_text(app)  # marked on screen
        await press(pilot, "s")
        assert statuses(open_store, "c-her-1", "c-her-3", "c-her-6") == ["spam"] * 3
        assert statuses(open_store, "c-her-2", "c-her-4") == ["approved"] * 2  # untouched
        assert "3 comments marked as spam. (z undoes)" in notes
        assert thread.marked == [] and "✓ " not in screen_text(app)
        entries = {e.comment_id: e.action for e in outbox.entries(open_store)}
        assert entries == {"c-her-1": "spam", "c-her-3": "spam", "c-her-6": "spam"}
        await press(pilot, "z")
        assert statuses(open_store, "c-her-1", "c-her-3", "c-her-6") == ["approved"] * 3
        assert outbox.entries(open_store) == []  # nothing left to send
        assert "Undone: 3 comments back as before." in notes


async def test_inbox_marks_approve_together_skip_what_does_not_apply_and_undo(
    app: ReelApp, open_store: Blog
) -> None:
    moderation.moderate(open_store, "c-her-6", "trash")  # an earlier moderation, kept
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "i")
        inbox = app.screen
        assert isinstance(inbox, InboxScreen)
        first, second = (item.comment.id for item in inbox.items[:2])
        await press(pilot, "x", "x")  # the two oldest
        assert inbox.marked == [first, second] and "2 marked" in screen_text(app)
        assert inbox.table.row_cells(0)[0].plain == "✓"
        await press(pilot, "t")
        assert statuses(open_store, first, second) == ["trash", "trash"]
        assert "2 comments trashed." in " ".join(notes.messages)
        await press(pilot, "z")  # undo from the inbox: those two, not the earlier one
        assert statuses(open_store, first, second) == ["approved", "approved"]
        assert statuses(open_store, "c-her-6") == ["trash"]
        await press(pilot, "z")
        assert "No moderation to undo." in notes
        # A key that applies to none of the marked comments: said, nothing changed.
        await press(pilot, "home", "x", "x", "a")
        said = " ".join(notes.messages)
        assert "2 comments left as they were: the comment is already approved" in said
        assert statuses(open_store, first, second) == ["approved", "approved"]


async def test_the_thread_counts_the_marked_comments(app: ReelApp) -> None:
    """The new-user pass: `x` marked comments with no count of them anywhere (what a
    moderation key then acts on)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        thread = app.screen.query_one(Thread)
        total = len(thread.entries)
        assert thread.border_title == f"Comments ({total})"
        await press(pilot, "x", "x")
        assert thread.border_title == f"Comments ({total}, 2 marked)"
        assert f"Comments ({total}, 2 marked)" in screen_text(app)
        await press(pilot, "k", "x")  # unmarked again
        assert thread.border_title == f"Comments ({total}, 1 marked)"
        await press(pilot, "a")  # the moderation clears the marks
        await settle(pilot)
        assert thread.border_title == f"Comments ({total})"
