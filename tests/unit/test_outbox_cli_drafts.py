"""`reeltui outbox` lists the reply drafts kept on a comment below the outbox's entries, as
the app's outbox does (it said "The outbox is empty." over a kept draft: the new-user pass);
`--state draft` lists them alone; `--json` stays the outbox's entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reeltui.cli import main

GUEST = "guest-post-elysium-her-the-nature-of-science-fiction"


def _run(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> list[str]:
    assert main(["--store", str(store), *args]) == 0
    out = capsys.readouterr().out
    return out.splitlines()


def test_kept_drafts_are_listed_below_the_entries(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, store_path, "reply", GUEST, "c-guest-4", "--text", "Half a thought", "--draft")
    lines = _run(capsys, store_path, "outbox")
    assert lines[0].split() == ["#", "what", "state", "post", "to", "text"]
    assert lines[1].split()[:3] == ["-", "reply", "draft"] and "Half a thought" in lines[1]
    _run(capsys, store_path, "reply", GUEST, "c-guest-6", "--text", "Welcome, Priya")
    lines = _run(capsys, store_path, "outbox")
    assert [line.split()[:3] for line in lines[1:]] == [
        ["1", "reply", "queued"],
        ["-", "reply", "draft"],
    ]
    drafts = _run(capsys, store_path, "outbox", "--state", "draft")
    assert len(drafts) == 2 and "Half a thought" in drafts[1]
    queued = _run(capsys, store_path, "outbox", "--state", "queued")
    assert len(queued) == 2 and "Welcome, Priya" in queued[1]
    entries = json.loads("\n".join(_run(capsys, store_path, "outbox", "--json")))
    assert [e["state"] for e in entries] == ["queued"]
