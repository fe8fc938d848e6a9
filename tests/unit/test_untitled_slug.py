"""A post saved with an empty title got the slug "untitled", and kept it when a title came
later (the editor, opened again, fills the slug field with "untitled", so it read as a slug
the writer chose; the new-user pass). The slug follows the first real title while the post
is unpublished and never synced; a published or synced post keeps its slug (its URL)."""

from __future__ import annotations

import dataclasses

from reeltui.services import Blog
from reeltui.services.drafts import EditSession
from reeltui.services.postform import form_of
from reeltui.services.templates import post_from_template


def _saved_untitled(blog: Blog) -> str:
    """A blank post saved with no title, as the editor saves it; returns its id."""
    session = EditSession(blog, post_from_template("blank", author="Ruth"), is_new=True)
    post, errors = session.build(form_of(session.saved), "")
    assert not errors and post.slug.startswith("untitled")
    session.save(post)
    return post.id


def _titled_later(blog: Blog, post_id: str, title: str = "Tenet, Again") -> str:
    """The post opened again in the editor and given a title; returns its saved slug."""
    session = EditSession.open(blog, post_id)
    form = form_of(session.saved)
    post, errors = session.build(form.replace(title=title), session.saved.body)
    assert not errors, errors
    session.save(post)
    return blog.post(post_id).slug


def test_an_untitled_drafts_slug_follows_its_first_real_title(blog: Blog) -> None:
    post_id = _saved_untitled(blog)
    assert form_of(blog.post(post_id)).slug == ""  # the field says "from the title"
    assert _titled_later(blog, post_id) == "tenet-again"
    assert _titled_later(blog, post_id, "Tenet, Once More") == "tenet-again"  # set now


def test_a_second_untitled_draft_follows_its_title_too(blog: Blog) -> None:
    first = _saved_untitled(blog)
    session = EditSession(blog, post_from_template("blank", author="Ruth"), is_new=True)
    post, _ = session.build(form_of(session.saved), "")
    assert post.slug == "untitled-2"
    session.save(post)
    assert _titled_later(blog, post.id, "Dune") == "dune"
    assert blog.post(first).slug == "untitled"


def test_a_published_or_synced_untitled_post_keeps_its_slug(blog: Blog) -> None:
    post_id = _saved_untitled(blog)
    blog.save_post(dataclasses.replace(blog.post(post_id), source={"wp": "https://x.test/#7"}))
    assert form_of(blog.post(post_id)).slug == "untitled"
    assert _titled_later(blog, post_id) == "untitled"  # synced: its URL has that slug
    other = _saved_untitled(blog)
    blog.save_post(dataclasses.replace(blog.post(other), status="published"))
    assert _titled_later(blog, other, "Dune") == blog.post(other).slug != "dune"
