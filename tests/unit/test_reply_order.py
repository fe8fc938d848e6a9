"""Replies queued within one second (the dates' step) show in the order they were queued: the
new-user pass queued replies from the command line and `show` printed them in random order
(the thread orders replies of one date by id, and ids were random). Real demo store, the
real parser (main() with capsys), the clock held at one second."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reeltui.services import outbox
from tests.unit.test_cli import run

HER = "flixchatter-review-spike-jonzes-her"


def test_replies_of_one_second_show_in_the_order_queued(
    store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outbox, "now", lambda: "2026-12-07T20:00:00+00:00")
    store = ["--store", str(store_path)]
    for n in range(1, 7):
        code, _, err = run(capsys, *store, "reply", HER, "c-her-6", "--text", f"reply {n}")
        assert code == 0, err
    code, out, _ = run(capsys, *store, "show", HER, "--json")
    bodies = [c["body"] for c in json.loads(out)["comments"] if c["body"].startswith("reply ")]
    assert bodies == [f"reply {n}" for n in range(1, 7)]
    code, out, _ = run(capsys, *store, "outbox", "--json")
    assert [e["comment"]["body"] for e in json.loads(out)][-6:] == bodies
