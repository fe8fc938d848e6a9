"""A small HTML tree for one block of a post (one regular-expression scan, stdlib only).

Elements keep their exact start tag (`start`) so a converter can put an element it has no
Markdown for back into the Markdown as it was written. `strict` parsing raises `Malformed` for
HTML whose nesting is unclear (a converter then keeps the whole block as raw HTML); the
lenient parse (for display) closes what is left open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from reeltui.formats import FormatError


def tags(names: str) -> frozenset[str]:
    """A set of tag names written as one string ("p div ul")."""
    return frozenset(names.split())


TAG = re.compile(
    r"<!--.*?-->"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)"
    r"\s*(/?)>",
    re.DOTALL,
)
_ATTR = re.compile(r"\s*([^\s=/>]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
VOID = tags("area base br col embed hr img input link meta param source track wbr")
RAW_TEXT = frozenset(("script", "style", "textarea"))
# An open element of the key closes when one of these starts (HTML's implied end tags).
_CLOSED_BY = {
    "p": tags(
        "address article aside blockquote details div dl fieldset figcaption figure footer "
        "form h1 h2 h3 h4 h5 h6 header hr menu nav ol p pre section table ul"
    ),
    "li": frozenset(("li",)),
    "dt": frozenset(("dt", "dd")),
    "dd": frozenset(("dt", "dd")),
    "tr": frozenset(("tr", "tbody", "thead", "tfoot")),
    "td": frozenset(("td", "th", "tr", "tbody", "thead", "tfoot")),
    "th": frozenset(("td", "th", "tr", "tbody", "thead", "tfoot")),
    "thead": frozenset(("tbody", "tfoot")),
    "tbody": frozenset(("tbody", "tfoot")),
}


class Malformed(FormatError):
    """HTML whose structure a strict reader will not guess at (the caller keeps it raw)."""


@dataclass(slots=True)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    start: str = ""  # the start tag exactly as written ("" for the root)
    closed: bool = True  # written with its end tag (or a void element)

    def text(self) -> str:
        """The text of the element and its descendants (entities decoded)."""
        return "".join(c.value if isinstance(c, Text) else c.text() for c in self.children)

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]


@dataclass(slots=True)
class Text:
    value: str  # decoded
    raw: str  # as written


@dataclass(slots=True)
class Comment:
    raw: str

    def text(self) -> str:
        return ""


Node = Element | Text | Comment


def attributes(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        found.setdefault(name, unescape(value))
    return found


def parse(html: str, *, strict: bool = False) -> Element:
    """The tree of `html` under a root element with tag "". Comments are kept as nodes."""
    root = Element("")
    stack = [root]
    pos = 0
    raw_until = ""
    for match in TAG.finditer(html):
        if raw_until:
            if match.group(1) == "/" and (match.group(2) or "").lower() == raw_until:
                stack[-1].children.append(
                    Text(html[pos : match.start()], html[pos : match.start()])
                )
                stack.pop()
                raw_until, pos = "", match.end()
            continue
        if match.start() > pos:
            _text(stack[-1], html[pos : match.start()], strict)
        pos = match.end()
        whole = match.group(0)
        if whole.startswith("<!--"):
            stack[-1].children.append(Comment(whole))
            continue
        closing, name, raw_attrs, _slash = match.groups()
        tag = name.lower()
        if closing:
            _close(stack, tag, strict)
            continue
        while len(stack) > 1 and tag in _CLOSED_BY.get(stack[-1].tag, ()):
            if strict and stack[-1].tag in ("p", "li", "dt", "dd", "td", "th", "tr"):
                raise Malformed(f"<{stack[-1].tag}> closed by <{tag}>")
            stack.pop().closed = False
        element = Element(tag, attributes(raw_attrs), start=whole)
        stack[-1].children.append(element)
        if tag in VOID:
            continue
        stack.append(element)
        if tag in RAW_TEXT:
            raw_until = tag
    if raw_until:
        if strict:
            raise Malformed(f"<{raw_until}> not closed")
        stack[-1].children.append(Text(html[pos:], html[pos:]))
        pos = len(html)
    if pos < len(html):
        _text(stack[-1], html[pos:], strict)
    if strict and len(stack) > 1:
        raise Malformed(f"<{stack[-1].tag}> not closed")
    for open_element in stack[1:]:
        open_element.closed = False
    return root


def _text(parent: Element, raw: str, strict: bool) -> None:
    if strict and "<" in raw and re.search(r"<[a-zA-Z/!?]", raw):
        raise Malformed("a tag that cannot be read")
    parent.children.append(Text(unescape(raw) if "&" in raw else raw, raw))


def _close(stack: list[Element], tag: str, strict: bool) -> None:
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].tag == tag:
            if strict and depth != len(stack) - 1:
                raise Malformed(f"</{tag}> closes <{stack[-1].tag}>")
            for open_element in stack[depth + 1 :]:
                open_element.closed = False
            del stack[depth:]
            return
    if strict:
        raise Malformed(f"</{tag}> without <{tag}>")


def inner_html(element: Element) -> str:
    """The element's content as written (text as it was, start tags as they were)."""
    return "".join(outer_html(child) for child in element.children)


def outer_html(node: Node) -> str:
    if isinstance(node, Text):
        return node.raw
    if isinstance(node, Comment):
        return node.raw
    if not node.start:
        return inner_html(node)
    end = "" if node.tag in VOID or not node.closed else f"</{node.tag}>"
    return node.start + inner_html(node) + end
