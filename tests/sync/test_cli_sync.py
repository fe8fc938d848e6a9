"""`reeltui sync` as a user runs it: the installed command against the real WordPress."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reeltui.services import Blog
from reeltui.services.session import open_blog
from tests.sync.conftest import Site, post_by_remote, run_sync

pytestmark = pytest.mark.wordpress


def reeltui(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("REELTUI_")}
    clean["REELTUI_CONFIG"] = str(tmp_path / "config" / "config.toml")
    return subprocess.run(
        [sys.executable, "-m", "reeltui", "--store", str(tmp_path / "store"), *args],
        env={**clean, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_sync_command_pulls_and_saves_credentials(site: Site, tmp_path: Path) -> None:
    env = {"REELTUI_WP_APP_PASSWORD": site.server.app_password}
    done = reeltui(
        tmp_path,
        "sync",
        "--site",
        site.server.url,
        "--user",
        "admin",
        "--save-credentials",
        "--log",
        str(tmp_path / "sync.log"),
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert (
        "pulled 10 new and 0 changed posts, 2 new and 0 changed pages, 7 new and 0 changed comments"
    ) in done.stdout
    # the stages go to the log (and to a terminal, rewritten in place), never piled on stderr
    assert "sync: pulling posts 1/1" in (tmp_path / "sync.log").read_text()
    assert "sync: connecting" not in done.stderr
    assert site.server.app_password not in done.stdout + done.stderr
    saved = tmp_path / "config" / "credentials.toml"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert site.server.app_password in saved.read_text()
    checked = reeltui(tmp_path, "check")
    assert checked.returncode == 0 and "sound" in checked.stdout, checked.stderr
    shown = reeltui(tmp_path, "show", "dune-part-two-review")
    assert "Loved the" in shown.stdout and "Seeing it again tonight." in shown.stdout
    # the next sync needs nothing but the saved file
    again = reeltui(tmp_path, "sync")
    assert again.returncode == 0, again.stderr
    assert "pulled 0 new and 0 changed posts" in again.stdout


def test_sync_command_errors_are_one_line(site: Site, tmp_path: Path) -> None:
    base = ["sync", "--site", site.server.url, "--user", "admin"]
    wrong = reeltui(
        tmp_path, *base, "--save-credentials", env={"REELTUI_WP_APP_PASSWORD": "nope nope nope"}
    )
    assert wrong.returncode == 2
    assert not (tmp_path / "config" / "credentials.toml").exists()
    # one line: why it stopped, and that the credentials were not saved; never "done"
    made, last = wrong.stderr.strip().splitlines()  # the first sync made the store
    assert made.startswith("reeltui: created a new store (empty)") and wrong.stdout == ""
    assert last.startswith("reeltui: sync stopped: ") and "application password" in last
    assert last.endswith("credentials not saved (the site did not confirm them)")
    assert "Traceback" not in wrong.stderr and "nope" not in wrong.stderr + wrong.stdout

    nopass = reeltui(tmp_path, *base)
    assert nopass.returncode == 2
    assert nopass.stderr.strip().endswith(
        "no application password: set REELTUI_WP_APP_PASSWORD or run once in a terminal "
        "with --save-credentials"
    )
    down = reeltui(
        tmp_path,
        "sync",
        "--site",
        "http://127.0.0.1:9",
        "--user",
        "admin",
        env={"REELTUI_WP_APP_PASSWORD": "x"},
    )
    assert down.returncode == 2 and down.stdout == "" and down.stderr.count("\n") == 1
    assert down.stderr.startswith("reeltui: sync stopped: network: cannot reach http://127.0.0.1:9")
    assert "nothing was sent or changed" in down.stderr and "done" not in down.stderr


def test_conflicts_listed_and_resolved_from_the_command_line(site: Site, tmp_path: Path) -> None:
    blog: Blog = open_blog(tmp_path / "store")
    try:
        run_sync(blog, site)
        draft = post_by_remote(blog, site.posts["draft"])
        blog.save_post(dataclasses.replace(draft, body="Mine.\n"))
        site.rest("POST", f"/wp/v2/posts/{site.posts['draft']}", body={"content": "Theirs."})
        result, _ = run_sync(blog, site)
        assert len(result.conflicts) == 1
    finally:
        blog.close()
    listed = reeltui(tmp_path, "sync", "--conflicts")
    assert listed.returncode == 0, listed.stderr
    assert f"post:{draft.id}: “Upcoming: Oppenheimer” was edited here and on the site" in (
        listed.stdout
    )
    assert "    -Mine." in listed.stdout and "    +Theirs." in listed.stdout
    settled = reeltui(tmp_path, "sync", "--resolve", f"post:{draft.id}", "--keep", "remote")
    assert settled.returncode == 0 and "site's version" in settled.stdout
    assert reeltui(tmp_path, "sync", "--conflicts").stdout.strip() == "no conflicts"


def test_password_prompt_in_a_real_terminal(site: Site, tmp_path: Path) -> None:
    """No password anywhere: `reeltui sync` asks for it (not echoed) in a terminal (tmux)."""
    import shlex
    import time

    from tests.conftest import need_tool

    tmux = need_tool("tmux")
    sock = f"rt-sync-{os.getpid()}"
    env = f"REELTUI_CONFIG={shlex.quote(str(tmp_path / 'config' / 'config.toml'))}"
    cmd = (
        f"env -u REELTUI_WP_APP_PASSWORD {env} {shlex.quote(sys.executable)} -m reeltui "
        f"--store {shlex.quote(str(tmp_path / 'store'))} sync --site {site.server.url} "
        "--user admin; echo EXIT=$?; sleep 60"
    )

    def screen() -> str:
        return subprocess.run(
            [tmux, "-L", sock, "capture-pane", "-p", "-J"], capture_output=True, text=True
        ).stdout

    def wait_for(text: str) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{screen()}")

    subprocess.run(
        [tmux, "-L", sock, "new-session", "-d", "-x", "150", "-y", "40", cmd], check=True
    )
    try:
        wait_for(f"Application password for admin at {site.server.url}:")
        subprocess.run([tmux, "-L", sock, "send-keys", "-l", site.server.app_password], check=True)
        subprocess.run([tmux, "-L", sock, "send-keys", "Enter"], check=True)
        shown = wait_for("EXIT=")
        assert "EXIT=0" in shown, shown
        assert "pulled 10 new" in shown
        assert site.server.app_password not in shown
    finally:
        subprocess.run([tmux, "-L", sock, "kill-server"], capture_output=True)


def test_plain_sync_command_sees_every_kind_of_change(site: Site, tmp_path: Path) -> None:
    """A store made by `sync` holds the site only; then changes made on the site through REST
    and through PHP with past dates are all seen by the next plain `reeltui sync`."""
    env = {
        "REELTUI_WP_URL": site.server.url,
        "REELTUI_WP_USER": "admin",
        "REELTUI_WP_APP_PASSWORD": site.server.app_password,
    }
    first = reeltui(tmp_path, "sync", env=env)
    assert first.returncode == 0, first.stderr
    listed = reeltui(tmp_path, "posts", "--json")
    titles = {p["title"] for p in json.loads(listed.stdout)}
    assert len(titles) == 12 and "Dune: Part Two review" in titles  # no demo posts mixed in
    pages = json.loads(reeltui(tmp_path, "posts", "--status", "pages", "--json").stdout)
    assert sorted(p["title"] for p in pages) == ["Privacy Policy", "Sample Page"]

    site.rest("POST", "/wp/v2/posts", body={"title": "Later", "status": "future",
                                             "date": "2031-01-01T00:00:00"})  # fmt: skip
    site.rest("POST", f"/wp/v2/posts/{site.posts['filler1']}", body={"title": "Edited"})
    site.rest(
        "POST",
        "/wp/v2/posts",
        body={
            "title": "Title <em>With</em> Markup",
            "slug": "private-notes-✨",
            "status": "publish",
            "password": "pw",
        },
    )
    site.rest("DELETE", f"/wp/v2/posts/{site.posts['filler2']}", params={"force": "1"})
    site.rest("DELETE", f"/wp/v2/posts/{site.posts['filler3']}")
    site.server.php(
        "wp_insert_post(array('post_title' => 'Imported old', 'post_status' => 'publish',"
        " 'post_date' => '2016-01-01 00:00:00', 'post_date_gmt' => '2016-01-01 00:00:00'));"
        f"wp_insert_comment(array('comment_post_ID' => {site.posts['review']},"
        " 'comment_content' => 'old', 'comment_approved' => 1,"
        " 'comment_date' => '2016-01-02 00:00:00', 'comment_date_gmt' => '2016-01-02 00:00:00'));"
        f"wp_insert_comment(array('comment_post_ID' => {site.posts['review']},"
        " 'comment_type' => 'pingback', 'comment_content' => 'ping', 'comment_approved' => 1));"
        f"wp_insert_comment(array('comment_post_ID' => {site.posts['review']},"
        " 'comment_type' => 'trackback', 'comment_content' => 'track', 'comment_approved' => 1));"
        "$page = get_page_by_path('sample-page');"
        "wp_insert_comment(array('comment_post_ID' => $page->ID, 'comment_content' => 'on a page',"
        " 'comment_approved' => 0));"
    )
    site.rest("POST", "/wp/v2/comments", body={"post": site.posts["guest"], "content": "Hi"})
    again = reeltui(tmp_path, "sync", env=env)
    assert again.returncode == 0, again.stderr
    assert "pulled 3 new and 2 changed posts, 5 new and 0 changed comments" in again.stdout
    assert "1 post and 0 comments no longer on the site (kept here)" in again.stdout
    for slug in ("private-notes-%e2%9c%a8", "private-notes-✨"):
        shown = reeltui(tmp_path, "show", slug)
        assert shown.returncode == 0, shown.stderr
        assert "Title With Markup" in shown.stdout and "protected" in shown.stdout
    review = reeltui(tmp_path, "show", "dune-part-two-review")
    shown_lines = [line.strip() for line in review.stdout.splitlines()]
    assert "ping" in shown_lines and "track" in shown_lines and "old" in shown_lines
