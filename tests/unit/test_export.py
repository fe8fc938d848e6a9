"""Exports: Markdown (round trip, demo blog), JSON (schema), WXR (what WordPress reads)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from defusedxml.ElementTree import parse

from reeltui.domain.models import Comment, Post
from reeltui.formats import FormatError
from reeltui.formats.frontmatter import read_dir
from reeltui.formats.jsonio import read_json
from reeltui.services import Blog
from reeltui.services.demo import read_demo
from reeltui.services.exporting import export
from reeltui.services.importer import import_path
from reeltui.store import Store, state
from tests.unit.test_wxr_roundtrip import DEMO_XML, snapshot

WP = "{http://wordpress.org/export/1.2/}"


def test_demo_blog_round_trips_through_markdown(blog: Blog, tmp_path: Path) -> None:
    report = export(blog, "markdown", tmp_path / "md")
    assert (report.posts, report.comments, report.files) == (4, 22, 4)
    back = read_dir(tmp_path / "md")
    assert back.skipped == []
    demo = {p.post.id: p for p in read_demo()}
    assert {p.post.id for p in back.posts} == set(demo)
    for parsed in back.posts:
        original = demo[parsed.post.id]
        assert parsed.post == original.post
        key = lambda c: c.id  # noqa: E731
        assert sorted(parsed.comments, key=key) == sorted(original.comments, key=key)


def test_markdown_store_markdown_store_loses_nothing(blog: Blog, tmp_path: Path) -> None:
    # Make the demo store harder: a local failed reply, and a post with RTL overrides.
    blog.save_post(
        Post(
            id="p-rtl",
            slug="the-road",
            title="The Road \u202eNot\u202c Taken: NO",
            tags=["on", "NO", "yes, really"],
            body="مرحبا \u202e\n\n    code block\n",
            date="2024-06-05T16:04:48+02:00",
            status="trash",
            rating=0.5,
        )
    )
    her = blog.post_by_slug("flixchatter-review-spike-jonzes-her")
    blog.save_comment(
        Comment(
            id="r-1",
            post_id=her.id,
            parent_id="c-her-1",
            author="Ruth",
            body="  indented\n\nand a \x1b[31mred\x1b[0m escape \u2028 \x85 \ufeff",
            origin="local",
            sync_state="failed",
            sync_error="HTTP 500",
        )
    )
    import_path(blog, DEMO_XML)  # matched by id: nothing new
    export(blog, "markdown", tmp_path / "one")
    second = Blog(Store.open(tmp_path / "s2"))
    try:
        report = import_path(second, tmp_path / "one")
        assert report.posts_added == 5 and report.skipped == []
        assert snapshot(second) == snapshot(blog)
        export(second, "markdown", tmp_path / "two")
    finally:
        second.close()
    one = sorted(p.name for p in (tmp_path / "one").iterdir())
    two = sorted(p.name for p in (tmp_path / "two").iterdir())
    assert one == two
    for name in one:
        assert (tmp_path / "one" / name).read_text() == (tmp_path / "two" / name).read_text()


def test_json_export_has_everything_and_reads_back(blog: Blog, tmp_path: Path) -> None:
    her = blog.post_by_slug("flixchatter-review-spike-jonzes-her")
    state.put_draft(blog.store, her, "2024-05-01T10:00:00+00:00")
    out = tmp_path / "all.json"
    report = export(blog, "json", out)
    assert (report.posts, report.comments) == (4, 22)
    document = json.loads(out.read_text())
    assert (document["format"], document["version"]) == ("reeltui-export", 3)
    assert set(document) == {
        "format",
        "version",
        "exported",
        "posts",
        "comments",
        "drafts",
        "outbox",
        "revisions",
        "reads",
        "diary",
    }
    assert document["drafts"][0]["post"]["id"] == her.id
    post_fields = set(document["posts"][0])
    assert {"id", "slug", "title", "body", "rating", "film", "source", "status"} <= post_fields
    result = read_json(out.read_bytes())
    fresh = Blog(Store.open(tmp_path / "s2"))
    try:
        import_path(fresh, out)
        assert snapshot(fresh) == snapshot(blog)
    finally:
        fresh.close()
    assert len(result.posts) == 4


def test_wxr_export_is_what_wordpress_reads(blog: Blog, tmp_path: Path) -> None:
    out = tmp_path / "blog.xml"
    report = export(blog, "wxr", out)
    assert (report.posts, report.comments) == (4, 22)
    root = parse(out).getroot()
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    logins = {a.findtext(f"{WP}author_login") for a in channel.iter(f"{WP}author")}
    assert logins == {"ruth", "conor-holt"}
    items = channel.findall("item")
    assert len(items) == 4
    for item in items:
        assert item.findtext(f"{WP}post_type") == "post"
        assert item.findtext(f"{WP}status") == "publish"
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") in logins
        comments = item.findall(f"{WP}comment")
        ids = {c.findtext(f"{WP}comment_id") for c in comments}
        for comment in comments:
            parent = comment.findtext(f"{WP}comment_parent")
            assert parent == "0" or parent in ids  # threads point inside the post
            assert comment.findtext(f"{WP}comment_approved") in ("1", "0", "spam", "trash")
        html = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or ""
        assert "<p>" in html  # WordPress gets HTML, not Markdown
    approvals = {c.findtext(f"{WP}comment_approved") for c in root.iter(f"{WP}comment")}
    assert {"1", "0", "spam"} <= approvals


def test_export_refuses_bad_targets(blog: Blog, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(FormatError, match="is a file"):
        export(blog, "markdown", tmp_path / "file.txt")
    with pytest.raises(FormatError, match="is a folder"):
        export(blog, "wxr", tmp_path)
    with pytest.raises(FormatError, match="does not exist"):
        export(blog, "json", tmp_path / "nope" / "x.json")
