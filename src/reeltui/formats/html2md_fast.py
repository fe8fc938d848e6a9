"""A fast HTML -> Markdown path for the HTML most WordPress bodies are made of.

Paragraphs and headings holding text, line breaks, emphasis, strong, links, inline code and
images; flat <ul>/<ol> lists of inline items; blockquotes of paragraphs; <hr>. Converted with
one regular-expression scan, ~10x faster than BeautifulSoup + markdownify. Anything else (nested
lists, tables, odd attributes, nesting we are not sure of) returns None, and the caller uses
markdownify. Tests check both paths render the same.
"""

from __future__ import annotations

import re
from html import unescape

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*)?)/?>|([^<]+)|(<)")
_ATTR = re.compile(r"\s*([a-zA-Z_:][\w:.-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')\s*")
_RUNS = re.compile(r"[\t \n\r]+")
_MARKS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LINK_ATTRS = {"href", "title", "rel", "target"}
_UNSAFE_INLINE = re.compile(r"[*_`\[\]<>\\]")
_UNSAFE_HREF = re.compile(r"[\s()<>]")
_BR = "\ue000"  # a <br> while a block is being read (private-use character)
_CONTAINERS = {"ul", "ol", "blockquote"}
_IMG_ATTRS = {"src", "alt", "title", "width", "height", "class", "loading", "decoding"}
_NEWLINE_BR = re.compile("\n *" + _BR)
_BR_SPACES = re.compile(_BR + "[ \n]*")
_MARKER_START = re.compile(r"(?:[-+*]|\d+[.)])(?:\s|$)|[#>=`~|]")


def _space(match: re.Match[str]) -> str:
    """Like markdownify: a run of whitespace holding a newline stays a newline."""
    return "\n" if "\n" in match.group() or "\r" in match.group() else " "


class _NotSimple(Exception):
    pass


def _attrs(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    pos = 0
    for match in _ATTR.finditer(raw):
        if match.start() != pos:
            raise _NotSimple
        value = match.group(2) if match.group(2) is not None else match.group(3)
        found[match.group(1).lower()] = unescape(value or "")
        pos = match.end()
    if raw[pos:].strip():
        raise _NotSimple
    return found


def _wrap(tag: str, inner: str, attrs: dict[str, str]) -> str:
    core = inner.strip(" ")
    if not core or _UNSAFE_INLINE.search(core) or core != core.strip() or _BR in core:
        raise _NotSimple
    lead = " " if inner.startswith(" ") else ""
    trail = " " if inner.endswith(" ") else ""
    if tag != "a":
        mark = _MARKS[tag]
        return f"{lead}{mark}{core}{mark}{trail}"
    href, title = attrs.get("href", ""), attrs.get("title", "")
    if not href or _UNSAFE_HREF.search(href) or '"' in title or "\n" in core:
        raise _NotSimple
    if core == href and not title:
        return f"{lead}<{href}>{trail}"
    title_part = f' "{title}"' if title else ""
    return f"{lead}[{core}]({href}{title_part}){trail}"


def _block(tag: str, content: str) -> str:
    if tag == "p":
        if _BR in content:
            if _NEWLINE_BR.search(content):
                raise _NotSimple  # a newline then <br>: markdownify's spacing is subtle there
            content = _BR_SPACES.sub("\n", content)
        lines = [line.strip(" ") for line in content.split("\n")]
        return "\n".join(lines).strip("\n ")
    if "\n" in content:
        raise _NotSimple
    text = content.strip(" ")
    if tag == "li":
        if not text or _MARKER_START.match(text):
            raise _NotSimple  # empty items, or text a Markdown reader would take for a marker
        return text
    return f"{'#' * _HEADINGS[tag]} {text}" if text else ""


def _code(inner: str) -> str:
    if not inner or "`" in inner or inner != inner.strip() or "\n" in inner or _BR in inner:
        raise _NotSimple
    return f"`{inner}`"


def _img(raw_attrs: str) -> str:
    raw = raw_attrs.rstrip()
    attrs = _attrs(raw[:-1] if raw.endswith("/") else raw)
    src, alt, title = attrs.get("src", ""), attrs.get("alt", ""), attrs.get("title", "")
    if set(attrs) - _IMG_ATTRS or not src or _UNSAFE_HREF.search(src):
        raise _NotSimple
    if _UNSAFE_INLINE.search(alt) or alt != alt.strip() or "\n" in alt or '"' in title:
        raise _NotSimple
    if "\n" in title or "\\" in title:
        raise _NotSimple
    title_part = f' "{title}"' if title else ""
    return f"![{alt}]({src}{title_part})"


def _container(tag: str, items: list[str]) -> str:
    if not items:
        raise _NotSimple
    if tag == "ul":
        return "\n".join(f"- {item}" for item in items)
    if tag == "ol":
        return "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    quoted = ("\n".join(f"> {line}" if line else ">" for line in p.split("\n")) for p in items)
    return "\n>\n".join(quoted)


def simple_html_to_markdown(html: str) -> str | None:
    """Markdown for `html` made only of <p>/<h1-6> blocks of text, <br>, <em>/<i>,
    <strong>/<b>, <a href>, <code>, <img>, flat <ul>/<ol> lists of inline items,
    <blockquote>s of paragraphs and <hr>; None for anything else."""
    if _BR in html:
        return None
    try:
        return _convert(html)
    except _NotSimple:
        return None


def _convert(html: str) -> str:
    blocks: list[str] = []
    block: str | None = None  # the leaf being read: p, h1-h6 or li
    container: str | None = None  # ul, ol or blockquote around it
    items: list[str] = []  # the container's converted items / paragraphs
    buf: list[str] = []
    stack: list[tuple[str, int, dict[str, str]]] = []
    for match in _TOKEN.finditer(html):
        closing, tag, raw_attrs, text, stray = match.groups()
        if stray is not None:
            raise _NotSimple
        if text is not None:
            if block is None:
                if text.strip():
                    raise _NotSimple
                continue
            if "&" in text:
                text = unescape(text)
            if "  " in text or "\n" in text or "\t" in text or "\r" in text:
                text = _RUNS.sub(_space, text)
            buf.append(text)
            continue
        tag = tag.lower()
        if tag == "br":
            if closing or block != "p" or raw_attrs.strip(" /"):
                raise _NotSimple
            buf.append(_BR)
        elif tag in _HEADINGS or tag == "p" or tag == "li":
            if raw_attrs.strip() or stack:
                raise _NotSimple
            allowed = ("ul", "ol") if tag == "li" else ("blockquote",) if tag == "p" else ()
            if container is not None and container not in allowed:
                raise _NotSimple
            if tag == "li" and container is None:
                raise _NotSimple
            if not closing:
                if block is not None:
                    raise _NotSimple
                block, buf = tag, []
            else:
                if block != tag:
                    raise _NotSimple
                converted = _block(tag, "".join(buf))
                if container is not None:
                    if not converted:
                        raise _NotSimple
                    items.append(converted)
                elif converted:
                    blocks.append(converted)
                block = None
        elif tag in _CONTAINERS:
            if raw_attrs.strip() or block is not None:
                raise _NotSimple
            if not closing:
                if container is not None:
                    raise _NotSimple  # nested lists or quotes
                container, items = tag, []
            else:
                if container != tag:
                    raise _NotSimple
                blocks.append(_container(tag, items))
                container = None
        elif tag == "hr":
            if closing or block is not None or container is not None or raw_attrs.strip(" /"):
                raise _NotSimple
            blocks.append("---")
        elif tag == "img":
            if closing or block != "p" or any(open_tag == "a" for open_tag, _, _ in stack):
                raise _NotSimple
            buf.append(_img(raw_attrs))
        elif tag in _MARKS or tag == "a" or tag == "code":
            if block is None:
                raise _NotSimple
            if not closing:
                attrs = _attrs(raw_attrs) if tag == "a" else {}
                if (tag != "a" and raw_attrs.strip()) or set(attrs) - _LINK_ATTRS:
                    raise _NotSimple
                if any(open_tag in (tag, "a", "code") for open_tag, _, _ in stack):
                    raise _NotSimple  # nested links, nested same emphasis, tags in code
                stack.append((tag, len(buf), attrs))
            else:
                if not stack or stack[-1][0] != tag:
                    raise _NotSimple
                _, start, attrs = stack.pop()
                inner = "".join(buf[start:])
                del buf[start:]
                buf.append(_code(inner) if tag == "code" else _wrap(tag, inner, attrs))
        else:
            raise _NotSimple
    if block is not None or container is not None or stack:
        raise _NotSimple
    return "\n\n".join(blocks)
