"""An older JSON export imported over a comment moderated here, the moderation not sent yet
(the new-user pass): the import put the export's status back while the outbox still queued
the moderation, so the outbox would send what the store no longer showed. The local, unsent
moderation is newer than any file: the import keeps it (status and bookkeeping) and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.services import moderation, outbox
from reeltui.services.session import open_blog
from tests.unit.test_cli import run


def test_an_older_export_keeps_a_queued_moderation_and_says_so(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(store_path)]
    old = tmp_path / "old.json"
    assert run(capsys, *store, "export", "--format", "json", "--out", str(old))[0] == 0
    assert run(capsys, *store, "moderate", "c-her-2", "spam")[0] == 0
    code, out, err = run(capsys, *store, "import", str(old))
    assert code == 0, out + err
    said = out + err
    assert "kept: 1 comment as you moderated it here" in said, said
    assert "c-her-2 by Ruth: spam here (its spam queued in the outbox)" in said, said
    assert "the file has it approved" in said, said
    with open_blog(store_path, read_only=True) as blog:
        comment = blog.comment("c-her-2")
        assert comment.status == "spam"  # store and outbox agree
        assert comment.source.get(moderation.REMOTE) == "approved"
        (entry,) = outbox.entries(blog, "queued")
        assert (entry.kind, entry.action, entry.comment_id) == ("moderate", "spam", "c-her-2")
    # cancelling it still gives the comment back the status the blog has
    with open_blog(store_path) as blog:
        assert moderation.cancel(blog, entry.id).status == "approved"
