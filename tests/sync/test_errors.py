"""WordPress refusals and broken connections: clear messages, outbox intact, syncs resume."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reeltui.services import Blog, outbox
from reeltui.services.sync import state as syncstate
from reeltui.services.sync.credentials import Credentials
from reeltui.services.sync.progress import SyncProgress
from reeltui.services.sync.run import sync
from tests.sync.conftest import Site, by_remote, local_reply, post_by_remote, run_sync

pytestmark = pytest.mark.wordpress


def test_reply_on_a_draft_post_fails_with_wordpress_code_and_is_retried(
    site: Site, empty_blog: Blog
) -> None:
    run_sync(empty_blog, site)
    ok_parent = by_remote(empty_blog, site.comments["c1"])
    draft = post_by_remote(empty_blog, site.posts["draft"])
    on_draft = local_reply(empty_blog, ok_parent, "Comment on a draft", "r-draft")
    on_draft.post_id, on_draft.parent_id = draft.id, None
    good = local_reply(empty_blog, ok_parent, "This one is fine", "r-good")
    bad_entry = outbox.queue_reply(empty_blog, on_draft)
    outbox.queue_reply(empty_blog, good)

    result, _ = run_sync(empty_blog, site)
    assert not result.ok and not result.error  # one item failed, the sync went on
    assert result.pushed.replies == 1
    failed = outbox.get(empty_blog, bad_entry.id)
    assert failed.state == "failed" and failed.error.startswith("rest_comment_draft_post: ")
    assert empty_blog.comment("r-draft").sync_error.startswith("rest_comment_draft_post")
    assert any("rest_comment_draft_post" in line for line in result.lines())
    assert empty_blog.comment("r-good").sync_state == "sent"

    # retried on the next sync: once the post is published on the site it goes through
    site.rest("POST", f"/wp/v2/posts/{site.posts['draft']}", body={"status": "publish"})
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert outbox.get(empty_blog, bad_entry.id).state == "sent"


def test_duplicate_reply_is_refused_as_comment_duplicate(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    parent = by_remote(empty_blog, site.comments["c1"])
    outbox.queue_reply(empty_blog, local_reply(empty_blog, parent, "Same words", "r-1"))
    second = outbox.queue_reply(empty_blog, local_reply(empty_blog, parent, "Same words", "r-2"))
    result, _ = run_sync(empty_blog, site)
    assert outbox.get(empty_blog, second.id).error.startswith("comment_duplicate: ")
    assert empty_blog.comment("r-1").sync_state == "sent"
    assert result.pushed.failed and not result.error


def test_comment_flood_for_a_non_admin_user(site: Site, empty_blog: Blog) -> None:
    status, made = site.rest(
        "POST", f"/wp/v2/users/{site.users['guest']}/application-passwords", body={"name": "t"}
    )
    assert status == 201 and isinstance(made, dict)
    guest = Credentials(site.server.url, "guest", str(made["password"]))
    # an author may not read everything: the pull falls back to what they can see
    result = sync(empty_blog, guest)
    assert not result.error, result.lines()
    parent = by_remote(empty_blog, site.comments["c1"])
    outbox.queue_reply(empty_blog, local_reply(empty_blog, parent, "Guest says hi", "r-g1"))
    flood = outbox.queue_reply(
        empty_blog, local_reply(empty_blog, parent, "And again, quickly", "r-g2")
    )
    # an author may not moderate: 403 for that entry only
    spam = outbox.add(empty_blog, "moderate", parent.id, "spam")
    result = sync(empty_blog, guest, pull=False)
    assert empty_blog.comment("r-g1").sync_state == "sent"
    assert outbox.get(empty_blog, flood.id).error.startswith("comment_flood: ")
    refused = outbox.get(empty_blog, spam.id)
    assert refused.state == "failed" and refused.error.startswith("rest_forbidden_context: ")
    assert not result.error


def test_wrong_password_stops_with_one_line_and_keeps_the_outbox(
    site: Site, empty_blog: Blog
) -> None:
    run_sync(empty_blog, site)
    parent = by_remote(empty_blog, site.comments["c1"])
    entry = outbox.queue_reply(empty_blog, local_reply(empty_blog, parent, "Hello", "r-1"))
    before = syncstate.load(empty_blog)
    bad = Credentials(site.server.url, "admin", "abcd efgh ijkl mnop qrst uvwx")
    result = sync(empty_blog, bad)
    assert result.stopped_by == "auth"
    code, _, message = result.error.partition(": ")
    assert code in ("incorrect_password", "rest_not_logged_in"), result.error
    assert "refused user 'admin'" in message and "application password" in message
    assert "\n" not in result.error
    assert "abcd" not in result.error
    assert outbox.get(empty_blog, entry.id).state == "queued"
    assert syncstate.load(empty_blog).clock == before.clock


def test_server_down_midway_then_resume_without_duplicates(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    parent = by_remote(empty_blog, site.comments["c1"])
    e1 = outbox.queue_reply(empty_blog, local_reply(empty_blog, parent, "First words", "r-1"))
    e2 = outbox.queue_reply(empty_blog, local_reply(empty_blog, parent, "Second words", "r-2"))

    def stop_before_second(event: SyncProgress) -> None:
        if event.stage == "sending replies and moderation" and event.done == 2:
            site.server.stop_web()  # the site goes away between the two replies

    result = sync(empty_blog, site.creds, progress=stop_before_second)
    assert result.stopped_by == "network"
    assert result.error.startswith("network: cannot reach http://127.0.0.1:")
    assert outbox.get(empty_blog, e1.id).state == "sent"
    assert outbox.get(empty_blog, e2.id).state == "queued"
    assert any("outbox is intact" in line for line in result.lines())

    site.server.start_web()
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert outbox.get(empty_blog, e2.id).state == "sent"
    status, remote = site.rest(
        "GET", "/wp/v2/comments", params={"parent": site.comments["c1"], "per_page": 100}
    )
    assert status == 200
    bodies = sorted(str(c["content"]["rendered"]).strip() for c in remote)  # type: ignore[union-attr]
    assert bodies == ["<p>First words</p>", "<p>Me too, Marcy.</p>", "<p>Second words</p>"]


def test_maintenance_mode_503_is_a_server_error(site: Site, empty_blog: Blog) -> None:
    flag = Path(site.server.dir) / "site" / ".maintenance"
    flag.write_text("<?php $upgrading = time(); ?>")
    try:
        result, _ = run_sync(empty_blog, site)
    finally:
        flag.unlink()
    assert result.stopped_by == "server"
    assert "503" in result.error and "\n" not in result.error


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server that accepts connections and never answers (a hung host)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_timeout_is_a_clear_network_error(silent_server: str, empty_blog: Blog) -> None:
    result = sync(empty_blog, Credentials(silent_server, "admin", "pw"), timeout=0.5)
    assert result.stopped_by == "network"
    assert result.error.startswith(f"timeout: {silent_server} did not answer within 0.5 s")


def test_reply_sent_before_a_crash_is_adopted_not_duplicated(site: Site, empty_blog: Blog) -> None:
    """A sync died after WordPress took the reply but before the store recorded it."""
    run_sync(empty_blog, site)
    parent = by_remote(empty_blog, site.comments["c2"])
    entry = outbox.queue_reply(empty_blog, local_reply(empty_blog, parent, "Got *there*", "r-1"))
    status, made = site.rest(
        "POST",
        "/wp/v2/comments",
        body={
            "post": site.posts["review"],
            "parent": site.comments["c2"],
            "content": "<p>Got <em>there</em></p>",
        },
    )
    assert status == 201 and isinstance(made, dict)
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    assert outbox.get(empty_blog, entry.id).remote_id == str(made["id"])
    status, kids = site.rest("GET", "/wp/v2/comments", params={"parent": site.comments["c2"]})
    assert status == 200 and len(kids) == 2  # Marcy's and ours, once  # type: ignore[arg-type]


def test_queued_reply_deleted_locally_leaves_the_outbox(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    parent = by_remote(empty_blog, site.comments["c1"])
    entry = outbox.queue_reply(empty_blog, local_reply(empty_blog, parent, "Oops", "r-1"))
    empty_blog.delete_comment("r-1")
    result, _ = run_sync(empty_blog, site)
    assert not result.error and any("missing" in f for f in result.pushed.failed)
    assert entry.id not in {e.id for e in outbox.entries(empty_blog)}


def test_pull_cut_midway_writes_nothing_and_the_next_sync_completes(
    site: Site, empty_blog: Blog
) -> None:
    def cut(event: SyncProgress) -> None:
        if event.stage.startswith("pulling comments") and "php" in site.server.procs:
            site.server.stop_web()  # posts fetched, comments not: the site goes away

    result = sync(empty_blog, site.creds, progress=cut, per_page=3)
    assert result.stopped_by == "network"
    assert empty_blog.posts() == [] and empty_blog.all_comments() == []
    assert syncstate.load(empty_blog).clock == ""
    site.server.start_web()
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pulled.new_posts == 10 and result.pulled.new_comments == 7
