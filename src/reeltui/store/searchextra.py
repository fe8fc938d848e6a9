"""What the full-text index keeps besides the text: the few posts that lack a common word.

A word typed into the filter is, for its first letters, in nearly every post ("h", "ha",
"the"): too short for the trigram index (a scan of all the text) or matched by nearly every
post (FTS5 walks every post's positions). Its answer is found from the other side, as the
few posts that lack it (`lacking`), from two tables kept beside the text:

- `chars`: per post, a bit mask of the characters of its text (as searched: folded). A
  letter or digit has a bit of its own (a clear bit: the post lacks it; a set bit: it has
  it); any other character shares a bit (a set bit is checked in the text).
  `tail`: its last two characters (see `pair_sql`).
- `lacks`: the blog's `dense` words (in nearly every post: chosen from a sample of the texts
  when the index is first filled), their beginnings (what typing a word letter by letter
  asks) and their other trigrams (the third key of a word typed inside a dense one: "har" of
  "char", "lin" of "sprawling"), and, per word, the posts that lack it. A dense word, or a
  beginning or trigram of one, is in every post not listed there; a needle inside a dense
  word is too, and the listed ones are checked in their text.

Both are exact: a post is left out only when its own text does not hold the needle. They are
derived like the rest of the index: written with each post, filled once over the stored text
for an index made before they existed (`fill`), marked done in `info` (FILLED).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable

from reeltui.domain.patterns import lazy

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS chars(doc INTEGER PRIMARY KEY, mask INTEGER NOT NULL,"
    " tail TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS dense(word TEXT PRIMARY KEY, lacking INTEGER NOT NULL,"
    " whole INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS lacks(word TEXT NOT NULL, doc INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS lacks_word ON lacks(word, doc)",
    "CREATE INDEX IF NOT EXISTS lacks_doc ON lacks(doc)",
)
FILLED = "extra2"  # info key: every post has its chars and lacks rows (2: with the dense
# words' trigrams; an index filled before has "extra": filled again once, in the background)
_FILLED_BEFORE = ("extra",)
SAMPLE = 500  # texts read to choose the dense words
DENSE = 0.9  # a dense word is in at least this share of the sample
MOST = 400  # dense words at most
BY_MATCH = 40  # a word lacked by over 1/40 of the posts: its posts' text is not read (see
# `lacking_sql`: the posts holding a trigram of the needle are found through the index)
BATCH = 500  # posts filled per transaction
_WORD = lazy(r"\w+")
# Characters with a bit of their own (letters, digits, the commonest punctuation, the field
# separator); the others share the last bits (a set shared bit is checked in the text).
_OWN = "abcdefghijklmnopqrstuvwxyz0123456789 .,'-:;!?()\"/\x1f\n"
_SHARED = 62 - len(_OWN)
_NOT_OWN = dict.fromkeys(map(ord, _OWN))  # (str.translate: deletes the own characters)


def bit(ch: str) -> int:
    """The bit of character `ch` in a post's mask."""
    at = _OWN.find(ch)
    return 1 << (at if at >= 0 else len(_OWN) + ord(ch) % _SHARED)


def mask(text: str) -> int:
    """The bits of the characters of `text` (one C search per own character, then the set
    of the few others: a set of every character of a long text cost 0.2 ms a post)."""
    found = 0
    for at, ch in enumerate(_OWN):
        if ch in text:
            found |= 1 << at
    for ch in set(text.translate(_NOT_OWN)):
        found |= bit(ch)
    return found


class Dense:
    """The dense words, their beginnings of 2 letters or more and their other trigrams
    (`order`: all of them, fewest posts lacking first; read from the tables, only those they
    hold). Kept for the session by a writer's index: tuples and a dict of words (untracked by
    the collector), not lists and sets its passes walk."""

    def __init__(
        self,
        whole: list[str],
        order: list[str] | None = None,
        lacking: dict[str, int] | None = None,
    ) -> None:
        self.whole = tuple(whole)
        self.lacking = lacking or {}  # word -> posts lacking it (when the tables were filled)
        self.parts = {w: parts(w, set(whole)) for w in whole}
        made = sorted({p for found in self.parts.values() for p in found})
        self.order = tuple(whole + made if order is None else order)
        self.entries = dict.fromkeys(self.order)
        if order is not None:  # (an index filled before: no rows for what it never answers)
            self.parts = {
                w: tuple(p for p in f if p in self.entries) for w, f in self.parts.items()
            }

    def __bool__(self) -> bool:
        return bool(self.whole)

    def lacked(self, text: str) -> set[str]:
        """The words, beginnings and trigrams `text` lacks (a word's parts only where the
        word is lacked: a text holding the word holds them; a few `in` tests a post)."""
        gone = {w for w in self.whole if w not in text}
        return gone | {p for w in gone for p in self.parts[w] if p not in text}


def parts(word: str, known: set[str]) -> tuple[str, ...]:
    """A dense word's beginnings (2 letters or more) and its other trigrams, but the dense
    words themselves: a post holding the word holds each of them."""
    begun = [word[:k] for k in range(2, len(word))]
    inner = [word[k : k + 3] for k in range(1, len(word) - 2)]
    return tuple(p for p in dict.fromkeys(begun + inner) if p not in known)


NONE = Dense([])


def dense_words(db: sqlite3.Connection) -> Dense:
    rows = db.execute("SELECT word, whole, lacking FROM dense ORDER BY lacking, word").fetchall()
    return Dense(
        [w for w, whole, _ in rows if whole], [w for w, _, _ in rows], {w: n for w, _, n in rows}
    )


def is_filled(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM info WHERE key=?", (FILLED,)).fetchone() is not None


def write(db: sqlite3.Connection, rowid: int, text: str, dense: Dense) -> None:
    """The rows of one post (`text` as indexed), replacing its old ones."""
    db.execute("INSERT OR REPLACE INTO chars VALUES (?, ?, ?)", (rowid, mask(text), text[-2:]))
    db.execute("DELETE FROM lacks WHERE doc=?", (rowid,))
    db.executemany("INSERT INTO lacks VALUES (?, ?)", [(w, rowid) for w in dense.lacked(text)])


def forget(db: sqlite3.Connection, rowid: int) -> None:
    db.execute("DELETE FROM chars WHERE doc=?", (rowid,))
    db.execute("DELETE FROM lacks WHERE doc=?", (rowid,))


def choose(db: sqlite3.Connection) -> list[str]:
    """The dense words of a sample of the stored texts (evenly spread over the posts)."""
    rowids = [row[0] for row in db.execute("SELECT rowid FROM docs ORDER BY rowid")]
    step = max(1, len(rowids) // SAMPLE)
    picked = rowids[::step][:SAMPLE]
    counts: Counter[str] = Counter()
    for start in range(0, len(picked), 100):
        part = picked[start : start + 100]
        sql = f"SELECT text FROM body WHERE rowid IN ({','.join('?' * len(part))})"
        for (text,) in db.execute(sql, part):
            counts.update(set(_WORD.findall(text)))
    least = DENSE * len(picked)
    return [w for w, n in counts.most_common(MOST) if n >= least and len(picked) >= 20]


def fill(
    run: Callable[[Callable[[sqlite3.Connection], object]], object],
    chosen: Callable[[Dense], None],
) -> None:
    """Choose the dense words and write every post's rows, `BATCH` posts per transaction
    (`run`: the cache's write runner, which takes its lock for each; `chosen`: told the
    words once chosen, for the posts indexed meanwhile to be written with them)."""

    def start(db: sqlite3.Connection) -> Dense:
        for key in (FILLED, *_FILLED_BEFORE):
            db.execute("DELETE FROM info WHERE key=?", (key,))
        for table in ("chars", "dense", "lacks"):  # (made again: whatever was there)
            db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in SCHEMA:
            db.execute(statement)
        dense = Dense(choose(db))
        whole = set(dense.whole)
        db.executemany("INSERT INTO dense VALUES (?, 0, ?)", [(w, w in whole) for w in dense.order])
        return dense

    dense = run(start)
    if not isinstance(dense, Dense):
        return  # (the index broke meanwhile)
    chosen(dense)
    last = [-1]

    def batch(db: sqlite3.Connection) -> str:
        rows = db.execute(
            "SELECT rowid, text FROM body WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last[0], BATCH),
        ).fetchall()
        for rowid, text in rows:
            write(db, rowid, text, dense)
        if rows:
            last[0] = rows[-1][0]
        return "more" if len(rows) == BATCH else "done"

    while (step := run(batch)) == "more":
        pass
    if step != "done":
        return  # a batch failed (the index is marked broken): never marked filled

    def finish(db: sqlite3.Connection) -> None:
        db.execute(
            "UPDATE dense SET lacking = (SELECT count(*) FROM lacks WHERE lacks.word = dense.word)"
        )
        db.execute("INSERT OR REPLACE INTO info VALUES (?, '1')", (FILLED,))

    run(finish)


def letters(db: sqlite3.Connection) -> dict[str, array[int]]:
    """Per letter and digit, the rowids of the posts lacking it (from the masks: what
    `lacking_sql` answers for one of them, read once into memory). Kept for the session:
    arrays, which the collector's passes do not walk (lists of ints: 210,000 items walked
    at every full pass at 50,000 posts)."""
    masks = db.execute("SELECT doc, mask FROM chars").fetchall()
    return {
        ch: array("q", [doc for doc, held in masks if not held & 1 << at])
        for at, ch in enumerate(_OWN)
        if ch.isalnum()
    }


def lacking_sql(needle: str, dense: Dense, posts: int = 0) -> tuple[str, tuple[object, ...]] | None:
    """A query of the rowids of the posts whose text lacks `needle` (folded), answered from
    the tables; None when they cannot answer it (a needle of 2+ characters in no dense word).
    `posts`: how many are indexed (a needle of 3+ characters inside a word many of them lack
    is looked for through the trigram index among those, not in their text: see below)."""
    if len(needle) == 1:
        b = bit(needle)
        if needle in _OWN:
            return "SELECT doc FROM chars WHERE mask & ? = 0", (b,)
        return (
            "SELECT doc FROM chars WHERE mask & ? = 0 UNION ALL SELECT rowid FROM body"
            " WHERE rowid IN (SELECT doc FROM chars WHERE mask & ? != 0) AND instr(text, ?) = 0",
            (b, b, needle),
        )
    if needle in dense.entries:  # (its rows were written by looking for it in the same text)
        return "SELECT doc FROM lacks WHERE word = ?", (needle,)
    word = next((w for w in dense.order if needle in w), None)  # (fewest lacking first)
    if word is None:
        return None
    if len(needle) >= 3 and dense.lacking.get(word, 0) * BY_MATCH > posts > 0:
        # (the text of the 1,800 posts lacking "sprawlin" of 50,000, read for "lin": 25-45
        # ms, and ~35 MB from the disk the first time, ~0.6 s; the trigram's posts: 11-19 ms)
        match = '"' + needle.replace('"', '""') + '"'
        return (
            "SELECT doc FROM lacks WHERE word = ? AND doc NOT IN"
            " (SELECT rowid FROM body WHERE body MATCH ?)",
            (word, match),
        )
    return (
        "SELECT rowid FROM body WHERE rowid IN (SELECT doc FROM lacks WHERE word = ?)"
        " AND instr(text, ?) = 0",
        (word, needle),
    )


_VOCAB = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.trigrams USING fts5vocab(main, 'body', 'row')"


def pair_sql(db: sqlite3.Connection, needle: str) -> tuple[str, tuple[object, ...]] | None:
    """A query of the rowids of the posts holding the 2-character `needle`: a text holds it
    where it has a trigram starting with it, or where it ends with it (`tail`). None when
    those trigrams are in over half the posts (a scan of the text is as cheap)."""
    db.execute(_VOCAB)
    above = needle[:-1] + chr(ord(needle[-1]) + 1)
    terms = db.execute(
        "SELECT term, doc FROM temp.trigrams WHERE term >= ? AND term < ?", (needle, above)
    ).fetchall()
    (posts,) = db.execute("SELECT count(*) FROM chars").fetchone()
    if sum(n for _, n in terms) * 2 > posts:
        return None
    tails = "SELECT doc FROM chars WHERE tail = ?"
    if not terms:
        return tails, (needle,)
    match = " OR ".join('"' + term.replace('"', '""') + '"' for term, _ in terms)
    return f"SELECT rowid FROM body WHERE body MATCH ? UNION {tails}", (match, needle)
