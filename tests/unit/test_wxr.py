"""The WXR reader on the real WordPress test exports (../shared) and on hand-built files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reeltui.domain.models import thread_order
from reeltui.domain.sanitize import sanitize_line
from reeltui.formats import FormatError, ReadResult
from reeltui.formats.wxr.reader import read_wxr, read_wxr_bytes
from tests.conftest import need_shared
from tests.unit.wxr_builder import C, Item, wxr

# file -> (posts, comments, skipped kinds, titles in file order)
EXPECTED: dict[str, tuple[int, int, dict[str, int], list[str]]] = {
    "crazy-cdata.xml": (1, 0, {}, ["Hello world!"]),
    "missing-tags.xml": (1, 0, {}, ["No Author Post"]),
    "small-export.xml": (
        6,
        1,
        {"page": 5},
        [
            "Hello world!",
            "Private Post",
            "Foo-child",
            "Top-level Foo",
            "Non-standard post format",
            "Many Categories",
        ],
    ),
    "valid-wxr-1.0.xml": (3, 1, {"page": 3}, ["Hello world!", "Alpha post", "Child post"]),
    "valid-wxr-1.1.xml": (1, 1, {"page": 1}, ["Hello world!"]),
    "wxr-simple.xml": (1, 0, {}, ['"The Road Not Taken" by Robert Frost']),
    "wxr-utf-8-challenges.xml": (
        1,
        0,
        {},
        ['"The Road \u202eNot\u202c Taken" by Rob\u202dert \u202eFrost \u202a🌲\u202c'],
    ),
}


def _shared(name: str) -> Path:
    return need_shared("fixtures", "wxr", name)


def test_every_shared_fixture_is_covered() -> None:
    folder = need_shared("fixtures", "wxr")
    names = {p.name for p in folder.glob("*.xml")}
    assert names == set(EXPECTED) | {"malformed.xml"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shared_fixture_counts_and_titles(name: str) -> None:
    posts, comments, skipped, titles = EXPECTED[name]
    result = read_wxr(_shared(name))
    assert len(result.posts) == posts
    assert sum(len(p.comments) for p in result.posts) == comments
    assert dict(Counter(s.kind for s in result.skipped)) == skipped
    assert [p.post.title for p in result.posts] == titles
    ids = [c.id for p in result.posts for c in p.comments]
    assert len(ids) == len(set(ids))


def test_small_export_fields() -> None:
    result = read_wxr(_shared("small-export.xml"))
    posts = {p.post.title: p for p in result.posts}
    hello = posts["Hello world!"]
    assert hello.post.author == "author"
    assert hello.post.status == "published"
    assert hello.post.date == "2011-01-18T07:40:14+00:00"
    assert {k: v for k, v in hello.post.source.items() if k != "html_for"} == {
        "wxr": "1",
        "wxr_site": "http://localhost/",
    }
    assert hello.post.html.startswith("Welcome to WordPress.")  # the site's text, as it came
    (comment,) = hello.comments
    assert (comment.id, comment.author, comment.status, comment.kind) == (
        "c-wxr-1",
        "Mr WordPress",
        "approved",
        "comment",
    )
    assert comment.source["wxr"] == "1"
    assert "view the post's comments" in comment.body  # &#039; decoded
    private = posts["Private Post"].post
    assert private.status == "private"
    assert private.tags == ["Tag1", "Tag2", "Tag3"]
    assert private.categories == ["Uncategorized"]
    assert posts["Foo-child"].post.author == "editor"
    many = posts["Many Categories"].post
    assert len(many.categories) == 27 and "远征手记" in many.categories
    assert posts["Non-standard post format"].post.categories == ["Uncategorized"]


def test_wxr_1_0_categories_without_domain_and_old_tag_domain() -> None:
    result = read_wxr(_shared("valid-wxr-1.0.xml"))
    posts = {p.post.title: p.post for p in result.posts}
    assert posts["Alpha post"].categories == ["alpha"]
    assert posts["Alpha post"].tags == ["news", "roar"]
    assert posts["Child post"].tags == ["chicken", "face"]
    assert posts["Hello world!"].author == "admin"  # no author list: the login


def test_wxr_1_1_author_display_name_and_custom_taxonomy_ignored() -> None:
    (parsed,) = read_wxr(_shared("valid-wxr-1.1.xml")).posts
    assert parsed.post.author == "John Doe"
    assert parsed.post.categories == ["alpha"] and parsed.post.tags == ["Clippable"]


def test_utf8_challenges_kept_in_store_sanitised_on_display() -> None:
    (parsed,) = read_wxr(_shared("wxr-utf-8-challenges.xml")).posts
    post = parsed.post
    assert "\u202e" in post.title  # kept as is
    assert sanitize_line(post.title) == '"The Road Not Taken" by Robert Frost 🌲'
    assert "السلام عليكم" in post.body
    assert "𝓣𝓮𝓼𝓽 𝓜𝓾𝓵𝓽𝓲-𝓑𝔂𝓽𝓮" in post.body
    assert "\u202e" in post.excerpt and "🚀🌟" in post.excerpt
    assert post.categories[0].endswith("🎭")
    assert post.slug == "hello-w\u202eorld\u202c-utf8-💫-test"
    assert post.rating is None  # "⭐️" among emoji is not a one-star rating


def test_wxr_simple_body_keeps_every_visible_word() -> None:
    (parsed,) = read_wxr(_shared("wxr-simple.xml")).posts
    body = parsed.post.body
    assert "Two roads diverged in a yellow wood," in body
    assert "[the other](https://playground.internal/path-not-taken)" in body
    assert "https://playground.internal/path-not-taken was the second best choice." in body
    assert "wp:paragraph" not in body


def test_crazy_cdata_read_like_wordpress_does() -> None:
    result = read_wxr(_shared("crazy-cdata.xml"))
    # not well-formed XML, but its one item was read whole, item by item: nothing is missing
    assert result.broken == "" and result.skipped == []
    assert "line 18" in result.notes[0] and "nothing was left out" in result.notes[0]
    (parsed,) = result.posts
    assert parsed.post.body.startswith("Content with nested")
    assert parsed.post.body.rstrip().endswith(":)")


def test_malformed_file_is_refused_with_the_place() -> None:
    with pytest.raises(FormatError, match=r"line 90, column 2 \(mismatched tag\); nothing"):
        read_wxr(_shared("malformed.xml"))


# -- hand-built files -----------------------------------------------------------------------

NAMESPACES = [
    f"{scheme}://wordpress.org/export/{v}/"
    for scheme in ("http", "https")
    for v in ("1.0", "1.1", "1.2")
]


@pytest.mark.parametrize("ns", NAMESPACES)
def test_six_namespace_variants(ns: str) -> None:
    doc = wxr([Item("5", title="Her", excerpt="Short", comments=[C("9")])], ns=ns)
    (parsed,) = read_wxr_bytes(doc).posts
    assert (parsed.post.title, parsed.post.author, parsed.post.excerpt) == ("Her", "Ruth", "Short")
    assert [c.id for c in parsed.comments] == ["c-wxr-9"]


def test_threading_statuses_and_types() -> None:
    comments = [
        C("1"),
        C("2", parent="1", approved="0"),
        C("3", parent="2", approved="spam"),
        C("4", approved="trash", type="pingback"),
        C("5", parent="4", type="trackback"),
        C("6", type="comment", parent="77"),  # parent not in this post
    ]
    result = read_wxr_bytes(wxr([Item("1", comments=comments)]))
    (parsed,) = result.posts
    by_id = {c.id: c for c in parsed.comments}
    assert by_id["c-wxr-2"].parent_id == "c-wxr-1"
    assert by_id["c-wxr-3"].parent_id == "c-wxr-2"
    assert by_id["c-wxr-5"].parent_id == "c-wxr-4"
    assert by_id["c-wxr-6"].parent_id is None
    assert any("answers comment 77" in n for n in result.notes)
    statuses = [by_id[f"c-wxr-{n}"].status for n in range(1, 6)]
    assert statuses == ["approved", "pending", "spam", "trash", "approved"]
    kinds = [by_id[f"c-wxr-{n}"].kind for n in range(1, 7)]
    assert kinds == ["comment", "comment", "comment", "pingback", "trackback", "comment"]
    depths = [d for _, d in thread_order(parsed.comments)]
    assert max(depths) == 3
    assert (
        by_id["c-wxr-1"].email == "r@example.org" and by_id["c-wxr-1"].url == "https://r.example/"
    )


def test_every_status_drafts_without_slug_and_other_types_skipped() -> None:
    statuses = ["publish", "future", "draft", "pending", "private", "trash"]
    items = [
        Item(str(n), title="Untitled draft" if s == "draft" else f"Post {n}", status=s, name="")
        for n, s in enumerate(statuses, 1)
    ]
    items += [
        Item("20", type="page"),
        Item("21", type="attachment"),
        Item("22", type="nav_menu_item"),
    ]
    items.append(Item("23", type=""))
    result = read_wxr_bytes(wxr(items))
    assert [p.post.status for p in result.posts] == [
        "published",
        "scheduled",
        "draft",
        "pending",
        "private",
        "trash",
    ]
    assert result.posts[2].post.slug == "untitled-draft"
    assert dict(Counter(s.kind for s in result.skipped)) == {
        "page": 1,
        "attachment": 1,
        "nav_menu_item": 1,
        "no type": 1,
    }


def test_dates_gmt_preferred_offset_kept_zero_dates_empty() -> None:
    items = [
        Item("1", date="2014-01-11 11:00:00", date_gmt="2014-01-11 09:00:00"),
        Item("2", date="2014-01-11 11:00:00", date_gmt="0000-00-00 00:00:00"),
        Item("3", date="0000-00-00 00:00:00", date_gmt="0000-00-00 00:00:00"),
    ]
    posts = [p.post for p in read_wxr_bytes(wxr(items)).posts]
    assert posts[0].date == "2014-01-11T11:00:00+02:00"
    assert posts[1].date == "2014-01-11T11:00:00+00:00"
    assert posts[2].date == ""


def test_rating_sticky_terms_and_classic_editor_body() -> None:
    body = "First paragraph.\n\nMy verdict: <strong>4.5 out of 5 reels</strong>\n\n<h2>Cast</h2>"
    item = Item(
        "1",
        content=body,
        sticky="1",
        terms=[("category", "Review"), ("post_tag", "Her"), ("post_format", "Aside")],
    )
    (parsed,) = read_wxr_bytes(wxr([item])).posts
    post = parsed.post
    assert post.rating == 4.5 and post.sticky
    assert (post.categories, post.tags) == (["Review"], ["Her"])
    assert post.body == "First paragraph.\n\nMy verdict: **4.5 out of 5 reels**\n\n## Cast\n"


def test_xml_bomb_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<rss><channel><item><title>&lol3;</title></item></channel></rss>"
    )
    with pytest.raises(FormatError, match=r"refused.*billion laughs"):
        read_wxr_bytes(bomb)


def test_external_entity_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<rss><channel><item><title>&xxe;</title></item></channel></rss>"
    ).encode()
    with pytest.raises(FormatError, match=r"refused.*XXE") as info:
        read_wxr_bytes(xxe)
    assert "TOP SECRET" not in str(info.value)


def test_huge_attribute_refused() -> None:
    doc = wxr([Item("1")]).replace(
        b"<title>Test</title>", b'<title a="' + b"x" * (2 << 20) + b'">T</title>'
    )
    with pytest.raises(FormatError, match="attribute value longer than"):
        read_wxr_bytes(doc)


def test_truncated_file_keeps_the_items_before_the_break() -> None:
    doc = wxr([Item("1", title="First"), Item("2", title="Second", name="second")])
    cut = doc[: doc.index(b"Second") + 3]
    result = read_wxr_bytes(cut)
    assert [p.post.title for p in result.posts] == ["First"]
    assert "not well-formed" in result.broken


def test_broken_item_in_the_middle_is_skipped_the_rest_read() -> None:
    doc = wxr([Item("1", title="One"), Item("2", title="Two"), Item("3", title="Three")])
    doc = doc.replace(b"<title><![CDATA[Two]]></title>", b"<title>Two &bogus</title>")
    result = read_wxr_bytes(doc)
    assert [p.post.title for p in result.posts] == ["One", "Three"]
    (skip,) = result.skipped
    assert skip.kind == "broken item" and "Two" in skip.what


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"<html><body>hi</body></html>", b"\xff\xfe\x00<", b'{"posts": []}'],
)
def test_not_a_wordpress_export(data: bytes) -> None:
    with pytest.raises(FormatError):
        read_wxr_bytes(data)


def test_only_pages_is_not_an_error() -> None:
    result = read_wxr_bytes(wxr([Item("1", type="page")]))
    assert isinstance(result, ReadResult) and result.posts == []
    assert [s.kind for s in result.skipped] == ["page"]


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"crazy-cdata.xml"}))
def test_no_visible_word_of_a_real_body_is_dropped(name: str) -> None:
    import re

    from bs4 import BeautifulSoup
    from defusedxml.ElementTree import parse

    from reeltui.formats.html2md import html_to_markdown

    root = parse(_shared(name)).getroot()
    bodies = [e.text or "" for e in root.iter("{http://purl.org/rss/1.0/modules/content/}encoded")]
    assert bodies
    for html in bodies:
        visible = BeautifulSoup(re.sub(r"<!--.*?-->", "", html, flags=re.S), "html.parser")
        markdown = html_to_markdown(html)
        missing = [w for w in visible.get_text(" ").split() if w not in markdown]
        assert missing == []
