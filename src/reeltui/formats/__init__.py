"""Importers and exporters (WXR, Markdown with front matter, JSON). No UI code here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reeltui.domain.models import Comment, Post
from reeltui.domain.plural import count
from reeltui.errors import ReelError
from reeltui.formats.local_state import LocalState

EXPORT_FORMATS = ("markdown", "wxr", "json")

# progress(phase, done, total): phase is "reading" (bytes), "writing" (items)...
Progress = Callable[[str, int, int], None]


class FormatError(ReelError, ValueError):
    """Input that cannot be read; the message says which file and why, fit for a user."""


def brief(value: Any, limit: int = 60) -> str:
    """`value` described for an error message in bounded time: a text cut to `limit`
    characters, a list or mapping by its size (never the repr of a huge value)."""
    if isinstance(value, str):
        return repr(value[:limit]) + ("…" if len(value) > limit else "")
    if isinstance(value, list | tuple):
        return f"a list of {count(len(value), 'item')}"
    if isinstance(value, dict):
        return f"a mapping of {count(len(value), 'key')}"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "a number too big to show"
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    return f"a value of type {type(value).__name__}"


@dataclass
class Parsed:
    """One post read from a file, with its comments (parents before or after children)."""

    post: Post
    comments: list[Comment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Skip:
    """Something not imported: `kind` counts it ("page"), `reason` says why. `problem` is
    False for what reeltui does not keep by design (pages, attachments, a Hugo section page,
    a file without front matter): an import that skipped only those read all there was."""

    kind: str
    what: str
    reason: str
    problem: bool = True


@dataclass
class ReadResult:
    """What a reader got out of a file or folder: the posts, what it skipped, what it noticed."""

    source: str
    posts: list[Parsed] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # problems that did not stop an item
    broken: str = ""  # why the input stopped being readable part-way ("" if read to the end)
    local: LocalState = field(default_factory=LocalState)  # reeltui's own exports only
