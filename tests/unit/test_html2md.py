from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.formats.html2md import html_to_markdown
from tests.fuzzing import examples


def test_classic_editor_paragraphs_without_p() -> None:
    html = (
        "First paragraph with <em>emphasis</em>.\n\nSecond line one\nline two\n\n<h2>Verdict</h2>"
    )
    md = html_to_markdown(html)
    assert md.startswith("First paragraph with *emphasis*.\n\nSecond line one")
    assert "line two" in md and "## Verdict" in md


def test_block_editor_comments_removed_nothing_visible_dropped() -> None:
    html = (
        "<!-- wp:paragraph --><p>Hello <a href='https://x.example/'>link</a></p>"
        "<!-- /wp:paragraph -->"
        "<!-- wp:image --><figure><img src='e.jpg' alt='Elysium Space Station'></figure>"
        "<!-- /wp:image --><!--more--><blockquote><p>Quote</p></blockquote>"
        "<ul><li>one</li><li>two</li></ul><table><tr><th>a</th></tr><tr><td>b</td></tr></table>"
    )
    md = html_to_markdown(html)
    assert "wp:" not in md and "<!--" not in md
    for visible in (
        "[link](https://x.example/)",
        "![Elysium Space Station](e.jpg)",
        "> Quote",
        "- one",
        "- two",
        "| a |",
        "| b |",
    ):
        assert visible in md


def test_empty() -> None:
    assert html_to_markdown("") == ""
    assert html_to_markdown("  \n ") == ""


def _slow(html: str) -> str:
    """The markdownify path, whatever the input."""
    from reeltui.formats import html2md

    return html2md.html_to_markdown("<!-- -->" + html) if html.strip() else ""


TOKENS = [
    *"ab* #-1.\n\t \xa0\u2003x_`",
    "&amp;", "&nbsp;", "&#9;", "&#10;", "&lt;", "&#039;", "\r", "\u2028", "\x0c", "\x85",
    "AT&T ", "& ",
]  # fmt: skip


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
def test_plain_text_fast_path_agrees_with_markdownify(text: str) -> None:
    assert html_to_markdown(text) == _slow(text)


def test_plain_comment_with_entities() -> None:
    text = "Hi, a comment.\nTo delete it, view the post&#039;s comments.\n\n  Bye  &amp; thanks"
    assert html_to_markdown(text) == (
        "Hi, a comment.\nTo delete it, view the post's comments.\n\nBye & thanks\n"
    )
