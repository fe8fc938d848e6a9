"""The command-line contract on the demo blog: JSON shapes, exit codes, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from reeltui.cli import main
from reeltui.domain.models import Comment, Post
from reeltui.services.session import open_blog

# Every field of a post but its text (body, site HTML), and figures (docs/cli-json.md).
POST_KEYS = {f.name for f in fields(Post)} - {"body", "html", "excerpt_html"} | {
    "comment_count",
    "pending_count",
    "word_count",
    "damaged",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_posts_json(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(store_path), "posts", "--json")
    assert code == 0
    posts = json.loads(out)
    assert len(posts) == 4
    assert all(set(p) == POST_KEYS and p["damaged"] is None for p in posts)
    her = next(p for p in posts if p["slug"] == "flixchatter-review-spike-jonzes-her")
    assert her["rating"] == 4.5 and her["comment_count"] == 4 and her["word_count"] > 1000
    assert her["date"].startswith("2014-01-11T")
    assert [p["date"] for p in posts] == sorted((p["date"] for p in posts), reverse=True)


def test_posts_filters(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--store", str(store_path), "posts", "--json", "--search", "elysium")
    assert {p["author"] for p in json.loads(out)} >= {"Conor Holt"}
    _, out, _ = run(capsys, "--store", str(store_path), "posts", "--json", "--status", "draft")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "--store", str(store_path), "posts")
    assert code == 0 and "Guest Post" in out and "●●●●◐ 4.5" in out


def test_show_json_thread_order(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--store", str(store_path), "show", "flixchatter-review-spike-jonzes-her", "--json"
    )
    assert code == 0
    post = json.loads(out)
    assert POST_KEYS - {"damaged"} | {"body", "html", "excerpt_html", "comments"} == set(post)
    comments = post["comments"]
    assert set(comments[0]) == {f.name for f in fields(Comment)} | {"depth"}
    seen: dict[str, int] = {}
    for c in comments:
        if c["parent_id"] is None:
            assert c["depth"] == 1
        else:
            assert c["parent_id"] in seen  # parents come first
            assert c["depth"] == seen[c["parent_id"]] + 1
        seen[c["id"]] = c["depth"]
    assert max(seen.values()) >= 3


def test_show_text(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--store", str(store_path), "show", "flixchatter-review-spike-jonzes-her"
    )
    assert code == 0 and "Spike Jonze" in out and "Marcy Lindqvist" in out


def test_check_sound_and_broken(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(store_path), "check")
    assert code == 0 and "sound" in out
    orphan = store_path / "posts" / "p-gone.json"  # a hand-made file of a post that is gone
    orphan.write_text(json.dumps({"comments": {"c-orphan": {"post_id": "p-gone", "body": "x"}}}))
    code, _, err = run(capsys, "--store", str(store_path), "check")
    assert code == 1 and "c-orphan" in err and "missing post" in err


def test_unknown_slug_is_one_clear_line(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in store_path.iterdir() if p.is_file()}
    code, out, err = run(capsys, "--store", str(store_path), "show", "no-such-post")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no-such-post" in err and "Traceback" not in err
    after = {p.name: p.read_bytes() for p in store_path.iterdir() if p.is_file()}
    assert before == after


@pytest.mark.parametrize("content", [b"{oops", b"[]"])
def test_corrupt_store_is_one_clear_line(
    store_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    page = next((store_path / "posts-index").iterdir())
    page.write_bytes(content)
    code, _, err = run(capsys, "--store", str(store_path), "posts")
    assert code == 2 and err.startswith("reeltui: ") and page.name in err
    error, hint = err.splitlines()  # one line, then what to do about it
    assert page.name in error and "Traceback" not in err
    assert hint.startswith("reeltui: hint: ") and "`reeltui check --repair`" in hint
    assert page.read_bytes() == content


def test_bad_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--store", str(tmp_path / "no" / "such" / "dir"), "posts")
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "no").exists()
    code, _, err = run(capsys, "--store", str(tmp_path / "no" / "such" / "dir"), "check")
    assert code == 2 and "does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "no").exists()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("hello")
    code, _, err = run(capsys, "--store", str(a_file), "posts")
    assert code == 2 and "is a file" in err and a_file.read_text() == "hello"


def test_env_store_and_reads_never_create_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_STORE", str(tmp_path / "envstore"))
    code, _, err = run(capsys, "posts", "--json")
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "envstore").exists()  # reading never writes
    open_blog(tmp_path / "envstore").close()  # what the app does on its first run
    code, out, _ = run(capsys, "posts", "--json")
    assert code == 0 and len(json.loads(out)) == 4


def test_env_store_is_used(
    store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_STORE", str(store_path))
    code, out, _ = run(capsys, "posts", "--json")
    assert code == 0 and len(json.loads(out)) == 4


def test_installed_binary_version_help_and_errors(store_path: Path) -> None:
    exe = Path(sys.executable).parent / "reeltui"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reeltui"]
    version = subprocess.run([*cmd, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("reeltui ")
    helped = subprocess.run([*cmd, "--help"], capture_output=True, text=True, check=True)
    assert "posts" in helped.stdout and "--store" in helped.stdout
    bad = subprocess.run(
        [*cmd, "--store", str(store_path), "show", "nope"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "nope" in bad.stderr
    bad = subprocess.run([*cmd, "posts", "--status", "bogus"], capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("argv", "said", "helped"),
    [
        (["posts", "--sort", "foo"], "invalid choice: 'foo'", "reeltui posts --help"),
        (["posts", "--nope"], "unrecognized arguments: --nope", "reeltui posts --help"),
        (["show"], "the following arguments are required: slug", "reeltui show --help"),
        (["bogus"], "invalid choice: 'bogus'", "reeltui --help"),
        (["--store"], "argument --store: expected one argument", "reeltui --help"),
    ],
)
def test_a_usage_error_is_one_line_pointing_at_help(
    argv: list[str], said: str, helped: str
) -> None:
    """The new-user pass: argparse printed its usage lines (three for `posts`) before the
    error line. Bad input gets one clear line and exit 2; `--help` is unchanged."""
    exe = Path(sys.executable).parent / "reeltui"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reeltui"]
    bad = subprocess.run([*cmd, *argv], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stdout == ""
    [line] = bad.stderr.splitlines()
    assert said in line and line.endswith(f"(see '{helped}')")
    assert "usage:" not in bad.stderr
    helping = subprocess.run([*cmd, *helped.split()[1:]], capture_output=True, text=True)
    assert helping.returncode == 0 and helping.stdout.startswith("usage: reeltui")
