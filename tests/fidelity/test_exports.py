"""Import -> export keeps every untouched post byte for byte (WXR), and JSON carries both the
site's HTML and the Markdown; both read back keeping them. Real stores on disk throughout."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from defusedxml.ElementTree import ParseError, fromstring

from reeltui.domain.models import Post
from reeltui.formats.sitehtml import keep_site_text
from reeltui.formats.wxr.reader import read_wxr
from reeltui.services import Blog
from reeltui.services.drafts import EditSession
from reeltui.services.exporting import export
from reeltui.services.importer import import_path
from reeltui.services.postform import form_of
from reeltui.store import Store
from tests.conftest import need_shared
from tests.fidelity.corpus import CORPUS, EXCERPTS, SHARED_WXR
from tests.unit.wxr_builder import Item, wxr
from tests.v1store import write_v1

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _text(post: Post) -> tuple[str, str, str, str]:
    """What a round trip must keep of a post's text: the site's HTML and the Markdown."""
    return post.html, post.excerpt_html, post.body, post.excerpt


def _fresh(path: Path) -> Blog:
    return Blog(Store.open(path))


@pytest.fixture
def corpus_wxr(tmp_path: Path) -> Path:
    excerpts = list(EXCERPTS.values())
    items = [
        Item(
            id=str(n),
            title=name,
            name=f"post-{n}",
            content=html,
            excerpt=excerpts[n % len(excerpts)],
        )
        for n, (name, html) in enumerate(sorted(CORPUS.items()), 1)
    ]
    path = tmp_path / "corpus.xml"
    path.write_bytes(wxr(items))
    return path


def _items(data: bytes) -> dict[str, tuple[str, str]]:
    """post title -> (content:encoded, excerpt:encoded) as an XML reader gets them."""
    found = {}
    for item in fromstring(data).iter("item"):
        kind = next((c.text for c in item if c.tag.endswith("}post_type")), "")
        if kind != "post":
            continue
        fields = {c.tag.rsplit("}", 1)[-1]: c.text or "" for c in item}
        title = fields.get("title", "").strip()
        content = next((c.text or "" for c in item if c.tag == CONTENT), "")
        excerpt = next((c.text or "" for c in item if "excerpt" in c.tag), "")
        found[title] = (content, excerpt)
    return found


def _round_trip(
    source: Path, tmp_path: Path
) -> Iterator[tuple[str, tuple[str, str], tuple[str, str]]]:
    blog = _fresh(tmp_path / "store")
    try:
        import_path(blog, source)
        out = tmp_path / "out.xml"
        export(blog, "wxr", out)
    finally:
        blog.close()
    try:
        before = _items(source.read_bytes())
    except ParseError:  # WordPress's own reading of a file a strict parser refuses
        before = {p.post.title: (p.post.html, p.post.excerpt_html) for p in read_wxr(source).posts}
    after = _items(out.read_bytes())
    for title, original in before.items():
        yield title, original, after[title]


def test_corpus_import_then_export_is_byte_identical(corpus_wxr: Path, tmp_path: Path) -> None:
    seen = 0
    for title, original, exported in _round_trip(corpus_wxr, tmp_path):
        assert exported == original, title
        seen += 1
    assert seen == len(CORPUS)


@pytest.mark.parametrize("name", [n for n in SHARED_WXR if n != "malformed.xml"])
def test_shared_exports_import_then_export_byte_identical(name: str, tmp_path: Path) -> None:
    source = need_shared("fixtures", "wxr", name)
    pairs = list(_round_trip(source, tmp_path))
    assert pairs, name
    for title, original, exported in pairs:
        assert exported == original, (name, title)


def test_a_carriage_return_in_the_sites_html_survives_the_export(tmp_path: Path) -> None:
    blog = _fresh(tmp_path / "store")
    html = "<!-- wp:paragraph -->\r\n<p>Windows line ends</p>\r\n<!-- /wp:paragraph -->"
    post = Post(
        id="p1", slug="p1", title="CRLF", status="published", html=html, body="Windows line ends\n"
    )
    try:
        blog.save_post(keep_site_text(post, post))
        export(blog, "wxr", tmp_path / "out.xml")
        content, _ = _items((tmp_path / "out.xml").read_bytes())["CRLF"]
        assert content == html
        import_path(_fresh(tmp_path / "again"), tmp_path / "out.xml")
    finally:
        blog.close()
    again = _fresh(tmp_path / "again")
    try:
        (back,) = again.full_posts()
        assert back.html == html and back.body == "Windows line ends\n"
    finally:
        again.close()


def test_json_export_carries_html_and_markdown_and_reads_back(
    corpus_wxr: Path, tmp_path: Path
) -> None:
    blog = _fresh(tmp_path / "store")
    try:
        import_path(blog, corpus_wxr)
        originals = {p.title: p for p in blog.full_posts()}
        export(blog, "json", tmp_path / "out.json")
    finally:
        blog.close()
    document = orjson.loads((tmp_path / "out.json").read_bytes())
    for raw in document["posts"]:
        assert raw["html"] == CORPUS[raw["title"]]
        assert raw["body"] == originals[raw["title"]].body and raw["body"]
    again = _fresh(tmp_path / "again")
    try:
        import_path(again, tmp_path / "out.json")
        for post in again.full_posts():
            assert _text(post) == _text(originals[post.title]), post.title
        # and a WXR export from there still gives the site's text back exactly
        export(again, "wxr", tmp_path / "again.xml")
    finally:
        again.close()
    exported = _items((tmp_path / "again.xml").read_bytes())
    for title, html in CORPUS.items():
        assert exported[title][0] == html


def test_reeltui_wxr_export_reads_back_with_markdown_and_kept_html(
    corpus_wxr: Path, tmp_path: Path
) -> None:
    blog = _fresh(tmp_path / "store")
    try:
        import_path(blog, corpus_wxr)
        edited = blog.post_by_slug("post-1")
        saved = keep_site_text(edited, dataclasses.replace(edited, body=edited.body + "\nMine.\n"))
        blog.save_post(saved)
        blog.save_post(
            Post(
                id="p-new",
                slug="new",
                title="Written here",
                body="Just *mine*.\n",
                excerpt="Mine *too*",
            )
        )
        originals = {p.id: p for p in blog.full_posts()}
        export(blog, "wxr", tmp_path / "out.xml")
    finally:
        blog.close()
    again = _fresh(tmp_path / "again")
    try:
        import_path(again, tmp_path / "out.xml")
        back = {p.title: p for p in again.full_posts()}
    finally:
        again.close()
    for original in originals.values():
        assert _text(back[original.title]) == _text(original), original.title
    written = _items((tmp_path / "out.xml").read_bytes())["Written here"]
    assert written == (
        "<!-- wp:paragraph -->\n<p>Just <em>mine</em>.</p>\n<!-- /wp:paragraph -->",
        "Mine <em>too</em>",
    )


def test_a_store_from_before_keeps_working_and_a_post_without_html_behaves_as_before(
    tmp_path: Path,
) -> None:
    """A post record written before posts kept their HTML (no html fields, in a store of
    schema 1) loads, edits, saves and exports as a post written here: blocks made from its
    Markdown."""
    old = {"slug": "old", "title": "Old", "status": "draft", "body": "Some *words*.\n"}
    write_v1(tmp_path / "store", [], [], raw_posts={"p-old": {**old, "excerpt": "An *old* one"}})
    blog = _fresh(tmp_path / "store")
    try:
        post = blog.post("p-old")
        assert (post.html, post.excerpt_html) == ("", "")
        session = EditSession.open(blog, post.id)
        edited, _ = session.build(form_of(session.saved), "Other *words*.\n")
        session.save(edited)
        assert (blog.post(post.id).html, blog.post(post.id).body) == ("", "Other *words*.\n")
        export(blog, "wxr", tmp_path / "out.xml")
    finally:
        blog.close()
    content, excerpt = _items((tmp_path / "out.xml").read_bytes())["Old"]
    assert content == "<!-- wp:paragraph -->\n<p>Other <em>words</em>.</p>\n<!-- /wp:paragraph -->"
    assert excerpt == "An <em>old</em> one"


def test_markdown_files_imported_over_a_site_post_change_only_what_was_edited(
    corpus_wxr: Path, tmp_path: Path
) -> None:
    """Export as Markdown files, fix a word in one file with any editor, import the folder
    back: the post's HTML changes by that word, the other posts not at all."""
    blog = _fresh(tmp_path / "store")
    try:
        import_path(blog, corpus_wxr)
        before = {p.title: p.html for p in blog.full_posts()}
        export(blog, "markdown", tmp_path / "md")
        (target,) = [
            f for f in (tmp_path / "md").iterdir() if "Every classic post" in f.read_text()
        ]
        target.write_text(
            target.read_text().replace("starts as plain text", "starts as plain prose")
        )
        import_path(blog, tmp_path / "md")
        after = {p.title: p.html for p in blog.full_posts()}
    finally:
        blog.close()
    for title, html in before.items():
        if title == "classic tags":
            assert after[title] == html.replace("starts as plain text", "starts as plain prose")
        else:
            assert after[title] == html, title
