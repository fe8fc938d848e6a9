"""A filter word in nearly every post: answered from the search index's extra tables (the few
posts lacking it: store/searchextra.py) with the same posts, in the same order, as a plain
scan of every post's text; never a scan of all the text."""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import sqlite3
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import write_archive

from reeltui.domain import Post
from reeltui.domain.identity import Identity
from reeltui.domain.idsets import AllBut, Coded
from reeltui.domain.query import parse
from reeltui.domain.query_eval import PostFacts, post_filter
from reeltui.domain.text import fold
from reeltui.services import Blog
from reeltui.services.query import find_posts
from reeltui.services.search import post_text
from reeltui.services.session import open_blog
from reeltui.store import searchextra

NOBODY = Identity()
ODD = [  # posts whose text only folding finds, and characters with no bit of their own
    ("x-amelie", "Amélie à Montmartre", "Le fabuleux destin d’Amélie: QUIET Æon Straße"),
    ("x-lodz", "Łódź nights", "Iñárritu — ﬁlm of the year; «rain»"),
    ("x-solaris", "Солярис", "Тарковский 東京物語 😀 ß"),
    ("x-zz", "zz", "kubrick zz"),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated archive (120 posts, the benchmarks' generator) and a few odd posts, with
    its search index made and its extra tables filled."""
    path = tmp_path_factory.mktemp("lacking") / "store"
    write_archive(path, 120)
    with open_blog(path) as blog:
        for pid, title, body in ODD:
            blog.save_post(Post(id=pid, slug=pid, title=title, body=body, status="published"))
        blog.search_index().prepare()
        assert blog.search_index().cache.filled
    return path


def _texts(blog: Blog) -> dict[str, str]:
    return {r.post.id: fold(post_text(blog.post(r.post.id))) for r in blog.rows()}


def _plain(blog: Blog, text: str, texts: dict[str, str] | None = None) -> list[str]:
    """The posts a plain scan finds: every word folded, looked for in each post's text."""
    texts = texts or _texts(blog)

    def words(word: str) -> set[str]:
        return {pid for pid, blob in texts.items() if fold(word) in blob}

    test = post_filter(parse(text), words, None)
    return [r.post.id for r in blog.rows() if test(r.post, PostFacts())]


def _queries(blog: Blog) -> Iterator[str]:
    yield from string.ascii_lowercase + string.digits
    yield from ["é", "É", "ł", "ß", "я", "東", "😀", "’", "«", "-", ".", "Q", "K", "Z"]
    letters = "aehiklnoqrstuz"
    yield from (a + b for a in letters for b in letters)
    yield from ["Ku", "HA", "ae", "ss", "ﬁ", "fi", "i ", "t\x1f"]
    dense = blog.search_index().cache.dense()
    assert len(dense) > 10, dense
    for word in dense[:40]:
        yield word
        yield word[1:3] or word
        yield word.upper()
    yield from ["haunting s", "Quiet R", "quiet -r", '"the quiet"', '"n t"', "-a", "-e h"]
    yield from ["tag:drama h", "h tag:drama", "category:review q", "-tag:drama s", "amélie"]
    yield from ["kubrick", "lindqvist h", "harbor", "zz", "ZZ k", "status:published e"]
    yield from ["notes", "note", "exampl", "https", "-notes", "notes harbor"]  # (by match)
    yield from ["harbor kubrick", "kubrick harbor", "harbor -kubrick", "-harbor h", "harb zz"]
    yield from ["lindqvist harbor", "harbor lindq", "harbor harbo", "-lindqvist -harbor"]


def test_every_word_is_answered_as_a_plain_scan_answers_it(archive: Path) -> None:
    with open_blog(archive) as blog:
        blog.search_index().prepare()
        blog.search_index().warm()  # (the letters and digits from memory)
        asked, texts = 0, _texts(blog)
        for text in _queries(blog):
            found = [r.post.id for r in find_posts(blog, text, writer=NOBODY)]
            assert found == _plain(blog, text, texts), text
            asked += 1
        assert asked > 300


def test_words_typed_letter_by_letter_are_answered_as_a_plain_scan_answers_them(
    archive: Path,
) -> None:
    with open_blog(archive) as blog:
        search = blog.search_index()
        search.prepare()
        texts = _texts(blog)
        seen = _statements(blog)
        words = ["haunting score", "lindqvist", "Quiet Rain", "kubrick", *search.cache.dense()[:8]]
        for word in words:
            for typed in [word[:n] for n in range(1, len(word) + 1)] + [word[:-1], word[:3]]:
                found = [r.post.id for r in find_posts(blog, typed, writer=NOBODY)]
                assert found == _plain(blog, typed, texts), typed
        # a word of 3+ letters in most posts came back as the posts lacking it
        assert any("MATCH" in s for s in seen)
        assert isinstance(search.text_ids("hauntin"), AllBut)
        assert search.text_ids("kubrick") == {"x-zz"}


def test_a_reader_gets_the_same_answers(archive: Path) -> None:
    with open_blog(archive, read_only=True) as blog:
        seen = _statements(blog)
        words = ["h", "q", "ha", "ku", "zz", "é", "quiet", "Quiet R", "-e h", "hauntin", "harbor"]
        for text in [*words, "lindqvist", "kubrick", "haunting s", "notes", "-notes"]:
            assert [r.post.id for r in find_posts(blog, text, writer=NOBODY)] == _plain(
                blog, text
            ), text
        # (a reader joins the docs table: another process may change the rowids meanwhile)
        assert any("NOT IN" in s and "MATCH" in s for s in seen)


@contextlib.contextmanager
def _warm_copy(archive: Path, tmp_path: Path) -> Iterator[Blog]:
    """A copy of the archive open, its search readied and warm."""
    path = tmp_path / "store"
    shutil.copytree(archive, path)
    with open_blog(path) as blog:
        blog.search_index().prepare()
        blog.search_index().warm()
        yield blog


def test_a_letter_typed_is_answered_from_memory_once_the_search_is_warm(
    archive: Path, tmp_path: Path
) -> None:
    """A letter or digit (the first key of every word typed): the posts lacking it were
    found by a scan of every post's mask in SQLite at each keystroke (9-17 ms at 50,000
    posts); they are read once, when the search is readied, and forgotten at a save."""
    with _warm_copy(archive, tmp_path) as blog:
        search = blog.search_index()
        seen = _statements(blog)
        for letter in [*string.ascii_lowercase, *string.digits, "H", "Q"]:
            seen.clear()
            assert isinstance(search.text_ids(letter), AllBut)
            assert seen == [], (letter, seen)
        blog.save_post(Post(id="x-zz", slug="x-zz", title="zz", body="zz", status="draft"))
        seen.clear()
        assert [r.post.id for r in find_posts(blog, "k", writer=NOBODY)] == _plain(blog, "k")
        assert seen  # from the tables again (x-zz lacks a k now)


def test_a_writer_decides_the_sides_of_a_match_from_its_rowids(archive: Path) -> None:
    """A word of 3+ letters: the writer runs the match alone and sorts its rowids into the
    posts holding the word or (most posts do) those lacking it; the same in SQL (counting
    the hits, then the docs table looked through or joined) cost twice the match."""
    with open_blog(archive) as blog:
        search = blog.search_index()
        search.prepare()
        search.text_ids("harbor")  # (the first search reads the rowids' post ids once)
        seen = _statements(blog)
        # "notes": in 70% of these posts, inside no dense word (answered by the match)
        for word, most in (("notes", True), ("harbor", False), ("kubrick", False)):
            seen.clear()
            found = search.text_ids(word)
            assert isinstance(found, AllBut) == most, word
            asked = [s for s in seen if not s.startswith("--")]  # (not FTS5's own)
            assert len(asked) == 1 and "MATCH" in asked[0], (word, seen)
            assert "docs" not in asked[0], (word, seen)


def _statements(blog: Blog) -> list[str]:
    seen: list[str] = []
    cache = blog.search_index().cache
    assert cache.usable
    assert cache._db is not None
    cache._db.set_trace_callback(seen.append)
    return seen


def test_short_and_common_words_never_scan_every_posts_text(archive: Path) -> None:
    with open_blog(archive) as blog:
        search = blog.search_index()
        search.prepare()
        seen = _statements(blog)
        for word in ["h", "q", "k", "ha", "qu", "ku", "zz", "quiet", "the"]:
            seen.clear()
            search.text_ids(word)
            scans = [s for s in seen if "instr" in s and "rowid IN" not in s]
            assert not scans, (word, seen)
        # a word in nearly every post comes back as the few posts lacking it
        assert isinstance(search.text_ids("h"), AllBut)
        assert isinstance(search.text_ids("quiet"), AllBut)
        assert search.text_ids("kubrick") == {"x-zz"}


def test_a_post_saved_keeps_its_rows_exact(archive: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(archive, path)
    with open_blog(path) as blog:
        blog.search_index().prepare()
        blog.search_index().warm()  # (what it kept of the letters is not used after a save)
        dense = blog.search_index().cache.dense()
        first = blog.rows()[0].post
        # the post loses every letter but a few, then a dense word comes back
        blog.save_post(Post(id=first.id, slug=first.slug, title="Xy", body="zzz", status="draft"))
        for text in ["x", "z", "e", "h", dense[0], "zz", "xy"]:
            assert [r.post.id for r in find_posts(blog, text, writer=NOBODY)] == _plain(
                blog, text
            ), text
        blog.save_post(Post(id=first.id, slug=first.slug, title="Xy", body=" ".join(dense)))
        for text in ["e", dense[0], dense[-1], "zz"]:
            assert [r.post.id for r in find_posts(blog, text, writer=NOBODY)] == _plain(
                blog, text
            ), text


def test_an_index_made_before_the_extra_tables_is_filled_once_without_a_rebuild(
    archive: Path, tmp_path: Path
) -> None:
    path = tmp_path / "store"
    shutil.copytree(archive, path)
    db = sqlite3.connect(path / "search.sqlite")
    with db:  # as an index of version 3 was before the extra tables
        for table in ("chars", "dense", "lacks"):
            db.execute(f"DROP TABLE {table}")
        db.execute("DELETE FROM info WHERE key=?", (searchextra.FILLED,))
    docs = db.execute("SELECT rowid, id, sig FROM docs ORDER BY rowid").fetchall()
    db.close()
    with open_blog(path) as blog:
        search = blog.search_index()
        assert not search.cache.filled
        # before it is filled, the old path answers the same
        assert [r.post.id for r in find_posts(blog, "h", writer=NOBODY)] == _plain(blog, "h")
        search.prepare()
        assert search.cache.filled
        assert isinstance(search.text_ids("h"), AllBut)
        assert [r.post.id for r in find_posts(blog, "h", writer=NOBODY)] == _plain(blog, "h")
    db = sqlite3.connect(path / "search.sqlite")
    assert db.execute("SELECT rowid, id, sig FROM docs ORDER BY rowid").fetchall() == docs
    db.close()


def test_a_post_saved_while_the_tables_are_filled_gets_its_rows(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store"
    shutil.copytree(archive, path)
    db = sqlite3.connect(path / "search.sqlite")
    with db:  # an index made before the extra tables
        db.execute("DELETE FROM info WHERE key=?", (searchextra.FILLED,))
    (first,) = db.execute("SELECT id FROM docs ORDER BY rowid LIMIT 1").fetchone()
    db.close()
    monkeypatch.setattr(searchextra, "BATCH", 10)
    real_fill = searchextra.fill
    with open_blog(path) as blog:
        saved = blog.summary(first)

        def fill(run: Any, chosen: Any) -> None:
            calls = [0]

            def between(work: Any) -> object:  # a save between two batches of the fill
                out = run(work)
                calls[0] += 1
                if calls[0] == 3:  # (the choice, two batches: the post's rowid is done)
                    blog.save_post(Post(id=saved.id, slug=saved.slug, title="Zzz", body="zzz"))
                return out

            real_fill(between, chosen)

        monkeypatch.setattr(searchextra, "fill", fill)
        blog.search_index().prepare()
        assert blog.search_index().cache.filled
        texts = _texts(blog)
        for text in [*blog.search_index().cache.dense()[:20], "e", "zz"]:
            found = [r.post.id for r in find_posts(blog, text, writer=NOBODY)]
            assert found == _plain(blog, text, texts), text


def test_one_more_letter_looks_again_only_at_the_last_words_summaries(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summaries (titles, authors, terms) were searched whole at every keystroke (13 ms
    a key at 50,000 posts for a word in a few hundred titles); a word that holds one asked
    before is looked for in that one's posts only, with the same answer."""
    from reeltui.services.textindex import TextIndex

    path = tmp_path / "store"
    shutil.copytree(archive, path)
    with open_blog(path) as blog:
        search = blog.search_index()
        whole: list[str] = []
        real = TextIndex.search

        def counted(self: TextIndex, query: str, *args: Any, **kwargs: Any) -> list[str]:
            whole.append(query)
            return real(self, query, *args, **kwargs)

        monkeypatch.setattr(TextIndex, "search", counted)
        blog.rows()  # (the whole posts index read: the summaries' index is made once)
        index = search._summaries()
        for typed in ["qu", "qui", "quie", "quiet", "e", "quiet r", "qui", "t"]:
            assert search.meta_ids(typed) == set(real(index, typed)), typed
        assert whole == ["qu", "e", "t"]  # (each other word held one asked before)
        assert search.meta_ids("zyz") == set()
        first = blog.rowset.summaries[blog.rows()[0].post.id]
        search.post_saved(dataclasses.replace(first, title="Zyzzyva"))  # (as a save tells it)
        assert search._summaries() is index
        assert search.meta_ids("zyzz") == {first.id}  # (looked for again, whole)
        assert whole[-1] == "zyzz"


class _Counted(dict[str, int]):
    """The list's places (post id -> position), counting the ids looked up."""

    looked = 0

    def __getitem__(self, key: str) -> int:
        _Counted.looked += 1
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        _Counted.looked += 1
        return super().get(key, default)


def test_a_match_is_answered_in_rowids_and_its_rows_taken_by_position(
    archive: Path, tmp_path: Path
) -> None:
    """A word of 3+ letters in fewer than half the posts: the writer answers with the rowids
    of the match (no post id made per hit), and the list takes its rows from their positions,
    read from a list by rowid made when the search is readied: no post id is looked up (at
    50,000 posts, 10,000 ids made then looked up cost 30-50 ms a keystroke). A post saved
    (a new rowid) is in the answers at once."""
    with _warm_copy(archive, tmp_path) as blog:
        search = blog.search_index()
        blog.rows(ids=search.nothing())  # (what the search's readying does)
        key = ("date", True)
        blog.rowset._places[key] = _Counted(blog.rowset._places[key])
        for text in ["harbor", "lindqvist", "harbor kubrick", "lindqvist h"]:
            found = search.text_ids(text.split()[0])
            assert isinstance(found, Coded), text
            _Counted.looked = 0
            rows = [r.post.id for r in find_posts(blog, text, writer=NOBODY)]
            assert _Counted.looked == 0, text
            assert rows == _plain(blog, text), text
        post = Post(id="x-new", slug="x-new", title="New", body="harbor lindqvist", status="draft")
        blog.save_post(post)
        for text in ["harbor", "lindqvist", "harbor lindq", "-harbor k"]:
            rows = [r.post.id for r in find_posts(blog, text, writer=NOBODY)]
            assert rows == _plain(blog, text), text
        assert "x-new" in [r.post.id for r in find_posts(blog, "harbor", writer=NOBODY)]
        # a post indexed again under a new rowid while the list's rows stay the same
        again = _plain(blog, "harbor")[-1]
        search.cache.remove([again])
        search.cache.put(search._texts([again]))
        for text in ["harbor", "lindqvist", "harbor lindq"]:
            rows = [r.post.id for r in find_posts(blog, text, writer=NOBODY)]
            assert rows == _plain(blog, text), text


def test_a_writer_takes_the_posts_lacking_a_word_as_rowids(archive: Path) -> None:
    """The posts lacking a dense word (or a beginning of one): a writer knows each rowid's
    post id, so it reads their rowids alone; a row of the docs table looked up for each
    (1,800 posts lacking a word in nearly every one of 50,000) cost 3-4 ms a keystroke."""
    with open_blog(archive) as blog:
        search = blog.search_index()
        search.prepare()
        search.text_ids("harbor")  # (the first search reads the rowids' post ids once)
        seen = _statements(blog)
        words = [w for w in search.cache.dense() if len(w) > 1][:12]
        for word in [*words, *(w[:2] for w in words), "hauntin", "quie"]:
            seen.clear()
            assert isinstance(search.text_ids(word), AllBut), word
            asked = [s for s in seen if not s.startswith("--")]  # (not FTS5's own)
            assert len(asked) == 1 and "lacks" in asked[0], (word, seen)
            assert "docs" not in asked[0], (word, seen)


LACKING = "SELECT word, lacking FROM dense"


def test_inside_a_word_many_posts_lack_the_trigram_index_answers_not_their_text(
    archive: Path,
) -> None:
    """A needle of 4+ letters inside a dense word (not one of its beginnings; its trigrams
    have rows of their own: tests/unit/test_search_trigrams.py): the posts lacking the word
    are looked through with the trigram index, not by reading their text (the text of the
    1,800 posts of 50,000 lacking "sprawlin", for "lin": 25-45 ms, ~35 MB read from the disk
    the first time). Same answers as a plain scan."""
    for read_only in (False, True):
        with open_blog(archive, read_only=read_only) as blog:
            search = blog.search_index()
            search.prepare()
            dense = search.cache._run(searchextra.dense_words, searchextra.NONE)
            lacking = dict(search.cache.read(lambda db: db.execute(LACKING).fetchall(), []))
            posts, texts = len(blog.rows()), _texts(blog)
            infixes = {w[i : i + 4] for w in dense.whole for i in range(1, len(w) - 3)}
            inside = []  # (those inside a word many posts lack: the first word holding them)
            for needle in sorted(infixes - set(dense.entries)):
                word = next(w for w in dense.order if needle in w)
                if lacking[word] * 40 > posts:  # (a word lacked by over 1/40 of the posts)
                    inside.append(needle)
            assert len(inside) > 5, inside
            seen = _statements(blog)
            for needle in inside:
                seen.clear()
                found = [r.post.id for r in find_posts(blog, needle, writer=NOBODY)]
                assert found == _plain(blog, needle, texts), needle
                asked = " ".join(s for s in seen if not s.startswith("--"))
                assert "lacks" in asked and "MATCH" in asked, (needle, seen)
                assert "instr" not in asked, (needle, seen)
