"""How the search index answers a needle (folded) without a scan of all the text: from the
extra tables (store/searchextra.py: a letter, a dense word or its beginning, two letters), or
from FTS5 (3 letters or more) as the smaller side — the posts holding it, or, when most do,
every post but those lacking it (`AllBut`). None: the caller scans the stored text."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from reeltui.domain.idsets import AllBut, Codebook, Coded
from reeltui.store import searchextra

_IDS = "SELECT id FROM docs WHERE rowid IN"
# A writer's: the rowids alone, no row of the docs table looked up for each (1,800 posts
# lacking a word in nearly every one of 50,000: 3-4 ms a keystroke, each a row built)
_CODES = "SELECT json_group_array(r) FROM t"
# The hits' rowids as one text, a JSON array ("[12,40,41]"): a row each cost 15 ms more than
# the match itself for a trigram in nearly every post at 50,000 posts (48,000 rows built, then
# a set of them); read by json.loads, in C (a comma-separated text split, then each piece made
# an int in Python: 1.7-2.5 ms for the 10,000 hits of "lindq", 8 ms for the 48,000 of "lin";
# its JSON array: 1.3 and 3.5-4 ms; the SQL costs the same).
_MATCH = "SELECT json_group_array(rowid) FROM body WHERE body MATCH ?"
# The posts matching, or (most posts match) those not matching, tagged 1 or 0 (every row
# the same); a row with a NULL id tells which side when that side is empty. FTS5 is run
# once (a set of 50,000 ids built a keystroke cost more than the query itself).
_SIDES = """
WITH hits(r) AS MATERIALIZED (SELECT rowid FROM body WHERE body MATCH :match),
     n(most) AS (SELECT count(*) * 2 > :posts FROM hits)
SELECT 0, id FROM docs WHERE (SELECT most FROM n) AND rowid NOT IN (SELECT r FROM hits)
UNION ALL SELECT 1, d.id FROM hits JOIN docs d ON d.rowid = hits.r WHERE NOT (SELECT most FROM n)
UNION ALL SELECT NOT most, NULL FROM n
"""


def answer(
    db: sqlite3.Connection,
    needle: str,
    dense: searchextra.Dense,
    posts: Callable[[sqlite3.Connection], int],
    book: Codebook | None = None,
) -> set[str] | Coded | AllBut | None:
    """The ids of the posts holding `needle` (`dense`: the extra tables' words, empty until
    they are filled; `posts`: how many posts are indexed; `book`: every indexed post's id by
    rowid, when the caller keeps them: a writer, whose index no other process changes)."""
    lacking = searchextra.lacking_sql(needle, dense, posts(db)) if dense else None
    if lacking is not None:  # (the few posts lacking it: ids looked up for those only)
        sql, args = lacking
        if book is not None:  # (their rowids, as one text: the writer knows their ids)
            (found,) = db.execute(f"WITH t(r) AS ({sql}) {_CODES}", args).fetchone()
            ids = book.decode  # (the codes the book has: all of them, unless it is stale)
            return AllBut(map(ids.__getitem__, filter(ids.__contains__, rowids(found))))
        return AllBut(row[0] for row in db.execute(f"{_IDS} ({sql})", args))
    pair = searchextra.pair_sql(db, needle) if dense and len(needle) == 2 else None
    if pair is not None:  # (the posts with a trigram starting with it, or ending so)
        sql, args = pair
        return {row[0] for row in db.execute(f"{_IDS} ({sql})", args)}
    if len(needle) < 3:
        return None
    match = '"' + needle.replace('"', '""') + '"'  # (through the trigram index)
    if book is not None:
        (hits,) = db.execute(_MATCH, (match,)).fetchone()
        return _sides(rowids(hits), book)
    rows = db.execute(_SIDES, {"match": match, "posts": posts(db)}).fetchall()
    if rows and rows[0][0] == 0:
        return AllBut(pid for _, pid in rows if pid is not None)
    return {pid for _, pid in rows if pid is not None}


def rowids(found: str | None) -> list[int]:
    """The rowids of a JSON array of them, as SQLite's json_group_array made it."""
    codes = json.loads(found) if found else []
    return codes if isinstance(codes, list) else []


def _sides(codes: list[int], book: Codebook) -> Coded | AllBut:
    """The posts of the rowids `codes` (`Coded`), or (most posts are hits) every
    post but the others. Decided here from the rowids alone: the same in SQL (`_SIDES`, the
    hits counted, then the docs table looked through or joined) cost twice the match itself
    (11 against 4 ms for a word in 2,600 of 50,000 posts, 59 against 28 ms for one in nearly
    all of them)."""
    ids = book.decode
    if len(codes) * 2 > len(ids):
        return AllBut(map(ids.__getitem__, ids.keys() - set(codes)))  # (set operations, in C)
    return Coded(list(filter(ids.__contains__, codes)), book)  # (in C: no Python loop)
