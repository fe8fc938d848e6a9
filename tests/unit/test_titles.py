"""Titles, slugs and marks as people read them (pure functions of the domain)."""

from __future__ import annotations

from reeltui.domain.models import DomainError, Post
from reeltui.domain.titles import post_marks, same_slug, slug_text, title_text


def test_title_text_strips_tags_and_decodes_entities() -> None:
    assert title_text("Title <em>With</em> Markup") == "Title With Markup"
    assert title_text("Tom &amp; Jerry&#8217;s <b>best</b>") == "Tom & Jerry’s best"
    assert title_text("5 < 6 and 7 > 3") == "5 < 6 and 7 > 3"  # not tags
    assert title_text("  two\n lines ") == "two lines"


def test_slugs_are_shown_decoded_and_match_either_way() -> None:
    assert slug_text("private-notes-%e2%9c%a8") == "private-notes-✨"
    assert slug_text("caf%C3%A9") == "café"
    assert slug_text("plain-slug") == "plain-slug"
    assert slug_text("bad-%ff") == "bad-%ff"  # not UTF-8: left as it is
    assert same_slug("private-notes-%e2%9c%a8", "private-notes-✨")
    assert not same_slug("a", "b")


def test_marks_and_kind() -> None:
    page = Post(id="p", slug="about", title="About", kind="page", source={"wp_protected": "1"})
    assert post_marks(page) == ["page", "protected"]
    assert post_marks(Post(id="q", slug="q", title="Q")) == []
    try:
        Post(id="r", slug="r", title="R", kind="attachment")
    except DomainError as exc:
        assert "unknown post kind" in str(exc)
    else:
        raise AssertionError("a post kind outside post/page was accepted")
