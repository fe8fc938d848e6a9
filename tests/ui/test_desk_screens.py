"""The stats screen, the monthly recap and the readers' answers in the app (Pilot, real
demo store): what they show, where Enter goes, and that drafts are new and unsaved."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from reeltui.config import Settings
from reeltui.domain.identity import Identity
from reeltui.services import Blog, answers, inbox
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.dialogs import PickScreen
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.screens.stats import StatsScreen
from reeltui.ui.widgets.comment_hits import CommentHitList
from reeltui.ui.widgets.query_box import QueryBox
from reeltui.ui.widgets.reader import Reader
from tests.ui.helpers import HER, Notes, press, screen_text, settle

FEB_2014 = dt.datetime(2014, 2, 1, tzinfo=dt.UTC)


async def test_stats_screen_shows_the_blog_in_figures(app: ReelApp, open_store: Blog) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(StatsScreen(open_store, writer=Identity(), now=FEB_2014))
        await settle(pilot)
        text = screen_text(app)
        assert "4 posts · 1 review published · 13 readers' comments" in text
        assert "Reviews per rating (reels)" in text and "Per month" in text
        assert "Marcy Lindqvist" in text  # the top commenter
        replies = str(app.screen.query_one("#replies-text", Static).render())
        assert "5 answered; median time to answer 2.5 hours" in replies
        assert "9 waiting in the inbox: median age 24.4 days, oldest 58.9 days" in replies
        ages = str(app.screen.query_one("#ages-text", Static).render())
        assert "1-4 weeks" in ages and "7" in ages
        discussed = app.screen.query_one("#discussed", DataTable)
        assert discussed.row_count == 4
        # narrowed by a query
        await press(pilot, "slash", *'tag:"science fiction"', "enter")
        assert '2 posts matching tag:"science fiction" · 1 review published · 7' in screen_text(app)
        await press(pilot, "slash", *" status:spam", "enter")
        assert "add in:comments" in screen_text(app)  # one line, the figures stay


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition()` holds (a minute at most: then the test fails)."""
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"never: {what}"
        await pilot.pause()


async def test_keys_work_while_the_figures_are_computed(
    app: ReelApp, open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figures are computed off the UI thread: held in the middle of the real
    computation (the posts found, the comments read, the inbox not yet counted), the screen
    takes keys, a new narrowing replaces the pending one, and only the figures of the last
    query asked for are shown."""
    reached, go = threading.Event(), threading.Event()
    computing = []
    real = inbox.waiting

    def held(*args: object, **kwargs: object) -> list[str]:
        computing.append(threading.current_thread() is not threading.main_thread())
        reached.set()
        go.wait(60)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(inbox, "waiting", held)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(StatsScreen(open_store, writer=Identity(), now=FEB_2014))
        await until(pilot, reached.is_set, "the figures are being computed")
        box = app.screen.query_one(QueryBox)
        assert "Counting…" in screen_text(app)
        await pilot.press("slash", *"tag:drama")
        await until(pilot, lambda: box.has_focus and box.value == "tag:drama", "typed")
        await pilot.press("escape")  # back to the tables, the query kept
        await until(pilot, lambda: app.screen.query_one("#discussed").has_focus, "escape")
        await pilot.press("slash", "ctrl+u", *'tag:"science fiction"', "enter")
        await until(pilot, lambda: computing == [True, True], "the narrowed query computing")
        assert "Counting…" in screen_text(app)  # still: nothing is shown yet
        go.set()
        await settle(pilot)
        text = screen_text(app)
        assert '2 posts matching tag:"science fiction" · 1 review published · 7' in text
        assert "4 posts" not in text  # the first computation, cancelled, showed nothing
        await pilot.press("q")
        await until(pilot, lambda: not isinstance(app.screen, StatsScreen), "q closes")


async def test_stats_open_a_post_or_a_commenters_comments(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "percent_sign")
        assert isinstance(app.screen, StatsScreen)
        await press(pilot, "enter")  # the most discussed post
        assert not isinstance(app.screen, StatsScreen)
        assert app.screen.query_one(Reader).has_focus_within
        assert "FlixChatter Review: Spike Jonze’s HER" in screen_text(app)
        await press(pilot, "percent_sign", "tab", "enter")  # the top commenter
        hits = app.screen.query_one(CommentHitList)
        assert hits.display
        assert {i.hit.comment.author for i in hits.items} == {"Marcy Lindqvist"}  # type: ignore[attr-defined]
        assert app.screen.query_one(QueryBox).value == 'in:comments author:"Marcy Lindqvist"'


async def test_stats_follow_the_lists_search(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"category:review", "enter", "percent_sign")
        assert app.screen.query_one(QueryBox).value == "category:review"
        assert "1 post matching category:review" in screen_text(app)


async def test_recap_from_the_palette_drafts_a_new_post(app: ReelApp, open_store: Blog) -> None:
    before = len(open_store.posts())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *"recap: draft", "enter")
        assert isinstance(app.screen, PickScreen)
        assert "January 2014" in screen_text(app)
        # December 2013 holds only the November recap: nothing to recap, not offered
        assert "December 2013" not in screen_text(app)
        await press(pilot, "enter")  # January 2014
        assert isinstance(app.screen, PickScreen)
        text = screen_text(app)
        assert "Movie of the Month, January 2014" in text and "●●●●◐ 4.5" in text
        await press(pilot, "enter")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        body = editor.body.text
        assert "- [Her](/flixchatter-review-spike-jonzes-her/) (2013) – ●●●●◐ 4.5 reels" in body
        assert "## Movie of the Month:\n\n**[Her](/flixchatter-review-spike-jonzes-her/)**" in body
        assert "What’s YOUR favorite film you saw in January?" in body
        assert "January Movie-Watching Recap and Movie of the Month" in screen_text(app)
        assert editor.session.is_new
    assert len(open_store.posts()) == before  # nothing saved


async def test_readers_answers_of_the_open_question_post(app: ReelApp, open_store: Blog) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *"readers' answers", "enter")
        assert isinstance(app.screen, PickScreen)  # no post open: which question?
        await press(pilot, "escape")
        question = next(p for p in open_store.posts() if p.title.startswith("First Question"))
        await app.open_post(question.id)
        await press(pilot, "ctrl+p", *"readers' answers", "enter")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        body = editor.body.text
        assert "1. **Gravity** – 1 reader (Jenna Park)" in body
        assert "> — [Sam Whitfield](/first-question-of-the-year" in body
        assert "#comment-c-question-1)" in body
        assert HER not in body


async def test_gathering_answers_says_how_many_in_good_english(blog: Blog) -> None:
    from reeltui.ui.drafting import answers_flow

    notes = Notes()
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        [question] = answers.question_posts(blog)
        answers_flow(app, question.id)
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    assert "3 answers gathered: nothing is saved until you save" in notes.messages
