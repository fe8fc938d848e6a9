"""What only reeltui knows survives its own exports (issue #17 item 1): the outbox in its
sending order with moderation, reply drafts, working copies, revisions and read marks come
back from a JSON export; queued replies and moderation from a WXR export. Real stores on
disk, the real CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from defusedxml.ElementTree import parse

from reeltui.__main__ import main
from reeltui.services import Blog, moderation, outbox, reads, replies, revisions
from reeltui.services.drafts import EditSession
from reeltui.services.exporting import export
from reeltui.services.importer import import_path
from reeltui.services.session import open_blog
from reeltui.store import Store, state
from tests.unit.test_wxr_roundtrip import snapshot

WP = "{http://wordpress.org/export/1.2/}"
HER = "flixchatter-review-spike-jonzes-her"


def fill(blog: Blog) -> None:
    """Three queued replies sent in an order their dates do not give (Tom, Priya, Marcy), a
    moderation action between them, a reply draft, a working copy, revisions, read marks."""
    tom = replies.reply(blog, "c-recap-3", "Thanks Tom!")
    replies.reply(blog, "c-recap-1", "Thanks Marcy!")
    replies.reply(blog, "c-guest-6", "Thanks Priya!")
    moderation.moderate(blog, "c-recap-4", "trash")
    marcy = next(e for e in outbox.entries(blog) if e.comment_id != tom.id and e.position == 2)
    outbox.move(blog, marcy.id, 2)  # Tom, Priya, moderation, Marcy
    draft = replies.start(blog, "c-her-4")
    replies.keep_draft(blog, draft, "A draft for Tom, not sent")
    post = blog.post_by_slug(HER)
    clock = iter(dt.datetime(2024, 5, 1, 10, m, tzinfo=dt.UTC) for m in range(10))
    session = EditSession(blog, post, is_new=False, clock=lambda: next(clock))
    session.save(post)
    session.autosave(dataclass_with_body(post, post.body + "\nMore words."))
    reads.mark_read(blog, post.id)
    reads.mark_read(
        blog, blog.post_by_slug("november-movie-watching-recap-and-movie-of-the-month").id
    )


def dataclass_with_body(post: object, body: str) -> object:
    import dataclasses

    return dataclasses.replace(post, body=body)  # type: ignore[type-var]


def local_view(blog: Blog) -> dict[str, object]:
    """Everything compared after a round trip (ids of generated records left out)."""
    return {
        "outbox": [
            (e.kind, e.comment_id, e.action, e.state, e.error, e.position, e.created)
            for e in outbox.entries(blog)
        ],
        "working copies": sorted(
            (p.to_dict()["id"], p.body, at) for p, at in state.all_drafts(blog.store)
        ),
        "revisions": [
            (r.post_id, r.reason, r.at, r.seq, r.note, r.post) for r in revisions.every(blog.store)
        ],
        "reads": reads.marks(blog),
        "counts": blog.counts(),
    }


def comment_states(blog: Blog) -> list[tuple[str, str | None, str, str, str | None, str]]:
    return sorted(
        (c.id, c.parent_id, c.status, c.origin, c.sync_state, c.body) for c in blog.all_comments()
    )


@pytest.fixture
def filled(blog: Blog) -> Blog:
    fill(blog)
    return blog


def new_store(path: Path) -> Blog:
    return Blog(Store.open(path))


def store_bytes(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.glob("*.json"))}


def test_json_round_trip_keeps_the_outbox_drafts_revisions_and_reads(
    filled: Blog, tmp_path: Path
) -> None:
    before = local_view(filled)
    names = [
        filled.comment(filled.comment(e.comment_id).parent_id or e.comment_id).author
        for e in outbox.entries(filled)
    ]
    assert names == ["Tom Okafor", "Priya Natarajan", "Free HD Movies 2013", "Marcy Lindqvist"]
    assert len(before["revisions"]) == 2 and len(before["reads"]) == 2  # type: ignore[arg-type]
    out = tmp_path / "all.json"
    export(filled, "json", out)
    with new_store(tmp_path / "copy") as copy:
        report = import_path(copy, out)
        assert report.complete and report.local.outbox == 4
        assert (report.local.working_copies, report.local.revisions, report.local.reads) == (
            1,
            2,
            2,
        )
        assert local_view(copy) == before
        assert snapshot(copy) == snapshot(filled)
        assert outbox.repair(copy) == 0  # what the app does on opening: nothing to mend
    on_disk = store_bytes(tmp_path / "copy")
    with open_blog(tmp_path / "copy") as again:
        report = import_path(again, out)  # the same file again: nothing changes
        assert not report.changed and report.complete
    assert store_bytes(tmp_path / "copy") == on_disk


def test_json_round_trip_through_the_cli(
    filled: Blog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled.close()
    store = str(filled.path)
    assert (
        main(["--store", store, "export", "--format", "json", "--out", str(tmp_path / "e.json")])
        == 0
    )
    copy = str(tmp_path / "copy")
    capsys.readouterr()
    assert main(["--store", copy, "import", str(tmp_path / "e.json")]) == 0
    assert (
        "also: 4 outbox entries, 1 working copy, 2 revisions, 2 read marks, 0 diary entries"
        in capsys.readouterr().out
    )
    for where in (store, copy):
        assert main(["--store", where, "outbox", "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        assert [(e["kind"], e["action"], e["state"], e["position"]) for e in shown] == [
            ("reply", "", "queued", 1),
            ("reply", "", "queued", 2),
            ("moderate", "trash", "queued", 3),
            ("reply", "", "queued", 4),
        ]
        assert [e["comment"]["body"] for e in shown if e["kind"] == "reply"] == [
            "Thanks Tom!",
            "Thanks Priya!",
            "Thanks Marcy!",
        ]


def test_wxr_round_trip_keeps_queued_replies_unapproved_and_the_moderation(
    filled: Blog, tmp_path: Path
) -> None:
    before = local_view(filled)
    out = tmp_path / "site.xml"
    export(filled, "wxr", out)
    approved = {
        c.findtext(f"{WP}comment_content"): c.findtext(f"{WP}comment_approved")
        for c in parse(out).getroot().iter(f"{WP}comment")
    }
    # WordPress's importer must not publish what the blog has not accepted yet.
    assert approved["<p>Thanks Tom!</p>\n"] == "0"
    assert approved["<p>A draft for Tom, not sent</p>\n"] == "0"
    with new_store(tmp_path / "copy") as copy:
        report = import_path(copy, out)
        assert report.complete and report.local.outbox == 4
        assert local_view(copy)["outbox"] == before["outbox"]
        assert local_view(copy)["counts"] == before["counts"]
        assert comment_states(copy) == comment_states(filled)  # statuses, sync states, drafts
        assert outbox.repair(copy) == 0
        again = import_path(copy, out)
        assert not again.changed


def test_a_version_1_json_export_still_imports(blog: Blog, tmp_path: Path) -> None:
    """Version 1 files: an outbox in table order (not sending order), no revisions or reads."""
    reply = replies.reply(blog, "c-her-4", "Thanks!")
    document = {
        "format": "reeltui-export",
        "version": 1,
        "exported": "2026-01-01T00:00:00+00:00",
        "posts": [p.to_dict() for p in blog.posts()],
        "comments": [c.to_dict() for c in blog.all_comments()],
        "drafts": [],
        "outbox": [
            {"id": "9", "kind": "moderate", "comment_id": "c-recap-1", "action": "spam",
             "state": "queued", "error": "", "remote_id": "", "position": 2, "created": ""},
            {"id": "8", "kind": "reply", "comment_id": reply.id, "action": "",
             "state": "queued", "error": "", "remote_id": "", "position": 1, "created": ""},
        ],
    }  # fmt: skip
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(document))
    with new_store(tmp_path / "copy") as copy:
        report = import_path(copy, path)
        assert report.complete
        assert [(e.kind, e.comment_id) for e in outbox.entries(copy)] == [
            ("reply", reply.id),
            ("moderate", "c-recap-1"),
        ]


def test_an_outbox_entry_whose_comment_is_missing_is_skipped_and_exit_1(
    blog: Blog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "format": "reeltui-export",
        "version": 2,
        "posts": [p.to_dict() for p in blog.posts()],
        "comments": [],
        "outbox": [{"kind": "reply", "comment_id": "r-gone", "state": "queued", "position": 1}],
    }
    path = tmp_path / "x.json"
    path.write_text(json.dumps(document))
    code = main(["--store", str(tmp_path / "copy"), "import", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "skipped: 1 outbox entry" in out and "its comment is not in the file" in out
