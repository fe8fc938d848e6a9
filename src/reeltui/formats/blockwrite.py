"""Markdown -> the HTML WordPress keeps: serialized core blocks, or classic-editor HTML.

A post written in reeltui goes to the site as the block editor itself would have saved it
(paragraph, heading, list, quote, image, table, code, separator, more, nextpage, shortcode,
and custom HTML for raw HTML), so it opens in the block editor as if written there; the shapes
follow the serialized fixtures of WordPress's block library. A block added to a classic post
is plain HTML the way the classic editor writes it (a paragraph is bare text).
"""

from __future__ import annotations

import re

from reeltui.formats.htmltree import Element, Text, inner_html, outer_html, parse
from reeltui.formats.mdchunks import chunks, kind
from reeltui.formats.mdrender import render

_SHORTCODE = re.compile(r"\[([a-zA-Z_][\w-]*)(?:\s[^\]]*)?\](?:.*\[/\1\])?", re.DOTALL)
_BR = re.compile(r"<br />\n?")
_QUOTE_PREFIX = re.compile(r"^ {0,3}> ?", re.MULTILINE)
_BETWEEN_TAGS = re.compile(r">\n(?=<)")
SEPARATOR = '<hr class="wp-block-separator has-alpha-channel-opacity"/>'


def wrap(name: str, inner: str, attrs: str = "") -> str:
    """`inner` inside the delimiters of block `name` (attrs: its JSON, or "")."""
    head = f"<!-- wp:{name} {attrs} -->" if attrs else f"<!-- wp:{name} -->"
    return f"{head}\n{inner}\n<!-- /wp:{name} -->"


def serialize(markdown: str) -> str:
    """A whole Markdown body as serialized core blocks (blank lines between them)."""
    return "\n\n".join(core_block(chunk) for chunk in chunks(markdown))


def core_block(chunk: str) -> str:
    """One Markdown block as the core block of its kind."""
    what = kind(chunk)
    stripped = chunk.strip()
    if what == "html":
        if stripped == "<!--more-->" or stripped.startswith("<!--more "):
            return wrap("more", stripped)
        if stripped == "<!--nextpage-->":
            return wrap("nextpage", stripped)
        if "<!-- wp:" in stripped:
            return stripped  # block markup already
        return wrap("html", stripped)
    if what == "paragraph" and _SHORTCODE.fullmatch(stripped):
        return wrap("shortcode", stripped)
    if what == "quote":
        inner = serialize(_QUOTE_PREFIX.sub("", chunk))
        return wrap("quote", f'<blockquote class="wp-block-quote">{inner}</blockquote>')
    tree = parse(render(chunk))
    top = tree.elements()
    element = top[0] if len(top) == 1 else None
    if what == "rule":
        return wrap("separator", SEPARATOR)
    if element is not None and element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level = int(element.tag[1])
        inner = inner_html(element)
        attrs = f'{{"level":{level}}}' if level != 2 else ""
        return wrap("heading", f'<h{level} class="wp-block-heading">{inner}</h{level}>', attrs)
    if element is not None and element.tag in ("ul", "ol"):
        return _list(element)
    if element is not None and element.tag == "pre":
        code = element.elements()[0] if element.elements() else element
        text = inner_html(code).removesuffix("\n")
        return wrap("code", f'<pre class="wp-block-code"><code>{text}</code></pre>')
    if element is not None and element.tag == "table":
        table = _BETWEEN_TAGS.sub(">", outer_html(element)).replace(
            "<table>", '<table class="has-fixed-layout">', 1
        )
        return wrap("table", f'<figure class="wp-block-table">{table}</figure>')
    if element is not None and element.tag == "p":
        images = [c for c in element.children if not (isinstance(c, Text) and not c.value.strip())]
        if len(images) == 1 and isinstance(images[0], Element) and images[0].tag == "img":
            img = images[0].start.replace(" />", "/>")
            return wrap("image", f'<figure class="wp-block-image">{img}</figure>')
        return wrap("paragraph", f"<p>{_br(inner_html(element))}</p>")
    return wrap("html", chunk.strip())


def _list(element: Element) -> str:
    ordered = element.tag == "ol"
    start = element.attrs.get("start", "")
    attrs = ""
    if ordered:
        attrs = '{"ordered":true' + (f',"start":{start}' if start.isdigit() else "") + "}"
    numbered = f' start="{start}"' if start else ""
    head = f'<{element.tag}{numbered} class="wp-block-list">'
    return wrap("list", head + "\n\n".join(list_items(element)) + f"</{element.tag}>", attrs)


def list_items(element: Element) -> list[str]:
    """The items of a rendered <ul>/<ol> as list-item blocks (nested lists as list blocks)."""
    items = []
    for li in element.elements():
        parts: list[str] = []
        for child in li.children:
            if isinstance(child, Element) and child.tag in ("ul", "ol"):
                if parts:
                    parts[-1] = parts[-1].rstrip("\n")
                parts.append(_list(child))
            elif isinstance(child, Element) and child.tag == "p":
                parts.append(_br(inner_html(child)))
            else:
                parts.append(outer_html(child))
        items.append(wrap("list-item", "<li>" + "".join(parts).strip("\n") + "</li>"))
    return items


def _br(html: str) -> str:
    return _BR.sub("<br>", html)


def classic_block(chunk: str) -> str:
    """One Markdown block as the classic editor writes it: a paragraph is bare text."""
    html = render(chunk).rstrip("\n")
    tree = parse(html)
    top = tree.elements()
    if len(top) == 1 and top[0].tag == "p" and html.startswith("<p>") and html.endswith("</p>"):
        return _BR.sub("<br />\n", html[3:-4])
    return html


def excerpt_html(markdown: str) -> str:
    """An excerpt written here, as the HTML WordPress keeps for excerpts (no <p> around a
    single paragraph, as typed in the excerpt box)."""
    if not markdown.strip():
        return ""
    return "\n\n".join(classic_block(chunk) for chunk in chunks(markdown))
