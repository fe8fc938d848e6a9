"""The installed `reeltui` in tmux, on a loaded machine: one burst of keys across every field
of the editor (Tab, Shift+Tab, F2/F3, a completion, the status chooser) lands field by field.

Two CPU hogs run beside the app for the whole burst (this machine has two cores), and the
burst is one `send-keys`: the terminal gets the keys with no pause between them.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reeltui.services.session import open_blog
from tests.e2e.test_editor_tmux import Tmux, command, tmux  # noqa: F401  (fixture)

pytestmark = pytest.mark.e2e

BURST = [
    "Dune: Part Two", "Tab", "dune-part-two", "Tab", "C-u", "Ana Reel", "Tab",  # (was Ruth)
    "Enter", "Down", "Enter",  # status: draft -> pending
    "Tab", "Tab", "C-u", "Gue", "Right",  # "Review" cleared, a category completed from the store
    "Tab", "Sci", "Right", ", Zendaya",  # a tag completed, then typed on
    "BTab", "End", ", Rev", "Right",  # Shift+Tab: back to the categories
    "Tab", "Tab", "Sand and spice.",
    "Tab", "3.5",
    "Tab", "Dune: Part Two", "Tab", "2024", "Tab", "Denis Villeneuve",
    "Tab", "Timothee Chalamet, Zendaya",
    "F3", "Spice must flow.",
    "F2", "End", " (IMAX)",
    "F3", " Really.",
]  # fmt: skip


@pytest.fixture
def cpu_hogs() -> Iterator[list[subprocess.Popen[bytes]]]:
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    yield hogs
    for hog in hogs:  # only the processes this test started, by their handle
        hog.kill()
        hog.wait()


def test_one_burst_on_a_loaded_machine_fills_every_field(
    tmux: Tmux,  # noqa: F811
    store_path: Path,
    cpu_hogs: list[subprocess.Popen[bytes]],
) -> None:
    tmux.start(command(store_path, "new", "--template", "review"))
    tmux.wait_for("new post · (untitled)", "Save")
    assert all(hog.poll() is None for hog in cpu_hogs)  # the machine is busy
    tmux.keys(*BURST)
    tmux.wait_for("new post · Dune: Part Two (IMAX)")
    tmux.keys("C-s")
    tmux.wait_for("Saved")
    assert all(hog.poll() is None for hog in cpu_hogs)
    blog = open_blog(store_path, read_only=True)
    try:
        post = blog.post_by_slug("dune-part-two")
    finally:
        blog.close()
    assert post.title == "Dune: Part Two (IMAX)"
    assert post.author == "Ana Reel"
    assert post.status == "pending"
    assert post.categories == ["Guest Post", "Review"]
    assert post.tags == ["Science Fiction", "Zendaya"]
    assert post.excerpt == "Sand and spice."
    assert post.rating == 3.5
    assert (post.film.title, post.film.year) == ("Dune: Part Two", 2024)
    assert post.film.director == "Denis Villeneuve"
    assert post.film.cast == ["Timothee Chalamet", "Zendaya"]
    assert post.body.startswith("## The film\n\nSpice must flow. Really.\n\n## What works")


def test_ctrl_s_and_esc_right_after_typing_on_a_loaded_machine(
    tmux: Tmux,  # noqa: F811
    store_path: Path,
    cpu_hogs: list[subprocess.Popen[bytes]],
) -> None:
    """Words typed right before Ctrl+S are in what it saves; Esc joined with the next key
    (one send-keys: tmux hands them over together, read as Alt+key) is Esc, then that key:
    k answers "keep editing" and nothing lands in the title, s saves and closes."""
    her = "flixchatter-review-spike-jonzes-her"
    tmux.start(command(store_path, "edit", her))
    tmux.wait_for("editing · FlixChatter Review", "Save")
    tmux.keys("F2", "End", " (2013)", "C-s")
    tmux.wait_for("Saved “FlixChatter Review: Spike Jonze’s HER (2013)”")
    tmux.keys("!", "Escape", "k", "?")
    tmux.wait_for("editing · FlixChatter Review: Spike Jonze’s HER (2013)!?")
    pid = tmux.pane_pid()
    tmux.keys("Escape", "s")  # save and close: `reeltui edit` ends with its editor
    tmux.wait_dead(pid)
    assert all(hog.poll() is None for hog in cpu_hogs)
    blog = open_blog(store_path, read_only=True)
    try:
        assert blog.post_by_slug(her).title == "FlixChatter Review: Spike Jonze’s HER (2013)!?"
    finally:
        blog.close()
