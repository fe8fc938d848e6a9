"""Reading a WXR file that is not well-formed XML, item by item, as WordPress's importer does.

Every scan here is linear in the size of the file: a hostile file of 480 KB of unclosed
<item> tags once took minutes with regular expressions that searched for each item's end
from each of its starts. Elements are cut out with one pass over their tags (CDATA sections
skipped); an element not closed before the next one starts ends there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from reeltui.formats import Skip

_ROOT = re.compile(r"<rss\b[^<>]*>")
_DEFAULT_ROOT = (
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
)
_CDATA_START = "<![CDATA["
_CDATA_OPEN = re.compile(r"<([\w:.-]+)((?:\s[^<>]*)?)>(\s*)<!\[CDATA\[")
_CDATA_CLOSE = re.compile(r"\]\]>(\s*)</([\w:.-]+)\s*>")
_TITLE_TEXT = re.compile(r"^\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*$", re.DOTALL)
MAX_LABEL = 80


def _tag_pattern(tag: str) -> re.Pattern[str]:
    # [^<>]* stops at the next "<": a tag missing its ">" costs a scan to the next tag only.
    return re.compile(rf"<!\[CDATA\[|<(/?){re.escape(tag)}(?=[\s/>])[^<>]*>")


def elements(text: str, tag: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each <tag>...</tag> element of `text`, in order, in one pass.

    CDATA sections are skipped (an <item> written inside a body is not an item). An element
    still open when the next one starts is cut there (closed False); one open at the end runs
    to the end.
    """
    pattern = _tag_pattern(tag)
    found: list[tuple[int, int, bool]] = []
    start: int | None = None
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        pos = match.end()
        token = match.group()
        if token == _CDATA_START:
            end = text.find("]]>", pos)
            if end < 0:
                break
            pos = end + 3
        elif match.group(1):  # </tag>
            if start is not None:
                found.append((start, pos, True))
                start = None
        else:
            if start is not None:
                found.append((start, match.start(), False))
                start = None
            if token.endswith("/>"):
                found.append((match.start(), pos, True))
            else:
                start = match.start()
    if start is not None:
        found.append((start, len(text), False))
    return found


def first_text(text: str, tag: str) -> str:
    """The text of the first <tag> element (CDATA unwrapped), or ""."""
    found = elements(text, tag)
    if not found:
        return ""
    first = text[found[0][0] : found[0][1]]
    inner = first.split(">", 1)[1] if ">" in first else ""
    close = inner.rfind("</")
    inner = inner[:close] if close >= 0 else inner
    match = _TITLE_TEXT.match(inner)
    return match.group(1).strip() if match else ""


def recdata(chunk: str) -> str:
    """Each CDATA field holding a stray "]]>" re-escaped (WordPress reads such fields up to
    the "]]>" that is followed by the field's closing tag). Linear: the candidate ends are
    found once, and each field looks up the first end of its own tag."""
    ends: dict[str, list[int]] = {}
    close_at: dict[int, re.Match[str]] = {}
    for close in _CDATA_CLOSE.finditer(chunk):
        ends.setdefault(close.group(2), []).append(close.start())
        close_at[close.start()] = close
    out: list[str] = []
    pos = 0
    while (opened := _CDATA_OPEN.search(chunk, pos)) is not None:
        tag, attrs, lead = opened.groups()
        starts = ends.get(tag, [])
        index = bisect.bisect_left(starts, opened.end())
        if index == len(starts):
            pos = opened.end()  # never closed: left as it is
            continue
        close = close_at[starts[index]]
        inner = chunk[opened.end() : close.start()].replace("]]>", "]]]]><![CDATA[>")
        out.append(chunk[pos : opened.start()])
        out.append(f"<{tag}{attrs}>{lead}<![CDATA[{inner}]]>{close.group(1)}</{tag}>")
        pos = close.end()
    out.append(chunk[pos:])
    return "".join(out)


def parse_chunk(chunk: str, root: str) -> Element:
    """One element cut out of a broken file, parsed inside the file's own <rss> root."""
    try:
        return fromstring(f"{root}{chunk}</rss>".encode())[0]
    except ParseError:
        if "]]>" not in chunk:
            raise
        return fromstring(f"{root}{recdata(chunk)}</rss>".encode())[0]


def root_of(text: str) -> str:
    found = _ROOT.search(text)
    return found.group(0) if found else _DEFAULT_ROOT


def offset_of(text: str, line: int, column: int) -> int:
    """The index in `text` of a parser's (line, column) position (both counted as expat
    does: lines from 1, columns in characters from 0)."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return min(start + column, len(text))


def salvage_items(
    text: str,
    broke_at: int,
    take: Callable[[Element], None],
    refused: Callable[[Exception], Exception],
) -> tuple[int, list[Skip]]:
    """Read, one by one, the <item> elements the streaming parse did not: those not closed
    before `broke_at` (where it stopped; it read every item closed before that, nested ones
    too). `take` gets each that parses. Returns (items read, skips of broken ones).
    `refused` turns an entity or external reference (an attack) into the error raised."""
    root = root_of(text)
    read = 0
    skips: list[Skip] = []
    for index, (start, end, closed) in enumerate(elements(text, "item")):
        if closed and end <= broke_at:
            continue  # read by the streaming parse
        chunk = text[start:end]
        reason = "never closed (no </item>)"
        if closed:
            try:
                element = parse_chunk(chunk, root)
            except DefusedXmlException as exc:
                raise refused(exc) from None
            except (ParseError, IndexError) as exc:
                why = str(exc).split(":")[0] if isinstance(exc, ParseError) else "empty"
                reason = f"not well-formed XML ({why})"
            else:
                take(element)
                read += 1
                continue
        title = first_text(chunk, "title")[:MAX_LABEL]
        label = repr(title) if title else f"item {index + 1}"
        skips.append(Skip("broken item", label, reason))
    return read, skips


def salvage_authors(text: str, take: Callable[[Element], None]) -> None:
    """The <wp:author> elements that parse, each given to `take`."""
    root = root_of(text)
    for start, end, _ in elements(text, "wp:author"):
        try:
            take(parse_chunk(text[start:end], root))
        except (ParseError, IndexError, DefusedXmlException):
            continue
