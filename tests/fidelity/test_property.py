"""Property: whatever a writer does to some blocks (words changed, text typed anywhere, a block
rewritten, deleted, split, blocks added), the bytes of every other block never change.

(A block whose Markdown is the same as an edited one's is the exception: delete one of two
plain rules and the text cannot say which one went.)"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.formats.blockedit import splice_post
from reeltui.formats.siteview import site_markdown, view_of
from reeltui.formats.wpblocks import parse_blocks
from tests.fidelity.corpus import CORPUS
from tests.fuzzing import examples

# What a writer types: words, Markdown marks, punctuation, single newlines. No fences and no
# "<": an unclosed code fence or tag turns the rest of the post into code or HTML, which is
# a change to the other blocks' meaning, made on purpose.
TYPED = st.text(
    alphabet=st.sampled_from(list("abcdefghij XYZ0123456789*_#->[]()!|&.,'\"\n")),
    min_size=1,
    max_size=40,
).filter(lambda text: "\n\n" not in text and text.strip())
OPS = ("word", "insert", "rewrite", "delete", "split", "add")


_STRUCTURE = re.compile(r"<[^<>]*>?|^ {0,3}(?:`{3,}|~{3,}).*$", re.MULTILINE)


def _places(view: str) -> list[int]:
    """Where a writer types into a block without breaking a tag or a code fence in two (which
    would change what the blocks after it are)."""
    inside = {i for m in _STRUCTURE.finditer(view) for i in range(m.start() + 1, m.end())}
    return [i for i in range(len(view) + 1) if i not in inside]


def _edit(data: st.DataObject, view: str, op: str) -> list[str]:
    """The Markdown chunks that replace one block's Markdown."""
    if op == "delete":
        return []
    if op == "rewrite":
        return [data.draw(TYPED)]
    if op == "add":
        return [view, data.draw(TYPED)]
    at = data.draw(st.sampled_from(_places(view)))
    if op == "split":
        return [part for part in (view[:at], view[at:]) if part.strip()] or [view]
    typed = data.draw(TYPED)
    if op == "word":
        words = [
            i for i, c in enumerate(view) if c.isalpha() and (i == 0 or not view[i - 1].isalnum())
        ]
        if words:
            at = data.draw(st.sampled_from(words))
            end = at
            while end < len(view) and view[end].isalnum():
                end += 1
            return [view[:at] + typed.replace("\n", " ") + view[end:]]
    return [view[:at] + typed + view[at:]]


@settings(max_examples=examples(4000), deadline=None)
@given(st.data())
def test_edits_to_some_blocks_never_change_the_bytes_of_the_others(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(CORPUS)))
    html = CORPUS[name]
    doc = parse_blocks(html)
    views = [view_of(block, not doc.has_blocks).markdown for block in doc.blocks]
    chosen = data.draw(st.sets(st.integers(0, len(views) - 1), min_size=1, max_size=4))
    edited: list[str] = []
    for index, view in enumerate(views):
        edited += _edit(data, view, data.draw(st.sampled_from(OPS))) if index in chosen else [view]
    saved = site_markdown(html)
    out = splice_post(html, saved, "\n\n".join(edited) + "\n")
    # Two blocks with the same Markdown (two rules) cannot be told apart by their text:
    # deleting one of them deletes "a rule". Those are not asked to keep their place.
    alike = {views[i] for i in chosen}
    pos = 0
    for index, block in enumerate(doc.blocks):
        if index in chosen or views[index] in alike:
            continue
        found = out.find(block.raw, pos)
        assert found >= 0, (name, index, block.raw[:80])
        pos = found + len(block.raw)


@settings(max_examples=examples(400), deadline=None)
@given(st.data())
def test_saving_the_same_markdown_again_changes_nothing(data: st.DataObject) -> None:
    """After any edit, a second save of the same text (or of the view) is a no-op."""
    name = data.draw(st.sampled_from(sorted(CORPUS)))
    html = CORPUS[name]
    saved = site_markdown(html)
    doc = parse_blocks(html)
    views = [view_of(block, not doc.has_blocks).markdown for block in doc.blocks]
    index = data.draw(st.integers(0, len(views) - 1))
    views[index] = views[index] + data.draw(TYPED).replace("\n", " ")
    edited = "\n\n".join(views) + "\n"
    once = splice_post(html, saved, edited)
    assert splice_post(once, edited, edited) == once
