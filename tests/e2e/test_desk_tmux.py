"""End to end: a field search in the real binary (tmux) finds a reader's comment across the
blog and Enter opens its thread with the cursor on it."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.e2e.test_tmux import Tmux, app_env, installed_reeltui, tmux  # noqa: F401 (fixture)

pytestmark = pytest.mark.e2e


def test_a_field_search_opens_a_comment(tmux: Tmux, store_path: Path, tmp_path: Path) -> None:  # noqa: F811
    env = app_env(tmp_path)
    tmux.start(f"{shlex.quote(installed_reeltui())} --store {shlex.quote(str(store_path))}", env)
    tmux.wait_for("Posts (4)", "FlixChatter Review: Spike Jonze")

    tmux.keys("/")
    tmux.wait_for("search: words tag: rating:>=4")
    tmux.type("in:comments auth")
    tmux.wait_for("tab → author:", "search: in:comments auth")  # the whole text was seen
    tmux.keys("Tab")
    tmux.wait_for("▊  in:comments author: ")
    tmux.type("tom")
    tmux.wait_for('tab → author:"Tom Okafor"', "search: in:comments author:tom")
    tmux.keys("Tab")
    tmux.wait_for('▊  in:comments author:"Tom Okafor" ')
    tmux.type(" date:2014-01 surrogate")
    screen = tmux.wait_for("Comments (1)", "Tom Okafor on FlixChatter Review")
    assert "2014-01-12 03:10" in screen and "The surrogate sce" in screen, screen  # cut to fit
    tmux.keys("Enter")  # to the results
    tmux.wait_for("enter Open", "1 comment found (search: in:comments author:")
    tmux.keys("Enter")  # open the thread at that comment
    screen = tmux.wait_for("Comments (6)", "Rating: ●●●●◐ 4.5 out of 5 reels")
    # The thread pane has the focus and its cursor is on Tom's comment.
    tmux.keys("r")  # reply to the highlighted comment
    tmux.wait_for("Reply to Tom Okafor")
    tmux.keys("C-g")  # discard: nothing was typed
    tmux.wait_without("Reply to Tom Okafor")
    tmux.keys("q")
    tmux.wait_gone()
