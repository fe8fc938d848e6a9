"""The [keymap] of the config: checked entry by entry against the scopes a binding lives in;
a bad entry is named by its line and left out whole, the others apply. Binding classes are
found by walking the UI's modules, and every binding there has an id."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.ui.app import ReelApp, make_app
from reeltui.ui.keys import (
    binding_classes,
    check_keymap,
    class_scopes,
    declared,
    keymap_lines,
    own_bindings,
)
from reeltui.ui.screens.main import MainScreen
from reeltui.ui.widgets.post_list import PostList
from reeltui.ui.widgets.thread import Thread
from tests.ui.helpers import Notes, press, settle

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_binding_class_is_found_and_every_binding_has_an_id() -> None:
    classes = binding_classes()
    names = {c.__name__ for c in classes}
    assert {"ReelApp", "MainScreen", "PostList", "Reader", "Thread", "InboxScreen"} <= names
    assert {"EditorScreen", "RatingInput", "Choice", "ConfirmScreen", "ComposerScreen"} <= names
    without = [(c.__name__, b.key) for c in classes for b in own_bindings(c) if not b.id]
    assert without == []
    by_id: dict[str | None, object] = {}
    for binding in (b for c in classes for b in own_bindings(c)):
        # one id, one binding (the inbox's LazyTable shares ReelTable's very bindings: a
        # keymap line moves the keys of every table)
        assert by_id.setdefault(binding.id, binding) is binding, binding.id


def test_no_class_binds_one_key_twice() -> None:
    for cls in binding_classes():
        keys = [k.strip() for b in own_bindings(cls) for k in b.key.split(",")]
        assert len(keys) == len(set(keys)), cls.__name__


async def test_the_readme_keymap_example_applies_whole(open_store: Blog, tmp_path: Path) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(), re.S)
    block = next((b for b in blocks if "[keymap]" in b), None)
    assert block is not None
    config = tmp_path / "config.toml"
    config.write_text(block)
    keymap = tomllib.loads(block)["keymap"]
    app = make_app(open_store, settings=Settings(keymap=keymap, path=config))
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        assert notes.messages == []  # nothing to say about it
        assert app._keymap == keymap


async def test_a_conflict_is_named_by_its_line_and_left_out_whole(
    open_store: Blog, tmp_path: Path
) -> None:
    """list.sort = "o" would hide the outbox from the post list; thread.parent = "P,u"
    clashes on u (unapprove) in the comments: neither applies, not even its free "P"; the
    good entry in between applies."""
    config = tmp_path / "config.toml"
    config.write_text(
        'theme = "nord"\n'
        "\n"
        "[keymap]\n"
        '"list.sort" = "o"\n'
        '"list.down" = "ctrl+n"\n'
        '"thread.parent" = "P,u"\n'
        "'reader.toc' = \"ctrl+shift+\"\n"
    )
    keymap = tomllib.loads(config.read_text())["keymap"]
    app = make_app(open_store, settings=Settings(keymap=keymap, path=config))
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        said = "\n".join(notes.messages)
        assert f'{config} line 4: "list.sort" = "o": o is already “Outbox” (app.outbox)' in said
        assert 'line 6: "thread.parent" = "P,u": u is already “Unapprove”' in said
        assert 'line 7: "reader.toc" = "ctrl+shift+"' in said
        assert "line 5" not in said
        assert app._keymap == {"list.down": "ctrl+n"}
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await press(pilot, "o")  # still the outbox
        assert type(app.screen).__name__ == "OutboxScreen"
        await press(pilot, "escape", "ctrl+n")
        assert screen.query_one(PostList).cursor == 1


def test_scopes_know_which_widget_is_under_which_screen() -> None:
    """Without the live main screen, a widget's key is checked against the app's keys
    only: the thread's r is free; with the main screen's chains, main.new = "r" clashes."""
    scopes = class_scopes(binding_classes(), ReelApp)
    assert check_keymap({"thread.parent": "P"}, scopes, {}).problems == []
    clash = check_keymap({"app.inbox": "r"}, scopes, {"app.inbox": 3}, "c.toml")
    assert clash.applied == {}
    assert clash.problems[0].startswith('c.toml line 3: "app.inbox" = "r": r is already “Reply”')
    moved = check_keymap({"list.sort": "O", "list.filters": "s"}, scopes, {})
    assert moved.problems == [] and moved.applied == {"list.sort": "O", "list.filters": "s"}


def test_keymap_lines_are_found_in_the_keymap_table_only(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('"list.sort" = 1\n[other]\n"list.sort" = 2\n[keymap]\n\n"list.sort" = "O"\n')
    assert keymap_lines(config) == {"list.sort": 6}
    assert keymap_lines(tmp_path / "missing.toml") == {}


@pytest.mark.parametrize("cls", [Thread, PostList])
def test_declared_includes_what_a_widget_inherits(cls: type) -> None:
    assert {b.id for b in own_bindings(cls)} <= {b.id for b in declared(cls)}
