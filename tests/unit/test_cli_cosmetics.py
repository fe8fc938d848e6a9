"""What the last new-user pass found in the commands' output: `posts` in 60 columns cut the
title to an ellipsis (the two-line form now leaves the other facts out first: the title
keeps `TITLE_LEAST` cells); zero-width characters in an author shifted the columns after
it (Rich measured "a<ZWJ>b" one cell); a comment search's matches showed raw Markdown
(`*Wolf*`); `inbox --from ""` said "Nothing from  needs a reply." instead of asking for a
name."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from reeltui.cli.reading import TITLE_LEAST
from reeltui.services.session import open_blog
from tests.unit.test_cli_output import reeltui, run

GUEST = "p-guest-post-elysium-her-the-nature-of-science-fiction"


def _plain(out: str) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()


@pytest.mark.parametrize("columns", [60, 50])
def test_a_narrow_post_list_keeps_some_of_every_title(store_path: Path, columns: int) -> None:
    lines = _plain(reeltui("--store", str(store_path), "posts", columns=columns, color=True))
    facts = lines[1::2]  # (each post's slug whole, then its facts and title)
    assert lines[0] == "flixchatter-review-spike-jonzes-her" and len(facts) == 4
    titles = [line.rsplit(" · ", 1)[-1] for line in facts]
    assert all(len(line) <= columns for line in facts)
    assert all(len(t.rstrip("…")) >= TITLE_LEAST - 1 for t in titles), titles
    assert titles[0].startswith("FlixChatter Review: S")


def test_zero_width_characters_in_an_author_keep_the_columns(store_path: Path) -> None:
    with open_blog(store_path) as blog:
        post = blog.post(GUEST)
        blog.save_post(replace(post, author="Co\u200bnor\u200d Holt\ufeff\u2060"))
    lines = _plain(reeltui("--store", str(store_path), "posts", columns=300, color=True))
    header = lines[0]
    column = header.index("status")
    row = next(line for line in lines if "Guest Post" in line)
    assert "Conor Holt" in row and "\u200b" not in row and "\u200d" not in row
    assert row[column:].startswith("published"), (header, row)


def test_comment_matches_show_no_markdown_marks(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, store_path, "search", "--json", "in:comments wolf")
    assert code == 0
    import json

    snippets = [hit["snippet"] for hit in json.loads(out)]
    assert any(s.startswith("Agree on Wolf, Jenna. I'd add Inside Llewyn Davis:") for s in snippets)
    assert not any("*" in s for s in snippets), snippets


def test_inbox_from_an_empty_name_asks_for_one(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reeltui.cli import main

    assert main(["--store", str(store_path), "inbox", "--from", ""]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "reeltui: --from '': needs a name, like --from marcy\n"
