"""Use cases on a store: list and search posts, read threads, save, reply... No UI code.

`Blog`, `Counts` and `PostRow` are loaded on first use, so a light service module (templates,
identity) can be imported without the store (`reeltui --version` stays fast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reeltui.services.blog import Blog, Counts, PostRow

__all__ = ["Blog", "Counts", "PostRow"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reeltui.services import blog

        return getattr(blog, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
