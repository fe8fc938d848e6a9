"""The list's `/` with the query language: fields, completion, errors, comment search,
saved searches in the palette (Pilot, real demo store, real settings file)."""

from __future__ import annotations

from pathlib import Path

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.screens.prompt import PromptScreen
from reeltui.ui.widgets.comment_hits import CommentHitList
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.query_box import QueryBox, QueryHint
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import press, screen_text, settle

QUESTION = "First Question of the Year"


def shown(app: ReelApp) -> list[str]:
    return [item.row.post.title for item in app.screen.query_one(PostList).items]


def hint(app: ReelApp) -> str:
    return app.screen.query_one(QueryHint).text


async def test_fields_narrow_the_list_as_you_type(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"rating:>=4")
        assert shown(app) == ["FlixChatter Review: Spike Jonze’s HER"]
        await press(pilot, *" -her")
        assert shown(app) == []
        assert "No posts match." in screen_text(app)
        for _ in range(5):
            await press(pilot, "backspace")
        await press(pilot, *' date:2014-01 "science fiction"')
        assert shown(app) == ["FlixChatter Review: Spike Jonze’s HER"]


async def test_a_bad_query_says_why_and_keeps_the_list(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"tag:fiction")
        before = shown(app)
        assert len(before) == 2
        app.screen.query_one(QueryBox).value = "tag:fiction raiting:4"  # pasted
        await settle(pilot)
        assert "did you mean rating:?" in hint(app)
        assert "⚠" in screen_text(app)
        assert shown(app) == before  # not an empty list without a reason
        await press(pilot, "escape")
        assert not app.screen.query_one(QueryHint).display


async def test_a_long_error_keeps_the_hint_one_row_and_the_status_says_not_applied(
    app: ReelApp,
) -> None:
    """The new-user pass: an error wider than the list wrapped the hint line to two rows
    and the list moved down one (the README: the list never moves as you type); the status
    line said "showing 4 of 4 posts (search: ...)" for a search that was not applied."""
    from textual.widgets import Static

    from reeltui.ui.widgets.status import StatusLine

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        post_list = app.screen.query_one(PostList)
        await press(pilot, "slash", *"her")
        await settle(pilot)
        top = post_list.region.y
        shown_before = shown(app)
        app.screen.query_one(QueryBox).value = "her raiting:4"  # pasted
        await settle(pilot)
        line = app.screen.query_one(QueryHint)
        message = hint(app)
        assert message.startswith("⚠ unknown field raiting: (did you mean rating:?")
        assert len(message) > line.content_region.width  # wider than the list
        assert line.region.height == 1 and post_list.region.y == top  # nothing moved
        drawn = next(r for r in screen_text(app).splitlines() if "⚠" in r)
        assert "did you mean rating:?" in drawn and drawn.rstrip("│ ").endswith("…")
        assert str(line.tooltip) == message  # the whole of it
        assert shown(app) == shown_before
        status = app.screen.query_one(StatusLine).text
        assert f"(search not applied: {message.removeprefix('⚠ ')})" in status
        assert "search: her raiting" not in status
        await press(pilot, "end", "ctrl+u", *"her")
        await settle(pilot)
        assert "(search: her)" in app.screen.query_one(StatusLine).text
        assert isinstance(line, Static)


async def test_tab_completes_field_names_and_the_blogs_values(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"ca")
        assert hint(app) == "tab → category:   also cast:"
        await press(pilot, "backspace", "backspace", *"dire", "tab")
        box = app.screen.query_one(QueryBox)
        assert box.value == "director:"
        await press(pilot, *"spi")
        assert 'director:"Spike Jonze"' in hint(app)
        await press(pilot, "tab")
        assert box.value == 'director:"Spike Jonze"'
        assert shown(app) == ["FlixChatter Review: Spike Jonze’s HER"]
        await press(pilot, *" rating:")
        assert "rating:>=4" in hint(app)  # numbers and dates: examples


async def test_author_completion_offers_names_that_find_something(app: ReelApp) -> None:
    """The new-user pass: `author:` in the list's search offered every commenter after the
    blog's authors (the spam 'Free HD Movies 2013' and a pingback's site name among them),
    and such a name found no post. Posts: the posts' authors only; `in:comments`: the
    commenters, never a spam, trashed, pingback or trackback name."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        box = app.screen.query_one(QueryBox)
        await press(pilot, "slash", *"author:")
        await settle(pilot)
        assert box.completion.candidates == ("author:Ruth", 'author:"Conor Holt"')
        await press(pilot, *"f")
        assert not box.completion.candidates  # 'Free HD Movies 2013' wrote no post
        await press(pilot, "tab")
        assert shown(app) == [] and box.value == "author:f"
        await press(pilot, "ctrl+u", *"in:comments author:")
        await settle(pilot)  # (the commenters' names are read by a worker)
        offered = [c.removeprefix("author:").strip('"') for c in box.completion.candidates]
        assert {"Priya Natarajan", "Jenna Park", "Tom Okafor", "Ruth"} <= set(offered)
        assert not [n for n in offered if "Free HD" in n or "FlixChatter" in n]
        await press(pilot, *"pri", "tab", "enter")
        hits = app.screen.query_one(CommentHitList)
        assert box.value == 'in:comments author:"Priya Natarajan"'
        assert hits.items and {i.hit.comment.author for i in hits.items} == {"Priya Natarajan"}  # type: ignore[attr-defined]


async def test_comment_search_opens_the_thread_at_the_comment(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *'in:comments "wall street"', "enter")
        hits = app.screen.query_one(CommentHitList)
        assert hits.display and not app.screen.query_one(PostList).display
        text = screen_text(app)
        assert "Comments (1)" in text
        assert "Jenna Park on First Question of the Year" in text
        assert "2014-01-07" in text and "Wolf of Wall Street" in text
        assert hits.has_focus
        await press(pilot, "enter")
        thread = app.screen.query_one(Thread)
        assert thread.highlighted_comment_id() == "c-question-3"
        assert thread.has_focus
        assert QUESTION in screen_text(app)


async def test_c_switches_the_same_search_between_posts_and_comments(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"surrogate", "enter")
        assert [t[:11] for t in shown(app)] == ["FlixChatter"]
        await press(pilot, "C")
        box = app.screen.query_one(QueryBox)
        assert box.value == "surrogate in:comments"
        hits = app.screen.query_one(CommentHitList)
        assert [i.hit.comment.author for i in hits.items] == ["Tom Okafor"]  # type: ignore[attr-defined]
        assert hits.has_focus
        await press(pilot, "C")
        assert box.value == "surrogate"
        assert app.screen.query_one(PostList).has_focus


async def test_saved_searches_live_in_the_settings_file_and_the_palette(
    open_store: Blog, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# mine\ntheme = "textual-dark"\n\n[keymap]\n"list.sort" = "o"\n')
    app = make_app(open_store, settings=Settings(path=config))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"in:comments author:marcy", "enter")
        await press(pilot, "ctrl+p", *"save the current")
        await press(pilot, "enter")
        assert isinstance(app.screen, PromptScreen)
        await press(pilot, *"From Marcy", "enter")
        text = config.read_text()
        assert text.startswith('# mine\ntheme = "textual-dark"')  # the rest is kept
        assert '[searches]\n"From Marcy" = "in:comments author:marcy"' in text
        await press(pilot, "escape", "F")  # clear the search
        assert app.screen.query_one(PostList).display
        assert app.screen.query_one(PostList).has_focus
        await press(pilot, "ctrl+p", *"From Marcy")
        await press(pilot, "enter")
        hits = app.screen.query_one(CommentHitList)
        assert hits.display and len(hits.items) == 3


async def test_a_query_typed_in_the_palette_runs_in_the_list(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *"category:recap")
        assert "Search posts: category:recap" in screen_text(app)
        await press(pilot, "enter")
        assert [t[:8] for t in shown(app)] == ["November"]


async def test_status_completion_offers_the_statuses_the_search_takes(app: ReelApp) -> None:
    """The new-user pass: after `in:comments status:` the completion offered the posts'
    statuses (draft, scheduled...), which the comment search then refused."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        box = app.screen.query_one(QueryBox)
        await press(pilot, "slash", *"status:")
        await settle(pilot)
        offered = {c.removeprefix("status:") for c in box.completion.candidates}
        assert offered == {"draft", "pending", "scheduled", "published", "private", "trash"}
        await press(pilot, "ctrl+u", *"in:comments status:")
        await settle(pilot)
        offered = {c.removeprefix("status:") for c in box.completion.candidates}
        assert offered == {"approved", "pending", "spam", "trash"}
        await press(pilot, "tab", "enter")
        await settle(pilot)
        assert box.value == "in:comments status:approved"
        assert "⚠" not in hint(app)
        assert app.screen.query_one(CommentHitList).items
