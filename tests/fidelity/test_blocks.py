"""The block model on the corpus: every byte kept, each block shown as Markdown or as itself,
and edits spliced back as the smallest change."""

from __future__ import annotations

import difflib

import pytest

from reeltui.formats.blockedit import splice_post
from reeltui.formats.blockwrite import excerpt_html, serialize
from reeltui.formats.siteview import site_markdown, view_of
from reeltui.formats.wpblocks import parse_blocks
from tests.conftest import need_shared
from tests.fidelity.corpus import BLOCK_POSTS, CORPUS, shared_posts


def _all_posts() -> dict[str, str]:
    return {**CORPUS, **shared_posts(need_shared("fixtures", "wxr"))}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_blocks_give_back_every_byte(name: str) -> None:
    html = CORPUS[name]
    doc = parse_blocks(html)
    assert doc.html() == html
    assert doc.has_blocks == (name in BLOCK_POSTS)


def test_every_shared_post_parses_back_to_its_bytes() -> None:
    posts = shared_posts(need_shared("fixtures", "wxr"))
    assert len(posts) >= 14
    for name, html in posts.items():
        assert parse_blocks(html).html() == html, name


def test_block_delimiters_nest_and_close_themselves() -> None:
    doc = parse_blocks(BLOCK_POSTS["markers and more"])
    names = [b.name for b in doc.blocks]
    assert names == [
        "paragraph", "more", "paragraph", "nextpage", "shortcode", "html", "group", "buttons",
        "latest-posts",
    ]  # fmt: skip
    group = doc.blocks[6]
    assert group.inner.count("<!-- wp:paragraph -->") == 1  # inner blocks stay inside
    assert doc.blocks[-1].raw == '<!-- wp:latest-posts {"postsToShow":3} /-->'


def _raw(html: str, needle: str) -> str:
    """The Markdown view of the one block of `html` holding `needle`."""
    doc = parse_blocks(html)
    for block in doc.blocks:
        if needle in block.raw:
            view = view_of(block, not doc.has_blocks)
            return view.markdown if view.raw else ""
    raise AssertionError(needle)


@pytest.mark.parametrize(
    "needle",
    [
        "<dl>", "<pre><cite>", "<address>", "<ol reversed>", "<!--more-->", "<!--nextpage-->",
        "<!--more Read", "[caption", "[embed]", "<iframe", "[gallery",
    ],
)  # fmt: skip
def test_what_markdown_cannot_say_stays_raw_exactly_as_written(needle: str) -> None:
    for html in CORPUS.values():
        if needle in html:
            view = _raw(html, needle)
            assert view and view in html, needle
            return
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("needle", "markdown"),
    [
        ("H<sub>2</sub>O", "H<sub>2</sub>O"),
        ("MC<sup>2</sup>", "MC<sup>2</sup>"),
        ('<abbr title="Seriously">', '<abbr title="Seriously">srsly</abbr>'),
        ('<ins cite="inserted it">', '<ins cite="inserted it">inserted</ins>'),
        ('<del cite="deleted it">', '<del cite="deleted it">strike out text</del>'),
        ("<small>", "<small>smaller text</small>"),
        ("<kbd>", "<kbd>keyboard text</kbd>"),
        ('target="_blank"', '<a href="https://example.com/dune" target="_blank" rel="noreferrer'),
    ],
)
def test_inline_tags_without_markdown_stay_inline_html(needle: str, markdown: str) -> None:
    whole = site_markdown(CORPUS["classic tags"]) + site_markdown(CORPUS["paragraphs"])
    assert markdown in whole


def test_the_markdown_view_of_common_blocks() -> None:
    view = site_markdown(CORPUS["headings"] + "\n\n" + CORPUS["lists"])
    assert view.startswith("## The verdict\n\n### What works\n\n#### The *cast*\n\n")
    assert "- Sound design & score\n- The *sandworm* ride\n" in view
    assert "3. Third place: Arrival\n4. Fourth place: Sicario" in view
    tables = site_markdown(CORPUS["tables and code"])
    assert tables.startswith("| Film | Year | Reels |\n|---|---|---|\n| Dune | 2021 | 4 |")
    assert "```\nffmpeg -i dune.mkv -ss 01:02:03 -frames:v 1 still.png && echo done\n```" in tables
    classic = site_markdown(CORPUS["classic tags"])
    assert classic.startswith("Every classic post starts as plain text. A line break\ninside")


def _diff(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_a_heading_level_change_keeps_classes_and_moves_the_level_attribute() -> None:
    html = CORPUS["headings"]
    md = site_markdown(html)
    new = splice_post(html, md, md.replace("### What works", "## What works"))
    assert _diff(html, new) == [
        '-<!-- wp:heading {"level":3} -->',
        '-<h3 class="wp-block-heading">What works</h3>',
        "+<!-- wp:heading -->",
        '+<h2 class="wp-block-heading">What works</h2>',
    ]


def test_an_item_added_to_a_list_is_a_list_item_block() -> None:
    html = CORPUS["lists"]
    md = site_markdown(html)
    edited = md.replace("- The *sandworm* ride\n", "- The *sandworm* ride\n- A new item\n")
    item = "<li>The <em>sandworm</em> ride</li>\n<!-- /wp:list-item -->"
    added = "\n\n<!-- wp:list-item -->\n<li>A new item</li>\n<!-- /wp:list-item -->"
    assert splice_post(html, md, edited) == html.replace(item, item + added)


def test_blocks_added_and_deleted_in_a_block_post() -> None:
    html = CORPUS["headings"]
    md = site_markdown(html)
    edited = md.replace("### What works\n\n", "").replace(
        "## The verdict\n\n", "## The verdict\n\nA new *paragraph* here.\n\n"
    )
    heading = '<!-- wp:heading {"level":3} -->\n<h3 class="wp-block-heading">What works</h3>'
    heading += "\n<!-- /wp:heading -->\n\n"
    added = (
        "<!-- wp:paragraph -->\n<p>A new <em>paragraph</em> here.</p>\n<!-- /wp:paragraph -->\n\n"
    )
    assert splice_post(html, md, edited) == html.replace(heading, added)


def test_a_paragraph_added_to_a_classic_post_is_classic_html() -> None:
    html = CORPUS["classic media"]
    md = site_markdown(html)
    edited = md.replace(
        "[gallery", "A new paragraph with *emphasis*\nand a line break.\n\n[gallery"
    )
    new = splice_post(html, md, edited)
    assert _diff(html, new) == [
        "+A new paragraph with <em>emphasis</em>",
        "+and a line break.",
        "+",
    ]


def test_a_raw_block_takes_the_writers_html_as_written() -> None:
    html = CORPUS["classic tags"]
    md = site_markdown(html)
    edited = md.replace("<dd>This is a definition", "<dd>This is <b>a</b> definition")
    assert splice_post(html, md, edited) == html.replace(
        "<dd>This is a definition", "<dd>This is <b>a</b> definition"
    )


def test_an_untouched_post_is_returned_as_it_is() -> None:
    for html in _all_posts().values():
        md = site_markdown(html)
        assert splice_post(html, md, md) == html


def test_posts_written_here_become_core_blocks() -> None:
    markdown = (
        "# A title\n\nSome *words* and a [link](https://example.com).\n\n- one\n- two\n\n"
        "1. first\n\n> Quoted\n\n```\ncode <here>\n```\n\n---\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "![Alt](https://example.com/x.jpg)\n\n<!--more-->\n\n<!--nextpage-->\n\n"
        '[gallery ids="1"]\n\n'
        "<div>raw</div>\n"
    )
    html = serialize(markdown)
    names = [b.name for b in parse_blocks(html).blocks]
    assert names == [
        "heading", "paragraph", "list", "list", "quote", "code", "separator", "table", "image",
        "more", "nextpage", "shortcode", "html",
    ]  # fmt: skip
    assert '<!-- wp:heading {"level":1} -->\n<h1 class="wp-block-heading">A title</h1>' in html
    assert (
        '<ul class="wp-block-list"><!-- wp:list-item -->\n<li>one</li>\n<!-- /wp:list-item -->'
        in html
    )
    assert '<!-- wp:list {"ordered":true} -->\n<ol class="wp-block-list">' in html
    assert '<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>Quoted</p>' in html
    assert '<pre class="wp-block-code"><code>code &lt;here&gt;</code></pre>' in html
    assert '<hr class="wp-block-separator has-alpha-channel-opacity"/>' in html
    assert (
        '<figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr><th>a</th>'
        in html
    )
    assert (
        '<figure class="wp-block-image"><img src="https://example.com/x.jpg" alt="Alt"/></figure>'
        in html
    )
    assert "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->" in html
    # and the Markdown shown for them is the Markdown they were made from
    assert site_markdown(html).startswith(
        "# A title\n\nSome *words* and a [link](https://example.com)."
    )


def test_an_excerpt_written_here_is_html_never_markdown() -> None:
    assert excerpt_html("It *should* be") == "It <em>should</em> be"
    assert excerpt_html("") == ""


def test_markdown_the_writer_saw_never_lands_in_the_html_as_text() -> None:
    """A block made unreadable by an edit (a tag renamed) still takes the next edit as
    Markdown: undoing the edit gives the original back, not the Markdown source."""
    html = CORPUS["quotes"]
    md = site_markdown(html)
    broken_md = md.replace("<cite>Someone", "<citeish>Someone")
    broken = splice_post(html, md, broken_md)
    assert "<citeish>Someone" in broken and "\n> " not in broken
    assert splice_post(broken, broken_md, md) == html
