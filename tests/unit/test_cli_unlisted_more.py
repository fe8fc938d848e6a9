"""What a new user met beside `posts`'s warning of the posts the index leaves out
(services/unlisted.py): `show SLUG` of such a post said "no post with slug" (and a second
warning line), `search` said nothing of them, and comment search rows piped broke over
several lines. Real demo stores on disk, the real parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_cli import run
from tests.unit.test_posts_unlisted import DAMAGE, HER

SHOWN = HER.removeprefix("p-")


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("as_json", [False, True])
def test_show_of_a_post_the_index_leaves_out_says_why_in_one_line(
    store_path: Path, capsys: pytest.CaptureFixture[str], damage: str, as_json: bool
) -> None:
    done_to, _, why = DAMAGE[damage]
    done_to(store_path)
    json_flag = ["--json"] if as_json else []
    code, out, err = run(capsys, "--store", str(store_path), "show", SHOWN, *json_flag)
    assert code == 2 and out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, lines  # (not a second "damaged record(s) skipped")
    said = lines[0]
    assert said.startswith(f"reeltui: post '{SHOWN}' is not listed (posts/{HER}.json: ")
    assert why in said and "no post with slug" not in said
    assert said.endswith(
        "run `reeltui check --repair` to write the posts index again from the posts' files"
    )


def test_show_of_no_post_at_all_still_says_so(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    DAMAGE["a deleted file"][0](store_path)
    code, _, err = run(capsys, "--store", str(store_path), "show", "no-such-post")
    assert code == 2 and err.startswith("reeltui: no post with slug 'no-such-post'")


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("query", [["recap"], ["zzzqqq"], ["recap", "--json"]])
def test_search_warns_of_the_posts_left_out_as_posts_does(
    store_path: Path, capsys: pytest.CaptureFixture[str], damage: str, query: list[str]
) -> None:
    DAMAGE[damage][0](store_path)
    store = ["--store", str(store_path)]
    code, _, posts_err = run(capsys, *store, "posts")
    assert code == 0 and len(posts_err.splitlines()) == 1 and " not listed " in posts_err
    code, _, err = run(capsys, *store, "search", *query)
    assert (code, err) == (0, posts_err)
    code, _, err = run(capsys, *store, "posts", "--search", *query)
    assert (code, err) == (0, posts_err)


def test_search_of_a_sound_store_warns_of_nothing(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--store", str(store_path), "search", "recap")
    assert code == 0 and "recap" in out and err == ""


def test_comment_search_piped_is_one_line_a_comment_nothing_cut(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Standard output is no terminal here (captured), as in `reeltui search ... | cat`."""
    store = ["--store", str(store_path)]
    code, out, _ = run(capsys, *store, "search", "in:comments", "wolf", "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) >= 2
    code, out, err = run(capsys, *store, "search", "in:comments", "wolf")
    assert code == 0 and err == ""
    header, *rows = out.splitlines()
    assert header.split() == ["date", "author", "post", "matched"]
    assert len(rows) == len(hits)
    assert max(map(len, rows)) > 160  # wider than a piped table is squeezed to
    for row, hit in zip(rows, hits, strict=True):
        assert row.startswith(f" {hit['date'][:10]}  {hit['author']}")
        assert hit["post"]["title"] in row and row.rstrip().endswith(hit["snippet"])
