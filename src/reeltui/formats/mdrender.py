"""Markdown -> HTML as reeltui renders it, and a test of whether two pieces of HTML say the same.

`same_html` compares what a reader of the page gets: the elements, their attributes and the
text, with runs of whitespace as one space (none around block elements), entities decoded,
<p> as a mere paragraph boundary (wpautop adds and removes them freely), and the block's own
outer element without its presentational attributes (a splice keeps those).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from reeltui.formats.htmltree import VOID, Comment, Element, Node, Text, parse, tags

_PRESENTATIONAL = frozenset(("class", "style", "id", "dir", "lang"))
_IMG_KEPT = frozenset(("class", "width", "height", "loading", "decoding", "style", "id"))
_SAME = {"b": "strong", "i": "em"}
_BLOCK = tags(
    "address blockquote dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li ol p pre "
    "table tbody td tfoot th thead tr ul"
)


@lru_cache(maxsize=2)
def _renderer(classic: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "breaks": classic})
    return md.enable(["table", "strikethrough"])


def render(markdown: str, *, classic: bool = False) -> str:
    """HTML for Markdown; with `classic`, a newline inside a paragraph is a line break."""
    return str(_renderer(classic).render(markdown)) if markdown.strip() else ""


def same_html(original: str, rendered: str, *, classic: bool = False) -> bool:
    """Whether `rendered` says what `original` says (`classic`: newlines in the original's
    text are line breaks, as wpautop makes them)."""
    return canonical(original, classic=classic) == canonical(rendered)


def canonical(html: str, *, classic: bool = False) -> list[str]:
    root = parse(html)
    elements = [c for c in root.children if isinstance(c, Element)]
    others = [c for c in root.children if not isinstance(c, Element)]
    if len(elements) == 1 and all(isinstance(c, Text) and not c.value.strip() for c in others):
        outer = _unwrap(elements[0])
        outer = Element(outer.tag, _outer_attrs(outer), outer.children)
        root = Element("", children=[outer])
    out: list[str] = []
    _walk(root, out)
    return _tidy(out, classic)


def _unwrap(element: Element) -> Element:
    if element.tag == "p":
        inner = [c for c in element.children if not (isinstance(c, Text) and not c.value.strip())]
        if len(inner) == 1 and isinstance(inner[0], Element) and inner[0].tag == "img":
            return inner[0]
    if element.tag == "figure":
        inner = [c for c in element.children if not (isinstance(c, Text) and not c.value.strip())]
        if len(inner) == 1 and isinstance(inner[0], Element) and inner[0].tag in ("img", "table"):
            return inner[0]
    return element


def _outer_attrs(element: Element) -> dict[str, str]:
    return {
        k: v
        for k, v in element.attrs.items()
        if k not in _PRESENTATIONAL and not k.startswith(("data-", "aria-"))
    }


def _walk(element: Element, out: list[str]) -> None:
    for child in element.children:
        _node(child, out)


def _node(node: Node, out: list[str]) -> None:
    if isinstance(node, Text):
        if node.value:
            out.append("T" + node.value)
        return
    if isinstance(node, Comment):
        out.append("C" + node.raw)
        return
    tag = _SAME.get(node.tag, node.tag)
    if tag == "p":
        out.append("|")
        _walk(node, out)
        out.append("|")
        return
    attrs = node.attrs
    if tag == "img":
        attrs = {k: v for k, v in attrs.items() if k not in _IMG_KEPT}
    out.append("<" + tag + "".join(f" {k}={v!r}" for k, v in sorted(attrs.items())))
    if tag in VOID:
        return
    _walk(node, out)
    out.append("</" + tag)


def _tidy(tokens: list[str], classic: bool) -> list[str]:
    """Whitespace runs as one space, none next to block boundaries; texts joined; with
    `classic`, a newline inside text is a line break."""
    joined: list[str] = []
    for token in tokens:
        if token.startswith("T") and joined and joined[-1].startswith("T"):
            joined[-1] += token[1:]
        else:
            joined.append(token)
    out: list[str] = []
    in_pre = 0
    for index, token in enumerate(joined):
        if token == "<pre" or token.startswith("<pre "):
            in_pre += 1
        elif token == "</pre":
            in_pre -= 1
        if not token.startswith("T"):
            out.append(token)
            continue
        if in_pre:
            out.append("T" + token[1:].strip("\n"))
            continue
        before, after = _boundary(joined, index - 1), _boundary(joined, index + 1)
        text = token[1:]
        if classic:
            text = text.strip(" \t\n") if before and after else text
            text = text.lstrip(" \t\n") if before else text
            text = text.rstrip(" \t\n") if after else text
            lines = [" ".join(_words(line)) for line in text.split("\n")]
            if text[:1] in (" ", "\t") and lines[0] and not before:
                lines[0] = " " + lines[0]
            if text[-1:] in (" ", "\t") and lines[-1] and not after:
                lines[-1] += " "
            for n, line in enumerate(lines):
                if n:
                    out.append("<br")
                if line:
                    out.append("T" + line)
            continue
        words = " ".join(_words(text))
        if text[:1].isspace() and words and not before:
            words = " " + words
        if text[-1:].isspace() and not after:
            words += " "
        if words.strip() or not (before or after):
            out.append("T" + words)
    return _paragraph_marks(out)


def _words(text: str) -> list[str]:
    return text.replace("\xa0", "\x00").split() and [
        w.replace("\x00", "\xa0") for w in text.replace("\xa0", "\x00").split()
    ]


def _paragraph_marks(tokens: list[str]) -> list[str]:
    """A paragraph mark counts only between two runs of inline content."""
    out: list[str] = []
    for index, token in enumerate(tokens):
        if token != "|":
            out.append(token)
            continue
        if not out or _boundary(out, len(out) - 1) or out[-1] == "|":
            continue
        if index + 1 >= len(tokens) or _boundary(tokens, index + 1):
            continue
        out.append(token)
    return out


def _boundary(tokens: list[str], index: int) -> bool:
    if index < 0 or index >= len(tokens):
        return True
    token = tokens[index]
    if token == "|" or token.startswith("<br"):
        return True
    name = token.lstrip("</").split(" ")[0]
    return token[0] == "<" and name in _BLOCK
