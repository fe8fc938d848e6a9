"""`reeltui reply`, `outbox`, `inbox` and `moderate` on the demo blog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reeltui.cli import main

HER = "flixchatter-review-spike-jonzes-her"


def run(capsys: pytest.CaptureFixture[str], store: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--store", str(store), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_reply_then_outbox_json(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, store_path, "reply", HER, "c-her-6", "--text", "Thanks!", "--quote")
    assert code == 0 and "queued" in out
    code, out, _ = run(capsys, store_path, "moderate", "c-her-4", "trash")
    assert code == 0 and "trash" in out
    code, out, _ = run(capsys, store_path, "outbox", "--json")
    items = json.loads(out)
    assert [(i["kind"], i["state"]) for i in items] == [("reply", "queued"), ("moderate", "queued")]
    reply = items[0]
    assert reply["post"]["slug"] == HER and reply["parent"]["id"] == "c-her-6"
    assert reply["comment"]["body"].startswith("> Great review!")
    assert reply["comment"]["body"].endswith("\n\nThanks!")
    assert items[1]["action"] == "trash" and items[1]["comment"]["id"] == "c-her-4"
    code, out, _ = run(capsys, store_path, "outbox")
    assert code == 0 and "reply" in out and "trash" in out and "Priya Natarajan" in out
    # a quote-reply shows the writer's own words, never the quoted ones as if they were
    reply_line = next(line for line in out.splitlines() if " reply " in line)
    assert reply_line.rstrip().endswith("Thanks!") and "Great review" not in out
    code, out, _ = run(capsys, store_path, "outbox", "--state", "sent")
    assert out.strip() == "Nothing in the outbox is sent; 2 entries in other states."


def test_inbox_json_oldest_first(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, store_path, "inbox", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) == 9
    dates = [i["comment"]["date"] for i in items]
    assert dates == sorted(dates)
    run(capsys, store_path, "reply", HER, "c-her-6", "--text", "Thanks!")
    _, out, _ = run(capsys, store_path, "inbox", "--json", "--author", "Marcy Lindqvist")
    ids = [i["comment"]["id"] for i in json.loads(out)]
    assert "c-her-6" not in ids and "c-her-3" not in ids and len(ids) == 7


def test_draft_is_not_queued(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, store_path, "reply", HER, "c-her-3", "--text", "hmm", "--draft")
    assert code == 0 and "draft" in out
    _, out, _ = run(capsys, store_path, "outbox", "--json")
    assert json.loads(out) == []
    _, out, _ = run(capsys, store_path, "show", HER, "--json")
    assert any(c["body"] == "hmm" for c in json.loads(out)["comments"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("reply", "nope", "c-her-6", "--text", "x"), "no post with slug 'nope'"),
        (("reply", HER, "c-missing", "--text", "x"), "no comment with id 'c-missing'"),
        (("reply", HER, "c-recap-1", "--text", "x"), "is not on post"),
        (("reply", HER, "c-her-6", "--text", "  "), "cannot be empty"),
        (("moderate", "c-her-6", "approve"), "already approved"),
        (("moderate", "c-missing", "spam"), "no comment with id"),
    ],
)
def test_bad_input_is_one_clear_line(
    store_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    before = {p.name: p.read_bytes() for p in store_path.glob("*.json")}
    code, out, err = run(capsys, store_path, *argv)
    assert code == 2 and out == ""
    assert err.startswith("reeltui: ") and message in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in store_path.glob("*.json")} == before


def test_hostile_comment_text_never_reaches_the_terminal(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reeltui.domain import Comment
    from reeltui.services.session import open_blog

    blog = open_blog(store_path)
    try:
        blog.save_comment(
            Comment(
                id="c-evil",
                post_id="p-" + HER,
                author="Eve\x1b]0;title\x07\u202e",
                date="2014-01-20T00:00:00+00:00",
                body="hi\x1b]52;c;ZXZpbA==\x07 \x1b[2J\x9b31m [bold]x[/bold]",
            )
        )
    finally:
        blog.close()
    for argv in (
        ("inbox",),
        ("reply", HER, "c-evil", "--text", "ok\x1b[31m", "--quote"),
        ("outbox",),
    ):
        code, out, _ = run(capsys, store_path, *argv)
        assert code == 0 and ("Eve" in out or argv[0] == "reply")
        assert not any(ch in out for ch in ("\x1b", "\x07", "\x9b", "\u202e")), repr(out)
    _, out, _ = run(capsys, store_path, "outbox", "--json")
    body = json.loads(out)[0]["comment"]["body"]
    assert body == "> hi  [bold]x[/bold]\n\nok"  # the queued reply is stored clean


def test_a_reply_on_a_damaged_post_says_damaged_not_missing(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The new-user pass: `reeltui outbox` said "(missing)" of the post of a queued reply
    whose post file is damaged (it is there: `reeltui check` says what is wrong)."""
    code, _, _ = run(capsys, store_path, "reply", HER, "c-her-6", "--text", "Thanks!")
    assert code == 0
    post_file = store_path / "posts" / f"p-{HER}.json"
    assert post_file.exists()
    post_file.write_text('{"post": {"p-', encoding="utf-8")
    code, out, _ = run(capsys, store_path, "outbox")
    assert code == 0
    assert "damaged (reeltui check)" in out and "(missing)" not in out, out
    assert post_file.read_text(encoding="utf-8") == '{"post": {"p-'  # left as it was
