"""The app's actions that open a screen or a link (mixed into ReelApp; what each opens and
how: ui/opening.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from reeltui.ui import opening
from reeltui.ui.clipboard import copy_text

if TYPE_CHECKING:
    from reeltui.ui.app import ReelApp
    from reeltui.ui.screens.inbox import InboxChoice


class AppActions:
    """Help, the inbox, outbox, sync, stats, diary, conflicts, import and export screens, a
    post or comment opened, a link opened or copied."""

    @property
    def _reel(self) -> ReelApp:
        return cast("ReelApp", self)

    def action_help(self) -> None:
        opening.open_help(self._reel)

    def action_inbox(self) -> None:
        opening.open_inbox(self._reel)

    def action_outbox(self) -> None:
        opening.open_outbox(self._reel)

    def action_sync(self, start: bool = False) -> None:
        opening.open_sync(self._reel, start)

    def action_stats(self) -> None:
        opening.open_stats_screen(self._reel)

    def action_diary(self) -> None:
        opening.open_diary(self._reel)

    def action_conflicts(self) -> None:
        opening.open_conflicts(self._reel)

    def action_import(self) -> None:
        opening.open_import(self._reel)

    def action_export(self) -> None:
        opening.open_export(self._reel)

    async def jump_to_comment(self, choice: InboxChoice | None) -> None:
        """Open the chosen comment's post and put the thread's cursor on it."""
        await opening.jump_to_comment(self._reel, choice)

    async def open_post(self, post_id: str) -> None:
        await opening.open_post(self._reel, post_id)

    def open_link(self, url: str) -> str:
        """Open `url` in a graphical browser, else copy it; returns what was done."""
        return opening.open_link(self._reel, url)

    def copy_text(self, text: str) -> None:
        """OSC 52 first (works over SSH and in tmux), then the system clipboard if any."""
        copy_text(self._reel, text, "the link")
