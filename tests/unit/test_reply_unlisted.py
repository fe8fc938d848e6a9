"""A post the posts index leaves out (its row deleted or refused by the gate): `reeltui show`
said it is not listed and how to mend it, while `reply` (and `edit`, `answers`) said "no post
with slug" — the new-user pass. They agree now: a post the list does not show is neither
shown nor written to, each command saying why in show's words (naming `check --repair`), and
nothing is queued."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unit.test_backup_repair import reeltui

GUEST = "guest-post-elysium-her-the-nature-of-science-fiction"
ROW = f"p-{GUEST}"


def _row_deleted(index: dict[str, dict[str, dict[str, object]]]) -> None:
    del index["posts"][ROW]


def _row_refused(index: dict[str, dict[str, dict[str, object]]]) -> None:
    index["posts"][ROW]["rating"] = "abc"


@pytest.mark.parametrize("damage", [_row_deleted, _row_refused], ids=["deleted", "refused"])
def test_reply_edit_and_answers_refuse_as_show_does(
    store_path: Path, damage: Callable[[dict[str, dict[str, dict[str, object]]]], None]
) -> None:
    page = store_path / "posts-index" / "2014-01.json"
    index = json.loads(page.read_text())
    damage(index)
    page.write_text(json.dumps(index))
    post_file = (store_path / "posts" / f"{ROW}.json").read_bytes()
    shown = reeltui(store_path, "show", GUEST)
    assert shown.returncode == 2 and "is not listed" in shown.stderr
    said = shown.stderr.strip().splitlines()
    for command in (
        ("reply", GUEST, "c-guest-4", "--text", "Thanks, Lena"),
        ("edit", GUEST),
        ("answers", GUEST, "--print"),
    ):
        done = reeltui(store_path, *command)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert done.stderr.strip().splitlines() == said, command
        assert "reeltui check --repair" in done.stderr
    assert reeltui(store_path, "outbox").stdout.strip() == "The outbox is empty."
    assert (store_path / "posts" / f"{ROW}.json").read_bytes() == post_file


def test_a_listed_post_is_replied_to_as_before(store_path: Path) -> None:
    done = reeltui(store_path, "reply", GUEST, "c-guest-4", "--text", "Thanks, Lena")
    assert done.returncode == 0, done.stderr
    assert "Thanks, Lena" in reeltui(store_path, "outbox").stdout
