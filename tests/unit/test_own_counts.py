"""The posts index counts readers' comments (`domain.readers`) with the blog's own people it
was told of, and says which (meta.json): a change of [identity] or `authors` is counted again
once, from the posts' files, by the next open for writing (a reader counts in memory); a
kill -9 during that recount leaves a store that opens and is right after the next open."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.generate import write_archive

from reeltui.domain.models import Comment
from reeltui.domain.readers import OwnPeople, is_readers_comment
from reeltui.services import Blog
from reeltui.services.check import diagnose
from reeltui.services.session import open_blog
from tests.unit.test_cli import run

HER = "flixchatter-review-spike-jonzes-her"
ANA = OwnPeople.of(["Ana Lopes"])  # `authors = ["Ana Lopes"]` in the settings


def her_count(blog: Blog) -> int:
    return next(r.comment_count for r in blog.rows() if r.post.slug == HER)


def recorded(store: Path) -> object:
    return json.loads((store / "meta.json").read_text())["meta"]["store"].get("own")


def index_files(store: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in sorted((store / "index").rglob("*.json"))}


def test_a_change_of_own_people_is_counted_again_once(store_path: Path) -> None:
    with open_blog(store_path) as blog:
        post_id = blog.post_by_slug(HER).id
        before = her_count(blog)
        blog.save_comment(Comment(id="c-ana", post_id=post_id, author="ana  LOPES", body="Hi"))
        assert her_count(blog) == before + 1  # a reader, as far as anyone told the store
    with open_blog(store_path) as blog:  # the settings now name Ana as one of the blog's
        blog.signers = lambda: ANA
        assert her_count(blog) == before
    assert "ana lopes" in str(recorded(store_path))
    written = index_files(store_path)
    with open_blog(store_path) as blog:  # the same people again: nothing counted or written
        blog.signers = lambda: ANA
        assert her_count(blog) == before
    assert index_files(store_path) == written
    with open_blog(store_path, read_only=True) as blog:  # as they are; nobody told it of Ana
        assert her_count(blog) == before + 1  # counted in memory for this reader
    assert index_files(store_path) == written and "ana lopes" in str(recorded(store_path))
    assert diagnose(store_path).sound  # the index agrees with the posts, counted with Ana


def test_the_command_line_counts_with_the_settings(
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_blog(store_path) as blog:
        post_id = blog.post_by_slug(HER).id
        blog.save_comment(Comment(id="c-ana", post_id=post_id, author="Ana Lopes", body="Hi"))

    def listed() -> int:
        code, out, err = run(capsys, "--store", str(store_path), "posts", "--json")
        assert code == 0, err
        return next(p["comment_count"] for p in json.loads(out) if p["slug"] == HER)

    config = tmp_path / "config.toml"
    monkeypatch.setenv("REELTUI_CONFIG", str(config))
    config.write_text("")
    assert listed() == 5  # Her's 4 readers' comments and Ana's
    config.write_text('authors = ["Ana Lopes"]\n')
    assert listed() == 4
    config.write_text('[identity]\nname = "Ana Lopes"\n')
    assert listed() == 4
    code, _, err = run(capsys, "--store", str(store_path), "reply", HER, "c-ana", "--text", "x")
    assert code == 0, err  # a command that writes: the store counts with the writer now
    assert "ana lopes" in str(recorded(store_path))
    assert listed() == 4


CHILD = r"""
import sys
from pathlib import Path
from reeltui.domain.readers import OwnPeople
from reeltui.services.session import open_blog

blog = open_blog(Path(sys.argv[1]))
blog.signers = lambda: OwnPeople.of([sys.argv[2]])
for _ in blog.load_index():
    pass
print("ready", flush=True)  # the next step counts again with that name
blog.rows()
print("done", flush=True)
blog.close()
"""


def truth(store: Path, name: str) -> dict[str, int]:
    """Every post's readers' comments, counted from the comments themselves."""
    with open_blog(store, read_only=True) as blog:
        own = OwnPeople.of([name]).with_names(p.author for p in blog.posts())
        return {
            s.id: sum(is_readers_comment(c, own) for c in blog.comments(s.id)) for s in blog.posts()
        }


def counts(store: Path, name: str) -> dict[str, int]:
    with open_blog(store) as blog:
        blog.signers = lambda: OwnPeople.of([name])
        return {r.post.id: r.comment_count for r in blog.rows()}


def test_kill_9_during_the_recount(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write_archive(store, 400)
    with open_blog(store, read_only=True) as blog:
        names = sorted({c.author for c in blog.comments(blog.posts()[0].id) if c.author})
    rng = random.Random(22)
    killed, took = 0, 0.0
    for round_ in range(6):
        name = names[round_ % len(names)]
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(store), name], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        if round_ == 0:  # let the first one finish: how long a recount takes here
            started = time.perf_counter()
            assert child.stdout.readline() == "done\n"
            took = time.perf_counter() - started
        time.sleep(rng.uniform(0.0, took))
        child.kill()
        out, _ = child.communicate()
        killed += round_ > 0 and "done" not in out
        found = diagnose(store)  # it opens, and the index agrees with the set it records
        assert found.sound, found.problems
        assert counts(store, name) == truth(store, name)  # right after the next open
    assert killed, "no kill landed during a recount"


def test_a_deleted_index_file_is_not_made_again_by_a_recount(store_path: Path) -> None:
    """(A new user deleted an index file: the app's first open counted again for its writer
    and wrote the whole index from the posts' files, the deleted month made again without a
    word, its counts not the list's. The index is the user's to repair, `check --repair`.)"""
    index = store_path / "posts-index"
    gone = sorted(index.glob("*.json"))[-1]
    gone.unlink()
    kept = {p.name: p.read_bytes() for p in index.glob("*.json")}
    with open_blog(store_path) as blog:
        blog.signers = lambda: ANA  # another set of the blog's own people: a recount
        assert blog.rows()
    assert not gone.exists()
    assert {p.name: p.read_bytes() for p in index.glob("*.json")} == kept
    assert not diagnose(store_path).sound  # still for `check` to name and repair
