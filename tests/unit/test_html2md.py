from __future__ import annotations

from reeltui.formats.html2md import html_to_markdown


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
