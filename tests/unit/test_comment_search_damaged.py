"""A post whose record the validation gate refuses (its "title" made the number 12345 by
hand) broke a comment search whenever a comment of that post matched: `search 'in:comments
the'` exited 2 with the refusal only, no comment found (the new-user pass). The search now
lists the other posts' comments and warns once, in the words of every command's damage
warning (services/unlisted `skipped`), as it did for a post file that cannot be read."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.unit.test_backup_repair import reeltui


def damage_guest_post(store: Path) -> str:
    """The guest post's title made a number; its file's name."""
    (path,) = (store / "posts").glob("p-guest-post-*.json")
    data = orjson.loads(path.read_bytes())
    (post_id,) = data["post"]
    data["post"][post_id]["title"] = 12345
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    return path.name


def test_a_comment_search_skips_a_refused_post_and_says_so(store_path: Path) -> None:
    sound = reeltui(store_path, "search", "in:comments the", "--json")
    assert sound.returncode == 0 and not sound.stderr
    before = orjson.loads(sound.stdout)
    name = damage_guest_post(store_path)
    guest = name.removesuffix(".json")
    assert any(h["post"]["id"] == guest for h in before)  # a comment there matches
    done = reeltui(store_path, "search", "in:comments the", "--json")
    assert done.returncode == 0, done.stderr
    found = orjson.loads(done.stdout)
    assert found and len(found) < len(before)
    assert all(h["post"]["id"] != guest for h in found)
    warnings = [line for line in done.stderr.splitlines() if line]
    assert len(warnings) == 1, done.stderr
    assert warnings[0].startswith("reeltui: warning: 1 damaged record skipped (the first: ")
    assert f"posts/{name}: post record '{guest}': field 'title'" in warnings[0]
    assert "`reeltui check --repair` mends it" in warnings[0]
    table = reeltui(store_path, "search", "in:comments the")
    assert table.returncode == 0 and "Lena Fischer" in table.stdout
    assert "1 damaged record skipped" in table.stderr
