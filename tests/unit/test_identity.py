"""Who the writer is: from the settings, else the site user sync recorded; what they write is
signed with it, and their own posts and replies are never "new" or unread to them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reeltui.cli import main
from reeltui.domain.identity import Identity
from reeltui.domain.models import Comment, Post
from reeltui.domain.readers import OwnPeople
from reeltui.services import Blog, identity, inbox, reads, replies
from reeltui.services.drafts import EditSession
from reeltui.services.templates import post_from_template
from reeltui.store import state

HER = "p-flixchatter-review-spike-jonzes-her"
GUEST = "p-guest-post-elysium-her-the-nature-of-science-fiction"
ME = Identity("Marcy Lindqvist", "marcy.lindqvist@example.com")


def test_the_site_user_is_the_writer_until_the_settings_name_one(blog: Blog) -> None:
    assert identity.from_site(blog) is None
    assert identity.known(None, blog) == Identity()
    assert identity.suggested(None, blog) == Identity("Ruth")  # the main author, to confirm
    site = {"id": 3, "name": "Ruth M", "slug": "ruth", "email": "ruth@example.org"}
    state.put_meta_doc(blog.store, identity.SITE_KEY, site)
    assert identity.known(None, blog) == Identity("Ruth M", "ruth@example.org")
    assert identity.known(Identity("", ""), blog) == Identity("Ruth M", "ruth@example.org")
    assert identity.known(ME, blog) == ME


@pytest.mark.parametrize("doc", [None, "text", {"name": ""}, {"email": "x@y"}, {"id": 1}])
def test_a_missing_or_odd_site_record_is_no_identity(blog: Blog, doc: object) -> None:
    if doc is not None:
        state.put_meta_doc(blog.store, identity.SITE_KEY, {"value": doc})
    assert identity.from_site(blog) is None


def row_count(blog: Blog, post_id: str) -> int:
    """The count the post list shows (readers' comments), which the marks compare with."""
    return next(r.comment_count for r in blog.rows() if r.post.id == post_id)


def test_own_replies_are_never_new_comments(blog: Blog) -> None:
    blog.signers = lambda: OwnPeople.of((), ME)  # as the app tells the blog who writes
    reads.mark_read(blog, HER, ME)
    before = reads.Marks(blog).of(blog.post(HER), row_count(blog, HER))
    assert before == reads.ReadMark(unread=False, new_comments=0)
    reply = replies.reply(blog, "c-her-6", "Thanks!", author="Someone Else")
    assert reply.origin == "local"
    after = reads.Marks(blog).of(blog.post(HER), row_count(blog, HER))
    assert after.new_comments == 0  # the writer's own reply, whatever name it carries
    blog.save_comment(Comment(id="c-site", post_id=HER, author="marcy  LINDQVIST", body="hi"))
    blog.save_comment(Comment(id="c-mail", post_id=HER, author="M.", email=ME.email, body="x"))
    mine = reads.Marks(blog).of(blog.post(HER), row_count(blog, HER))
    assert mine.new_comments == 0  # from the site, signed with the writer's name or email
    blog.save_comment(Comment(id="c-reader", post_id=HER, author="A reader", body="hello"))
    theirs = reads.Marks(blog).of(blog.post(HER), row_count(blog, HER))
    assert theirs.new_comments == 1
    # spam, a pingback and a comment waiting for moderation are not new readers' comments
    for i, odd in enumerate(({"status": "spam"}, {"kind": "pingback"}, {"status": "pending"})):
        blog.save_comment(Comment(id=f"c-odd-{i}", post_id=HER, author="Bot", body="x", **odd))
    assert reads.Marks(blog).of(blog.post(HER), row_count(blog, HER)).new_comments == 1


def test_a_post_is_unread_until_opened_whoever_wrote_it(blog: Blog) -> None:
    """Knowing who the writer is changes no dot (the first signed reply made Ruth's posts
    read before she opened them); opening one does."""
    marks = reads.Marks(blog)
    assert marks.of(blog.post(HER), 6).unread  # Ruth's, not opened yet
    assert marks.of(blog.post(GUEST), 6).unread  # Conor's, not opened yet
    reads.mark_read(blog, HER, Identity("Ruth"))
    assert not reads.Marks(blog).of(blog.post(HER), 6).unread


def test_a_new_post_saved_here_is_read(blog: Blog) -> None:
    post = post_from_template("review", title="Arrival", author="")
    session = EditSession(blog, post, is_new=True)
    session.save(post)
    assert not reads.Marks(blog).of(blog.post(post.id), 0).unread


def test_a_sent_reply_answers_its_thread_whatever_name_signs_it(blog: Blog) -> None:
    waiting = {i.comment.id for i in inbox.needs_reply(blog)}
    assert "c-her-6" in waiting
    replies.reply(blog, "c-her-6", "Thanks Priya!", author="Marcy Lindqvist")
    assert "c-her-6" not in {i.comment.id for i in inbox.needs_reply(blog)}


def test_my_drafts_first(blog: Blog) -> None:
    blog.save_post(Post(id="p-d1", slug="d1", title="Mine", author="Ruth", status="draft"))
    blog.save_post(Post(id="p-d2", slug="d2", title="Conor's", author="Conor Holt", status="draft"))
    blog.save_post(Post(id="p-p", slug="p", title="Queued", author="Ruth", status="pending"))
    rows = blog.rows()
    mine = identity.my_drafts_first(rows, Identity("Ruth"))
    assert [r.post.id for r in mine][:2] == ["p-d1", "p-p"]
    assert {r.post.author for r in mine} == {"Ruth"}
    everyone = identity.my_drafts_first(rows, Identity())
    assert [r.post.status for r in everyone][:3] == ["draft", "draft", "pending"]


def test_undated_drafts_sort_as_the_newest(blog: Blog) -> None:
    blog.save_post(Post(id="p-new", slug="new", title="New", author="Ruth", status="draft"))
    assert blog.rows()[0].post.id == "p-new"


def write_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    monkeypatch.setenv("REELTUI_CONFIG", str(config))


def test_cli_reply_is_signed_with_the_settings_identity(
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_identity(tmp_path, monkeypatch, '[identity]\nname = "Marcy L"\nemail = "m@example.org"\n')
    slug = "guest-post-elysium-her-the-nature-of-science-fiction"
    assert main(["--store", str(store_path), "reply", slug, "c-guest-3", "--text", "Hi"]) == 0
    capsys.readouterr()
    assert main(["--store", str(store_path), "outbox", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["comment"]["author"] == "Marcy L"  # not the guest writer, Conor Holt


def test_cli_reply_without_identity_is_signed_by_the_main_author_not_the_guest(
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "none.toml"))
    slug = "guest-post-elysium-her-the-nature-of-science-fiction"
    assert main(["--store", str(store_path), "reply", slug, "c-guest-3", "--text", "Hi"]) == 0
    capsys.readouterr()
    assert main(["--store", str(store_path), "outbox", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["comment"]["author"] == "Ruth"
