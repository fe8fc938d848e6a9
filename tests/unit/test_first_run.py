"""Where the store is and who makes it: the default store is made (folders and demo blog
included) by whichever command comes first; a store the user names is made only by a command
that writes, never by a reading, never when its parent folder is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reeltui.cli import main

READERS = [
    ["posts"],
    ["show", "flixchatter-review-spike-jonzes-her"],
    ["check"],
    ["export", "--format", "json", "--out", "OUT"],
    ["inbox"],
    ["outbox"],
    ["sync", "--status"],
    ["sync", "--conflicts"],
    ["reply", "her", "c-1", "--text", "hi"],
    ["moderate", "c-1", "approve"],
    ["edit", "her"],
    ["check", "--repair", "--yes"],
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user: no store, no data folder (XDG_DATA_HOME does not exist yet)."""
    monkeypatch.delenv("REELTUI_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config.toml"))
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_first_command_makes_the_default_store_with_its_folders(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = home / ".local" / "share" / "reeltui" / "store"
    code, out, err = run(capsys, "posts", "--json")
    assert code == 0 and len(json.loads(out)) == 4
    assert err == f"reeltui: created a new store with the demo blog at {store}\n"
    assert (store / "meta.json").exists()
    code, out, err = run(capsys, "posts")  # said once: the store is there now
    assert code == 0 and "flixchatter-review-spike-jonzes-her" in out and err == ""


@pytest.mark.parametrize("first", [["check"], ["inbox", "--json"], ["outbox"], ["paths"]])
def test_any_first_command_finds_or_makes_the_default_store(
    home: Path, capsys: pytest.CaptureFixture[str], first: list[str]
) -> None:
    code, _, err = run(capsys, *first)
    store = home / ".local" / "share" / "reeltui" / "store"
    if first == ["paths"]:  # it only looks
        assert code == 0 and not (home / ".local").exists() and err == ""
        return
    assert code == 0 and (store / "meta.json").exists() and "created a new store" in err


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("named_by", ["--store", "REELTUI_STORE", "--store after"])
def test_a_named_store_that_does_not_exist_is_never_made_by_a_reading(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    named_by: str,
) -> None:
    typo = tmp_path / "stoer"  # its parent exists: only the name is wrong
    argv = [str(tmp_path / "out.json") if a == "OUT" else a for a in argv]
    if named_by == "REELTUI_STORE":
        monkeypatch.setenv("REELTUI_STORE", str(typo))
    elif named_by == "--store":
        argv = ["--store", str(typo), *argv]
    else:
        argv = [*argv, "--store", str(typo)]
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115  (nothing to answer)
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err == (
        f"reeltui: store {typo} does not exist (check --store or $REELTUI_STORE; the app, "
        "`reeltui new`, `import` and `sync` create a store)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_import_makes_a_named_store_empty_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).parents[1] / "fixtures" / "demo.xml"
    store = tmp_path / "mine"
    code, out, err = run(capsys, "--store", str(store), "import", str(source))
    assert code == 0 and "new" in out
    assert err == f"reeltui: created a new store (empty) at {store}\n"
    code, out, _ = run(capsys, "posts", "--json", "--store", str(store))
    assert code == 0 and all(not p["id"].startswith("p-demo") for p in json.loads(out))


def test_no_store_is_made_where_the_parent_folder_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).parents[1] / "fixtures" / "demo.xml"
    store = tmp_path / "no" / "such" / "store"
    code, out, err = run(capsys, "--store", str(store), "import", str(source))
    assert code == 2 and out == ""
    assert err == (
        f"reeltui: cannot create a store at {store}: folder {store.parent} does not exist\n"
    )
    assert not (tmp_path / "no").exists()


def test_read_only_never_makes_a_named_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reeltui.cli import build_parser
    from reeltui.cli.tui import open_for_app

    store = tmp_path / "store"
    args = build_parser().parse_args(["--store", str(store), "--read-only"])
    args.store_named = True
    with pytest.raises(ValueError, match="does not exist"):
        open_for_app(args)
    assert not store.exists()


def test_the_app_makes_a_named_store_with_the_demo_blog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `reeltui --store NEW` does before the app starts (the app itself is driven by
    the tmux and wheel tests)."""
    from reeltui.cli import build_parser
    from reeltui.cli.tui import open_for_app

    store = tmp_path / "store"
    args = build_parser().parse_args(["--store", str(store)])
    args.store_named = True
    blog, notice = open_for_app(args)
    try:
        assert len(blog.posts()) == 4 and not blog.read_only and notice == ""
    finally:
        blog.close()
    assert (
        capsys.readouterr().err == f"reeltui: created a new store with the demo blog at {store}\n"
    )


def test_global_options_after_the_command(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "posts", "--json", "--store", str(store_path))
    assert code == 0 and len(json.loads(out)) == 4
    # given on both sides, the one after the command wins (it is read last)
    elsewhere = tmp_path / "elsewhere"
    code, out, _ = run(capsys, "--store", str(elsewhere), "posts", "--store", str(store_path))
    assert code == 0 and not elsewhere.exists()
    # given before only, a command's own defaults never undo it
    code, out, _ = run(capsys, "--store", str(store_path), "--read-only", "posts", "--json")
    assert code == 0 and len(json.loads(out)) == 4
    code, _, err = run(
        capsys, "moderate", "c-her-1", "spam", "--read-only", "--store", str(store_path)
    )
    assert code == 2 and "read-only" in err


def test_the_installed_binary_makes_the_default_store_under_a_fresh_home(tmp_path: Path) -> None:
    """The first run after an install, as a user has it: HOME and nothing else."""
    exe = Path(sys.executable).parent / "reeltui"
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    done = subprocess.run([str(exe), "posts"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    store = home / ".local" / "share" / "reeltui" / "store"
    assert done.stderr == f"reeltui: created a new store with the demo blog at {store}\n"
    assert "flixchatter-review-spike-jonzes-her" in done.stdout


def test_the_app_on_a_store_another_reeltui_has_says_why_it_is_read_only(
    store_path: Path,
) -> None:
    """(A new user's second app said 'opened read-only (--read-only)' to `n` and `r`.)"""
    from reeltui.cli import build_parser
    from reeltui.cli.tui import open_for_app
    from reeltui.services.session import open_blog, read_only_reason

    args = build_parser().parse_args(["--store", str(store_path)])
    args.store_named = True
    with open_blog(store_path):  # the other reeltui, writing
        blog, notice = open_for_app(args)
        try:
            assert blog.read_only and "is open in another reeltui" in notice
            assert read_only_reason(blog).startswith("another reeltui has this store open")
        finally:
            blog.close()
