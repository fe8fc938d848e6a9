"""Use cases on a store: list and search posts, read threads, save, reply... No UI code."""

from reeltui.services.blog import Blog, Counts, PostRow

__all__ = ["Blog", "Counts", "PostRow"]
