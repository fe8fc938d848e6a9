"""WordPress post HTML -> clean Markdown, so the reader (which drops raw HTML) shows it all.

Classic-editor bodies have no <p>: paragraphs are separated by blank lines and single
newlines are line breaks (WordPress's wpautop). We wrap them first, then convert with
markdownify. Block-editor comments (<!-- wp:... -->) are removed.
"""

from __future__ import annotations

import re
from html import unescape

from markdownify import markdownify

from reeltui.formats.html2md_fast import simple_html_to_markdown
from reeltui.formats.html_depth import limit_depth

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG = re.compile(
    r"^\s*</?(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|figure|"
    r"figcaption|hr|dl|dt|dd|section|address|iframe|form|details|summary)\b",
    re.IGNORECASE,
)
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_MORE = re.compile(r"<!--\s*more\b.*?-->", re.IGNORECASE)


def autop(html: str) -> str:
    """Wrap bare text paragraphs (separated by blank lines) in <p>, like WordPress's wpautop."""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    chunks = re.split(r"\n\s*\n", html)
    out = []
    for chunk in chunks:
        text = chunk.strip()
        if not text:
            continue
        if _BLOCK_TAG.match(text):
            out.append(text)
        else:
            out.append("<p>" + text.replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(out)


_RUNS = re.compile(r"[\t \n]+")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_ODD_SPACE = re.compile(r"[^\S \t\n]")  # whitespace other than space, tab, newline


def _squeeze(line: str) -> str:
    if "  " in line or "\t" in line:
        line = _RUNS.sub(" ", line)
    return line.strip(" ")


def _spaces(text: str) -> int:
    return text.count(" ") + text.count("\t") + text.count("\n")


def _plain_text(html: str) -> str | None:
    """The Markdown markdownify would give for text without tags, ~100x faster; None if unsure.

    Most comments and many classic-editor posts are plain text with entities: paragraphs by
    blank lines, line breaks by newlines, runs of spaces collapsed.
    """
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    decoded = unescape(html) if "&" in html else html
    if _ODD_SPACE.search(decoded) or (decoded is not html and _spaces(decoded) != _spaces(html)):
        return None  # entities that are whitespace, non-breaking spaces...: the slow path
    # Entities added no whitespace, so the decoded text splits exactly as the source does.
    paragraphs = []
    for chunk in _PARAGRAPHS.split(decoded):
        lines = (_squeeze(line) for line in chunk.strip().split("\n"))
        paragraph = "\n".join(lines).strip()
        if paragraph:
            paragraphs.append(paragraph)
    text = "\n\n".join(paragraphs)
    return text + "\n" if text else ""


def html_to_markdown(html: str) -> str:
    """Markdown for a WordPress body (classic or block editor); "" for empty input."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        fast = _plain_text(html)
        if fast is not None:
            return fast
    if "<!--" in html:
        html = _MORE.sub("", html)
        html = _BLOCK_COMMENT.sub("", html)
        html = _COMMENT.sub("", html)
    html = limit_depth(html)[0]  # markdownify recurses: 400 nested tags crashed it
    html = autop(html)
    fast = simple_html_to_markdown(html)
    text = (
        fast
        if fast is not None
        else markdownify(
            html,
            heading_style="ATX",
            bullets="-",
            strip=["script", "style"],
            escape_underscores=False,
            escape_asterisks=False,
        )
    )
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    text = text.strip()
    return text + "\n" if text else ""
