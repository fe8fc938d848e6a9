"""A 50 MB comment in the thread pane (issue #21 item 11): shown cut, with a note, and the app
answers at once (it froze for ~100 s at 2.1 GB)."""

from __future__ import annotations

import time

from reeltui.domain.models import Comment
from reeltui.domain.sanitize import MAX_SHOWN
from reeltui.services import Blog
from reeltui.ui.app import ReelApp
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import HER, press, screen_text, settle


async def test_a_50_mb_comment_is_shown_cut_with_a_note(app: ReelApp, open_store: Blog) -> None:
    huge = ("All work and no play makes Jack a dull boy. " * 20 + "\n") * 57_000
    assert len(huge) > 50_000_000
    her = open_store.post_by_slug(HER)
    open_store.save_comment(Comment(id="c-huge", post_id=her.id, author="Jack", body=huge))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        start = time.process_time()
        await press(pilot, "enter", "c")
        thread = app.screen.query_one(Thread)
        view = next(v for v in thread.views if v.comment.id == "c-huge")
        thread.scroll_to_widget(view, animate=False)
        await settle(pilot)
        spent = time.process_time() - start
        print(f"opening the thread with a 50 MB comment: {spent:.2f} s CPU")
        rendered = view.build().plain
        assert len(rendered) < MAX_SHOWN + 200
        assert "more characters not shown]" in rendered
        assert "Jack" in screen_text(app)
        await press(pilot, "G")  # still answering keys
        assert thread.current is thread.views[-1].comment
