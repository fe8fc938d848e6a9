"""A sync pull that brings posts in is backed up as it lands (issue #21): the newest backup
holds what came from the real WordPress, whatever the 10-minute rule; a pull that brings
nothing takes no backup."""

from __future__ import annotations

import pytest

from reeltui.services import Blog
from reeltui.store.backup import list_backups
from tests.sync.conftest import Site, run_sync

pytestmark = pytest.mark.wordpress


def test_a_pull_is_backed_up_and_an_empty_one_is_not(
    site: Site, empty_blog: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REELTUI_BACKUP_EVERY", raising=False)
    before = list_backups(empty_blog.path)
    result, _ = run_sync(empty_blog, site)
    assert result.pulled.new_posts == 10, result.error
    empty_blog.store.backups.wait()
    after = list_backups(empty_blog.path)
    assert len(after) == len(before) + 1
    posts = {p.id for p in empty_blog.posts()}
    held = {rel for rel in after[0].files if rel.startswith("posts/")}
    assert {f"posts/{p}.json" for p in posts} <= held
    run_sync(empty_blog, site)  # nothing new on the site
    empty_blog.store.backups.wait()
    assert len(list_backups(empty_blog.path)) == len(after)
