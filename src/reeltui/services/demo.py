"""The bundled demo blog, built into a store with the project's own front-matter reader."""

from __future__ import annotations

from pathlib import Path

from reeltui.formats.frontmatter import Parsed, read_file
from reeltui.locations import demo_dir
from reeltui.store import Store, records


def read_demo(folder: Path | None = None) -> list[Parsed]:
    folder = folder or demo_dir()
    return [read_file(path) for path in sorted(folder.glob("*.md"))]


def seed_demo(store: Store, folder: Path | None = None) -> int:
    """Copy the demo blog into an empty store; returns the number of posts written."""
    parsed = read_demo(folder)
    records.put_many(store, [p.post for p in parsed], [c for p in parsed for c in p.comments])
    return len(parsed)
