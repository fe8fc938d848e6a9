"""A store dropped without being closed lets go of its lock once collected (as the
`filelock` package's lock did): a later open in the same process is not refused as if
another reeltui held it. The fcntl lock that replaced it kept a bare file descriptor, never
closed, so the store stayed locked for the rest of the process."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

from reeltui.services import Blog
from reeltui.store.store import Store


def test_a_store_dropped_unclosed_can_be_opened_again(tmp_path: Path) -> None:
    folder = tmp_path / "store"

    def open_and_drop() -> None:
        Blog(Store.open(folder))  # never closed (a caller's bug, or an error on the way)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # the lock file, closed by collection
        open_and_drop()
        gc.collect()
    blog = Blog(Store.open(folder))  # raised StoreLocked naming this very process
    blog.close()
