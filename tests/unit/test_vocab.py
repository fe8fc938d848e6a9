"""The blog's closed sets of words (`domain/vocab.py`): `Literal` types that mypy --strict
holds every layer to, and that the validation gate reads from the dataclasses' annotations,
so a misspelt word in a hand-edited store or an import is refused with the file, the record
and the field named (real files, the real `reeltui` binary, the real mypy)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reeltui.domain import vocab
from reeltui.domain.validate import schema_of
from tests import storefiles
from tests.unit.test_backup_repair import edit_file as edit_json
from tests.unit.test_backup_repair import reeltui

ROOT = Path(__file__).resolve().parents[2]
HER = "p-flixchatter-review-spike-jonzes-her"


@dataclass
class Ticket:  # a record of a kind the gate has never seen: only its annotations say
    id: str
    colour: Literal["red", "blue"] = "red"
    shade: Literal["light", "dark"] | None = None


def test_the_gate_reads_a_literal_annotation() -> None:
    schema = schema_of(Ticket)
    assert schema.problems("t1", {"colour": "blue", "shade": None}) == []
    assert schema.problems("t1", {"colour": "red", "shade": "dark"}) == []
    found = schema.problems("t1", {"colour": "gren", "shade": "dim"})
    assert [(p.record, p.field) for p in found] == [("t1", "colour"), ("t1", "shade")]
    assert str(found[0]) == "field 'colour': expected one of red, blue; got text \"gren\""


def test_the_words_are_the_strings_stores_always_held() -> None:
    assert vocab.POST_STATUSES == (
        "draft", "pending", "scheduled", "published", "private", "trash",
    )  # fmt: skip
    assert vocab.COMMENT_STATUSES == ("approved", "pending", "spam", "trash")
    assert vocab.SYNC_STATES == ("local", "queued", "sent", "failed")
    assert vocab.OUTBOX_STATES == ("queued", "sent", "failed")
    assert vocab.MODERATION_ACTIONS == ("approve", "unapprove", "spam", "trash", "restore")
    assert (*vocab.MODERATION_ACTIONS, "") == vocab.OUTBOX_ACTIONS


def test_check_names_the_file_record_and_field_of_a_misspelt_word(store_path: Path) -> None:
    assert (
        reeltui(
            store_path, "reply", HER.removeprefix("p-"), "c-her-6", "--text", "Thanks"
        ).returncode
        == 0
    )
    assert reeltui(store_path, "check").returncode == 0

    def misspell_post(data: dict) -> None:  # type: ignore[type-arg]
        data["post"][HER]["status"] = "publsh"
        data["comments"]["c-her-2"]["kind"] = "pingbak"

    edit_json(storefiles.post_file(store_path, HER), misspell_post)
    [entry_id] = storefiles.outbox(store_path)
    edit_json(
        store_path / "outbox.json",
        lambda data: data["outbox"][entry_id].update(action="aprove"),
    )
    before = storefiles.snapshot(store_path)

    done = reeltui(store_path, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    post = f"post '{HER}' \"FlixChatter Review: Spike Jonze’s HER\" (slug {HER[2:]})"
    assert (
        f"  - posts/{HER}.json: {post}: field 'status': expected one of draft, "
        'pending, scheduled, published, private, trash; got text "publsh"'
    ) in lines
    assert (
        f"  - posts/{HER}.json: comment 'c-her-2' by Ruth on {post}: field 'kind': expected one of "
        'comment, pingback, trackback; got text "pingbak"'
    ) in lines
    assert (
        f"  - outbox.json: outbox record '{entry_id}': field 'action': expected one of approve, "
        'unapprove, spam, trash, restore, ; got text "aprove"'
    ) in lines
    assert storefiles.snapshot(store_path) == before  # check changes nothing


def test_an_import_with_a_misspelt_word_names_it(store_path: Path, tmp_path: Path) -> None:
    assert (
        reeltui(
            store_path, "reply", HER.removeprefix("p-"), "c-her-6", "--text", "Thanks"
        ).returncode
        == 0
    )
    export = tmp_path / "blog.json"
    assert reeltui(store_path, "export", "--format", "json", "--out", str(export)).returncode == 0

    def misspell(data: dict) -> None:  # type: ignore[type-arg]
        data["posts"][0]["status"] = "publsh"
        data["outbox"][0]["action"] = "aprove"

    edit_json(export, misspell)
    done = reeltui(tmp_path / "other", "import", str(export))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "posts[1]: not a valid post: unknown post status 'publsh'" in done.stdout
    assert "outbox[1]: not valid: unknown outbox action 'aprove'" in done.stdout
    written = storefiles.posts(tmp_path / "other")
    assert written and all(p["status"] != "publsh" for p in written.values())
    # the queued reply itself came in: the store's own repair gave it a sound entry
    assert [e["action"] for e in storefiles.outbox(tmp_path / "other").values()] == [""]


WRONG = """
from reeltui.domain.models import Comment, Post
from reeltui.services import outbox
from reeltui.services.blog import Blog
from reeltui.services.sync.resolve import resolve


def use(blog: Blog, post: Post, comment: Comment) -> bool:
    Post(id="p", slug="s", title="t", status="{post}")
    comment.status = "{comment}"
    outbox.add(blog, "moderate", "c", "{action}")
    blog.rows(sort="{sort}")
    resolve(blog, "post:p", "{keep}")
    return post.status == "{post}"
"""


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "use_words.py"
    path.write_text(source)
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
         "--cache-dir", str(tmp_path / "cache"), str(path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip


def test_mypy_refuses_a_misspelt_word(tmp_path: Path) -> None:
    words = {"post": "published", "comment": "approved", "action": "approve"}
    right = _mypy(tmp_path, WRONG.format(**words, sort="rating", keep="remote"))
    assert right.returncode == 0, right.stdout
    wrong = _mypy(
        tmp_path,
        WRONG.format(post="publsh", comment="aproved", action="aprove", sort="stars", keep="site"),
    )
    assert wrong.returncode == 1
    errors = [line for line in wrong.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 6, wrong.stdout
    assert '"status" to "Post" has incompatible type "Literal[\'publsh\']"' in errors[0]
    assert "Literal['aproved']" in errors[1] and "Literal['aprove']" in errors[2]
    assert '"sort" to "rows" of "Blog" has incompatible type "Literal[\'stars\']"' in errors[3]
    assert '"resolve" has incompatible type "Literal[\'site\']"' in errors[4]
    assert "Non-overlapping equality check" in errors[5]
