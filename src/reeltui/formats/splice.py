"""Save an edited Markdown body into the site's HTML as the smallest change.

The Markdown the writer saw (`saved`) and the Markdown they saved (`edited`) are compared block
by block (difflib on their chunks); the HTML blocks behind the chunks they did not touch keep
their bytes, delimiters and attributes included. A changed block is rendered anew inside the
delimiter and element of the block it replaces (`Dialect.rerender`), an added one becomes a
new block of its kind (`Dialect.new_block`), a deleted one goes.

Which HTML block is behind which chunk of `saved` is found by comparing `saved` with the
Markdown made from the HTML (`Dialect.views`): the same after a pull, close after a save.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from reeltui.formats.wpblocks import Block, Document

Opcode = tuple[str, int, int, int, int]


class Dialect(Protocol):
    def views(self, doc: Document) -> list[str]: ...

    def chunks(self, markdown: str) -> list[str]: ...

    def kind(self, chunk: str) -> str: ...

    def new_block(self, chunk: str) -> str: ...

    def rerender(self, block: Block, old: str, new: str) -> str: ...


@dataclass
class _Piece:
    """One block of the result: an original block kept or redone, or a new one."""

    html: str
    gap: str | None  # the whitespace before it (None: the dialect's default)


def _opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib's opcodes, after the common start and end are taken as they stand: a block
    alike another (two rules, two empty paragraphs) then keeps its place."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))]
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False)
    out: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    for op, i1, i2, j1, j2 in middle.get_opcodes():
        out.append((op, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        out.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return out


def owners(doc: Document, dialect: Dialect, saved: list[str]) -> list[list[int]]:
    """For each chunk of `saved`, the blocks behind it (usually one)."""
    views: list[str] = []
    owner: list[int] = []
    for index, view in enumerate(dialect.views(doc)):
        for chunk in dialect.chunks(view):
            views.append(chunk)
            owner.append(index)
    found: list[list[int]] = [[] for _ in saved]
    for op, i1, i2, j1, j2 in _opcodes(views, saved):
        if op == "equal":
            for k in range(i2 - i1):
                found[j1 + k] = [owner[i1 + k]]
        else:
            blocks = sorted(set(owner[i1:i2]))
            for k in range(j1, j2):
                found[k] = blocks
    return found


def splice(doc: Document, dialect: Dialect, saved: str, edited: str, gap: str = "\n\n") -> str:
    """The HTML of `doc` with the change from `saved` to `edited` made in it."""
    old = dialect.chunks(saved)
    new = dialect.chunks(edited)
    if old == new:
        return doc.html()
    owned = owners(doc, dialect, old)
    by_block: dict[int, list[int]] = {}
    for index, found in enumerate(owned):
        for block in found:
            by_block.setdefault(block, []).append(index)
    assigned: list[tuple[int | None, str]] = []  # (block or None for a new one, chunk)
    dirty: set[int] = set()
    for op, i1, i2, j1, j2 in _opcodes(old, new):
        if op == "equal":
            assigned += [(_first(owned[i1 + k]), new[j1 + k]) for k in range(j2 - j1)]
            continue
        blocks = sorted({b for k in range(i1, i2) for b in owned[k]})
        if op == "insert":
            before = owned[i1 - 1] if i1 > 0 else []
            after = owned[i1] if i1 < len(old) else []
            inside = set(before) & set(after)
            blocks = sorted(inside)
        dirty.update(blocks)
        assigned += _pair(blocks, new[j1:j2], dialect, old, by_block)
    return _assemble(doc, dialect, old, by_block, assigned, dirty, gap)


def _first(blocks: list[int]) -> int | None:
    return blocks[0] if blocks else None


def _pair(
    blocks: list[int],
    chunks: list[str],
    dialect: Dialect,
    old: list[str],
    by_block: dict[int, list[int]],
) -> list[tuple[int | None, str]]:
    """New chunks matched by kind to the old chunks of the blocks they replace (a block keeps
    as many chunks as it had); the rest are new blocks."""
    if not chunks:
        return []
    slots = [(b, dialect.kind(old[k])) for b in blocks for k in by_block.get(b, [])]
    out: list[tuple[int | None, str]] = [(None, c) for c in chunks]
    matcher = SequenceMatcher(
        None, [k for _, k in slots], [dialect.kind(c) for c in chunks], autojunk=False
    )
    for op, i1, i2, j1, _j2 in matcher.get_opcodes():
        if op == "equal":
            for n in range(i2 - i1):
                out[j1 + n] = (slots[i1 + n][0], chunks[j1 + n])
    return out


def _assemble(
    doc: Document,
    dialect: Dialect,
    old: list[str],
    by_block: dict[int, list[int]],
    assigned: list[tuple[int | None, str]],
    dirty: set[int],
    gap: str,
) -> str:
    grouped: dict[int, list[str]] = {}
    for block, chunk in assigned:
        if block is not None:
            grouped.setdefault(block, []).append(chunk)
    pieces: list[_Piece] = []
    upto = 0  # the next original block not yet placed

    def place(stop: int) -> None:
        """Blocks before `stop` not yet placed: kept, or gone if the writer deleted them."""
        nonlocal upto
        for index in range(upto, stop):
            if index in dirty and index not in grouped:
                continue  # deleted
            original = doc.blocks[index]
            if index in dirty:
                saw = "\n\n".join(old[k] for k in by_block.get(index, []))
                html = dialect.rerender(original, saw, "\n\n".join(grouped[index]))
            else:
                html = original.raw
            pieces.append(_Piece(html, doc.gaps[index]))
        upto = max(upto, stop)

    for block, chunk in assigned:
        if block is None:
            pieces.append(_Piece(dialect.new_block(chunk), None))
        elif block >= upto:
            place(block + 1)
    place(len(doc.blocks))
    return _join(doc, pieces, gap)


def _join(doc: Document, pieces: list[_Piece], gap: str) -> str:
    out: list[str] = []
    for index, piece in enumerate(pieces):
        lead = piece.gap if piece.gap is not None else gap
        if index == 0:
            lead = doc.gaps[0] if doc.gaps else ""
        out.append(lead + piece.html)
    return "".join(out) + doc.tail
