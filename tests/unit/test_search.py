"""Search index and comment index: same answers as the plain definitions, kept up to date."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.domain import Comment, Post
from reeltui.domain.text import fold
from reeltui.services import Blog
from reeltui.services.search import post_text, search_comments
from reeltui.services.session import open_blog
from reeltui.services.textindex import TextIndex
from reeltui.store import Refused, Store, StoreReadOnly, records, state
from tests.fuzzing import examples

ALPHABET = st.sampled_from([*"abcAB éÉßẞİı-\x00\n", "ﬁ", "😀", "’", "'", "–", "\u0301", "Æ"])
TEXTS = st.text(ALPHABET, max_size=12)


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(TEXTS, max_size=12),
    st.lists(st.tuples(st.integers(0, 15), TEXTS | st.none()), max_size=8),
    st.lists(TEXTS.filter(lambda q: "\x00" not in q), min_size=1, max_size=4),
)
def test_text_index_matches_a_plain_scan(
    texts: list[str], edits: list[tuple[int, str | None]], queries: list[str]
) -> None:
    index = TextIndex((f"r{i}", t) for i, t in enumerate(texts))
    truth = {f"r{i}": t for i, t in enumerate(texts)}
    for n, text in edits:  # edits after the build go through the overlay
        if text is None:
            index.remove(f"r{n}")
            truth.pop(f"r{n}", None)
        else:
            index.set(f"r{n}", text)
            truth[f"r{n}"] = text
    for query in queries:  # (a NUL separates fields: queries holding one never match)
        needle = fold(query)  # the one definition of a match: case, accents, quotes, dashes
        expected = {k for k, t in truth.items() if needle in fold(t)}
        assert set(index.search(query)) == expected
        newest = index.search(query, limit=2, newest_first=True)
        assert len(newest) == min(2, len(expected)) and set(newest) <= expected
        assert set(index.search_within(query, list(truth))) == expected


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["ab", "ba", "a", "b", "", "Ab"]), min_size=20, max_size=300))
def test_dense_matches_switch_to_per_record_checks(texts: list[str]) -> None:
    index = TextIndex((f"r{i}", t) for i, t in enumerate(texts))
    for query in ("a", "b", "ab", "ba", "aB"):
        expected = [f"r{i}" for i, t in enumerate(texts) if fold(query) in fold(t)]
        assert index.search(query) == expected
        assert index.search(query, limit=5, newest_first=True) == expected[::-1][:5]


def test_rebuild_after_many_edits_keeps_answers() -> None:
    index = TextIndex((f"r{i}", f"text {i}") for i in range(10))
    for i in range(3000):
        index.set(f"n{i}", f"new {i} Harbor")
    index.remove("r3")
    assert set(index.search("harbor")) == {f"n{i}" for i in range(3000)}
    assert index.search("text 3") == []
    assert index.search("TEXT 4") == ["r4"]


def _plain_rows(blog: Blog, query: str) -> set[str]:
    needle = fold(query)
    return {p.id for p in blog.full_posts() if needle in fold(post_text(p))}


def test_rows_search_and_comment_search_follow_saves(blog: Blog) -> None:
    for query in ("her", "SPIKE", "jonze", "reels", "zzz-nothing"):
        assert {r.post.id for r in blog.rows(search=query)} == _plain_rows(blog, query)
    post = blog.post(blog.posts()[0].id)
    # typing narrows, deleting a letter widens again: remembered results stay right
    for query in ("m", "mo", "mov", "movi", "mov", "mo"):
        assert {r.post.id for r in blog.rows(search=query)} == _plain_rows(blog, query)
    post.title = "Vertigo revisited"
    blog.save_post(post)
    assert [r.post.id for r in blog.rows(search="vertigo")] == [post.id]
    reply = Comment(id="c-new", post_id=post.id, body="A Kubrick-like tracking shot")
    blog.save_comment(reply)
    assert [c.id for c in search_comments(blog, "kubrick")] == ["c-new"]
    reply.body = "changed my mind"
    blog.save_comment(reply)
    assert search_comments(blog, "kubrick") == []
    blog.delete_comment("c-new")
    assert search_comments(blog, "changed my mind") == []
    everyone = search_comments(blog, "e", limit=None)
    assert {c.id for c in everyone} == {
        c.id for c in blog.all_comments() if "e" in f"{c.author}\x00{c.body}".casefold()
    }


def test_comment_counts_and_threads_follow_saves(blog: Blog) -> None:
    post = blog.posts()[0]
    before = blog.rows()
    count = next(r.comment_count for r in before if r.post.id == post.id)
    pending = blog.counts().pending_comments
    thread = blog.thread(post.id)
    pending_here = next(r.pending_count for r in before if r.post.id == post.id)
    reply = Comment(
        id="c-x", post_id=post.id, body="hi", status="pending", date="2099-01-01T00:00:00+00:00"
    )
    blog.save_comment(reply)
    row = next(r for r in blog.rows() if r.post.id == post.id)
    assert (row.comment_count, row.pending_count) == (count, pending_here + 1)  # not approved
    assert blog.counts().pending_comments == pending + 1
    assert [c.id for c, _ in blog.thread(post.id)] == [c.id for c, _ in thread] + ["c-x"]
    reply.status = "approved"
    reply.sync_state = "queued"
    blog.save_comment(reply)
    assert blog.counts().pending_comments == pending
    assert blog.counts().queued_replies == 1
    blog.delete_comment("c-x")
    assert blog.counts().queued_replies == 0
    assert next(r.comment_count for r in blog.rows() if r.post.id == post.id) == count
    # the same answers from a fresh process's view of the files
    reopened = open_blog(blog.path, read_only=True)
    try:
        assert [(r.post.id, r.comment_count) for r in reopened.rows()] == [
            (r.post.id, r.comment_count) for r in blog.rows()
        ]
    finally:
        reopened.close()


def test_word_count_of_a_row_is_stored_with_the_post(blog: Blog) -> None:
    from reeltui.domain.text import word_count

    for row in blog.rows():  # counted when the post was saved, kept in the index
        assert row.word_count == word_count(blog.post(row.post.id).body) > 0


def test_outbox_entries_pass_the_gate_and_read_only_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s"
    entry = {"kind": "reply", "comment_id": "c1", "state": "queued", "position": 1}
    with Store.open(path) as store:
        state.put_outbox(store, "o1", entry)
        with pytest.raises(Refused, match=r"outbox entry 'o2' refused: field 'position'"):
            state.put_outbox(store, "o2", {**entry, "position": "x"})
        assert state.outbox_docs(store) == {"o1": entry}
        assert state.remove_outbox(store, ["o1", "missing"]) == 1  # missing ids are skipped
        assert state.outbox_docs(store) == {}
        records.put_post(store, Post(id="p1", slug="a", title="A"))
    with Store.open(path, read_only=True) as reader:
        with pytest.raises(StoreReadOnly):
            records.put_post(reader, Post(id="p2", slug="b", title="B"))
        assert [p.id for p in records.all_posts(reader)] == ["p1"]  # memory unchanged too


def test_text_search_is_kept_fresh_and_rebuilt_when_needed(blog: Blog) -> None:
    search = blog.search_index()
    her = blog.post_by_slug("flixchatter-review-spike-jonzes-her")
    assert her.id in search.text_ids("theodore")
    assert her.id in search.text_ids("ph") and her.id in search.text_ids("j")  # < 3 letters
    blog.save_post(dataclasses.replace(her, body="Nothing about that film any more."))
    assert her.id not in search.text_ids("theodore")  # indexed again after the commit
    path = blog.path
    blog.close()
    # A post file edited by hand: found at the next open (its size and time changed).
    file = path / "posts" / f"{her.id}.json"
    data = orjson.loads(file.read_bytes())
    data["post"][her.id]["body"] = "Now about a Kubrick film."
    file.write_bytes(orjson.dumps(data))
    with open_blog(path, read_only=True) as reader:  # a reader searches what changed itself
        assert reader.search_index().text_ids("kubrick") == {her.id}
    with open_blog(path) as writer:
        assert writer.search_index().text_ids("kubrick") == {her.id}
    (path / "search.sqlite").write_bytes(b"not a database")  # damaged: rebuilt
    with open_blog(path) as writer:
        assert writer.search_index().text_ids("kubrick") == {her.id}
        assert writer.rows(search="kubrick")[0].post.id == her.id


def test_comment_search_while_typing_matches_a_plain_scan(blog: Blog) -> None:
    stored = sorted(records.all_comments(blog.store), key=lambda c: (c.date, c.id), reverse=True)

    def plain(query: str, limit: int | None) -> list[str]:
        needle = fold(query)
        hits = [c.id for c in stored if needle in fold(f"{c.author}\x00{c.body}")]
        return hits[:limit]

    for limit in (2, None):
        for query in ("t", "th", "the", "ther", "the", "th", "h", "ha", "har", "her", "she"):
            got = [c.id for c in search_comments(blog, query, limit=limit)]
            assert got == plain(query, limit), (query, limit)


def test_the_text_search_finds_memmem_without_a_subprocess() -> None:
    """services/textindex found libc through `ctypes.util.find_library`, which runs
    `ldconfig -p` in a subprocess at import (on a small store, during the first paint): the
    process's own symbols hold memmem."""
    script = (
        "import subprocess, sys\n"
        "def refuse(*a, **k): raise SystemExit('a subprocess at import')\n"
        "subprocess.Popen = refuse\n"
        "from reeltui.services import textindex\n"
        "print(textindex._MEMMEM is not None, 'ctypes.util' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"]
