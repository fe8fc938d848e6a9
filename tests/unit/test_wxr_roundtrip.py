"""WXR -> store -> WXR -> store loses nothing; re-imports are idempotent and keep local work."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reeltui.domain.models import Comment, Post
from reeltui.formats.wxr.reader import read_wxr
from reeltui.services import Blog
from reeltui.services.demo import read_demo
from reeltui.services.exporting import export
from reeltui.services.importer import import_path
from reeltui.store import Store, records, state
from tests.conftest import need_shared
from tests.unit.wxr_builder import C, Item, wxr

ROOT = Path(__file__).resolve().parents[2]
DEMO_XML = ROOT / "tests" / "fixtures" / "demo.xml"
READABLE = [
    "crazy-cdata.xml",
    "missing-tags.xml",
    "small-export.xml",
    "valid-wxr-1.0.xml",
    "valid-wxr-1.1.xml",
    "wxr-simple.xml",
    "wxr-utf-8-challenges.xml",
]


def empty_blog(folder: Path) -> Blog:
    return Blog(Store.open(folder))


def snapshot(blog: Blog) -> tuple[list[Post], list[Comment]]:
    posts = sorted(records.all_posts(blog.store), key=lambda p: p.id)
    comments = sorted(records.all_comments(blog.store), key=lambda c: c.id)
    return posts, comments


def wxr_round_trip(source: Path, tmp_path: Path) -> None:
    first = empty_blog(tmp_path / "a")
    import_path(first, source)
    exported = tmp_path / "out.xml"
    export(first, "wxr", exported)
    second = empty_blog(tmp_path / "b")
    import_path(second, exported)
    try:
        assert snapshot(second) == snapshot(first)
        assert snapshot(first)[0], "nothing was imported"
    finally:
        first.close()
        second.close()


@pytest.mark.parametrize("name", READABLE)
def test_shared_fixture_round_trip(name: str, tmp_path: Path) -> None:
    wxr_round_trip(need_shared("fixtures", "wxr", name), tmp_path)


def test_demo_wxr_round_trip(tmp_path: Path) -> None:
    wxr_round_trip(DEMO_XML, tmp_path)


def test_wordpress_style_threads_round_trip(tmp_path: Path) -> None:
    comments = [C("1"), C("2", parent="1", approved="0"), C("3", parent="2", approved="spam")]
    comments += [C("4", type="pingback", approved="trash"), C("5", content="a<br />b &amp; c")]
    doc = wxr(
        [
            Item("1", title="Her", comments=comments, terms=[("category", "Review")]),
            Item("2", title="Draft", status="draft", name="", date_gmt="0000-00-00 00:00:00"),
        ]
    )
    source = tmp_path / "site.xml"
    source.write_bytes(doc)
    wxr_round_trip(source, tmp_path)


def test_demo_fixture_is_the_exporters_output_of_the_demo_blog() -> None:
    """tests/fixtures/demo.xml is the exporter's output for data/demo (only the date differs).

    After changing the demo blog or the exporter, regenerate it:
        .venv/bin/python -c "from pathlib import Path
        from reeltui.services.demo import read_demo
        from reeltui.formats.wxr.writer import write_wxr
        Path('tests/fixtures/demo.xml').write_bytes(write_wxr(read_demo(),
            site='https://flixchatter.example/', title='FlixChatter (reeltui demo)'))"
    """
    from reeltui.formats.wxr.writer import write_wxr

    def strip_date(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if b"<pubDate>" not in line or b"\t\t" in line]

    fresh = write_wxr(
        read_demo(), site="https://flixchatter.example/", title="FlixChatter (reeltui demo)"
    )
    assert strip_date(fresh) == strip_date(DEMO_XML.read_bytes())


def test_demo_through_wxr_keeps_every_field_but_the_new_source_ids(tmp_path: Path) -> None:
    blog = empty_blog(tmp_path / "s")
    import_path(blog, DEMO_XML)
    try:
        posts, comments = snapshot(blog)
    finally:
        blog.close()
    demo = read_demo()
    expected = sorted((p.post for p in demo), key=lambda p: p.id)
    assert [dataclasses.replace(p, source={}) for p in posts] == expected
    expected_comments = sorted((c for p in demo for c in p.comments), key=lambda c: c.id)
    assert [dataclasses.replace(c, source={}) for c in comments] == expected_comments


def test_reimport_changes_nothing_and_writes_nothing(tmp_path: Path) -> None:
    blog = empty_blog(tmp_path / "s")
    try:
        first = import_path(blog, DEMO_XML)
        assert (first.posts_added, first.comments_added) == (4, 22)
        before = snapshot(blog)
        writes = (blog.store.writes("posts"), blog.store.writes("comments"))
        again = import_path(blog, DEMO_XML)
        assert not again.changed
        assert (again.posts_unchanged, again.comments_unchanged) == (4, 22)
        assert (blog.store.writes("posts"), blog.store.writes("comments")) == writes
        assert snapshot(blog) == before
    finally:
        blog.close()


def test_updated_export_updates_posts_and_keeps_drafts_and_local_replies(tmp_path: Path) -> None:
    old = wxr([Item("1", title="Her", comments=[C("1")]), Item("2", title="Gravity", name="g")])
    new = wxr(
        [
            Item("1", title="Her (updated)", comments=[C("1"), C("2", parent="1")]),
            Item("2", title="Gravity", name="g"),
            Item("3", title="Nebraska", name="nebraska"),
        ]
    )
    (tmp_path / "old.xml").write_bytes(old)
    (tmp_path / "new.xml").write_bytes(new)
    blog = empty_blog(tmp_path / "s")
    try:
        import_path(blog, tmp_path / "old.xml")
        her = blog.post_by_slug("a-post")
        draft = dataclasses.replace(her, body="My unsaved rewrite\n")
        state.put_draft(blog.store, draft, "2024-01-01T00:00:00+00:00")
        reply = Comment(
            id="r-local-1",
            post_id=her.id,
            parent_id="c-wxr-1",
            author="Ruth",
            body="Thanks!",
            origin="local",
            sync_state="queued",
        )
        blog.save_comment(reply)
        report = import_path(blog, tmp_path / "new.xml")
        assert (report.posts_added, report.posts_updated, report.posts_unchanged) == (1, 1, 1)
        assert (report.comments_added, report.comments_unchanged) == (1, 1)
        assert report.drafts_kept == 1
        assert blog.post(her.id).title == "Her (updated)"
        assert state.get_draft(blog.store, her.id) == (draft, "2024-01-01T00:00:00+00:00")
        assert blog.comment("r-local-1") == reply
        assert blog.comment("c-wxr-2").parent_id == "c-wxr-1"
    finally:
        blog.close()


def test_sent_reply_coming_back_from_the_blog_is_not_duplicated(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(wxr([Item("1", comments=[C("1")])]))
    (tmp_path / "b.xml").write_bytes(
        wxr([Item("1", comments=[C("1"), C("50", parent="1", content="Thanks!")])])
    )
    blog = empty_blog(tmp_path / "s")
    try:
        import_path(blog, tmp_path / "a.xml")
        post = blog.posts()[0]
        sent = Comment(
            id="r-1",
            post_id=post.id,
            parent_id="c-wxr-1",
            body="Thanks!",
            origin="local",
            sync_state="sent",
            remote_id="50",
        )
        blog.save_comment(sent)
        report = import_path(blog, tmp_path / "b.xml")
        assert report.local_kept == 1 and report.comments_added == 0
        assert sorted(c.id for c in blog.all_comments()) == ["c-wxr-1", "r-1"]
    finally:
        blog.close()


def test_same_ids_from_two_sites_do_not_collide(tmp_path: Path) -> None:
    thread = [C("1"), C("2", parent="1")]
    (tmp_path / "a.xml").write_bytes(wxr([Item("1", comments=thread)], site="https://a/"))
    (tmp_path / "b.xml").write_bytes(wxr([Item("1", comments=thread)], site="https://b/"))
    blog = empty_blog(tmp_path / "s")
    try:
        import_path(blog, tmp_path / "a.xml")
        import_path(blog, tmp_path / "b.xml")
        assert len(blog.posts()) == 2 and len(blog.all_comments()) == 4
        assert sorted(p.slug for p in blog.posts()) == ["a-post", "a-post-2"]
        assert {c.post_id for c in blog.all_comments()} == {p.id for p in blog.posts()}
        for post in blog.posts():
            ids = {c.id for c in blog.comments(post.id)}
            assert [d for _, d in blog.thread(post.id)] == [1, 2]
            assert all(c.parent_id in (None, *ids) for c in blog.comments(post.id))
    finally:
        blog.close()


def test_reader_and_store_agree_on_counts(tmp_path: Path) -> None:
    result = read_wxr(DEMO_XML)
    blog = empty_blog(tmp_path / "s")
    try:
        import_path(blog, DEMO_XML)
        assert len(blog.posts()) == len(result.posts)
        assert len(blog.all_comments()) == sum(len(p.comments) for p in result.posts)
    finally:
        blog.close()


def test_bulk_documents_are_what_asdict_gives() -> None:
    from reeltui.store.record_docs import as_doc

    for parsed in read_demo():
        assert as_doc(parsed.post) == parsed.post.to_dict()
        for comment in parsed.comments:
            assert as_doc(comment) == comment.to_dict()


def test_ids_used_twice_in_a_file_import_once_and_stay_stable(tmp_path: Path) -> None:
    doc = wxr(
        [
            Item("1", title="One", name="one", comments=[C("5"), C("6", parent="5")]),
            Item("1", title="Copy", name="copy", comments=[C("5"), C("6", parent="5")]),
        ]
    )
    (tmp_path / "dup.xml").write_bytes(doc)
    blog = empty_blog(tmp_path / "s")
    try:
        first = import_path(blog, tmp_path / "dup.xml")
        assert (first.posts_added, first.comments_added) == (2, 4)
        assert any("used twice" in n for n in first.notes)
        again = import_path(blog, tmp_path / "dup.xml")
        assert not again.changed
        for post in blog.posts():
            assert [d for _, d in blog.thread(post.id)] == [1, 2]
    finally:
        blog.close()
