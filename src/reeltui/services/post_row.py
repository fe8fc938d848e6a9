"""A row of the post list: a post's summary with the figures the list shows beside it."""

from __future__ import annotations

from reeltui.domain.listing import PostSummary
from reeltui.domain.models import Post

__all__ = ["PostRow"]


class PostRow:
    """A post with the figures a list shows next to it: a row of the list (its summary, the
    figures counted at save), or a post read whole with figures given (`show`)."""

    __slots__ = ("_figures", "post")

    def __init__(
        self,
        post: PostSummary | Post,
        comment_count: int | None = None,
        word_count: int | None = None,
        pending_count: int | None = None,
    ) -> None:
        self.post = post
        self._figures = (comment_count, word_count, pending_count)

    @property
    def summary(self) -> PostSummary:
        """The row's summary (a row of the list always has one)."""
        assert isinstance(self.post, PostSummary)
        return self.post

    def _figure(self, given: int | None, name: str) -> int:
        if given is not None:
            return given
        value: int = getattr(self.post, name, 0)
        return value

    @property
    def comment_count(self) -> int:
        return self._figure(self._figures[0], "readers")  # readers' comments (domain.readers)

    @property
    def pending_count(self) -> int:
        return self._figure(self._figures[2], "pending")

    @property
    def word_count(self) -> int:
        return self._figure(self._figures[1], "words")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PostRow) and self._key() == other._key()

    def _key(self) -> object:
        post = self.post
        return post.key() if isinstance(post, PostSummary) else (post, self._figures)

    __hash__ = None  # type: ignore[assignment]  # rows change in place

    def __repr__(self) -> str:
        return (
            f"PostRow(post={self.post.id!r}, comment_count={self.comment_count}, "
            f"word_count={self.word_count}, pending_count={self.pending_count})"
        )
