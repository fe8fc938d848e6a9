"""`reeltui check` gives one honest account (the new-user pass): its header counts every post
of the store, a damaged one included and named (it said "3 posts" for a store of 4), and
`check --repair --yes` on a truncated meta.json no longer says "the file was left untouched"
before "restored meta.json from the backup"."""

from __future__ import annotations

import json
from pathlib import Path

from reeltui.services.session import open_blog
from tests.unit.test_backup_repair import reeltui

HER = "flixchatter-review-spike-jonzes-her"


def test_the_header_counts_and_names_a_damaged_post(store_path: Path) -> None:
    (store_path / "posts" / f"p-{HER}.json").write_text("garbage{")
    done = reeltui(store_path, "check")
    assert done.returncode == 1
    header = done.stderr.splitlines()[0]
    assert f"4 posts (1 damaged: {HER})" in header, header
    assert "16 comments (not those of the damaged post)" in header, header


def test_a_post_the_gate_refuses_is_counted_with_its_comments(store_path: Path) -> None:
    """Its file is read (its comments are sound and counted): only the post is damaged."""
    post_file = store_path / "posts" / f"p-{HER}.json"
    doc = json.loads(post_file.read_text())
    doc["post"][f"p-{HER}"]["rating"] = "abc"
    post_file.write_text(json.dumps(doc))
    done = reeltui(store_path, "check")
    header = done.stderr.splitlines()[0]
    assert f"4 posts (1 damaged: {HER}), 22 comments):" in header, header


def test_a_sound_store_s_header_is_as_it_was(store_path: Path) -> None:
    done = reeltui(store_path, "check")
    assert done.returncode == 0
    assert done.stdout.strip().endswith(": sound (schema 2, 4 posts, 22 comments)")


def _truncated_meta(store_path: Path, backup: bool) -> None:
    if backup:
        with open_blog(store_path) as blog:
            blog.store.backups.wait()
    meta = store_path / "meta.json"
    meta.write_bytes(meta.read_bytes()[:30])


def test_repairing_a_truncated_meta_from_a_backup_is_one_account(store_path: Path) -> None:
    _truncated_meta(store_path, backup=True)
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert "left untouched" not in done.stderr + done.stdout
    err = done.stderr.splitlines()
    assert "meta.json is not valid JSON" in err[0]
    assert err[1].startswith("restored meta.json from the backup of ")
    assert done.stdout.strip().endswith("repaired; sound (schema 2, 4 posts, 22 comments)")


def test_repairing_a_truncated_meta_with_no_backup_says_what_it_did(store_path: Path) -> None:
    """It wrote a new meta.json, then said the store was left untouched and failed (exit
    2), though the store was sound (opened for writing, it wrote its index again)."""
    _truncated_meta(store_path, backup=False)
    done = reeltui(store_path, "check", "--repair", "--yes")
    said = done.stderr + done.stdout
    assert "left untouched" not in said and "no sound backup" not in said
    assert "wrote a new meta.json" in done.stderr
    assert done.returncode == 0, said
    assert "done: posts index: written again from the posts' files" in done.stdout
    assert reeltui(store_path, "check").returncode == 0


def test_without_yes_nothing_is_done_and_the_error_says_so(store_path: Path) -> None:
    _truncated_meta(store_path, backup=True)
    before = (store_path / "meta.json").read_bytes()
    done = reeltui(store_path, "check", "--repair")
    assert done.returncode == 2
    assert "the file was left untouched" in done.stderr and "Nothing was changed" in done.stderr
    assert (store_path / "meta.json").read_bytes() == before
