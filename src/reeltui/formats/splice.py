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

from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate

from reeltui.formats.owners import Dialect, Owners, opcodes
from reeltui.formats.wpblocks import Block, Document, parse_blocks, remember


@dataclass
class _Piece:
    """A stretch of the result: original blocks [start, stop) kept as they were, or one
    block redone or new (`html`)."""

    html: str = ""
    gap: str | None = None  # the whitespace before a redone or new block (None: the default)
    start: int = 0
    stop: int = 0


def splice(doc: Document, dialect: Dialect, saved: str, edited: str, gap: str = "\n\n") -> str:
    """The HTML of `doc` with the change from `saved` to `edited` made in it."""
    old = dialect.chunks(saved)
    new = dialect.chunks(edited)
    if old == new:
        return doc.html()
    owned = Owners(doc, dialect, old)
    same: list[tuple[int, int, int]] = []  # (j1, i1, i2): chunks the writer left as they were
    ones: list[tuple[int, int | None, str]] = []  # (j, block or None for a new one, chunk)
    dirty: set[int] = set()
    for op, i1, i2, j1, j2 in opcodes(old, new):
        if op == "equal":
            same.append((j1, i1, i2))
            continue
        blocks = sorted({b for k in range(i1, i2) for b in owned(k)})
        if op == "insert":
            before = owned(i1 - 1) if i1 > 0 else []
            after = owned(i1) if i1 < len(old) else []
            blocks = sorted(set(before) & set(after))
        dirty.update(blocks)
        for n, (block, chunk) in enumerate(_pair(blocks, new[j1:j2], dialect, old, owned)):
            ones.append((j1 + n, block, chunk))
    return _Assembly(doc, dialect, old, new, owned, dirty, gap).run(same, ones)


def _pair(
    blocks: list[int],
    chunks: list[str],
    dialect: Dialect,
    old: list[str],
    owned: Owners,
) -> list[tuple[int | None, str]]:
    """New chunks matched by kind to the old chunks of the blocks they replace (a block keeps
    as many chunks as it had); the rest are new blocks."""
    if not chunks:
        return []
    slots = [(b, dialect.kind(old[k])) for b in blocks for k in owned.chunks_of(b)]
    out: list[tuple[int | None, str]] = [(None, c) for c in chunks]
    matcher = SequenceMatcher(
        None, [k for _, k in slots], [dialect.kind(c) for c in chunks], autojunk=False
    )
    for op, i1, i2, j1, _j2 in matcher.get_opcodes():
        if op == "equal":
            for n in range(i2 - i1):
                out[j1 + n] = (slots[i1 + n][0], chunks[j1 + n])
    return out


class _Assembly:
    """The blocks of the result in order: kept stretches, redone blocks and new ones."""

    def __init__(
        self,
        doc: Document,
        dialect: Dialect,
        old: list[str],
        new: list[str],
        owned: Owners,
        dirty: set[int],
        gap: str,
    ) -> None:
        self.doc, self.dialect, self.old, self.new = doc, dialect, old, new
        self.owned, self.gap = owned, gap
        self.dirty = sorted(dirty)
        self.pieces: list[_Piece] = []
        self.upto = 0  # the next original block not yet placed
        self.grouped: dict[int, list[tuple[int, str]]] = {b: [] for b in dirty}

    def run(self, same: list[tuple[int, int, int]], ones: list[tuple[int, int | None, str]]) -> str:
        for j, block, chunk in ones:
            if block is not None:
                self.grouped[block].append((j, chunk))
        for block in self.dirty:  # its chunks the writer left as they were come along
            for k in self.owned.chunks_of(block):
                for j1, i1, i2 in same:
                    if i1 <= k < i2:
                        self.grouped[block].append((j1 + k - i1, self.new[j1 + k - i1]))
            self.grouped[block].sort()
        events = sorted(
            [(j1, 0, i1, i2) for j1, i1, i2 in same] + [(j, 1, 0, 0) for j, _, _ in ones]
        )
        by_j = {j: (block, chunk) for j, block, chunk in ones}
        for j, is_one, i1, i2 in events:
            if is_one:
                block, chunk = by_j[j]
                if block is None:
                    self.pieces.append(_Piece(self.dialect.new_block(chunk)))
                elif block >= self.upto:
                    self.place(block + 1)
                continue
            for k in range(i1, i2):  # chunks of no block (text the HTML lacked): new blocks
                if not self.owned(k) and not self.owned.one_to_one:
                    self.pieces.append(_Piece(self.dialect.new_block(self.new[j + k - i1])))
            owners = [b for k in (i2 - 1,) for b in self.owned(k)] if i2 > i1 else []
            if owners:
                self.place(max(owners) + 1)
        self.place(len(self.doc.blocks))
        return _join(self.doc, self.pieces, self.gap)

    def place(self, stop: int) -> None:
        """Blocks before `stop` not yet placed: kept stretches, redone blocks, or gone."""
        while self.upto < stop:
            at = bisect_left(self.dirty, self.upto)
            nxt = self.dirty[at] if at < len(self.dirty) else stop
            if nxt >= stop:
                self.pieces.append(_Piece(start=self.upto, stop=stop))
                self.upto = stop
                return
            if nxt > self.upto:
                self.pieces.append(_Piece(start=self.upto, stop=nxt))
            chunks = [c for _, c in self.grouped[nxt]]
            if chunks:  # else the writer deleted it
                saw = "\n\n".join(self.old[k] for k in self.owned.chunks_of(nxt))
                html = self.dialect.rerender(self.doc.blocks[nxt], saw, "\n\n".join(chunks))
                self.pieces.append(_Piece(html, self.doc.gaps[nxt]))
            self.upto = nxt + 1


def _join(doc: Document, pieces: list[_Piece], gap: str) -> str:
    """The new HTML; its blocks are remembered (the next save of a long post then need not
    read it again) when each new piece is one block on its own."""
    source = doc.memo.get("html") or doc.html()
    offsets = doc.memo.get("offsets")
    if offsets is None:
        offsets = doc.memo["offsets"] = list(
            accumulate(
                (len(g) + len(b.raw) for g, b in zip(doc.gaps, doc.blocks, strict=True)), initial=0
            )
        )
    out = Document(tail=doc.tail, has_blocks=doc.has_blocks)
    parts: list[str] = []
    known = True
    carried: list[tuple[int, int]] = []  # (start, stop) of kept stretches, in order
    for index, piece in enumerate(pieces):
        if piece.stop > piece.start:
            lead = doc.gaps[piece.start] if index else (doc.gaps[0] if doc.gaps else "")
            parts += [
                lead,
                source[offsets[piece.start] + len(doc.gaps[piece.start]) : offsets[piece.stop]],
            ]
            out.gaps += [lead, *doc.gaps[piece.start + 1 : piece.stop]]
            out.blocks += doc.blocks[piece.start : piece.stop]
            carried.append((piece.start, piece.stop))
            continue
        if piece.stop == piece.start and not piece.html and piece.gap is None:
            continue  # an empty stretch
        lead = piece.gap if piece.gap is not None else gap
        lead = lead if index else (doc.gaps[0] if doc.gaps else "")
        alone = parse_blocks(piece.html, remember=False)
        single = len(alone.blocks) == 1 and not alone.tail and not alone.gaps[0]
        known = known and single
        out.has_blocks = out.has_blocks or alone.has_blocks
        parts += [lead, piece.html]
        out.gaps.append(lead)
        out.blocks.append(alone.blocks[0] if single else Block(piece.html, ""))
        carried.append((-1, -1))
    parts.append(doc.tail)
    html = "".join(parts)
    if known:
        for key, per_block in doc.memo.items():
            if key.startswith(("flat:", "html", "offsets")):
                continue
            kept: list[list[str] | None] = []
            for start, stop in carried:
                kept += per_block[start:stop] if start >= 0 else [None]
            out.memo[key] = kept
        out.memo["html"] = html
        remember(html, out, checked=True)
    return html
