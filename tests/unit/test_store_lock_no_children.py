"""The store's lock is held by the process that took it alone: nothing the store does while
holding it forks a child (a forked child holds the lock's open file until its exec, so a
kill -9 of the writer left the store locked for a moment: a reopen right after failed)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from reeltui.store import commit
from reeltui.store.commit import syncfs


def test_a_big_commit_makes_its_files_durable_without_a_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit._syncfs_function.cache_clear()

    def no_child(*args: object, **kwargs: object) -> None:
        raise AssertionError("a child process was started while the store's lock is held")

    monkeypatch.setattr(subprocess, "Popen", no_child)
    monkeypatch.setattr(os, "fork", no_child)
    try:
        assert commit._syncfs_function() is not None  # Linux's syncfs, found in-process
        syncfs(tmp_path)
    finally:
        commit._syncfs_function.cache_clear()
