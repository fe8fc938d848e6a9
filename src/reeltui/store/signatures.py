"""The signature of a post's file (its size and modification time): what the search index
records per post, compared with the files on disk to find those changed since (a file
rewritten, or edited by hand, changes both)."""

from __future__ import annotations

import os
from pathlib import Path


def signature(path: Path) -> str:
    """What changes when a post's file is rewritten: its size and modification time."""
    try:
        info = path.stat()
    except OSError:
        return ""
    return f"{info.st_size}:{info.st_mtime_ns}"


def signatures_of(folder: Path, names: list[str]) -> list[str | None]:
    """The signature of each of `names` in `folder` (None: missing or unreadable): a stat
    each, made in one C loop while none fails (`signature`'s text, made by `str.format`)."""
    base = f"{folder}{os.sep}"
    paths = [base + name for name in names]
    try:
        return list(map(_SIGNATURE, map(os.lstat, paths)))
    except OSError:  # one is missing: each on its own
        return [_signature_or_none(path) for path in paths]


_SIGNATURE = "{0.st_size}:{0.st_mtime_ns}".format  # as `signature` writes it


def _signature_or_none(path: str) -> str | None:
    try:
        return _SIGNATURE(os.lstat(path))
    except OSError:
        return None


def file_signatures(folder: Path) -> dict[str, str]:
    """File name -> signature, for every post file in `folder` (one directory scan)."""
    out = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return {}
    for entry in entries:
        name = entry.name
        if name.endswith(".json") and not name.startswith("."):
            try:  # (not contextlib.suppress: a context per file was a third of the scan)
                out[name] = _SIGNATURE(entry.stat(follow_symlinks=False))
            except OSError:
                continue
    return out
