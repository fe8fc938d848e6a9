"""Which HTML block is behind which chunk of the Markdown a writer saw (see splice.py).

The Markdown made from each block (`Dialect.view`), cut into chunks, is compared with the
Markdown the writer saw: the same after a pull, close after a save. Usually the chunks pair
off one to one; when the texts moved apart (a block split, text the HTML lacks), difflib
says which blocks a stretch of chunks came from.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Protocol

from reeltui.formats.wpblocks import Block, Document

Opcode = tuple[str, int, int, int, int]


class Dialect(Protocol):
    def view(self, doc: Document, index: int) -> str: ...

    def chunks(self, markdown: str) -> list[str]: ...

    def kind(self, chunk: str) -> str: ...

    def new_block(self, chunk: str) -> str: ...

    def rerender(self, block: Block, old: str, new: str) -> str: ...


def opcodes(a: list[str], b: list[str]) -> list[Opcode]:
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


def _flat(doc: Document, dialect: Dialect) -> tuple[list[str], list[int], list[int]]:
    """The views' chunks in one list, the block behind each, and where each block's chunks
    start (worked out once per Document)."""
    key = f"flat:{type(dialect).__name__}:{getattr(dialect, 'classic', '')}"
    if key not in doc.memo:
        views: list[str] = []
        owner: list[int] = []
        first: list[int] = []
        for index, found in enumerate(block_chunks(doc, dialect)):
            assert found is not None
            first.append(len(views))
            views += found
            owner += [index] * len(found)
        first.append(len(views))
        doc.memo[key] = (views, owner, first)
    found_flat: tuple[list[str], list[int], list[int]] = doc.memo[key]
    return found_flat


class Owners:
    """Which blocks are behind each chunk of the Markdown the writer saw (usually one)."""

    def __init__(self, doc: Document, dialect: Dialect, saved: list[str]) -> None:
        views, owner, self.first = _flat(doc, dialect)
        pairs = opcodes(views, saved)
        # Usually the chunks pair off one to one (the same text, or a block the writer
        # changed before and the view puts differently): then chunk k is block owner[k]'s.
        self.one_to_one = all(
            op in ("equal", "replace") and i2 - i1 == j2 - j1 for op, i1, i2, j1, j2 in pairs
        )
        self.owner = owner
        self.table: list[list[int]] = []
        if not self.one_to_one:
            self.table = [[] for _ in saved]
            for op, i1, i2, j1, j2 in pairs:
                blocks = sorted(set(owner[i1:i2]))
                for k in range(j1, j2):
                    self.table[k] = [owner[i1 + k - j1]] if op == "equal" else blocks
        self.by_block: dict[int, list[int]] = {}

    def __call__(self, k: int) -> list[int]:
        return [self.owner[k]] if self.one_to_one else self.table[k]

    def chunks_of(self, block: int) -> list[int]:
        if self.one_to_one:
            return list(range(self.first[block], self.first[block + 1]))
        if not self.by_block:
            for k, found in enumerate(self.table):
                for b in found:
                    self.by_block.setdefault(b, []).append(k)
        return self.by_block.get(block, [])
