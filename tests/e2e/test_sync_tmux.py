"""End to end: the installed `reeltui` in tmux replies to a comment pulled from the real
WordPress, runs "Sync with WordPress" from the command palette, and the reply arrives on the
site under the right parent (read back from WordPress's REST API)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest

from reeltui.services import Blog
from reeltui.store import Store
from tests.e2e.test_reply_tmux import BIN, Tmux, tmux  # noqa: F401  (the tmux fixture)
from tests.wordpress.fixtures import Site

pytestmark = [pytest.mark.e2e, pytest.mark.wordpress]
REPLY = "Sandworms forever, Marcy."


def test_sync_from_the_palette_sends_a_reply(tmux: Tmux, site: Site, tmp_path: Path) -> None:  # noqa: F811  (tmux)
    assert BIN.exists(), f"{BIN} is not installed (make install)"
    store = tmp_path / "store"
    Blog(Store.open(store)).close()  # an empty store: only the site's posts
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")},
        "REELTUI_CONFIG": str(tmp_path / "config" / "config.toml"),
        "REELTUI_WP_URL": site.server.url,
        "REELTUI_WP_USER": site.server.user,
        "REELTUI_WP_APP_PASSWORD": site.server.app_password,
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    pulled = subprocess.run(
        [str(BIN), "--store", str(store), "sync"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert pulled.returncode == 0, pulled.stderr
    assert "pulled 10 new" in pulled.stdout

    tmux.env = env
    tmux.start("app", f"{shlex.quote(str(BIN))} --store {shlex.quote(str(store))}")
    tmux.wait_for("app", "Dune: Part Two review")
    tmux.keys("app", "/")
    tmux.wait_for("app", "search: words tag: rating:>=4")
    tmux.keys("app", "Dune", literal=True)
    tmux.wait_for("app", "Posts (1)")
    tmux.keys("app", "Enter")  # back to the list
    tmux.wait_for("app", "search: Dune")
    tmux.keys("app", "Enter")  # open the post
    tmux.wait_for("app", "Villeneuve delivers a towering sequel.")
    tmux.keys("app", "c")
    tmux.wait_for("app", "Loved the", "Seeing it again tonight.", "r Reply > Quote")
    tmux.keys("app", "r")
    tmux.wait_for("app", "Reply to Marcy")
    tmux.keys("app", REPLY, literal=True)
    tmux.wait_for("app", REPLY)
    tmux.keys("app", "C-s")
    tmux.wait_for("app", "queued in the outbox")

    tmux.keys("app", "C-p")
    tmux.wait_for("app", "Search for commands")
    tmux.keys("app", "Sync with", literal=True)
    tmux.wait_for("app", "Sync with WordPress")
    tmux.keys("app", "Enter")
    screen = tmux.wait_for("app", "sent 1 reply,", "0 queued (0 failed)")
    assert f"Site {site.server.url} as {site.server.user}" in screen
    assert site.server.app_password not in screen
    tmux.keys("app", "Escape")
    tmux.wait_for("app", "0 queued replies")
    tmux.keys("app", "q")
    tmux.wait_for("app", "[reeltui exited: 0]")

    status, found = site.rest(
        "GET", "/wp/v2/comments", params={"parent": site.comments["c1"], "context": "edit"}
    )
    assert status == 200, found
    assert isinstance(found, list)
    mine = [c for c in found if REPLY in str(c["content"]["raw"])]
    assert len(mine) == 1, found
    assert mine[0]["post"] == site.posts["review"] and mine[0]["parent"] == site.comments["c1"]
