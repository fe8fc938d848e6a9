"""Save an edited Markdown body into the site's HTML as the smallest change.

The Markdown the writer saw (`saved`) and the Markdown they saved (`edited`) are compared block
by block (difflib on their chunks); the HTML blocks behind the chunks they did not touch keep
their bytes, delimiters and attributes included. A changed block is rendered anew inside the
delimiter and element of the block it replaces (`Dialect.rerender`), an added one becomes a
new block of its kind (`Dialect.new_block`), a deleted one goes.

Which HTML block is behind which chunk of `saved` is found by comparing `saved` with the
Markdown made from the HTML (`Dialect.view`): the same after a pull, close after a save.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from reeltui.formats.wpblocks import Block, Document, parse_blocks, remember

Opcode = tuple[str, int, int, int, int]


class Dialect(Protocol):
    def view(self, doc: Document, index: int) -> str: ...

    def chunks(self, markdown: str) -> list[str]: ...

    def kind(self, chunk: str) -> str: ...

    def new_block(self, chunk: str) -> str: ...

    def rerender(self, block: Block, old: str, new: str) -> str: ...


@dataclass
class _Piece:
    """One block of the result: an original block kept or redone, or a new one."""

    html: str
    gap: str | None  # the whitespace before it (None: the dialect's default)
    index: int | None = None  # the original block's place, when kept as it was


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


def block_chunks(doc: Document, dialect: Dialect) -> list[list[str] | None]:
    """The chunks of each block's view. A Document is never changed: they are worked out
    once, and a save hands those of the blocks it kept on to the Document it makes (_join)."""
    key = f"{type(dialect).__name__}:{getattr(dialect, 'classic', '')}"
    per_block: list[list[str] | None] = doc.memo.setdefault(key, [None] * len(doc.blocks))
    for index, known in enumerate(per_block):
        if known is None:
            per_block[index] = dialect.chunks(dialect.view(doc, index))
    return per_block


def owners(doc: Document, dialect: Dialect, saved: list[str]) -> list[list[int]]:
    """For each chunk of `saved`, the blocks behind it (usually one)."""
    views: list[str] = []
    owner: list[int] = []
    for index, found_chunks in enumerate(block_chunks(doc, dialect)):
        assert found_chunks is not None
        views += found_chunks
        owner += [index] * len(found_chunks)
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
                pieces.append(_Piece(html, doc.gaps[index]))
            else:
                pieces.append(_Piece(original.raw, doc.gaps[index], index))
        upto = max(upto, stop)

    for block, chunk in assigned:
        if block is None:
            pieces.append(_Piece(dialect.new_block(chunk), None))
        elif block == upto and block not in dirty:  # the common case: a block kept
            pieces.append(_Piece(doc.blocks[block].raw, doc.gaps[block], block))
            upto += 1
        elif block >= upto:
            place(block + 1)
    place(len(doc.blocks))
    return _join(doc, pieces, gap)


def _join(doc: Document, pieces: list[_Piece], gap: str) -> str:
    """The new HTML; its blocks are remembered (the next save of a long post then need not
    read it again) when each new piece is one block on its own."""
    out = Document(tail=doc.tail, has_blocks=doc.has_blocks)
    known = True
    for index, piece in enumerate(pieces):
        lead = piece.gap if piece.gap is not None else gap
        if index == 0:
            lead = doc.gaps[0] if doc.gaps else ""
        if piece.index is not None:
            block = doc.blocks[piece.index]
        else:
            alone = parse_blocks(piece.html, remember=False)
            single = len(alone.blocks) == 1 and not alone.tail and not alone.gaps[0]
            block = alone.blocks[0] if single else Block(piece.html, "")
            known = known and single
            out.has_blocks = out.has_blocks or alone.has_blocks
        out.gaps.append(lead)
        out.blocks.append(block)
    html = out.html()
    if known:
        for key, per_block in doc.memo.items():
            out.memo[key] = [per_block[p.index] if p.index is not None else None for p in pieces]
        remember(html, out, checked=True)
    return html
