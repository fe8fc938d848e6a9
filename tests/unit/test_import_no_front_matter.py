"""A Markdown file without front matter said nothing of being published, yet was imported as a
published post (the new-user pass; a sync would then publish it on the site). It is imported
as a draft and the import's report says so; a file whose front matter leaves the status out is
published, as Jekyll and Hugo read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.services.session import open_blog
from tests.unit.test_cli import run


def test_a_markdown_file_without_front_matter_is_imported_as_a_draft(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "dune-notes.md"
    plain.write_text("Spice everywhere, and Villeneuve takes his time.\n")
    fronted = tmp_path / "arrival.md"
    fronted.write_text("---\ntitle: Arrival\n---\nHeptapods.\n")
    store = ["--store", str(store_path)]
    code, out, err = run(capsys, *store, "import", str(plain))
    assert code == 0, out + err
    assert "dune-notes.md has no front matter" in out + err, out + err
    assert "imported as a draft" in out + err
    code, out, err = run(capsys, *store, "import", str(fronted))
    assert code == 0 and "no front matter" not in out + err, out + err
    with open_blog(store_path, read_only=True) as blog:
        assert blog.post_by_slug("dune-notes").status == "draft"
        assert blog.post_by_slug("arrival").status == "published"
