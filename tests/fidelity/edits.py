"""One-word edits of a post, block by block, and whether a save kept them to that block."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reeltui.formats.siteview import view_of
from reeltui.formats.wpblocks import Document, parse_blocks

_WORD = re.compile(r"(?<![\w&#/.:-])[A-Za-z]{4,}(?![\w;/.:-])")


@dataclass(frozen=True)
class Edit:
    block: int  # index of the block whose Markdown is edited
    word: str
    new_word: str
    saved: str  # the post's Markdown before
    edited: str  # and after


_MARKUP = re.compile(r"<[^<>]*>|\]\([^)]*\)|\[[^\]]*\]|`[^`]*`")


def words_of(markdown: str) -> list[re.Match[str]]:
    """Words a writer would retype: outside tags, link targets, shortcodes and code."""
    spans = [m.span() for m in _MARKUP.finditer(markdown)]
    return [
        m
        for m in _WORD.finditer(markdown)
        if not any(start <= m.start() < end for start, end in spans)
    ]


def one_word_edits(html: str) -> Iterator[Edit]:
    """For each block with a word in its Markdown: that word changed, nothing else."""
    doc = parse_blocks(html)
    classic = not doc.has_blocks
    views = [view_of(block, classic).markdown for block in doc.blocks]
    for index, view in enumerate(views):
        found = words_of(view)
        if not found:
            continue
        word = found[len(found) // 2]
        new_word = word.group() + "ish"
        changed = view[: word.start()] + new_word + view[word.end() :]
        before = "\n\n".join(views)
        after = "\n\n".join([*views[:index], changed, *views[index + 1 :]])
        yield Edit(index, word.group(), new_word, before + "\n", after + "\n")


def confined(doc: Document, block: int, new_html: str) -> bool:
    """`new_html` is `doc` with only block `block` changed (gaps and other blocks as they were)."""
    old = doc.html()
    start, end = span(doc, block)
    head, tail = old[:start], old[end:]
    return (
        len(new_html) >= len(head) + len(tail)
        and new_html.startswith(head)
        and new_html.endswith(tail)
    )


def span(doc: Document, block: int) -> tuple[int, int]:
    start = sum(
        len(g) + len(b.raw) for g, b in zip(doc.gaps[:block], doc.blocks[:block], strict=True)
    )
    start += len(doc.gaps[block])
    return start, start + len(doc.blocks[block].raw)


def word_changes(doc: Document, edit: Edit) -> list[str]:
    """The post with the edited word changed at one of its places in that block."""
    old = doc.html()
    start, end = span(doc, edit.block)
    found = []
    at = old.find(edit.word, start, end)
    while at >= 0:
        found.append(old[:at] + edit.new_word + old[at + len(edit.word) :])
        at = old.find(edit.word, at + 1, end)
    return found


def word_only(doc: Document, edit: Edit, new_html: str) -> bool:
    """The change is that word in that block and nothing else, byte for byte."""
    return new_html in word_changes(doc, edit)
