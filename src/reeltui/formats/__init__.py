"""Importers and exporters (WXR, Markdown with front matter, JSON). No UI code here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reeltui.domain.models import Comment, Post

EXPORT_FORMATS = ("markdown", "wxr", "json")

# progress(phase, done, total): phase is "reading" (bytes), "writing" (items)...
Progress = Callable[[str, int, int], None]


class FormatError(ValueError):
    """Input that cannot be read; the message says which file and why, fit for a user."""


@dataclass
class Parsed:
    """One post read from a file, with its comments (parents before or after children)."""

    post: Post
    comments: list[Comment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Skip:
    """Something not imported: `kind` counts it ("page"), `reason` says why."""

    kind: str
    what: str
    reason: str


@dataclass
class ReadResult:
    """What a reader got out of a file or folder: the posts, what it skipped, what it noticed."""

    source: str
    posts: list[Parsed] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # problems that did not stop an item
    broken: str = ""  # why the input stopped being readable part-way ("" if read to the end)
