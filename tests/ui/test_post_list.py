"""The post list: rows, sort, filters, filter-as-you-type, read markers, 10,000 posts."""

from __future__ import annotations

from pathlib import Path

from reeltui.config import Settings
from reeltui.domain.models import Comment, Post
from reeltui.services import Blog
from reeltui.services import reads as read_service
from reeltui.services.reads import ReadMark
from reeltui.services.session import open_blog
from reeltui.store import records
from reeltui.store.layout import READS, hashed_file
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.widgets.post_list import PostList
from tests import storefiles
from tests.ui.helpers import HER, Notes, press, screen_text, settle


def titles(app: ReelApp) -> list[str]:
    return [item.row.post.title for item in app.screen.query_one(PostList).items]


def marks(app: ReelApp) -> dict[str, ReadMark]:
    post_list = app.screen.query_one(PostList)
    return {item.row.post.slug: item.mark for item in post_list.items}


async def test_rows_show_title_date_author_status_reels_comments(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "FlixChatter Review: Spike Jonze’s HER" in text
        assert "2014-01-11" in text and "Ruth" in text and "[published]" in text
        assert "●●●●◐ 4.5" in text and "4 comments" in text  # readers' comments
        assert "3 comments +1 pending" in text  # the question post: Ray waits for moderation
        assert "Conor Holt (guest)" in text
        # Newest first; every post is unread on a fresh store.
        assert titles(app)[0].startswith("FlixChatter Review")
        assert all(mark.unread for mark in marks(app).values())
        assert "4 posts · 0 draft posts · 1 pending comment · 0 queued replies" in text


async def test_sort_key_cycles_date_rating_comments_title(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        by_date = titles(app)
        await press(pilot, "s")
        assert app.screen.listing.sort == "rating"  # type: ignore[attr-defined]
        assert titles(app)[0].startswith("FlixChatter Review")  # the only rated post
        await press(pilot, "s")
        assert app.screen.listing.sort == "comments"  # type: ignore[attr-defined]
        await press(pilot, "s")
        assert titles(app) == sorted(by_date, key=str.casefold)
        assert "sort: title" in screen_text(app)
        await press(pilot, "s")
        assert titles(app) == by_date
        assert app.settings.sort == "date"


async def test_filter_by_category_then_clear(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        picker = app.screen
        assert type(picker).__name__ == "PickScreen"
        options = picker.query_one("#pick-list")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]  # type: ignore[attr-defined]
        assert "category:Guest Post" in ids and "author:Conor Holt" in ids
        assert "status:published" in ids and "tag:Spike Jonze" in ids
        options.highlighted = ids.index("category:Guest Post")  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert titles(app) == ["Guest Post: Elysium, Her & The Nature of Science Fiction"]
        assert "category: Guest Post" in screen_text(app)
        # A second filter of another kind narrows further.
        await press(pilot, "f")
        options = app.screen.query_one("#pick-list")
        options.highlighted = ids.index("author:Ruth")  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert titles(app) == []
        assert "category: Guest Post, author: Ruth" in screen_text(app)
        await press(pilot, "F")
        assert len(titles(app)) == 4


async def test_slash_filters_as_you_type_through_the_service(app: ReelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert app.focused is not None and app.focused.id == "list-search"
        await press(pilot, "g", "r", "a")
        assert len(titles(app)) >= 2  # "gra" is in more than one post
        await press(pilot, "v", "i", "t", "y")
        expected = [r.post.title for r in app.blog.rows(search="gravity")]
        assert titles(app) == expected
        assert "Guest Post: Elysium, Her & The Nature of Science Fiction" in expected
        assert "search: gravity" in screen_text(app)
        await press(pilot, "x")
        assert titles(app) == []
        assert "No posts match." in screen_text(app)
        await press(pilot, "escape")
        assert len(titles(app)) == 4
        assert isinstance(app.focused, PostList)


async def test_read_marks_persist_and_new_comments_show(store_path: Path) -> None:
    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")  # opens the newest: the Her review
        found = marks(app)
        assert not found[HER].unread
        assert found["guest-post-elysium-her-the-nature-of-science-fiction"].unread
    blog.close()
    # On disk, in the store's reads table: a new process sees it.
    reopened = open_blog(store_path)
    her = reopened.post_by_slug(HER)
    assert read_service.seen(reopened)[her.id] == 4  # its readers' comments
    reopened.save_comment(
        Comment(
            id="c-new", post_id=her.id, author="New Reader", date="2014-02-01T10:00:00", body="Hi"
        )
    )
    app = make_app(reopened, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        found = marks(app)
        assert not found[HER].unread and found[HER].new_comments == 1
        assert "+1 new" in screen_text(app)
        await press(pilot, "u")  # mark the Her review unread again
        assert marks(app)[HER].unread
    reopened.close()


async def test_ten_thousand_posts_stay_virtual(tmp_path: Path) -> None:
    blog = open_blog(tmp_path / "big")  # a real store (with the 4 demo posts)
    posts = [
        Post(
            id=f"p{i}",
            slug=f"post-{i}",
            title=f"Review number {i:05d}",
            author="Ruth",
            date=f"2015-01-01T00:00:{i % 60:02d}+00:00",
            status="published",
            rating=(i % 11) / 2,
        )
        for i in range(10_000)
    ]
    records.put_many(blog.store, posts, [])
    blog.close()
    blog = open_blog(tmp_path / "big")
    app = make_app(blog, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        post_list = app.screen.query_one(PostList)
        assert len(post_list.items) == 10_004
        # Only the lines on screen exist as widgets: the list is one widget, not 10k.
        assert len(list(app.screen.query("PostList *"))) == 0
        await press(pilot, "G")
        assert post_list.cursor == 10_003
        assert post_list.scroll_offset.y > 10_000
        await press(pilot, "g", "j", "j")
        assert post_list.cursor == 2
        await press(pilot, "slash", "0", "0", "0", "4", "2")
        assert titles(app) == ["Review number 00042"]
    blog.close()


def test_read_service_on_a_read_only_store_keeps_marks_in_memory(store_path: Path) -> None:
    blog: Blog = open_blog(store_path, read_only=True)
    her = blog.post_by_slug(HER)
    assert read_service.mark(read_service.seen(blog), her.id, 6).unread
    read_service.mark_read(blog, her.id)
    assert not read_service.mark(read_service.seen(blog), her.id, 6).unread
    assert her.id not in storefiles.reads(store_path)
    blog.close()


async def test_a_failed_read_mark_is_reported_not_a_crash(store_path: Path) -> None:
    blog = open_blog(store_path)
    app = make_app(blog, settings=Settings())
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        her = app.blog.post_by_slug(HER)
        reads = store_path / hashed_file(READS, her.id)
        reads.unlink(missing_ok=True)
        reads.mkdir(parents=True)  # the rename over it fails, as a full or broken disk would
        await press(pilot, "enter")
        assert "could not save the read mark" in notes
        assert marks(app)[HER].unread
        assert app.is_running
    blog.close()
