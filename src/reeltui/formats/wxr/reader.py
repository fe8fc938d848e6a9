"""WordPress export (WXR 1.0, 1.1, 1.2) reader: posts with their threaded comments.

The file is parsed once, streaming, with defusedxml (entity declarations and external
references are refused). Each <item> is converted when it ends and then freed. Items that are
not posts (pages, attachments, menu items...) are skipped and counted; a file that stops being
well-formed part-way keeps the items read before the break (`ReadResult.broken` says where).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from reeltui.domain.plural import count
from reeltui.formats import FormatError, Progress, ReadResult
from reeltui.formats.wxr.mapping import short_tag
from reeltui.formats.wxr.salvage import (
    first_text,
    offset_of,
    salvage_authors,
    salvage_items,
)
from reeltui.formats.wxr.to_posts import Converter, text_of

CHUNK = 1 << 20  # feed expat 1 MB at a time: big tokens are re-scanned once per chunk
MAX_ATTRIBUTE = 1 << 20
_HUGE_ATTRIBUTE = re.compile(rb"=\s*(?:\"[^\"<]{%d}|'[^'<]{%d})" % (MAX_ATTRIBUTE, MAX_ATTRIBUTE))


class _Feed:
    """A file-like view of the bytes for iterparse: big chunks, and progress as it goes."""

    def __init__(self, data: bytes, progress: Progress | None) -> None:
        self.data = memoryview(data)
        self.pos = 0
        self.progress = progress

    def read(self, _size: int = -1) -> bytes:
        chunk = bytes(self.data[self.pos : self.pos + CHUNK])
        self.pos += len(chunk)
        if self.progress is not None:
            self.progress("reading", self.pos, len(self.data))
        return chunk


def read_wxr(path: Path, progress: Progress | None = None) -> ReadResult:
    """Read a WXR file. FormatError when nothing of it can be read (with the reason)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return read_wxr_bytes(data, name=str(path), progress=progress)


def read_wxr_bytes(
    data: bytes, *, name: str = "<wxr>", progress: Progress | None = None
) -> ReadResult:
    huge = _HUGE_ATTRIBUTE.search(data)
    if huge:
        line = data.count(b"\n", 0, huge.start()) + 1
        raise FormatError(
            f"{name}: refused: an attribute value longer than {MAX_ATTRIBUTE // 1024} KB "
            f"(line {line}); this is not a WordPress export"
        )
    reader = _Reader(name)
    kinds = reader.kinds
    try:
        for _, elem in iterparse(_Feed(data, progress), events=("end",)):
            # Most elements are fields of an item, read with it: one dict lookup each.
            if kinds.get(elem.tag, True):
                reader.end(elem)
    except DefusedXmlException as exc:
        raise _refused(name, exc) from None
    except (LookupError, UnicodeError) as exc:  # <?xml encoding="..."?> unknown or wrong
        raise FormatError(f"{name}: cannot decode the file: {exc}") from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        why = str(exc).split(":")[0]
        where = f"not well-formed XML at line {line}, column {column} ({why})"
        text = data.decode("utf-8", "replace")
        broken = where + reader.salvage(text, offset_of(text, line, column))
        if reader.result.skipped or not reader.result.posts:
            reader.result.broken = broken
        else:  # every item was read one by one, as WordPress's importer reads such a file
            reader.result.notes.append(f"{broken}: nothing was left out")
    return reader.finish()


def _refused(name: str, exc: Exception) -> FormatError:
    return FormatError(
        f"{name}: refused: the file declares XML entities or external references "
        f"({type(exc).__name__}), which WordPress exports never do; it may be an attack "
        "(billion laughs, XXE). Nothing was imported."
    )


_WANTED = {"item", "wp:author", "wp:base_site_url", "wp:base_blog_url", "wp:wxr_version"}


class _Reader(Converter):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.site = ""
        self.items = 0
        self.kinds: dict[str, bool] = {}  # element tag -> does `end` want it

    def end(self, elem: Element) -> None:
        tag = short_tag(elem.tag)
        if len(self.kinds) < 1_000:  # a hostile file must not grow it without bound
            self.kinds[elem.tag] = tag in _WANTED
        if tag == "item":
            self.items += 1
            self.item(elem)
            elem.clear()
        elif tag == "wp:author":
            self.add_author(elem)
            elem.clear()
        elif tag in ("wp:base_site_url", "wp:base_blog_url") and not self.site:
            self.site = text_of(elem).strip()
        elif tag == "wp:wxr_version":
            self.is_wxr = True

    def salvage(self, text: str, broke_at: int) -> str:
        """Read what the streaming parse did not reach (it stopped at index `broke_at`);
        returns what to add to the break's reason."""
        if not self.site:
            self.site = first_text(text, "wp:base_site_url")
        if not self.authors:
            salvage_authors(text, self.add_author)
        read, skips = salvage_items(
            text, broke_at, self.item, lambda exc: _refused(self.result.source, exc)
        )
        self.result.skipped += skips
        parts = [f"{count(read, 'more item')} read one by one"] if read else []
        if skips:
            parts.append(f"{count(len(skips), 'item')} could not be read")
        return "".join(f"; {part}" for part in parts)

    def finish(self) -> ReadResult:
        result = self.result
        result.local.outbox = [item for _, item in sorted(self.outbox, key=lambda p: p[0])]
        if not self.is_wxr and not result.posts and not result.skipped:
            reason = result.broken or "no <wp:wxr_version> and no WordPress items"
            raise FormatError(
                f"{result.source}: not a WordPress export (WXR): {reason}; nothing was imported"
            )
        if result.broken and not result.posts and not result.skipped:
            why = result.broken.split(";")[0]
            raise FormatError(f"{result.source}: {why}; nothing could be imported")
        for parsed in result.posts:
            post = parsed.post
            if "wxr" in post.source and self.site and "wxr_site" not in post.source:
                post.source["wxr_site"] = self.site
            if post.author not in self.authors.values():  # authors listed after the items
                post.author = self.authors.get(post.author, post.author)
            for comment in parsed.comments:
                if "wxr" in comment.source and self.site and "wxr_site" not in comment.source:
                    comment.source["wxr_site"] = self.site
        return result
