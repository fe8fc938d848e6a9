"""What the thread pane's keys ask for: one message per intent, posted up to the screen
(which acts through screens/comment_actions.py)."""

from __future__ import annotations

from textual.message import Message


class Reply(Message):
    """Answer `comment_id` (`quote`: starting with its words quoted); None when no comment is
    picked (`r` in the reader, or in a thread without comments): the screen says why."""

    def __init__(self, comment_id: str | None, quote: bool = False) -> None:
        super().__init__()
        self.comment_id = comment_id
        self.quote = quote


class Edit(Message):
    """Edit the own reply `comment_id`."""

    def __init__(self, comment_id: str) -> None:
        super().__init__()
        self.comment_id = comment_id


class Delete(Message):
    """Delete the own reply `comment_id`."""

    def __init__(self, comment_id: str) -> None:
        super().__init__()
        self.comment_id = comment_id


class Moderate(Message):
    """Apply `action` to `comment_ids` (the marked comments, else the highlighted one)."""

    def __init__(self, comment_ids: list[str], action: str) -> None:
        super().__init__()
        self.comment_ids = comment_ids
        self.action = action


class Undo(Message):
    """Undo the last moderation."""
