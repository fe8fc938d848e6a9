"""A comment's badges look the same wherever it is shown: the thread pane and the inbox /
outbox tables use one table of words and colours."""

from __future__ import annotations

import pytest
from rich.style import Style

from reeltui.domain.models import COMMENT_STATUSES, Comment
from reeltui.ui.widgets.badges import comment_badges
from reeltui.ui.widgets.reply_badges import SYNC_BADGES, status_badge, sync_badge


@pytest.mark.parametrize("status", [s for s in COMMENT_STATUSES if s != "approved"])
def test_a_moderation_status_has_the_same_colour_in_the_thread_and_the_inbox(
    status: str,
) -> None:
    comment = Comment(id="c1", post_id="p1", status=status)
    (label, style), *_ = comment_badges(comment)
    in_inbox = status_badge(comment)
    assert label == status
    assert Style.parse(style) == Style.parse(str(in_inbox.style)) != Style()


@pytest.mark.parametrize("state", sorted(SYNC_BADGES))
def test_an_own_reply_has_the_same_badge_in_the_thread_and_the_outbox(state: str) -> None:
    reply = Comment(id="r1", post_id="p1", origin="local", sync_state=state)
    badges = comment_badges(reply)
    shown = sync_badge(reply)
    assert (shown.plain, Style.parse(str(shown.style))) in [
        (label, Style.parse(style)) for label, style in badges
    ]
