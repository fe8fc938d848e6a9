"""Hand-edited store files, fuzzed: a wrong type (or shape) in any field of any table never
gives a traceback, and a store that `reeltui check` calls sound never makes a command fail.

Each example copies a real demo store (with an outbox entry, a working copy, a revision and
a read mark), puts a hostile value in one field of one record of one file (or replaces a
record, or a table, by something of another shape), then runs the real commands in-process.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reeltui.cli import main
from reeltui.domain import Comment, Post
from reeltui.services import outbox, replies
from reeltui.services.drafts import EditSession
from reeltui.services.session import open_blog
from reeltui.store import state

HER = "p-flixchatter-review-spike-jonzes-her"
HER_SLUG = "flixchatter-review-spike-jonzes-her"

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "yesterday", "abc", "2024-13-45", "x" * 300, "\u202e\x1b[31m"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
POST_FIELDS = [f for f in Post.__dataclass_fields__ if f != "id"]
COMMENT_FIELDS = [f for f in Comment.__dataclass_fields__ if f != "id"]
ROW_FIELDS = ["slug", "title", "author", "date", "status", "rating", "categories", "tags",
              "sticky", "source", "comments", "pending", "queued", "words"]  # fmt: skip
OUTBOX_FIELDS = ["kind", "comment_id", "action", "state", "error", "position", "created"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "store"
    with open_blog(path) as blog:
        reply = replies.start(blog, "c-her-1", author="Ruth")
        replies.send(blog, reply, "Thanks!")
        session = EditSession.open(blog, HER)
        session.autosave(blog.post(HER))
        state.put_read_mark(blog.store, HER, 6, "2024-01-01T00:00:00")
        assert outbox.entries(blog)
    return path


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))  # as a text editor would (any size of number)


def _one_file(folder: Path) -> Path:
    return sorted(folder.glob("*.json"))[0]


TARGETS: dict[str, Callable[[Path, str, Any], None]] = {
    "post": lambda s, f, v: _edit(
        s / "posts" / f"{HER}.json", lambda d: d["post"][HER].__setitem__(f, v)
    ),
    "comment": lambda s, f, v: _edit(
        s / "posts" / f"{HER}.json", lambda d: d["comments"]["c-her-2"].__setitem__(f, v)
    ),
    "row": lambda s, f, v: _edit(
        next(p for p in (s / "posts-index").glob("*.json") if HER in p.read_text()),
        lambda d: d["posts"][HER].__setitem__(f, v),
    ),
    "outbox": lambda s, f, v: _edit(
        s / "outbox.json", lambda d: next(iter(d["outbox"].values())).__setitem__(f, v)
    ),
    "draft": lambda s, f, v: _edit(
        s / "drafts.json", lambda d: d["drafts"][HER]["post"].__setitem__(f, v)
    ),
    "revision": lambda s, f, v: _edit(
        s / "revisions" / f"{HER}.json",
        lambda d: next(iter(d["revisions"].values())).__setitem__(f, v),
    ),
    "read": lambda s, f, v: _edit(
        _one_file(s / "reads"), lambda d: next(iter(d["reads"].values())).__setitem__("comments", v)
    ),
    "locator": lambda s, f, v: _edit(
        _one_file(s / "comment-index"),
        lambda d: next(iter(d["comments"].values())).__setitem__("post", v),
    ),
    "sync": lambda s, f, v: _edit(s / "meta.json", lambda d: d["meta"].__setitem__("sync", {f: v})),
}
FIELDS = {
    "post": POST_FIELDS,
    "comment": COMMENT_FIELDS,
    "row": ROW_FIELDS,
    "outbox": OUTBOX_FIELDS,
    "draft": POST_FIELDS,
    "revision": ["post_id", "reason", "at", "seq", "post", "note"],
    "read": ["comments"],
    "locator": ["post"],
    "sync": ["site", "posts_after", "conflicts", "forced", "last_pull"],
}
SHAPES: dict[str, Callable[[Path, Any], None]] = {
    "post record": lambda s, v: _edit(
        s / "posts" / f"{HER}.json", lambda d: d["post"].__setitem__(HER, v)
    ),
    "comment record": lambda s, v: _edit(
        s / "posts" / f"{HER}.json", lambda d: d["comments"].__setitem__("c-her-3", v)
    ),
    "comments table": lambda s, v: _edit(
        s / "posts" / f"{HER}.json", lambda d: d.__setitem__("comments", v)
    ),
    "outbox record": lambda s, v: _edit(
        s / "outbox.json", lambda d: d["outbox"].__setitem__("o-x", v)
    ),
    "index row": lambda s, v: _edit(
        next(p for p in (s / "posts-index").glob("*.json") if HER in p.read_text()),
        lambda d: d["posts"].__setitem__(HER, v),
    ),
}
COMMANDS = (
    ("posts",),
    ("posts", "--json"),
    ("posts", "--search", "her"),
    ("show", HER_SLUG),
    ("show", HER_SLUG, "--json"),
    ("inbox",),
    ("outbox",),
    ("outbox", "--json"),
)
EDITS = st.one_of(
    st.sampled_from(sorted(TARGETS)).flatmap(
        lambda t: st.tuples(st.just(t), st.sampled_from(FIELDS[t]), JSON)
    ),
    st.tuples(
        st.sampled_from(sorted(SHAPES)), st.just(""), JSON.filter(lambda v: not isinstance(v, dict))
    ),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(EDITS)
def test_hand_edited_fields_never_crash_a_command(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: tuple[str, str, Any]
) -> None:
    target, field, value = edit
    store = tmp_path / f"s-{abs(hash((target, field, repr(value)))) % 10**9}"
    shutil.rmtree(store, ignore_errors=True)
    shutil.copytree(template, store, ignore=shutil.ignore_patterns("reeltui.lock", "reeltui.pid"))
    if target in TARGETS:
        TARGETS[target](store, field, value)
    else:
        SHAPES[target](store, value)
    check = main(["--store", str(store), "check"])
    _, err = capsys.readouterr()
    assert check in (0, 1, 2) and "Traceback" not in err
    for command in COMMANDS:
        code = main(["--store", str(store), *command])  # an exception here fails the test
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), (command, code, err)
        assert "Traceback" not in err + out
        if check == 0:
            assert code == 0, (target, field, value, command, err)  # sound: everything works
    shutil.rmtree(store, ignore_errors=True)
