"""The upgrade of a schema-1 store (one file per table) to the posts index + per-post files:
everything kept, the old files moved into a backup, bad records carried for `check`, a reader
never writing, and a kill -9 at any moment leaving either the old store or the new one."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson

from reeltui.domain import Comment, Post
from reeltui.services import outbox
from reeltui.services import reads as read_service
from reeltui.services.check import diagnose
from reeltui.services.drafts import EditSession
from reeltui.services.session import open_blog
from reeltui.store import Store
from reeltui.store import diary as diary_store
from reeltui.store.schema import SCHEMA_VERSION
from tests import storefiles
from tests.v1store import doc, write_v1


def old_store(path: Path, n: int = 30) -> Path:
    posts = [
        Post(id=f"p{i}", slug=f"post-{i}", title=f"Post {i}", body="one two three " * (i + 1),
             date=f"2023-{1 + i % 12:02d}-01T10:00:00", status="published")
        for i in range(n)
    ]  # fmt: skip
    comments = [
        Comment(id=f"c{i}", post_id=f"p{i % n}", body=f"reply {i}",
                status="pending" if i % 7 == 0 else "approved")
        for i in range(n * 5)
    ]  # fmt: skip
    local = Comment(id="c-mine", post_id="p1", body="queued", origin="local", sync_state="queued")
    draft = {"post": doc(posts[2]) | {"body": "a working copy"}, "saved_at": "2024-01-01T00:00:00"}
    revision = {"post_id": "p3", "reason": "save", "at": "2024-01-01T00:00:00", "seq": 1,
                "post": doc(posts[3])}  # fmt: skip
    entry = {"kind": "reply", "comment_id": "c-mine", "action": "", "state": "queued",
             "error": "", "remote_id": "", "position": 1,
             "created": "2024-01-01T00:00:00"}  # fmt: skip
    return write_v1(
        path,
        posts,
        [*comments, local],
        drafts={"p2": draft},
        revisions={"r-1": revision},
        outbox={"o-1": entry},
        reads={"p4": {"comments": 5, "at": "2024-01-01T00:00:00"}},
        diary={"d-1": {"title": "Elysium", "year": 2013, "watched": "2023-08-09", "rating": 3.5,
                       "uri": "https://boxd.it/abc"}},
    )  # fmt: skip


def test_an_old_store_is_upgraded_whole_on_first_writing_open(tmp_path: Path) -> None:
    path = old_store(tmp_path / "s")
    before = {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}
    with open_blog(path) as blog:
        assert blog.store.migrated_from == 1 and blog.store.schema_version == SCHEMA_VERSION
        assert len(blog.posts()) == 30
        assert len(blog.comments("p1")) == 6 and blog.comment("c-mine").sync_state == "queued"
        assert blog.counts().queued_replies == 1 and blog.counts().pending_comments == 22
        assert [e.comment_id for e in outbox.entries(blog)] == ["c-mine"]
        assert read_service.seen(blog) == {"p4": 5}
        assert EditSession.open(blog, "p2").working_copy() is not None
        assert [r.id for r in EditSession.open(blog, "p3").history()] == ["r-1"]
        assert next(r for r in blog.rows() if r.post.id == "p5").word_count == 18
        [film] = diary_store.all_entries(blog.store)  # the film diary carried as it was
        assert (film.id, film.title, film.rating, film.watched) == (
            "d-1",
            "Elysium",
            3.5,
            "2023-08-09",
        )
    # The old files are kept, as they were, in a backup; the store is the new layout.
    kept = next((path / "backups").glob("schema-1-*"))
    for name in ("posts.json", "comments.json", "revisions.json", "reads.json", "meta.json"):
        assert (kept / name).read_bytes() == before[name]
    assert not (path / "posts.json").exists() and not (path / "comments.json").exists()
    assert len(storefiles.posts(path)) == 30 and len(storefiles.index_rows(path)) == 30
    assert diagnose(path).sound


def test_a_reader_reads_an_old_store_without_writing(tmp_path: Path) -> None:
    path = old_store(tmp_path / "s")
    before = storefiles.snapshot(path)
    with open_blog(path, read_only=True) as blog:
        assert len(blog.posts()) == 30 and blog.post("p7").title == "Post 7"
        assert blog.rows(search="post 7")[0].post.id == "p7"
    assert diagnose(path).sound  # checked as upgraded, in memory
    assert storefiles.snapshot(path) == before
    assert not (path / "backups").exists()


def test_bad_records_of_an_old_store_are_carried_for_check_to_report(tmp_path: Path) -> None:
    path = old_store(tmp_path / "s")
    data = orjson.loads((path / "posts.json").read_bytes())
    data["posts"]["p-bad"] = {"slug": "bad", "title": 12345}
    data["posts"]["p-str"] = "a post stored as a string"
    (path / "posts.json").write_bytes(orjson.dumps(data))
    with open_blog(path) as blog:
        assert len(blog.posts()) == 30  # the rest went in
    found = diagnose(path)
    assert not found.sound
    text = "\n".join(found.problems)
    assert (
        "posts/p-bad.json: post 'p-bad' (slug bad): field 'title': expected text, got 12345" in text
    )
    assert "'p-str'" in text and "expected an object of fields" in text


CHILD = r"""
import sys
from pathlib import Path
from reeltui.store import Store
from reeltui.store import diary as diary_store
print("start", flush=True)
with Store.open(Path(sys.argv[1])) as store:
    print("upgraded", flush=True)
"""


def test_kill_9_during_the_upgrade_leaves_the_old_or_the_new_store(tmp_path: Path) -> None:
    """Twenty kills at random moments of the upgrade of a store of 300 posts: after each,
    the store opens, holds every post and comment once, and checks sound."""
    template = old_store(tmp_path / "template", n=300)
    # How long one upgrade takes on this machine now (a loaded machine takes longer): the
    # kills are spread over 1.6 times that, so some land before the upgrade's end, some after.
    subprocess.run(["cp", "-a", str(template), str(tmp_path / "uncut")], check=True)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "uncut")], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "start\n"
    began = time.monotonic()
    assert child.stdout.readline() == "upgraded\n"
    span = time.monotonic() - began
    child.wait()
    child.stdout.close()
    rng = random.Random(22)
    outcomes = {"old": 0, "new": 0}
    for i in range(20):
        path = tmp_path / f"s{i}"
        subprocess.run(["cp", "-a", str(template), str(path)], check=True)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline() == "start\n"
        time.sleep(span * 1.6 * (i + rng.random()) / 20)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        upgraded = not (path / "posts.json").exists()
        outcomes["new" if upgraded else "old"] += 1
        with Store.open(path) as store:  # finishes or redoes the upgrade
            assert store.schema_version == SCHEMA_VERSION
        with open_blog(path, read_only=True) as blog:
            assert len(blog.posts()) == 300
            assert sum(len(blog.comments(p.id)) for p in blog.posts()) == 1501
        found = diagnose(path)
        assert found.sound, found.problems
        assert not list(path.rglob(".*.new")) and not list(path.rglob(".*.tmp"))
    assert outcomes["old"] and outcomes["new"], outcomes  # kills landed before and after


def test_an_index_written_before_a_new_list_field_is_written_again(tmp_path: Path) -> None:
    """The list's fields changed (a newer reeltui): the index is rebuilt once, at the first
    writing open, from the posts' files."""
    path = tmp_path / "s"
    with open_blog(path) as blog:
        her = blog.post_by_slug("flixchatter-review-spike-jonzes-her")
    for page in (path / "posts-index").glob("*.json"):  # as an older reeltui wrote them
        data = orjson.loads(page.read_bytes())
        for row in data["posts"].values():
            del row["words"]
        page.write_bytes(orjson.dumps(data))
    meta = orjson.loads((path / "meta.json").read_bytes())
    meta["meta"]["store"]["index"] = ["slug", "title"]
    (path / "meta.json").write_bytes(orjson.dumps(meta))
    with open_blog(path) as blog:
        assert blog.summary(her.id).words > 1000
    assert all("words" in row for row in storefiles.index_rows(path).values())
    assert diagnose(path).sound
