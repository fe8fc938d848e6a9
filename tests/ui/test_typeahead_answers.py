"""Keys typed after a search wait for its answer: `/in:comments author:marcy<Enter><Enter>r`
in one burst replies to the comment found, whatever the search costs.

Each letter typed in the search box starts a new load of the list (in a worker). Enter
and the keys after it were let through while that load was still running: the second
enter opened the post the list showed before the answer came, and `r` was lost (the full
suite saw it once on the demo blog). Here the real search is made slow, the way a big
archive or a loaded machine makes it, so the keys always arrive before the answer.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from reeltui.services import query
from reeltui.ui.screens import main_list, main_search
from reeltui.ui.screens.composer import ComposerScreen
from tests.ui.conftest import RunMain
from tests.ui.helpers import burst, send_keys, settle, wait_until

SLOW = 0.4  # seconds each search takes on top of its own work


def slowed(real: Any) -> Any:
    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOW)
        return real(*args, **kwargs)

    return slow


async def test_keys_after_a_comment_search_act_on_the_comments_found(
    run_main: RunMain, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "find_comments", slowed(query.find_comments))
    async with run_main() as running:
        app = running.app
        await burst(running.pilot, "/", "in:comments author:marcy", "<enter>", "<enter>", "r")
        assert isinstance(app.screen, ComposerScreen), app.screen
        assert app.screen.answering is not None
        assert "marcy" in app.screen.answering.author.lower(), app.screen.answering.author


async def test_keys_after_a_new_order_act_on_the_list_in_that_order(
    run_main: RunMain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`s` three times (date, rating, comments, title), `g` (the first row) and `enter`
    open the first post in title order, not the first of the order shown before."""
    rows = main_list.Listing._items
    monkeypatch.setattr(main_list.Listing, "_items", slowed(rows))
    async with run_main() as running:
        main = running.main
        before = [item.row.post.id for item in main.post_list.items]
        await burst(running.pilot, "s", "s", "s", "g", "<enter>")
        assert main.listing.sort == "title"
        after = [item.row.post.id for item in main.post_list.items]
        titles = [item.row.post.title.lower() for item in main.post_list.items]
        assert titles == sorted(titles) and after != before
        assert main.current_post == after[0]


async def test_an_older_search_answering_late_is_never_shown(
    run_main: RunMain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each letter starts a load and cancels the one before, but a load already searching
    runs on until its next check. Here the first comment search (every comment) is held
    until the whole query is typed, then let go: its answer comes after it was replaced and
    is never shown; the list shows only the newest search's answer, Marcy's comments."""
    real = query.find_comments
    release = threading.Event()
    started: list[bool] = []  # per call: is it the newest search's

    def older_held(blog: Any, query: Any, **kwargs: Any) -> Any:
        newest = "text='marcy'" in repr(query)
        started.append(newest)
        if not newest:
            release.wait(60)
        return real(blog, query, **kwargs)

    shown: list[set[str]] = []  # the authors of each list of comments shown
    show_hits = main_search.Searching._show_hits

    def recorded(self: Any, items: Any, more: bool) -> None:
        shown.append({item.hit.comment.author for item in items})
        show_hits(self, items, more)

    monkeypatch.setattr(query, "find_comments", older_held)
    monkeypatch.setattr(main_search.Searching, "_show_hits", recorded)
    async with run_main() as running:
        app, pilot, main = running.app, running.pilot, running.main
        hits = main.searching.hits
        await burst(pilot, "/")
        send_keys(app, "in:comments")
        await wait_until(pilot, lambda: started, "the first comment search running")
        send_keys(app, " author:marcy")
        full = "in:comments author:marcy"
        await wait_until(pilot, lambda: main.listing.search == full, "the whole query typed")
        release.set()  # the first search answers now, after it was replaced
        await settle(pilot)
        assert started[0] is False and True in started  # (both searches ran)
        assert hits.display and not main.post_list.display
        assert shown and all(authors == {"Marcy Lindqvist"} for authors in shown), shown
        assert len(hits.items) == 3


async def test_the_list_given_focus_a_moment_before_the_answer_hands_it_on(
    run_main: RunMain,
) -> None:
    """Enter in the box gives focus to the post list; the comments found arrive before the
    list has handled its Focus event (its `has_focus` is still False): focus goes on to the
    comments found instead of staying on a hidden list (which sent it back to the box)."""
    async with run_main() as running:
        app, pilot, main = running.app, running.pilot, running.main
        await burst(pilot, "/")  # focus in the search box
        assert app.focused is main.searching.box
        main.set_focus(main.post_list)  # what enter in the box does ...
        assert not main.post_list.has_focus  # (its Focus event is still queued)
        main.searching._show_view(True)  # ... and the comments found, in the same turn
        await settle(pilot)
        assert app.focused is main.searching.hits
