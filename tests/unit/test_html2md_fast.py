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


@settings(max_examples=1500, deadline=None)
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
        "<ul><li>x</li></ul>",
        "<p><em><strong>x</strong></em></p>",
        '<p><a href="x" onclick="y">z</a></p>',
        "<p>a < b</p>",
        "<p class='x'>a</p>",
        "<p><em></em></p>",
    ):
        assert simple_html_to_markdown(html) is None, html
