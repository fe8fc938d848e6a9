"""Bounding how deep HTML nests before it reaches a recursive converter.

markdownify walks BeautifulSoup's tree recursively: 400 nested <div>, <blockquote> or
<ul><li> (or 400 unclosed <p>, which BeautifulSoup nests) raised RecursionError and took a whole
import down. `limit_depth` drops the tags opened deeper than MAX_DEPTH (their text is kept,
only less nested) in one linear pass, before any parser sees the HTML. No real post nests
that deep; the reader shows at most 8 levels anyway.
"""

from __future__ import annotations

import re

MAX_DEPTH = 100
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def limit_depth(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """(`html` with the tags opened deeper than `max_depth` left out, how many were left out).

    An end tag closes the nearest open tag of its name and every tag opened after it (as an
    HTML parser does); an end tag with nothing to close is kept as it is.
    """
    if html.count("<") <= max_depth:
        return html, 0  # too few tags to nest that deep: no scan
    stack: list[tuple[str, bool]] = []  # (name, kept)
    open_names: dict[str, int] = {}
    kept_depth = dropped = 0
    out: list[str] = []
    pos = 0
    for match in _TAG.finditer(html):
        closing, raw_name, rest = match.groups()
        name = raw_name.lower()
        if not closing:
            if name in _VOID or rest.endswith("/"):
                continue
            keep = kept_depth < max_depth
            stack.append((name, keep))
            open_names[name] = open_names.get(name, 0) + 1
            if keep:
                kept_depth += 1
                continue
            dropped += 1
        else:
            if not open_names.get(name):
                continue  # a stray end tag: left for the parser
            while True:
                top, keep = stack.pop()
                open_names[top] -= 1
                kept_depth -= keep
                if top == name:
                    break
            if keep:
                continue
        out.append(html[pos : match.start()])
        pos = match.end()
    if not dropped:
        return html, 0
    out.append(html[pos:])
    return "".join(out), dropped
