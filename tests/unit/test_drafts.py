"""Drafting on a real store: templates, field checks, save/autosave/publish revisions,
crash recovery, diff, restore, pruning, disk errors, copy formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reeltui.services import Blog
from reeltui.services.drafts import EditSession, find_for_edit, recoverable
from reeltui.services.exporting import as_html, as_markdown, post_link
from reeltui.services.postform import Form, form_of
from reeltui.services.revisions import unified_diff
from reeltui.services.session import open_blog
from reeltui.services.templates import TEMPLATES, post_from_template
from reeltui.store import StoreWriteError
from reeltui.store.commit import temp_name
from tests import storefiles

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def new_session(blog: Blog, template: str = "review", title: str = "Arrival") -> EditSession:
    post = post_from_template(template, title=title, author="Ruth")
    return EditSession(blog, post, is_new=True, clock=Clock())


def test_templates_give_skeletons() -> None:
    review = post_from_template("review", title="Arrival")
    assert review.film.title == "Arrival" and "## The verdict" in review.body
    assert review.categories == ["Review"] and review.status == "draft"
    guest = post_from_template("guest", title="Sci-fi", author="Ted")
    assert "guest writer, Ted" in guest.body
    assert set(TEMPLATES) >= {"review", "guest", "question", "recap"}
    with pytest.raises(ValueError, match="unknown template 'poem'"):
        post_from_template("poem")


def test_invalid_fields_are_reported_and_keep_their_old_value(blog: Blog) -> None:
    session = new_session(blog)
    taken = blog.posts()[0].slug
    form = form_of(session.saved).replace(
        title="Arrival", rating="7", date="2026-13-45", slug=taken, film_year="20x5"
    )
    post, errors = session.build(form, "Body")
    assert set(errors) == {"rating", "date", "slug", "film_year"}
    assert "half reels" in errors["rating"] and "already used" in errors["slug"]
    assert post.rating is None and post.slug == "" and post.title == "Arrival"
    good, errors = session.build(form.replace(rating="4.5", date="", slug="", film_year="2016"), "")
    assert errors == {}
    assert good.rating == 4.5 and good.slug == "arrival" and good.film.year == 2016


def test_derived_slug_is_unique_and_scheduled_needs_future_date(blog: Blog) -> None:
    existing = blog.posts()[0]
    session = new_session(blog, title=existing.title)
    post, errors = session.build(form_of(session.saved), "")
    assert errors == {} and post.slug == existing.slug + "-2"
    form = form_of(session.saved).replace(status="scheduled", date="2020-01-01")
    _, errors = session.build(form, "")
    assert errors["date"] == "a scheduled post needs a date in the future"
    post, errors = session.build(form.replace(date="2027-01-02 08:30"), "")
    assert errors == {} and post.date == "2027-01-02T08:30:00+00:00"


def test_save_autosave_publish_keep_revisions_on_disk(store_path: Path) -> None:
    blog = open_blog(store_path)
    session = new_session(blog)
    form = form_of(session.saved).replace(rating="4")
    draft, _ = session.build(form, "First words.")
    session.autosave(draft)
    session.autosave(draft)  # identical: no second revision
    saved, _ = session.build(form, "First words. More words.")
    session.save(saved)
    published, _ = session.build(form.replace(status="published"), saved.body)
    session.save(published)
    post_id = session.post_id
    blog.close()

    blog = open_blog(store_path)  # from disk
    try:
        post = blog.post(post_id)
        assert post.body == "First words. More words." and post.status == "published"
        assert post.rating == 4.0 and post.date  # published now
        reasons = [r.reason for r in EditSession.open(blog, post_id).history()]
        assert reasons == ["publish", "save", "autosave"]
        assert recoverable(blog) == []  # saving dropped the working copy
    finally:
        blog.close()


def test_autosave_writes_only_the_small_files(blog: Blog) -> None:
    session = new_session(blog)
    post, _ = session.build(form_of(session.saved), "words")
    files = ("posts", "posts-index", "drafts.json", "revisions")
    before = {t: blog.store.writes(t) for t in files}
    session.autosave(post)
    after = {t: blog.store.writes(t) for t in files}
    assert after["posts"] == before["posts"] and after["posts-index"] == before["posts-index"]
    assert after["drafts.json"] == before["drafts.json"] + 1
    assert after["revisions"] == before["revisions"] + 1  # the post's own revisions file


def test_working_copy_newer_than_saved_post_is_offered_back(store_path: Path) -> None:
    blog = open_blog(store_path)
    her = blog.post_by_slug("flixchatter-review-spike-jonzes-her")
    session = EditSession(blog, her, is_new=False, clock=Clock())
    changed, _ = session.build(form_of(her), her.body + "\n\nA new closing line.")
    session.autosave(changed)
    fresh = new_session(blog, title="Never saved")
    unsaved, _ = fresh.build(form_of(fresh.saved), "Lost words?")
    fresh.autosave(unsaved)
    blog.close()  # as if the app died

    blog = open_blog(store_path)
    try:
        offers = {r.post.id: r for r in recoverable(blog)}
        assert offers[her.id].post.body.endswith("A new closing line.")
        assert not offers[her.id].is_new
        assert offers[fresh.post_id].is_new and offers[fresh.post_id].post.body == "Lost words?"
        assert find_for_edit(blog, "never-saved").id == fresh.post_id
        reopened = EditSession.open(blog, fresh.post_id)
        assert reopened.is_new and reopened.working_copy() is not None
    finally:
        blog.close()


def test_diff_and_restore_make_a_new_revision(blog: Blog) -> None:
    session = new_session(blog)
    form = form_of(session.saved)
    one, _ = session.build(form, "line one\nline two\n")
    first = session.save(one)
    two, _ = session.build(form, "line one\nline 2\nline three\n")
    session.save(two)
    assert first is not None
    diff = unified_diff(first.post.body, two.body)
    assert "-line two\n" in diff and "+line 2\n" in diff and "+line three\n" in diff
    assert unified_diff("same\n", "same\n") == ""
    restored = session.restore(first)
    assert restored.body == "line one\nline two\n"
    assert blog.post(session.post_id).body == "line one\nline two\n"
    history = session.history()
    assert [r.reason for r in history] == ["restore", "save", "save"]
    assert history[0].note.startswith("from save of ")


def test_old_autosaves_are_pruned_manual_ones_kept(blog: Blog) -> None:
    session = new_session(blog)
    session.keep_autosaves = 3
    form = form_of(session.saved)
    for i in range(6):
        post, _ = session.build(form, f"version {i}")
        session.autosave(post)
        if i == 1:
            session.save(post)
    reasons = [r.reason for r in session.history()]
    assert reasons.count("autosave") == 3 and reasons.count("save") == 1
    assert session.history()[0].post.body == "version 5"


def fail_next_write(store: Path, rel: str) -> None:
    """Make the next write of the store's file `rel` hit a full disk (ENOSPC from /dev/full),
    whether it is written alone (a .tmp file) or with others (a .new file, then the journal)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    for suffix in ("tmp", "new"):
        temp_name(store, rel, suffix).symlink_to("/dev/full")


def test_disk_error_on_save_is_clear_and_loses_nothing(store_path: Path) -> None:
    blog = open_blog(store_path)
    try:
        session = new_session(blog)
        post, _ = session.build(form_of(session.saved), "precious words")
        session.autosave(post)
        before = storefiles.snapshot(store_path)
        posts_file = store_path / "posts" / f"{post.id}.json"
        fail_next_write(store_path, f"posts/{post.id}.json")
        with pytest.raises(StoreWriteError, match="No space left"):
            session.save(post)
        assert session.is_new  # still unsaved
        assert not posts_file.exists() and storefiles.snapshot(store_path) == before
        assert post.id not in {p.id for p in blog.posts()}  # memory matches disk
        assert storefiles.drafts(store_path)[post.id]["post"]["body"] == "precious words"
        session.save(post)  # the disk has room again
        assert blog.post(post.id).body == "precious words"
    finally:
        blog.close()


def test_copy_formats() -> None:
    post = post_from_template("blank", title="Her & me")
    post.body = "Some *emphasis*.\n"
    post.slug = "her-and-me"
    assert as_markdown(post) == "# Her & me\n\nSome *emphasis*.\n"
    assert as_html(post) == "<h1>Her &amp; me</h1>\n<p>Some <em>emphasis</em>.</p>\n"
    assert post_link(post, "https://flixchatter.net/") == "https://flixchatter.net/her-and-me/"
    post.source = {"link": "https://example.org/her"}
    assert post_link(post) == "https://example.org/her"


def test_form_round_trip(blog: Blog) -> None:
    her = blog.post_by_slug("flixchatter-review-spike-jonzes-her")
    session = EditSession(blog, her, is_new=False)
    post, errors = session.build(form_of(her), her.body)
    assert errors == {}
    assert post == her
    assert not session.changed(post)
    assert Form().status == "draft"


def test_filling_the_form_keeps_one_autosave_and_same_text_no_revision(blog: Blog) -> None:
    """Autosaves while only the form's fields change merge into one revision; a save of
    what the latest revision holds adds none; new words make a new one."""
    session = new_session(blog)
    form = form_of(session.saved)
    for i, title in enumerate(["A", "Ar", "Arr", "Arrival"]):
        post, _ = session.build(form.replace(title=title, rating=str(i)), "The same words.")
        session.autosave(post)
    history = session.history()
    assert [r.reason for r in history] == ["autosave"]
    assert history[0].post.title == "Arrival" and history[0].post.rating == 3.0
    first = session.save(post)  # what the autosave holds: it becomes the save (kept)
    assert first is not None and first.id == history[0].id
    assert session.save(post) is None  # nothing changed since: no second "save"
    assert [r.reason for r in session.history()] == ["save"]
    session.autosave(post)  # the saved text again: nothing new
    newer, _ = session.build(form.replace(title="Arrival"), "New words.")
    session.autosave(newer)
    assert [r.reason for r in session.history()] == ["autosave", "save"]
