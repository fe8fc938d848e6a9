"""The comment-field index behind `in:comments author:` / `date:` searches (real demo store on
disk): once built, it follows every comment the Blog saves or deletes, and a re-read store
(an import, a sync) is indexed again, so a search never misses or keeps a comment."""

from __future__ import annotations

from dataclasses import replace

from reeltui.domain.identity import Identity
from reeltui.domain.models import Comment
from reeltui.domain.query import parse
from reeltui.services import Blog, commentfields
from reeltui.services.query import find_comments
from reeltui.store import records
from tests.ui.helpers import HER


def found(blog: Blog, query: str) -> list[str]:
    return [h.comment.id for h in find_comments(blog, query, limit=None, writer=Identity())]


def test_the_index_follows_saved_and_deleted_comments(blog: Blog) -> None:
    post_id = blog.post_by_slug(HER).id
    assert found(blog, "in:comments author:zora") == []  # (the index is built now)
    zora = Comment(
        id="c-zora", post_id=post_id, author="Zora  Neale", date="2014-02-03T10:00:00", body="Yes"
    )
    blog.save_comment(zora)
    assert found(blog, "in:comments author:zora") == ["c-zora"]
    assert found(blog, "in:comments author:neale date:2014-02-03") == ["c-zora"]
    assert found(blog, "in:comments author:zor*") == ["c-zora"]
    # edited: the old name and day no longer find it, the new ones do
    blog.save_comment(replace(zora, author="Ana Ruiz", date="2014-03-09T08:00:00"))
    assert found(blog, "in:comments author:zora") == []
    assert found(blog, "in:comments date:2014-02-03") == []
    assert found(blog, "in:comments author:ruiz date:2014-03") == ["c-zora"]
    blog.delete_comment("c-zora")
    assert found(blog, "in:comments author:ruiz") == []
    assert found(blog, "in:comments date:2014-03") == []


def test_a_re_read_store_is_indexed_again(blog: Blog) -> None:
    post_id = blog.post_by_slug(HER).id
    assert found(blog, "in:comments author:quennell") == []
    index = commentfields.of(blog)
    # written straight to the store (as an import or a sync does), then the Blog re-reads it
    records.put_comment(blog.store, Comment(id="c-ok", post_id=post_id, author="Ife Quennell"))
    blog.invalidate()
    assert found(blog, "in:comments author:quennell") == ["c-ok"]
    assert commentfields.of(blog) is not index  # built again, once
    assert commentfields.of(blog) is commentfields.of(blog)


def test_a_big_change_rebuilds_instead_of_patching(blog: Blog) -> None:
    post_id = blog.post_by_slug(HER).id
    assert found(blog, "in:comments author:bulk") == []
    many = [
        Comment(id=f"c-bulk-{i}", post_id=post_id, author=f"Bulk Writer{i}")
        for i in range(commentfields.BULK + 1)
    ]
    for comment in many:
        records.put_comment(blog.store, comment)
    index = commentfields.of(blog)
    index.update(records.raw_comments(blog.store), [c.id for c in many])
    assert index.stale  # (a sync announcing many comments at once)
    rebuilt = commentfields.of(blog)
    assert rebuilt is not index and not rebuilt.stale
    assert rebuilt.by_author(parse("author:bulk").terms[0]) == {c.id for c in many}
