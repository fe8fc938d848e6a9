"""The common block, fast: a paragraph, heading, flat list or quote of words and simple markup.

Most blocks of most posts are plain paragraphs. They go through the one-scan converter of
`html2md_fast` (which refuses any text a Markdown reader could misread: `*`, `_`, brackets...)
and a few checks of its result that stand in for rendering it back (emphasis next to
punctuation, a line that starts like a list or heading, an entity written as text); whatever
is not certain returns None and takes the checked path (`htmlmd.block_markdown`).
"""

from __future__ import annotations

import re

from reeltui.formats.html2md_fast import simple_html_to_markdown

_OUTER = re.compile(r"^<(p|h[1-6]|ul|ol|blockquote)(\s[^<>]*)?>", re.IGNORECASE)
_PRESENTATIONAL = re.compile(
    r"""^(?:\s+(?:class|style|id|dir|lang|data-[\w-]+)\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*\s*$"""
)
_MARKS = re.compile(r"\*+")
_LINE_START = re.compile(
    r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|[>|]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    r"|`{3}|~{3}|[=-]+[ \t]*$)"
)
_ENTITY = re.compile(r"&#?\w+;")
_LINK_EXTRAS = re.compile(r"<a\s[^>]*\b(?:target|rel)\s*=", re.IGNORECASE)


def _punct(char: str) -> bool:
    return bool(char) and not char.isalnum() and not char.isspace()


def _flanking_ok(markdown: str) -> bool:
    """Every run of `*` opens or closes as written (CommonMark's flanking rules).

    The one-scan converter never nests emphasis, so runs alternate: open, close, open...
    """
    for index, match in enumerate(_MARKS.finditer(markdown)):
        if len(match.group()) > 2:
            return False
        left = markdown[match.start() - 1] if match.start() else " "
        right = markdown[match.end()] if match.end() < len(markdown) else " "
        if index % 2 == 0 and _punct(right) and not (left.isspace() or _punct(left)):
            return False
        if index % 2 == 1 and _punct(left) and not (right.isspace() or _punct(right)):
            return False
    return True


def fast_markdown(html: str, *, classic: bool) -> str | None:
    """The Markdown of a simple block, or None when it is not certain to say the same."""
    outer = _OUTER.match(html)
    if outer is None and classic and not html.startswith("<!--"):
        html = f"<p>{html}</p>"  # a paragraph of the classic editor: bare text
        outer = _OUTER.match(html)
    if outer is None:
        return None
    tag = outer.group(1).lower()
    end = f"</{tag}>"
    if html[-len(end) :].lower() != end and html.rstrip()[-len(end) :].lower() != end:
        return None
    if html.count(f"<{tag}") != 1:
        return None
    if outer.group(2) and not _PRESENTATIONAL.match(outer.group(2)):
        return None
    if "<a " in html and _LINK_EXTRAS.search(html):
        return None  # target, rel...: kept as inline HTML by the checked path
    if "<br" in html and not classic:
        return None  # a line break is "\" + newline in a block post: the checked path
    html = f"<{tag}>" + html[outer.end() :]
    markdown = simple_html_to_markdown(html)
    if not markdown or not markdown.strip() or ("\n\n" in markdown and tag != "blockquote"):
        return None
    if ("&" in markdown and _ENTITY.search(markdown)) or "~~" in markdown or "|" in markdown:
        return None
    if tag == "p" and "\n" not in markdown:  # the common case: one line of a paragraph
        if _LINE_START.match(markdown) or ("*" in markdown and not _flanking_ok(markdown)):
            return None
        return markdown
    lines = markdown.split("\n")
    body = [line.lstrip("> ") for line in lines] if tag == "blockquote" else lines
    if tag in ("ul", "ol"):
        body = [re.sub(r"^(?:- |\d+\. )", "", line) for line in lines]
    elif tag.startswith("h"):
        body = [markdown.lstrip("#").lstrip(" ")]
        if markdown.endswith("#") or len(lines) != 1:
            return None
    if any(_LINE_START.match(line) for line in body if line):
        return None
    if "*" in markdown and not _flanking_ok(markdown):
        return None
    return markdown
