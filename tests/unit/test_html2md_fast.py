"""The fast HTML path and markdownify give Markdown that renders the same."""

from __future__ import annotations

import re
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st
from markdownify import markdownify

from reeltui.formats.html2md import autop, html_to_markdown
from reeltui.formats.html2md_fast import simple_html_to_markdown
from reeltui.formats.md2html import markdown_to_html
from tests.fuzzing import examples

WORDS = ["film", "reel", "Her", "4.5", "&amp;", "&#039;s", "caf&eacute;", "a", "“quote”", "1.", "#"]


def slow(html: str) -> str:
    text = markdownify(
        autop(html),
        heading_style="ATX",
        bullets="-",
        strip=["script", "style"],
        escape_underscores=False,
        escape_asterisks=False,
    )
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def rendered(markdown: str) -> str:
    return " ".join(markdown_to_html(markdown).split())


def words(rng: Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def inline(rng: Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 5)):
        kind = rng.choice(["text", "em", "strong", "i", "b", "a", "autolink", "br"])
        if kind == "text":
            parts.append(words(rng, rng.randint(1, 4)))
        elif kind == "br":
            parts.append(rng.choice(["<br>", "<br />", "<br/>\n"]))
        elif kind == "a":
            title = rng.choice(["", ' title="Her"'])
            parts.append(
                f'<a href="https://x.example/{rng.randint(1, 9)}"{title}>{words(rng, 2)}</a>'
            )
        elif kind == "autolink":
            parts.append('<a href="https://x.example/">https://x.example/</a>')
        else:
            space = rng.choice(["", " "])
            parts.append(f"<{kind}>{space}{words(rng, 2)}{space}</{kind}>")
    return rng.choice([" ", "\n", ""]).join(parts)


def document(rng: Random) -> str:
    blocks = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["p", "bare", "h2", "h3"])
        if kind == "p":
            blocks.append(f"<p>{inline(rng)}</p>")
        elif kind == "bare":
            blocks.append(inline(rng))  # classic editor: no <p>
        else:
            blocks.append(f"<{kind}>{words(rng, 3)}</{kind}>")
    return rng.choice(["\n\n", "\n", ""]).join(blocks)


@settings(max_examples=examples(1500), deadline=None)
@given(st.randoms(use_true_random=False))
def test_fast_path_renders_like_markdownify(rng: Random) -> None:
    html = document(rng)
    fast = simple_html_to_markdown(autop(html))
    if fast is None:
        return
    assert rendered(fast) == rendered(slow(html)), html


def test_fast_path_is_taken_for_ordinary_posts() -> None:
    html = (
        "<p>Once in a while a film <em>sneaks in</em>. See <a href='https://x.example/'>"
        "my review</a> &amp; more.</p>\n<h2>Verdict</h2>\n<p><strong>4.5 out of 5 reels</strong>"
        "<br />\nloved it</p>"
    )
    assert simple_html_to_markdown(html) == (
        "Once in a while a film *sneaks in*. See [my review](https://x.example/) & more.\n\n"
        "## Verdict\n\n**4.5 out of 5 reels**\nloved it"
    )
    assert html_to_markdown(html).startswith("Once in a while a film *sneaks in*.")


def test_anything_else_goes_to_markdownify() -> None:
    for html in (
        "<p>a <span>b</span></p>",
        "<ul><li>x<ol><li>y</li></ol></li></ul>",
        "<p><em><strong>x</strong></em></p>",
        '<p><a href="x" onclick="y">z</a></p>',
        "<p>a < b</p>",
        "<p class='x'>a</p>",
        "<p><em></em></p>",
    ):
        assert simple_html_to_markdown(html) is None, html


def item(rng: Random) -> str:
    """Inline content of a list item: text with emphasis, links and code, no line breaks."""
    parts = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["text", "text", "em", "strong", "a", "code"])
        if kind == "text":
            parts.append(words(rng, rng.randint(1, 4)))
        elif kind == "a":
            parts.append(f'<a href="https://x.example/{rng.randint(1, 9)}">{words(rng, 2)}</a>')
        elif kind == "code":
            parts.append(f"<code>{rng.choice(['x = 1', 'a*b', '&lt;br&gt;', 'f()', '_x_'])}</code>")
        else:
            parts.append(f"<{kind}>{words(rng, 2)}</{kind}>")
    return " ".join(parts)


def rich_inline(rng: Random) -> str:
    """Paragraph content: `inline` plus inline code and images."""
    parts = [inline(rng)]
    for _ in range(rng.randint(0, 2)):
        kind = rng.choice(["img", "img_title", "code", "text"])
        if kind == "img":
            parts.append(f'<img src="/p/{rng.randint(1, 9)}.jpg" alt="{words(rng, 1)}" />')
        elif kind == "img_title":
            parts.append(
                '<img class="size-full" src="https://x.example/a.png" alt="" title="Her" '
                'width="640" height="480">'
            )
        elif kind == "code":
            parts.append(f"<code>{rng.choice(['ls -l', 'a*b*c', '&amp;', '[x]'])}</code>")
        else:
            parts.append(words(rng, 2))
        parts.append(inline(rng))
    return rng.choice([" ", "\n", ""]).join(parts)


def rich_document(rng: Random) -> str:
    """The block constructs of WordPress bodies (and of markdown-it's rendering of Markdown)."""
    blocks = []
    nl = rng.choice(["\n", ""])
    for _ in range(rng.randint(1, 5)):
        kind = rng.choice(["p", "bare", "h2", "ul", "ol", "blockquote", "hr"])
        if kind == "p":
            blocks.append(f"<p>{rich_inline(rng)}</p>")
        elif kind == "bare":
            blocks.append(inline(rng))
        elif kind == "h2":
            blocks.append(f"<h2>{words(rng, 3)}</h2>")
        elif kind in ("ul", "ol"):
            items = "".join(f"{nl}<li>{item(rng)}</li>" for _ in range(rng.randint(1, 4)))
            blocks.append(f"<{kind}>{items}{nl}</{kind}>")
        elif kind == "blockquote":
            paragraphs = "".join(f"{nl}<p>{inline(rng)}</p>" for _ in range(rng.randint(1, 3)))
            blocks.append(f"<blockquote>{paragraphs}{nl}</blockquote>")
        else:
            blocks.append(rng.choice(["<hr>", "<hr />", "<hr/>"]))
    return rng.choice(["\n\n", "\n", ""]).join(blocks)


@settings(max_examples=examples(1500), deadline=None)
@given(st.randoms(use_true_random=False))
def test_fast_path_renders_block_constructs_like_markdownify(rng: Random) -> None:
    html = rich_document(rng)
    fast = simple_html_to_markdown(autop(html))
    if fast is None:
        return
    assert rendered(fast) == rendered(slow(html)), html


def test_block_constructs_take_the_fast_path() -> None:
    """A body as WordPress (or markdown-it) writes it: lists, a quote, a rule, an image."""
    html = (
        "<p>Intro with <code>code</code> and "
        '<img src="https://x.example/a.jpg" alt="a still" class="aligncenter" /></p>\n'
        "<h2>Notes</h2>\n<ul>\n<li>First <em>point</em>.</li>\n<li>Second point!</li>\n</ul>\n"
        "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"
        "<blockquote>\n<p>A quoted line<br />\nand its second line.</p>\n<p>More.</p>\n"
        "</blockquote>\n<hr />\n<p><strong>Verdict</strong>: 4 out of 5 reels</p>\n"
    )
    fast = simple_html_to_markdown(html)
    assert fast == (
        "Intro with `code` and ![a still](https://x.example/a.jpg)\n\n## Notes\n\n"
        "- First *point*.\n- Second point!\n\n1. one\n2. two\n\n"
        "> A quoted line\n> and its second line.\n>\n> More.\n\n---\n\n"
        "**Verdict**: 4 out of 5 reels"
    )
    assert rendered(fast) == rendered(slow(html))


def test_unsure_block_constructs_go_to_markdownify() -> None:
    for html in (
        "<ul><li>a<ul><li>nested</li></ul></li></ul>",
        "<ul><li><p>loose item</p></li></ul>",
        "<ul><li></li></ul>",
        "<ul></ul>",
        "<ul><li>1. looks like a list</li></ul>",
        "<ul><li>- looks like a list</li></ul>",
        "<ul><li>a<br>b</li></ul>",
        "<ul>text<li>a</li></ul>",
        '<ol start="3"><li>a</li></ol>',
        "<li>orphan</li>",
        "<blockquote>bare text</blockquote>",
        "<blockquote><h2>heading</h2></blockquote>",
        "<blockquote><blockquote><p>deep</p></blockquote></blockquote>",
        "<blockquote><ul><li>a</li></ul></blockquote>",
        "<p>in <hr> a paragraph</p>",
        '<hr class="wp-block-separator">',
        "<p><code>a `tick`</code></p>",
        "<p><code> padded </code></p>",
        "<p><code><em>x</em></code></p>",
        '<p><a href="https://x.example/"><img src="a.png" alt="x"></a></p>',
        '<p><img src="a b.png" alt="x"></p>',
        '<p><img alt="x"></p>',
        '<p><img src="a.png" alt="*x*"></p>',
        '<p><img src="a.png" srcset="a.png 1x"></p>',
        '<h2><img src="a.png" alt="x"></h2>',
        "<pre><code>a\nb</code></pre>",
    ):
        assert simple_html_to_markdown(html) is None, html
