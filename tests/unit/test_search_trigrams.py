"""The third key of a word typed inside a dense word ("har" of "char", "lin" of "sprawling"):
the posts lacking it are listed in the extra tables with the dense word's beginnings (they
were found as the posts lacking the dense word, less those a trigram match found: the match
of a trigram in nearly every post, 9-10 ms at 50,000 posts; now one indexed lookup, 0.2-1 ms).
The posts found are those of a plain scan. An index filled before is filled again once."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from reeltui.domain.text import fold
from reeltui.services.query import find_posts
from reeltui.services.session import open_blog
from reeltui.store import searchextra
from reeltui.store.layout import SEARCH_FILE
from tests.unit.test_search_lacking import NOBODY, _plain, _statements, _texts
from tests.unit.test_search_lacking import archive as archive  # (the module's fixture)


def _inner(dense: list[str]) -> list[str]:
    """The trigrams inside the dense words that are neither a dense word nor a beginning of
    one (what main's tables had no rows for)."""
    known = set(dense)
    begun = {w[:k] for w in dense for k in range(2, len(w))}
    found = {w[k : k + 3] for w in dense for k in range(1, len(w) - 2)}
    return sorted(t for t in found - known - begun if t.isalnum())


def test_a_trigram_inside_a_dense_word_is_one_lookup_with_a_plain_scans_posts(
    archive: Path,
) -> None:
    with open_blog(archive) as blog:
        search = blog.search_index()
        search.prepare()
        search.warm()
        inner = _inner(search.cache.dense())
        assert len(inner) > 20, inner
        texts, seen = _texts(blog), _statements(blog)
        for needle in inner:
            seen.clear()
            search._words.changed()  # (asked again: not the answer remembered)
            found = [r.post.id for r in find_posts(blog, needle, writer=NOBODY)]
            assert found == _plain(blog, needle, texts), needle
            asked = [s for s in seen if not s.startswith("--") and "count(*)" not in s]
            assert len(asked) == 1, (needle, asked)
            assert "MATCH" not in asked[0] and "instr" not in asked[0], (needle, asked)
            assert f"word = '{needle}'" in asked[0], (needle, asked)
        for text in ("har", "HAR", "lin ha", "-lin", '"lin"', "tag:drama lin", "har OR lin"):
            if all(fold(w.strip('"-')) in inner for w in text.split() if ":" not in w):
                found = [r.post.id for r in find_posts(blog, text, writer=NOBODY)]
                assert found == _plain(blog, text, texts), text


def test_an_index_filled_before_the_trigrams_is_filled_again_once(
    archive: Path, tmp_path: Path
) -> None:
    path = tmp_path / "store"
    shutil.copytree(archive, path)
    with sqlite3.connect(path / SEARCH_FILE) as db:  # (as main's code left it)
        db.execute("UPDATE info SET key='extra' WHERE key=?", (searchextra.FILLED,))
        inner = _inner([w for (w,) in db.execute("SELECT word FROM dense WHERE whole")])
        db.execute(f"DELETE FROM dense WHERE word IN ({','.join('?' * len(inner))})", inner)
        db.execute(f"DELETE FROM lacks WHERE word IN ({','.join('?' * len(inner))})", inner)
    with open_blog(path) as blog:
        cache = blog.search_index().cache
        assert not cache.filled
        blog.search_index().prepare()
        assert cache.filled
        entries = set(cache.dense()) | {w for (w,) in cache.read(_words, [])}
        assert set(inner) <= entries
        texts = _texts(blog)
        for needle in inner[:10]:
            found = [r.post.id for r in find_posts(blog, needle, writer=NOBODY)]
            assert found == _plain(blog, needle, texts), needle
    with sqlite3.connect(path / SEARCH_FILE) as db:
        keys = {k for (k,) in db.execute("SELECT key FROM info")}
        assert searchextra.FILLED in keys and "extra" not in keys


def _words(db: sqlite3.Connection) -> list[tuple[str]]:
    return db.execute("SELECT word FROM dense").fetchall()
