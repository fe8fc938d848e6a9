"""What the commands print (issue #17 items 3-5, #21 items 11 and 13): `show` threads keep
their indentation when wrapped, with ids and marks and no trailing spaces; `inbox` text and
filters; JSON made safe like the text; a huge comment shown cut in bounded time."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from reeltui.cli import main
from reeltui.domain.models import Comment
from reeltui.services import moderation, replies
from reeltui.services.session import open_blog

HER = "flixchatter-review-spike-jonzes-her"
BIN = Path(sys.executable).parent / "reeltui"


def run(capsys: pytest.CaptureFixture[str], store: Path, *argv: str) -> tuple[int, str]:
    code = main(["--store", str(store), *argv])
    return code, capsys.readouterr().out


def reeltui(*argv: str, columns: int = 80, color: bool = False) -> str:
    """The installed binary, as a script pipes it (or as a terminal colours it)."""
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    if color:
        env["FORCE_COLOR"] = "1"
    else:
        env.pop("FORCE_COLOR", None)
    done = subprocess.run([str(BIN), *argv], capture_output=True, text=True, env=env, check=True)
    return done.stdout


@pytest.fixture
def busy(store_path: Path) -> Path:
    """Her's thread with a queued reply three levels down, a kept draft, a failed reply and a
    comment moderated to pending."""
    with open_blog(store_path) as blog:
        replies.reply(blog, "c-her-3", "Thanks Marcy! " * 12)  # depth 4, wraps
        replies.keep_draft(blog, replies.start(blog, "c-her-6"), "Half a thought")
        moderation.moderate(blog, "c-her-4", "unapprove")
    return store_path


@pytest.mark.parametrize("color", [False, True])
def test_show_wraps_replies_under_their_indentation_with_ids_and_marks(
    busy: Path, color: bool
) -> None:
    out = reeltui("--store", str(busy), "show", HER, columns=70, color=color)
    plain = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", out)  # colours, links
    assert not [line for line in out.splitlines() if line != line.rstrip()]  # no padding
    lines = plain.splitlines()
    head = next(i for i, line in enumerate(lines) if "[queued]" in line)
    assert lines[head].startswith("      Ruth (author) · ") and " · r-" in lines[head]
    body = lines[head + 1 : head + 4]
    assert all(re.match(r"        [^ ]", line) for line in body), body  # depth 4: 8 columns
    assert all(len(line) <= 70 for line in lines), [x for x in lines if len(x) > 70]
    assert any(line.startswith("Marcy Lindqvist · 2014-01-11 14:02 · c-her-1") for line in lines)
    assert any("c-her-4 [pending]" in line for line in lines)
    assert any("[draft reply]" in line for line in lines)
    draft = next(i for i, line in enumerate(lines) if "[draft reply]" in line)
    assert lines[draft + 1] == "    Half a thought"


def test_show_text_lists_the_film_and_tags(store_path: Path) -> None:
    from reeltui.domain.models import Film

    with open_blog(store_path) as blog:
        post = blog.post_by_slug(HER)
        post.film = Film("Her", 2013, "Spike Jonze", ["Joaquin Phoenix", "Amy Adams"])
        post.tags = ["drama"]
        blog.save_post(post)
    out = reeltui("--store", str(store_path), "show", HER)
    assert "Film: Her (2013), directed by Spike Jonze; with Joaquin Phoenix, Amy Adams" in out
    assert "Tags: drama" in out


def test_inbox_text_keeps_the_spaces_where_emphasis_was(store_path: Path) -> None:
    out = reeltui("--store", str(store_path), "inbox")
    assert "Agree on Wolf, Jenna." in out and "Wolf ," not in out
    assert "My November pick would be Philomena." in out
    assert not [line for line in out.splitlines() if line != line.rstrip()]
    posts = reeltui("--store", str(store_path), "posts")
    assert not [line for line in posts.splitlines() if line != line.rstrip()]


def test_inbox_from_filters_to_that_readers_comments(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, store_path, "inbox", "--json", "--from", "dave  BRENNAN")
    assert code == 0
    assert [i["comment"]["id"] for i in json.loads(out)] == ["c-question-4"]
    code, out = run(capsys, store_path, "inbox", "--from", "Nobody")
    assert (code, out) == (0, "Nothing from Nobody needs a reply.\n")


def test_the_blogs_other_names_come_from_config_or_as(
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Marcy signs as one of the blog's authors: her comments leave the inbox."""
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "none.toml"))
    _, out = run(capsys, store_path, "inbox", "--json")
    everyone = {i["comment"]["id"] for i in json.loads(out)}
    assert {"c-her-3", "c-her-6"} <= everyone
    _, out = run(capsys, store_path, "inbox", "--json", "--as", "Marcy Lindqvist")
    as_marcy = {i["comment"]["id"] for i in json.loads(out)}
    assert as_marcy == everyone - {"c-her-3"}
    config = tmp_path / "config.toml"
    config.write_text('authors = ["marcy lindqvist"]\n')
    monkeypatch.setenv("REELTUI_CONFIG", str(config))
    _, out = run(capsys, store_path, "inbox", "--json")
    assert {i["comment"]["id"] for i in json.loads(out)} == as_marcy


def test_json_output_is_stripped_of_terminal_controls(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_blog(store_path) as blog:
        post = blog.post_by_slug(HER)
        post.title = "Her\u202e evil\x85"
        blog.save_post(post)
        blog.save_comment(
            Comment(
                id="c-evil",
                post_id=post.id,
                author="Eve\u2066",
                body="line one\x1b[2J\nline two \x9b31m&#x202e;\u202d",
                source={"wxr\x1b": "1"},
            )
        )
    for argv in (("show", HER), ("posts",), ("inbox",)):
        code, out = run(capsys, store_path, *argv, "--json")
        assert code == 0
        for bad in ("\\u001b", "\\u202e", "\\u0085", "\\u009b", "\\u2066", "\\u202d", "&#x202e;"):
            assert bad not in out, (argv, bad)
    _, out = run(capsys, store_path, "show", HER, "--json")
    data = json.loads(out)
    evil = next(c for c in data["comments"] if c["id"] == "c-evil")
    assert (data["title"], evil["author"]) == ("Her evil", "Eve")
    assert evil["body"] == "line one\nline two "  # the C1 CSI sequence \x9b31m went whole
    assert evil["source"] == {"wxr": "1"}


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def test_a_50_mb_comment_is_shown_cut_with_a_note_in_bounded_time(store_path: Path) -> None:
    """`show` of a post holding a 50 MB comment costs about what it costs without it (the old
    `show` was superlinear: 8 MB took 20 s). CPU time of the child, measured in this run
    against the same post before the comment was added; never a wall-clock limit."""
    start = child_cpu()
    reeltui("--store", str(store_path), "show", HER)
    baseline = child_cpu() - start
    huge = ("All work and no play makes Jack a dull boy. " * 20 + "\n") * 57_000
    assert len(huge) > 50_000_000
    with open_blog(store_path) as blog:
        blog.save_comment(Comment(id="c-huge", post_id=f"p-{HER}", author="Jack", body=huge))
    start = child_cpu()
    out = reeltui("--store", str(store_path), "show", HER)
    spent = child_cpu() - start
    print(f"show: {baseline:.2f} s CPU without the comment, {spent:.2f} s with it")
    assert "Jack · " in out and "c-huge" in out
    assert re.search(r"\[… 5\d,\d{3},\d{3} more characters not shown\]", out)
    assert len(out) < 100_000
    # Parsing the 50 MB comments file is the only cost left that grows with it.
    assert spent < 6 * baseline + 2, (baseline, spent)


@pytest.mark.parametrize("columns", [80, 60])
def test_inbox_and_outbox_keep_ids_whole_in_a_narrow_terminal(busy: Path, columns: int) -> None:
    """In a terminal of 80 columns `inbox` cut the comment ids `reply` and `moderate` need
    (at 60 the date, author and id columns were gone) and `outbox` lost its entry numbers:
    those keep their width now, the text columns are cut instead."""
    from reeltui.services import inbox

    with open_blog(busy) as blog:
        waiting = [i.comment.id for i in inbox.needs_reply(blog, [])]
    out = reeltui("--store", str(busy), "inbox", columns=columns, color=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()
    assert plain[0].split()[0] == "date" and plain[0].split()[-1] == "id"
    assert [line.split()[-1] for line in plain[1:]] == waiting
    assert all(len(line) <= columns for line in plain)
    out = reeltui("--store", str(busy), "outbox", columns=columns, color=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()
    assert plain[0].split()[:3] == ["#", "what", "state"]
    assert [line.split()[:2] for line in plain[1:]] == [
        ["1", "reply"],
        ["2", "unapprove"],
        ["-", "reply"],  # the kept draft, below the sending order (as in the app)
    ]
