"""The app's comment search reads only the post files that may hold its words: `wolf`
typed in the list's search, then C (the same search over comments), shows the comments
saying "wolf" (in any case, with accents, curly quotes and emoji around), newest first, as
reading every file shows them, and no other post file was parsed for it."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from benchmarks import content

from reeltui.domain.identity import Identity
from reeltui.services.query import find_comments
from reeltui.services.session import open_blog
from reeltui.store import Store, datafile, records
from reeltui.ui.app import make_app
from reeltui.ui.widgets.comment_hits import CommentHitList
from tests.ui.helpers import press, settle

SAID = (
    "The Wolf was haunting \U0001f43a",
    "“WOLF” — wolfish, très émouvant",
    "Le loup (wo\u0301lf) & the <em>lamb</em>",
    'He said "wolf" twice, C:\\wolf',
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    rng = random.Random(3)
    posts, comments = [], []
    for entry in content.entries(40, 8):
        posts.append(entry.post)
        comments.extend(entry.comments)
    for k, text in enumerate(SAID):
        comments.append(replace(rng.choice(comments), id=f"w{k}", body=text, status="approved"))
    with Store.open(path) as store:
        records.put_many(store, posts, comments)
    with open_blog(path) as blog:
        blog.search_index().prepare()  # (the posts' text index, as a first session makes it)
    return path


async def test_c_searches_only_the_files_holding_the_word(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_blog(archive, read_only=True) as blog:
        blog.search_index().comment_docs()  # every file read: the answer as it always was
        found = find_comments(blog, "in:comments wolf", writer=Identity())
        expected = [h.comment.id for h in found]
    assert len(expected) == len(SAID)
    parsed: list[str] = []
    real = datafile.load

    def counted(root: Path, rel: str, source: Path | None = None) -> datafile.DataFile:
        parsed.append(rel)
        return real(root, rel, source)

    monkeypatch.setattr(datafile, "load", counted)
    blog = open_blog(archive)
    app = make_app(blog)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"wolf", "enter")
        await settle(pilot)
        parsed.clear()
        await press(pilot, "C")
        await settle(pilot)
        hits = app.screen.query_one(CommentHitList)
        assert hits.display
        assert [i.hit.comment.id for i in hits.items] == expected  # type: ignore[attr-defined]
        posts = {rel for rel in parsed if rel.startswith("posts/")}
        holding = {f"posts/{blog.comment(cid).post_id}.json" for cid in expected}
        assert posts <= holding | {rel for rel in posts if "wolf" in rel}
        assert len(posts) <= len(holding) + 2 < 20  # of 40 posts' files
        assert not blog.search_index().comment_texts().whole
    blog.close()
