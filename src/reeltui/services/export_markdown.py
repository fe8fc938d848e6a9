"""The Markdown export: one file per post, named as Jekyll names them (`2014-01-11-her.md`),
written into an empty folder or over an earlier reeltui export.

A folder holding anything else (a Jekyll `_posts` with the writer's own files, a README) is
refused unless `force`: mixing would make an import of that folder find each post twice.
Over an earlier reeltui export, the files that export wrote and this one does not (a post
deleted since, a file name of an older reeltui) are removed, so the folder holds the store
as it is now; with `force`, nothing else in the folder is touched.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from reeltui.domain.plural import count
from reeltui.formats import FormatError, Parsed, Progress
from reeltui.formats.frontmatter_writer import HEAD, file_name, post_to_text
from reeltui.store.storage import atomic_write_bytes

SHOWN = 3  # names given in the refusal


def written_by_reeltui(path: Path) -> bool:
    """A Markdown file a reeltui export wrote (its front matter starts with the post's id)."""
    if path.suffix != ".md" or not path.is_file() or path.is_symlink():
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(len(HEAD)) == HEAD
    except OSError:
        return False


def earlier_export(out: Path, *, force: bool) -> list[Path]:
    """The files of an earlier reeltui export in `out` (this export replaces them).
    FormatError when `out` holds anything else and not `force` (hidden files do not count)."""
    try:
        entries = sorted(p for p in out.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        raise FormatError(f"cannot read the folder {out}: {exc.strerror or exc}") from exc
    ours = [p for p in entries if written_by_reeltui(p)]
    others = [p.name for p in entries if p not in ours]
    if not others:
        return ours
    if force:
        return []  # written among the writer's files: none of them is removed
    named = ", ".join(others[:SHOWN]) + (", …" if len(others) > SHOWN else "")
    raise FormatError(
        f"{out} holds {count(len(others), 'file')} that no reeltui export wrote ({named}); "
        "export into an empty or new folder, or add --force to write among them"
    )


def write_markdown(
    items: list[Parsed], out: Path, progress: Progress | None, *, force: bool = False
) -> int:
    """Write the posts into `out` (made if missing); returns how many files were written."""
    if out.exists() and not out.is_dir():
        raise FormatError(f"{out} is a file; the Markdown export needs a folder")
    earlier = earlier_export(out, force=force) if out.is_dir() else []
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FormatError(f"cannot create {out}: {exc.strerror or exc}") from exc
    taken: set[str] = set()
    for index, parsed in enumerate(items, 1):
        name = file_name(parsed.post, taken)
        atomic_write_bytes(out / name, post_to_text(parsed.post, parsed.comments).encode())
        if progress is not None:
            progress("writing", index, len(items))
    for stale in earlier:
        if stale.name not in taken:
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()  # the earlier export's file of a post gone or renamed
    return len(items)
