"""WordPress post HTML -> clean Markdown, so the reader (which drops raw HTML) shows it all.

Classic-editor bodies have no <p>: paragraphs are separated by blank lines and single
newlines are line breaks (WordPress's wpautop). We wrap them first, then convert with
markdownify. Block-editor comments (<!-- wp:... -->) are removed.
"""

from __future__ import annotations

import re

from markdownify import markdownify

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG = re.compile(
    r"^\s*</?(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|figure|"
    r"figcaption|hr|dl|dt|dd|section|address|iframe|form|details|summary)\b",
    re.IGNORECASE,
)
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


def html_to_markdown(html: str) -> str:
    """Markdown for a WordPress body (classic or block editor); "" for empty input."""
    if not html or not html.strip():
        return ""
    html = _MORE.sub("", html)
    html = _BLOCK_COMMENT.sub("", html)
    html = _COMMENT.sub("", html)
    html = autop(html)
    text = markdownify(
        html,
        heading_style="ATX",
        bullets="-",
        strip=["script", "style"],
        escape_underscores=False,
        escape_asterisks=False,
    )
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
