"""A new comment's place in a thread, told from its parent's place (no ordering of the whole
thread for every reply), is exactly where ordering the whole thread again puts it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.domain.models import Comment, thread_order
from reeltui.domain.threadplace import leaf_place

DATES = [f"2024-01-0{d}T10:00:00" for d in range(1, 5)]


def comment(cid: str, parent: str | None, date: str) -> Comment:
    return Comment(id=cid, post_id="p", author="a", body="b", date=date, parent_id=parent)


@st.composite
def threads(draw: st.DrawFn) -> tuple[list[Comment], Comment]:
    """Comments whose parents may be missing, themselves, another (cycles too) or the new
    one's id; and the new comment, answering one of them, a missing one or nothing."""
    count = draw(st.integers(0, 14))
    ids = [f"c{i}" for i in range(count)]
    parents = st.sampled_from([None, "gone", "new", *ids]) if ids else st.just(None)
    old = [
        comment(
            cid,
            draw(parents) if draw(st.booleans()) else draw(st.sampled_from([None, *ids[:i]])),
            draw(st.sampled_from(DATES)),
        )
        for i, cid in enumerate(ids)
    ]
    new = comment(
        "new", draw(st.sampled_from([None, "gone", "new", *ids])), draw(st.sampled_from(DATES))
    )
    return old, new


@settings(max_examples=600, deadline=None)
@given(threads())
def test_the_place_told_is_where_the_whole_order_puts_it(
    thread: tuple[list[Comment], Comment],
) -> None:
    old, new = thread
    order = thread_order(old)
    everyone = {c.id: c for c in [*old, new]}
    parent_at = next((i for i, (c, _) in enumerate(order) if c.id == new.parent_id), None)
    place = leaf_place(order, new, everyone, parent_at)
    if place is not None:
        index, depth = place
        assert [*order[:index], (new, depth), *order[index:]] == thread_order([*old, new])
    answered = any(c.parent_id == "new" for c in old)
    if not answered and _reached(new.parent_id, old):
        assert place is not None  # the usual reply: told, never ordered again


def _reached(parent: str | None, old: list[Comment]) -> bool:
    """Is `parent` reached going down from the top-level comments (not among the comments
    caught in a cycle of parents, which the order lists last)?"""
    ids = {c.id for c in old}
    children: dict[str | None, list[str]] = {}
    for c in old:
        up = c.parent_id if c.parent_id in ids and c.parent_id != c.id else None
        children.setdefault(up, []).append(c.id)
    reached, todo = set(), list(children.get(None, []))
    while todo:
        cid = todo.pop()
        if cid not in reached:
            reached.add(cid)
            todo += children.get(cid, [])
    return parent in reached


def test_a_reply_goes_after_its_parents_earlier_replies_and_theirs() -> None:
    old = [
        comment("a", None, DATES[0]),
        comment("b", "a", DATES[1]),
        comment("c", "b", DATES[3]),
        comment("d", "a", DATES[3]),
        comment("e", None, DATES[2]),
    ]
    order = thread_order(old)
    assert [c.id for c, _ in order] == ["a", "b", "c", "d", "e"]
    new = comment("new", "a", DATES[2])
    everyone = {c.id: c for c in [*old, new]}
    assert leaf_place(order, new, everyone, 0) == (3, 2)  # after b and its reply c, before d
    cycle = [comment("x", "y", DATES[0]), comment("y", "x", DATES[0])]
    inside = comment("new", "x", DATES[0])
    everyone = {c.id: c for c in [*cycle, inside]}
    assert leaf_place(thread_order(cycle), inside, everyone, 0) is None  # ordered again
