"""What a screen that reads every post (the inbox, the stats) says when it went past damaged
records: the line the CLI's commands warn with (`services.unlisted.skipped`), once for what
it names (a screen reads again on every store change)."""

from __future__ import annotations

import threading

from reeltui.services import Blog

_LOCK = threading.Lock()  # (workers of searches typed one after another run at once)


def damage_line(blog: Blog, said: set[str]) -> str | None:
    """The line to say of what `blog` skipped as damaged so far (`Blog.damage`), or None when
    all of it is in `said` (which it joins). Plain text: it quotes a hand-edited file."""
    found = blog.damage()
    with _LOCK:  # asked and noted at once: two threads saw it unsaid and both said it
        if not found or said.issuperset(found):
            return None
        said.update(found)
    from reeltui.domain.sanitize import sanitize_line
    from reeltui.services.unlisted import skipped

    return sanitize_line(skipped(found))
