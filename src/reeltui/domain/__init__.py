"""Domain model: dataclasses and pure functions. Standard library only."""

from reeltui.domain.models import (
    COMMENT_KINDS,
    COMMENT_STATUSES,
    POST_STATUSES,
    SYNC_STATES,
    Comment,
    Film,
    Post,
)
from reeltui.domain.rating import format_reels, parse_rating, validate_rating
from reeltui.domain.text import excerpt, reading_time, slugify, word_count

__all__ = [
    "COMMENT_KINDS",
    "COMMENT_STATUSES",
    "POST_STATUSES",
    "SYNC_STATES",
    "Comment",
    "Film",
    "Post",
    "excerpt",
    "format_reels",
    "parse_rating",
    "reading_time",
    "slugify",
    "validate_rating",
    "word_count",
]
