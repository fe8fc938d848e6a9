"""docs/cli-json.md against the real output of `posts`, `show`, `inbox` and `outbox --json`:
every field printed is documented, and every field documented is printed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from reeltui.cli import main
from reeltui.domain.models import Film
from reeltui.services import moderation, replies
from reeltui.services.session import open_blog
from tests.conftest import ROOT

DOC = ROOT / "docs" / "cli-json.md"
HER = "flixchatter-review-spike-jonzes-her"
SHOW_ONLY = {"body", "html", "excerpt_html", "comments"}
LIST_ONLY = {"damaged"}  # `posts` and `search`: why a post's file cannot be read, or null


def documented() -> dict[str, set[str]]:
    """{object name: its fields} from the document's "## Name" sections and their tables."""
    objects: dict[str, set[str]] = {}
    name = ""
    for line in DOC.read_text().splitlines():
        if line.startswith("## "):
            name = line[3:].strip()
            objects[name] = set()
        elif name and (cell := re.match(r"\| `([a-z_]+)` \|", line)):
            objects[name].add(cell.group(1))
    return objects


def run_json(capsys: pytest.CaptureFixture[str], store: Path, *argv: str) -> Any:
    assert main(["--store", str(store), *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def rich_store(store_path: Path) -> Path:
    """The demo store with film facts, a queued reply, a draft and a moderation action."""
    with open_blog(store_path) as blog:
        post = blog.post_by_slug(HER)
        post.film = Film("Her", 2013, "Spike Jonze", ["Joaquin Phoenix"])
        blog.save_post(post)
        replies.reply(blog, "c-her-4", "Thanks Tom!")
        replies.keep_draft(blog, replies.start(blog, "c-her-6"), "a draft")
        moderation.moderate(blog, "c-her-1", "unapprove")
    return store_path


def test_the_document_lists_every_field_of_the_real_output(
    rich_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    objects = documented()
    assert set(objects) == {
        "Post",
        "Film",
        "Comment",
        "Inbox item",
        "Outbox entry",
        "Post reference",
    }
    shown = run_json(capsys, rich_store, "show", HER)
    assert set(shown) == objects["Post"] - LIST_ONLY
    assert set(shown["film"]) == objects["Film"]
    kinds = set()
    for comment in shown["comments"]:
        assert set(comment) == objects["Comment"]
        kinds.add((comment["origin"], comment["sync_state"]))
    assert {("imported", None), ("local", "queued"), ("local", "local")} <= kinds
    for post in run_json(capsys, rich_store, "posts"):
        assert set(post) == objects["Post"] - SHOW_ONLY
        assert set(post["film"]) == objects["Film"]
    items = run_json(capsys, rich_store, "inbox")
    assert items
    for item in items:
        assert set(item) == objects["Inbox item"]
        assert set(item["post"]) == objects["Post reference"]
        assert set(item["comment"]) == objects["Comment"] - {"depth"}
    entries = run_json(capsys, rich_store, "outbox")
    assert {e["kind"] for e in entries} == {"reply", "moderate"}
    for entry in entries:
        assert set(entry) == objects["Outbox entry"]
        assert set(entry["post"]) == objects["Post reference"]
        assert set(entry["comment"]) == objects["Comment"] - {"depth"}
        if entry["parent"] is not None:
            assert set(entry["parent"]) == objects["Comment"] - {"depth"}
