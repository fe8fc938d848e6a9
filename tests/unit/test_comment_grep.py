"""A comment search reads only the post files whose bytes may hold its words
(services/comment_grep.py), and answers exactly what reading every file answers.

- The byte test never misses: whatever a comment says (accents, ligatures, full-width and
  combining letters, curly quotes, soft hyphens, emoji, quotes and backslashes), however
  its file writes it (orjson as the store does, or `\\uXXXX` escapes as Python's json and
  TinyDB do, `\\/`), when the folded text holds the folded word the file passes.
- On a real generated archive holding such comments, some files written with escapes:
  the same hits in the same order as the whole read (main's path), and only the files that
  may hold the word are parsed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from benchmarks import content
from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.domain.identity import Identity
from reeltui.domain.text import fold
from reeltui.services import comment_grep, comment_texts
from reeltui.services.moderation import moderate
from reeltui.services.query import find_comments
from reeltui.services.replies import reply
from reeltui.services.search import Interrupted
from reeltui.services.session import open_blog
from reeltui.store import Store, datafile, records, storage

TRICKY = (
    "wolf",
    "Wolf",
    "WOLF",
    "wo\u0301lf",  # a combining accent inside the word
    "wo\u00adlf",  # a soft hyphen (folds to nothing)
    "wol\ufb02",  # the ligature "ﬂ" ("fl")
    "\uff37olf",  # a full-width W
    "\u212aelvin",  # the Kelvin sign (K)
    "Stra\u00dfe",  # ß (ss)
    "\u0141\u00f3d\u017a",  # Łódź
    "won\u2019t",  # a curly apostrophe
    "don't",
    'say "wolf"',
    "C:\\wolf\\den",
    "a/b",
    "&amp; &lt;wolf&gt; &#8217;",
    "\U0001f43a wolf \U0001f315",  # emoji
    "Amélie",
    "Iñárritu",
    "Солярис",
    "日本の狼",
    "tab\there",
)
ODD = ("\u0301", "\u00ad", "\ufb02", "\uff37", "\u212a", "\u00df", "\u0141", "\u2019")
ODD += ("\u201c", "\u2014", "\U0001f43a", "é", "ñ", "С", "я", "狼")
ALPHABET = st.sampled_from([*"abcdefwolfWOLF '\"\\/-&;#", *ODD])


def encodings(doc: object) -> Iterator[bytes]:
    """The ways a post file can write `doc`: the store's (orjson, indented), Python's json
    with escapes (TinyDB's default), and with "/" escaped and an ASCII letter escaped."""
    yield orjson.dumps(doc, option=orjson.OPT_INDENT_2)
    escaped = json.dumps(doc, ensure_ascii=True).encode()
    yield escaped
    yield escaped.replace(b"/", b"\\/")
    yield escaped.replace(b"w", b"\\u0077").replace(b"o", b"\\u004F")


def file_of(author: str, body: str) -> dict[str, object]:
    comment = {"post_id": "p1", "author": author, "body": body, "status": "approved"}
    post = {"title": "A post", "body": "Nothing here."}
    return {"post": {"p1": post}, "comments": {"c1": comment}}


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(st.one_of(ALPHABET, st.sampled_from(TRICKY)), min_size=1, max_size=12).map(
        "".join
    ),
    cut=st.tuples(st.integers(0, 40), st.integers(3, 12)),
    in_author=st.booleans(),
)
def test_a_file_holding_a_match_always_passes(
    text: str, cut: tuple[int, int], in_author: bool
) -> None:
    folded = fold(text)
    start = min(cut[0], max(0, len(folded) - 3))
    word = folded[start : start + cut[1]]
    plan = comment_grep.plan(word)
    if plan is None:
        return  # (left to the whole read)
    assert plan.needle in folded
    doc = file_of(text, "x") if in_author else file_of("Ann", text)
    for raw in encodings(doc):
        assert plan.may_hold(raw), (text, word, raw)


@pytest.mark.parametrize("text", TRICKY)
def test_every_tricky_text_is_found_by_its_words(text: str) -> None:
    folded = fold(text)
    for start in range(len(folded)):
        for end in range(start + 3, len(folded) + 1):
            plan = comment_grep.plan(folded[start:end])
            if plan is not None:
                for raw in encodings(file_of("Ann", text)):
                    assert plan.may_hold(raw), (text, folded[start:end])


def test_a_file_without_the_word_is_passed_over() -> None:
    plan = comment_grep.plan("wolf")
    assert plan is not None
    written = list(encodings(file_of("Ann", "A quiet film about a fox, Amélie and “quotes”.")))
    for raw in written[:3]:
        assert not plan.may_hold(raw)
    assert plan.may_hold(written[3])  # (an "o" written as an escape: read it)
    # an accented letter the word could come from keeps the file (ó folds to o)
    assert plan.may_hold(orjson.dumps(file_of("Ann", "A fóx")))
    assert comment_grep.plan("wo") is None  # too short: the whole read
    assert comment_grep.plan("a\tb") is None  # a control character: the whole read


# -- a real archive ---------------------------------------------------------------------

SPECIAL = (
    *TRICKY,
    "The <em>wolf</em> &amp; the lamb",
    "I said \"wolves\" not 'wolf', C:\\Users\\wolf",
    "Loved it \U0001f60d\U0001f43a — wolfish grin",
    "Le loup (wolf) était superbe, très émouvant",
)
QUERIES = (
    "wolf",
    "wolves",
    "olf",
    "amelie",
    "inarritu",
    "lodz",
    "strasse",
    "kelvin",
    "won't",
    "wouldn't",
    '"say \\"wolf"',
    '"c:\\wolf"',
    "users\\wolf",
    "&amp;",
    "&lt;wolf&gt;",
    "\U0001f43a",
    '"\U0001f43a wolf"',
    "солярис",
    "日本",
    "a/b",
    "wolf -quiet",
    "wolf grin",
    "wolf status:pending",
    "wolf author:mei",
    "wolf date:2012",
    "wolf tag:noir",
    "haunting",
    "film score",
    "nowhere-to-be-found",
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmarks' generated film blog (40 posts, ~12 comments each), with comments
    saying tricky things added to a few posts, and a few post files written again by
    Python's json with escapes (as TinyDB writes)."""
    path = tmp_path_factory.mktemp("generated") / "store"
    rng = random.Random(5)
    posts, comments = [], []
    for entry in content.entries(40, 12):
        posts.append(entry.post)
        comments.extend(entry.comments)
    extra = []
    for k, text in enumerate(SPECIAL):
        base = rng.choice(comments)
        extra.append(
            replace(base, id=f"x{k:03d}", body=text, author=rng.choice(("Mei Lind", "Zoë Ørsted")))
        )
    with Store.open(path) as store:
        records.put_many(store, posts, comments + extra)
    for post in posts[::7]:  # (some with tricky comments among them, some without)
        file = path / "posts" / f"{post.id}.json"
        file.write_text(json.dumps(json.loads(file.read_bytes()), ensure_ascii=True))
    return path


def hits(path: Path, text: str, whole: bool, limit: int | None) -> list[tuple[str, str, str]]:
    with open_blog(path, read_only=True) as blog:
        if whole:
            blog.search_index().comment_docs()  # every comment in memory: main's path
        found = find_comments(blog, f"in:comments {text}", limit, writer=Identity())
        return [(h.comment.id, h.post.id, h.snippet) for h in found]


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("limit", (None, 3))
def test_the_files_that_may_hold_the_words_answer_as_all_files_do(
    archive: Path, text: str, limit: int | None
) -> None:
    expected = hits(archive, text, True, limit)
    assert hits(archive, text, False, limit) == expected


def test_tricky_comments_are_found(archive: Path) -> None:
    assert len(hits(archive, "wolf", False, None)) >= 10
    assert hits(archive, "amelie", False, None)
    assert hits(archive, "\U0001f43a", False, None)


def test_only_the_files_holding_the_word_are_parsed(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`in:comments wolf` parses the post files whose bytes hold "wolf" (or a letter it
    could come from), not the whole archive."""
    loaded: list[str] = []
    real = datafile.load

    def counted(root: Path, rel: str, source: Path | None = None) -> datafile.DataFile:
        loaded.append(rel)
        return real(root, rel, source)

    monkeypatch.setattr(datafile, "load", counted)
    with open_blog(archive, read_only=True) as blog:
        loaded.clear()
        found = find_comments(blog, "in:comments wolf", None, writer=Identity())
        assert not blog.search_index().comment_texts().whole  # (nothing else kept)
    posts = {h.post.id for h in found}
    parsed = {rel for rel in loaded if rel.startswith("posts/")}
    assert {f"posts/{p}.json" for p in posts} <= parsed
    assert len(parsed) <= len(posts) + 6  # (files holding "wolf" in their post's text, ó...)
    assert len(parsed) < 20  # of 40


def test_a_reply_and_a_moderation_are_found_by_the_next_search(tmp_path: Path) -> None:
    """The files found for a word are kept (a longer word looks only in them) until a post
    file is written: a reply saying the word in a post that did not hold it, and a comment
    moderated to spam, are seen by the next search as reading every file sees them."""
    path = tmp_path / "store"
    posts, comments = [], []
    for entry in content.entries(12, 6):
        posts.append(entry.post)
        comments.extend(entry.comments)
    said = replace(comments[0], id="x1", body="A wolfish grin", status="approved")
    with Store.open(path) as store:
        records.put_many(store, posts, [*comments, said])
    with open_blog(path) as blog:

        def ids(text: str) -> list[str]:
            found = find_comments(blog, f"in:comments {text}", None, writer=Identity())
            return [h.comment.id for h in found]

        assert ids("wolf") == ["x1"]
        assert not blog.search_index().comment_texts().whole
        other = next(c for c in comments if c.post_id != said.post_id)
        new = reply(blog, other.id, "Wolfgang would agree", author="Ruth")
        assert ids("wolfg") == [new.id]  # (not only in the files found for "wolf")
        moderate(blog, "x1", "spam")
        assert ids("wolf") == [new.id]
        assert ids("wolf status:spam") == ["x1"]
        assert not blog.search_index().comment_texts().whole
        blog.search_index().comment_docs()  # every file read: the same answers
        assert ids("wolfg") == [new.id] and ids("wolf status:spam") == ["x1"]


def test_a_newer_search_stops_the_reading(archive: Path) -> None:
    """`stop()` (a newer search replaced this one, in the app's rows worker) interrupts the
    scan of the files' bytes and the reading of every file; nothing half-read is kept."""
    asked, after = 0, 0

    def stop() -> bool:
        nonlocal asked
        asked += 1
        return asked > after

    with open_blog(archive, read_only=True) as blog:
        texts = blog.search_index().comment_texts()
        # the bytes' scan (asked before the first file, then once scanned); every file's
        # reading (asked before the first file)
        for text, after in (("wolf", 1), ("wo", 0)):
            asked = 0
            with pytest.raises(Interrupted):
                find_comments(blog, f"in:comments {text}", writer=Identity(), stop=stop)
            assert asked == after + 1
            assert not texts.whole and not texts._scans
        assert hits(archive, "wolf", False, None) == hits(archive, "wolf", True, None)


def test_a_word_in_nearly_every_file_stops_the_scan_early(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`the` is in every file: once enough files were scanned and nearly all hold it, the
    scan stops and every file is read (and kept), instead of scanning the rest first."""
    monkeypatch.setattr(comment_texts, "DENSE_SEEN", 8)
    scanned: list[str] = []
    real = storage._regular_at

    def counted(folder: int, name: str, flags: int) -> bytes | None:
        scanned.append(name)
        return real(folder, name, flags)

    monkeypatch.setattr(storage, "_regular_at", counted)
    with open_blog(archive, read_only=True) as blog:
        found = find_comments(blog, "in:comments the", None, writer=Identity())
        assert blog.search_index().comment_texts().whole
    assert len(scanned) < 12  # of 40
    assert [h.comment.id for h in found] == [c for c, _, _ in hits(archive, "the", True, None)]
