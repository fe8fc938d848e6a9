"""Every table of a store, declared in one place: its name, where its records live, its gate.

A store is a folder of TinyDB JSON files (`{"table": {"record id": {...}}}`), laid out so
that what a change costs follows what it touches, not how big the archive is:

    meta.json                 the store's info (app, schema) and small state (sync)
    posts-index/2024-05.json  the posts index: a summary row per post (what the list
                              shows), one file per month of the posts' dates, read at open
    posts/<post id>.json      one post, whole, and its comments (tables "post", "comments"),
                              read when the post is opened
    revisions/<post id>.json  the saved versions of one post
    drafts.json               working copies of posts being edited
    outbox.json               what waits to go out to the blog, in order
    diary.json                the film diary (Letterboxd imports)
    reads/07.json             read marks, split by a hash of the post id
    comment-index/42.json     which post each comment belongs to, split by a hash of its id
    journal.json              only while a change of several files is being committed
    search.sqlite             a derived full-text index of the posts (rebuilt when missing)
    backups/                  rotating copies of the files

Kinds of table: "whole" (one file), "hashed" (`pages` files chosen by a hash of the record
id), "dated" (the posts index: a file per month, so the newest posts are read first) and
"per-post" (a file per post: the file is named by the post id, a record's post is known).
To add a table, declare a `TableSpec` here and list it in `TABLES`; the store then opens,
backs up, checks and repairs it like the others.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from reeltui.domain.checks import text
from reeltui.domain.listing import PostSummary
from reeltui.domain.patterns import lazy
from reeltui.domain.validate import (
    READ_MARK,
    Problem,
    Schema,
    check_comment,
    check_outbox_entry,
    check_post,
    draft_schema,
    revision_schema,
    schema_of,
)

Gate = Callable[[str, Any], list[Problem]]
TableKind = Literal["whole", "hashed", "dated", "per-post"]  # see the docstring

META_FILE = "meta.json"
JOURNAL_FILE = "journal.json"
SEARCH_FILE = "search.sqlite"
INDEX_PAGE_ROWS = 2000  # rows of a month's index file before a second file is started


@dataclass(frozen=True)
class TableSpec:
    name: str  # the table's name inside its files
    kind: TableKind
    path: str  # the file ("outbox.json") or folder ("reads") of its files
    gate: Gate  # the validation of one record (record id, stored document)
    pages: int = 1  # files of a "hashed" table
    derived: bool = False  # rebuilt from other tables (never restored from a backup)
    what: str = ""  # what a message calls one record
    # the gate's own fast test of one record (True: `gate` finds no problem), run over a
    # file's records in one C loop before `gate` is asked about each: the posts index's
    # 50,000 rows cost ~0.22 s so, ~0.29 s through `gate` one by one
    accepts: Callable[[Any], bool] | None = None
    # its records hold no object (a read mark): a few are found in a file's bytes, without
    # parsing the file (store/glance.py: the list's first screen)
    flat: bool = False

    def is_folder(self) -> bool:
        return self.kind != "whole"


@functools.cache
def _diary_schema() -> Schema:
    from reeltui.domain.diary import DiaryEntry  # (the diary's model: when its table is read)

    return schema_of(DiaryEntry)


def _schema_gate(schema: Schema) -> Gate:
    return schema.problems


def _lazy_gate(schema: Callable[[], Schema]) -> Gate:
    """The gate of a table whose schema is made when its first record is checked (a start
    reads no revision, working copy or diary entry)."""

    def gate(record_id: str, doc: Any) -> list[Problem]:
        return schema().problems(record_id, doc)

    return gate


_LOCATION = Schema("comment location", {"post": (text, True)})


def _locator_gate(comment_id: str, doc: Any) -> list[Problem]:
    return _LOCATION.problems(comment_id, doc)


def _meta_gate(doc_id: str, doc: Any) -> list[Problem]:
    if not isinstance(doc, dict):
        return [Problem(doc_id, "", "expected an object of fields")]
    return []


POSTS_INDEX = TableSpec(
    "posts",
    "dated",
    "posts-index",
    _schema_gate(schema_of(PostSummary)),
    derived=True,
    what="post summary",
    accepts=schema_of(PostSummary).accepts,
)
POST = TableSpec("post", "per-post", "posts", check_post, what="post")
COMMENTS = TableSpec("comments", "per-post", "posts", check_comment, what="comment")
REVISIONS = TableSpec(
    "revisions", "per-post", "revisions", _lazy_gate(revision_schema), what="revision"
)
DRAFTS = TableSpec("drafts", "whole", "drafts.json", _lazy_gate(draft_schema), what="working copy")
OUTBOX = TableSpec("outbox", "whole", "outbox.json", check_outbox_entry, what="outbox entry")
READS = TableSpec(
    "reads", "hashed", "reads", _schema_gate(READ_MARK), pages=16, what="read mark", flat=True
)
LOCATOR = TableSpec(
    "comments", "hashed", "comment-index", _locator_gate, pages=64, derived=True,
    what="comment location",
)  # fmt: skip
META = TableSpec("meta", "whole", META_FILE, _meta_gate, what="store information")
DIARY = TableSpec(
    "diary",
    "whole",
    "diary.json",
    _lazy_gate(_diary_schema),
    what="diary entry",
)  # the film diary (Letterboxd): store/diary.py

TABLES: tuple[TableSpec, ...] = (META, POSTS_INDEX, POST, COMMENTS, REVISIONS, DRAFTS, OUTBOX)
TABLES += (READS, LOCATOR, DIARY)
BY_NAME = {f"{t.path}:{t.name}": t for t in TABLES}


# -- file names --------------------------------------------------------------------------------

_SAFE = lazy(r"[a-z0-9][a-z0-9._-]{0,99}")
_MONTH = lazy(r"\d{4}-\d{2}")


def safe_name(record_id: str) -> str:
    """A file name for a record id: the id itself when it is plain (lower-case letters,
    digits, `.`, `_`, `-`), else an escaped form with a hash (unique, and safe on any file
    system, also case-insensitive ones)."""
    if _SAFE.fullmatch(record_id) and not record_id.endswith("."):
        return record_id
    import hashlib  # (only for an id that is not plain: not at every start)

    plain = re.sub(r"[^a-z0-9._-]+", "-", record_id.lower()).strip(".-")[:60] or "x"
    digest = hashlib.sha1(record_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{plain}~{digest}"


_ALL_SAFE = lazy(r"(?:[a-z0-9][a-z0-9._-]{0,99}(?<!\.)\n)*")


def safe_names(record_ids: list[str]) -> list[str]:
    """`safe_name` of each id; ids that are all plain (the usual case: 50,000 posts' ids)
    are told so by one match over them all, not one call per id."""
    joined = "\n".join(record_ids) + "\n"
    if joined.count("\n") == len(record_ids) and _ALL_SAFE.fullmatch(joined):
        return list(record_ids)  # (an id holding a newline would have split in two)
    return [safe_name(record_id) for record_id in record_ids]


def per_post_file(spec: TableSpec, post_id: str) -> str:
    return f"{spec.path}/{safe_name(post_id)}.json"


def hashed_file(spec: TableSpec, record_id: str) -> str:
    page = zlib.crc32(record_id.encode("utf-8", "surrogatepass")) % spec.pages
    return f"{spec.path}/{page:02d}.json"


def month_of(date: str) -> str:
    """The index file a post of this date goes to: its month, or "undated"."""
    return date[:7] if _MONTH.match(date[:7]) else "undated"


def index_file(month: str, part: int = 0) -> str:
    return f"{POSTS_INDEX.path}/{month}{f'.{part}' if part else ''}.json"


def index_order(name: str) -> tuple[str, int]:
    """Sort key of an index file name ("2024-05.1.json"): month, then part."""
    stem = name.removesuffix(".json")
    month, _, part = stem.partition(".")
    return (month if month != "undated" else "", int(part) if part.isdigit() else 0)


def data_folders() -> list[str]:
    return sorted({t.path for t in TABLES if t.is_folder()})


def whole_files() -> list[str]:
    return sorted({t.path for t in TABLES if not t.is_folder()})


def tables_in(rel: str) -> list[TableSpec]:
    """The tables stored in the file `rel` (relative to the store)."""
    folder = rel.split("/", 1)[0] if "/" in rel else None
    if folder is None:
        return [t for t in TABLES if t.path == rel]
    return [t for t in TABLES if t.path == folder and t.is_folder()]


def is_data_file(rel: str) -> bool:
    """Is `rel` a file of a table (not a temp file, a backup, the journal...)?"""
    name = rel.rsplit("/", 1)[-1]
    return name.endswith(".json") and not name.startswith(".") and bool(tables_in(rel))
