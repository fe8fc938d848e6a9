"""A derived full-text index of the posts: SQLite FTS5 (trigram) in `search.sqlite`.

The JSON files stay the truth; this file only answers "which posts contain this text" fast,
without holding the archive's text in memory. It is rebuilt when missing or damaged, and kept
fresh by the writer: after each commit the posts whose file changed are indexed again, and at
open (in the background) every post file's signature (size, modification time) is compared
with the one indexed, so a crash between a commit and its indexing, or a file edited by hand,
is caught. A reader never writes it: posts whose file changed since are searched directly.

It also keeps, per post, how many comments each commenter left (`names`): the search box's
completion of `author:` and the spelling checker's known names come from there, instead of
every comment of the archive being read into memory.

Matching is case-insensitive substring matching, as the list filter always was: the trigram
tokenizer finds a string of 3 characters or more through its index; a needle in nearly every
post (one letter, or inside a word nearly every post has) is answered as the few posts that
lack it (`store/searchextra.py`: `AllBut`); other short ones are looked for in every post's
text (a scan of the stored text, interruptible).

Its one connection is shared by the app's threads (`store/searchdb.py`); a writer's app keeps
the text's FTS5 segments merged in the background (`tidy`: store/searchmerge.py).
"""

from __future__ import annotations

import sqlite3
import time
from array import array
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from reeltui.domain.idsets import AllBut, Codebook, Coded
from reeltui.domain.text import fold as fold_text
from reeltui.errors import ReelError
from reeltui.store import searchanswer, searchextra, searchmerge
from reeltui.store.searchdb import SharedIndex
from reeltui.store.signatures import file_signatures as file_signatures
from reeltui.store.signatures import signature as signature
from reeltui.store.signatures import signatures_of as signatures_of

VERSION = "3"  # another content (3: the commenters' names): the index is built again
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL,"
    " sig TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS body USING fts5(text, tokenize='trigram', detail=full)",
    "CREATE TABLE IF NOT EXISTS names(doc INTEGER NOT NULL, name TEXT NOT NULL,"
    " n INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS names_doc ON names(doc)",
    *searchextra.SCHEMA,  # (added to version 3 indexes as they are opened: see `fill`)
)
Names = Mapping[str, int]  # a post's commenters: name -> comments
Item = tuple[str, str, str, Names]  # (post id, text, signature of its file, commenters)


# The hits' rowids: the writer knows each one's post id (`SearchCache._book`: no join per
# hit); a reader joins (a writer in another process may have changed them since).
_HITS = "SELECT body.rowid FROM body WHERE"
_JOINED = "SELECT d.id FROM body JOIN docs d ON d.rowid = body.rowid WHERE"


class Interrupted(ReelError):
    """A query stopped by `interrupt()` (a newer keystroke): its caller drops it."""

    def __init__(self) -> None:
        super().__init__("the search was stopped by a newer one")


def fold(text: str) -> str:
    """The text as indexed and searched (`domain.text.fold`: case, accents, quotes, dashes;
    SQLite text stops at a NUL, so fields are separated by a unit separator instead)."""
    return fold_text(text).replace("\x00", "\x1f")


class SearchCache(SharedIndex):
    SCHEMA = _SCHEMA
    VERSION = VERSION

    def __init__(self, folder: Path, writable: bool) -> None:
        super().__init__(folder, writable)
        self._book: Codebook | None = None  # docs' rowids <-> post ids (read at first search)
        self._dense: searchextra.Dense | None = None  # (empty until the tables are filled)
        self._posts: int | None = None  # posts indexed (counted when first needed)
        self._filling: searchextra.Dense | None = None  # the words being filled (`fill`)
        self._letters: dict[str, array[int]] | None = None  # a writer's: see `warm`

    def _forget(self) -> None:
        self._book = None  # (a new file: its rowids are read again)
        self._letters = None
        self._dense = None
        self._posts = None

    def signatures(self) -> dict[str, str]:
        """Post id -> signature of the file it was indexed from."""
        return self._run(lambda db: dict(db.execute("SELECT id, sig FROM docs")), {})

    def put(self, items: Iterable[Item]) -> None:
        """Index (post id, text, signature, commenters) (replacing what was there)."""
        batch = list(items)
        self._posts = None  # (counted again when next needed)
        self._letters = None  # (a post's letters changed: the tables answer until `warm`)

        def work(db: sqlite3.Connection) -> None:
            added: dict[int, str] = {}
            for post_id, text, sig, names in batch:
                rowid = _rowid(db, post_id)
                if rowid is None:
                    cur = db.execute("INSERT INTO docs(id, sig) VALUES (?, ?)", (post_id, sig))
                    rowid = int(cur.lastrowid or 0)  # (an INSERT's: always set)
                    added[rowid] = post_id
                else:
                    db.execute("UPDATE docs SET sig=? WHERE rowid=?", (sig, rowid))
                    db.execute("DELETE FROM body WHERE rowid=?", (rowid,))
                    db.execute("DELETE FROM names WHERE doc=?", (rowid,))
                folded = fold(text)
                db.execute("INSERT INTO body(rowid, text) VALUES (?, ?)", (rowid, folded))
                searchextra.write(db, rowid, folded, self._filling or self._words(db))
                db.executemany(
                    "INSERT INTO names VALUES (?, ?, ?)",
                    [(rowid, name, n) for name, n in names.items()],
                )
            if added and self._book is not None:  # (a new book: see domain/idsets.Codebook)
                self._book = self._book.changed(added)

        self._run(work, None, write=True)

    def remove(self, post_ids: Iterable[str]) -> None:
        ids = list(post_ids)
        self._posts = None
        self._letters = None

        def work(db: sqlite3.Connection) -> None:
            gone = []
            for post_id in ids:
                rowid = _rowid(db, post_id)
                if rowid is not None:
                    db.execute("DELETE FROM body WHERE rowid=?", (rowid,))
                    db.execute("DELETE FROM names WHERE doc=?", (rowid,))
                    db.execute("DELETE FROM docs WHERE rowid=?", (rowid,))
                    searchextra.forget(db, rowid)
                    gone.append(rowid)
            if gone and self._book is not None:
                self._book = self._book.changed({}, gone)

        self._run(work, None, write=True)

    def _words(self, db: sqlite3.Connection) -> searchextra.Dense:
        """The dense words (none until the extra tables are filled: see `fill`)."""
        if self._dense is None:
            try:
                filled = searchextra.is_filled(db)
                self._dense = searchextra.dense_words(db) if filled else searchextra.NONE
            except sqlite3.OperationalError:  # a reader's index made before the tables
                self._dense = searchextra.NONE
        return self._dense

    def dense(self) -> list[str]:
        """The dense words, fewest posts lacking first ([]: none, or not filled yet)."""
        return list(self._run(self._words, searchextra.NONE).whole)

    @property
    def filled(self) -> bool:
        """The extra tables answer what they can (see store/searchextra.py)."""
        return bool(self._run(lambda db: searchextra.is_filled(db), False))

    def fill(self) -> None:
        """Fill the extra tables of an index made before them (once; a writer only)."""
        if not self.writable or self.filled:
            return

        def chosen(dense: searchextra.Dense) -> None:
            self._filling = dense  # (a post indexed meanwhile gets its rows with them)

        try:
            searchextra.fill(lambda work: self._run(work, None, write=True), chosen)
        finally:
            with self._claimed():
                self._dense = self._filling = None

    def names(self, post_ids: Iterable[str] | None = None) -> dict[str, int]:
        """Commenter -> comments, over the indexed posts (or only `post_ids` of them)."""
        ids = None if post_ids is None else list(post_ids)

        def work(db: sqlite3.Connection) -> dict[str, int]:
            if ids is None:
                return dict(db.execute("SELECT name, SUM(n) FROM names GROUP BY name"))
            found: dict[str, int] = {}
            sql = "SELECT name, n FROM names JOIN docs d ON d.rowid = names.doc WHERE d.id=?"
            for post_id in ids:
                for name, n in db.execute(sql, (post_id,)):
                    found[name] = found.get(name, 0) + n
            return found

        return self._run(work, {})

    def search(self, query: str) -> set[str] | Coded | AllBut:
        """Ids of the indexed posts whose text contains `query` (case-insensitive), or (a
        needle in nearly every post) every post but those lacking it. Raises Interrupted
        when `interrupt()` stopped it."""
        needle = fold(query)
        if "\x1f" in needle:
            return set()
        self.searched = time.monotonic()  # (the index's tidy steps wait meanwhile)
        with self._claimed():
            db = self._connect()
            if db is None or not needle:
                return set()
            self._query = True
            try:
                return self._search(db, needle)
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    raise Interrupted() from exc
                self.broken = str(exc)
                return set()
            finally:
                self._query = False

    def _search(self, db: sqlite3.Connection, needle: str) -> set[str] | Coded | AllBut:
        book = self._known(db) if self.writable else None
        letters = self._letters
        if book is not None and letters is not None and needle in letters:
            ids = book.decode
            return AllBut(ids[rowid] for rowid in letters[needle] if rowid in ids)
        found = searchanswer.answer(db, needle, self._words(db), self._count, book)
        if found is not None:
            return found
        sql = "instr(body.text, ?) > 0"  # too short for trigrams: a scan of the stored text
        if book is None:
            return {row[0] for row in db.execute(f"{_JOINED} {sql}", (needle,))}
        hits = db.execute(f"{_HITS} {sql}", (needle,))
        return {book.decode[row[0]] for row in hits if row[0] in book.decode}

    def _known(self, db: sqlite3.Connection) -> Codebook:
        """The writer's map of the docs' rowids to post ids and back (read once, then kept:
        a change makes a new one)."""
        if self._book is None:
            self._book = Codebook(dict(db.execute("SELECT rowid, id FROM docs")))
        return self._book

    def warm(self) -> None:
        """Read what the first search reads (a writer's rowid -> post id map: 20-30 ms at
        50,000 posts), from the thread that readies the search, not a keystroke's; and the
        posts lacking each letter and digit (a scan of every post's mask a letter typed
        otherwise: 9-17 ms at 50,000 posts, the first key of every word)."""
        if self.writable:
            self._run(self._warm, None)

    def nothing(self) -> set[str] | Coded:
        """An empty answer, as a writer's searches answer (in its rowids: the list's
        positions by rowid are made from it when the search is readied)."""
        book = self._book
        return set() if book is None else Coded([], book)

    def _warm(self, db: sqlite3.Connection) -> None:
        self._known(db)
        if self._letters is None and searchextra.is_filled(db):
            self._letters = searchextra.letters(db)

    def tidy(self, stop: Callable[[], bool]) -> bool:
        """Merge the text's segments in the background, step by step (store/searchmerge.py;
        a writer only): True when no level holds two, False when `stop()` said so first."""
        return searchmerge.keep_merged(self, stop)

    def segments(self) -> list[list[int]]:
        """Per FTS5 level, its segments' sizes in pages (what `tidy` merges)."""
        return self.read(searchmerge.segments, [])

    def _count(self, db: sqlite3.Connection) -> int:
        """The posts indexed (counted once until one is put or removed)."""
        if self._posts is None:
            self._posts = int(db.execute("SELECT count(*) FROM docs").fetchone()[0])
        return self._posts


def _rowid(db: sqlite3.Connection, post_id: str) -> int | None:
    row = db.execute("SELECT rowid FROM docs WHERE id=?", (post_id,)).fetchone()
    return None if row is None else int(row[0])
