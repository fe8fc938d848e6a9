"""The validation gate's rules: every field of a stored record checked against the domain model.

One set of checks for every record that enters the store (an import of any format, a sync
pull, a hand-edited file read at open) and for `reeltui check`. A check returns the problems of
one record; it never raises and never builds the repr of a huge value.

Posts, comments and films are checked by their dataclass annotations (`str`, `int | None`,
`list[str]`, `dict[str, str]`, `bool`, a nested dataclass), so a field added to the model is
checked with no change here, and so is a closed set of words typed as a `Literal` of
`domain.vocab` (statuses, kinds, states: one of its words); `RULES` adds the ranges (ratings,
dates). Records that are not domain dataclasses (outbox entries, revisions, read marks...)
have a `Schema` below.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reeltui.domain.checks import (
    Check,
    boolean,
    compile_accept,
    integer,
    iso_date,
    list_of,
    mapping_of,
    nested,
    number,
    one_of,
    optional,
    rating,
    show,
    text,
)
from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Comment, Film, Post
from reeltui.domain.vocab import (
    MODERATION_ACTIONS,
    OutboxAction,
    OutboxKind,
    OutboxState,
    RevisionReason,
)


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one field of one record (field "" : the record as a whole)."""

    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"field {self.field!r}" if self.field else "the record"
        return f"{where}: {self.message}"


# -- schemas ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    """The fields of a record: each with its check and whether it must be present."""

    name: str  # what a message calls the record ("post", "outbox entry")
    fields: dict[str, tuple[Check, bool]]
    accepts: Callable[[Any], bool] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "accepts", compile_accept(self.fields))

    def problems(self, record_id: str, doc: Any) -> list[Problem]:
        if self.accepts(doc):  # the fast test of every field: most records stop here
            return []
        if not isinstance(doc, dict):
            return [Problem(record_id, "", f"expected an object of fields, got {show(doc)}")]
        found = []
        for name, (check, required) in self.fields.items():
            if name not in doc:
                if required:
                    found.append(Problem(record_id, name, "missing"))
                continue
            message = check(doc[name])
            if message is not None:
                found.append(Problem(record_id, name, message))
        return found

    def check(self) -> Check:
        """This schema as a value check (for a record nested in another)."""

        def describe(value: Any) -> str | None:
            found = self.problems("", value)
            return None if not found else "; ".join(str(p) for p in found)

        return nested(self.fields, describe)


# Ranges on top of the annotations, per dataclass field.
RULES: dict[type, dict[str, Check]] = {
    Post: {
        "rating": rating,
        "date": iso_date,
        "modified": iso_date,
    },
    Comment: {
        "date": iso_date,
    },
    Film: {"year": optional(integer(1870, 2200))},
}
# (by name: the diary's model is imported when its table is first read, not at every start)
NAMED_RULES: dict[str, dict[str, Check]] = {
    "reeltui.domain.diary.DiaryEntry": {
        "title": Check(
            lambda v: text(v) or (None if v.strip() else "a diary entry needs a film title"),
            lambda v: f"(type({v}) is str and {v}.strip() != '')",
        ),
        "rating": rating,
        "watched": iso_date,
        "logged": iso_date,
    },
}
RULES[PostSummary] = {
    **RULES[Post],
    "comments": integer(0),
    "pending": integer(0),
    "queued": integer(0),
    "words": integer(0),
}


def check_of(hint: Any) -> Check:
    """The check of a field from its type annotation (a `Literal` of `domain.vocab`: one of
    its words)."""
    if hint is str:
        return text
    if hint is bool:
        return boolean
    if hint is int:
        return integer()
    if hint is float:
        return number
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return schema_of(hint).check()
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Literal and all(type(a) is str for a in args):
        return one_of(args)
    if origin in (types.UnionType, typing.Union):
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return optional(check_of(rest[0]))
    if origin is list and len(args) == 1:
        return list_of(check_of(args[0]))
    if origin is dict and len(args) == 2:
        return mapping_of(check_of(args[1]))
    raise TypeError(f"no validation rule for the annotation {hint!r}")  # a model change


@functools.cache
def schema_of(kind: type) -> Schema:
    """The schema of a domain dataclass: annotations, plus `RULES`; the id is the record's key."""
    hints = typing.get_type_hints(kind)
    rules = RULES.get(kind) or NAMED_RULES.get(f"{kind.__module__}.{kind.__qualname__}", {})
    fields: dict[str, tuple[Check, bool]] = {}
    for f in dataclasses.fields(kind):
        if f.name == "id":
            continue
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        fields[f.name] = (rules.get(f.name) or check_of(hints[f.name]), required)
    return Schema(kind.__name__.lower(), fields)


non_empty = Check(
    lambda v: text(v) or (None if v else "must not be empty"),
    lambda v: f"(type({v}) is str and {v} != '')",
)


@functools.cache
def outbox_entry_schema() -> Schema:
    """The outbox entry's schema (made when an outbox is first read: not at every start)."""
    return Schema(
        "outbox entry",
        {
            "kind": (check_of(OutboxKind), True),
            "comment_id": (non_empty, True),
            "action": (check_of(OutboxAction), False),
            "state": (check_of(OutboxState), False),
            "error": (text, False),
            "remote_id": (text, False),
            "position": (integer(), False),
            "created": (iso_date, False),
            "post_id": (text, False),
        },
    )


READ_MARK = Schema("read mark", {"comments": (integer(0), True), "at": (iso_date, False)})


@functools.cache
def draft_schema() -> Schema:
    """A working copy's schema (a post's, nested): made when first needed."""
    return Schema(
        "working copy", {"post": (schema_of(Post).check(), True), "saved_at": (iso_date, False)}
    )


@functools.cache
def revision_schema() -> Schema:
    """A revision's schema (a post's, nested): made when first needed."""
    return Schema(
        "revision",
        {
            "post_id": (non_empty, True),
            "reason": (check_of(RevisionReason), True),
            "at": (iso_date, False),
            "seq": (integer(0), False),
            "post": (schema_of(Post).check(), True),
            "note": (text, False),
        },
    )


def check_post(post_id: str, doc: Any) -> list[Problem]:
    return schema_of(Post).problems(post_id, doc)


def check_comment(comment_id: str, doc: Any) -> list[Problem]:
    found = schema_of(Comment).problems(comment_id, doc)
    if not found and not doc.get("post_id"):
        found.append(Problem(comment_id, "post_id", "must not be empty"))
    return found


def check_outbox_entry(entry_id: str, doc: Any) -> list[Problem]:
    found = outbox_entry_schema().problems(entry_id, doc)
    if not found and doc.get("kind") == "moderate":
        message = one_of(MODERATION_ACTIONS)(doc.get("action"))
        if message:
            found.append(Problem(entry_id, "action", message))
    return found


def problems_of(item: Post | Comment | Film) -> list[Problem]:
    """The problems of a record built in memory (an import, a sync pull), as stored."""
    doc = _as_doc(item)
    record_id = str(doc.pop("id", ""))
    if isinstance(item, Comment):
        return check_comment(record_id, doc)
    kind: type = type(item)
    return schema_of(kind).problems(record_id, doc)


def _as_doc(item: Any) -> Any:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {f.name: _as_doc(getattr(item, f.name)) for f in dataclasses.fields(item)}
    return item


def describe(problems: list[Problem], limit: int = 3) -> str:
    """One line for a record's problems."""
    shown = "; ".join(str(p) for p in problems[:limit])
    more = len(problems) - limit
    return shown + (f" (and {more} more)" if more > 0 else "")
