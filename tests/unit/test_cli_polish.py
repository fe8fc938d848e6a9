"""What a new user met on the command line (a QA pass): counts in words, imports of nothing,
a log in a folder not made yet, --read-only on a fresh machine, the app without a terminal,
searches starting with "-", empty results said in words, replies from a binary file, inbox
--from part of a name, Hugo's params.year, files left out named. Real stores on disk, the
real parser; the installed binary where a terminal (or none) matters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reeltui.domain.plural import count, plural
from tests.conftest import need_shared
from tests.unit.test_cli import run

BIN = Path(sys.executable).parent / "reeltui"
HER = "flixchatter-review-spike-jonzes-her"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user: no store yet, nothing under the data folder."""
    monkeypatch.delenv("REELTUI_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state"))
    return tmp_path / "home"


def test_counts_are_said_in_the_number_they_need() -> None:
    assert [count(1, "post"), count(2, "post"), count(0, "review")] == [
        "1 post",
        "2 posts",
        "0 reviews",
    ]
    assert [plural("entry"), plural("reply"), plural("key"), plural("working copy")] == [
        "entries",
        "replies",
        "keys",
        "working copies",
    ]
    assert [plural("page"), plural("file"), plural("broken item")] == [
        "pages",
        "files",
        "broken items",
    ]


def test_one_of_everything_is_singular_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "her.md").write_text("---\ntitle: Her\n---\nA film.\n")
    (folder / "README.md").write_text("Just notes\n")
    code, out, _ = run(capsys, "--store", str(tmp_path / "s"), "import", str(folder))
    assert code == 0
    assert "1 post (1 new, 0 updated, 0 unchanged), 0 comments" in out
    assert "left out (not posts): 1 file\n" in out
    code, out, _ = run(capsys, "--store", str(store_path), "stats", "tag:elysium")
    assert out.startswith("1 post matching 'tag:elysium': 0 reviews published, 3 readers' comments")
    code, out, _ = run(capsys, "--store", str(store_path), "show", HER)
    assert "\n4 comments · 6 in the thread\n" in out


@pytest.mark.parametrize("what", ["empty", "no-markdown", "readme-only"])
def test_importing_nothing_exits_2_and_makes_no_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    folder = tmp_path / what
    folder.mkdir()
    if what == "no-markdown":  # like /etc: files, but none a post
        (folder / "hosts").write_text("127.0.0.1 localhost\n")
        (folder / "sub").mkdir()
        (folder / "sub" / "x.conf").write_text("a = 1\n")
    if what == "readme-only":
        (folder / "README.md").write_text("# notes\n")
    store = tmp_path / "new-store"
    code, out, err = run(capsys, "--store", str(store), "import", str(folder))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"reeltui: {folder}: nothing to import: ")
    assert "the store was not touched" in err
    if what == "readme-only":
        assert "README.md: no front matter" in err  # named, not only counted
    assert not store.exists()


def test_files_left_out_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "post.md").write_text("---\ntitle: A post\n---\nBody\n")
    for name in ("README.md", "NOTES.md"):
        (folder / name).write_text("no front matter here\n")
    code, out, _ = run(capsys, "--store", str(tmp_path / "s"), "import", str(folder))
    assert code == 0
    assert "left out (not posts): 2 files" in out
    assert "  - NOTES.md: no front matter (--- or +++)" in out
    assert "  - README.md: no front matter (--- or +++)" in out


def test_crazy_cdata_reads_its_one_post_whole_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not well-formed XML, but its only item is read one by one as WordPress reads it:
    nothing is skipped, so the import is complete (0), and the note says what happened."""
    source = need_shared("fixtures", "wxr", "crazy-cdata.xml")
    code, out, err = run(capsys, "--store", str(tmp_path / "s"), "import", str(source))
    assert code == 0, err
    assert "1 post (1 new" in out
    assert "note: not well-formed XML at line 18" in out and "nothing was left out" in out


def test_hugo_params_year_is_the_film_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "her.md").write_text(
        '---\ntitle: "Her"\nparams:\n  year: 2013\n  director: Spike Jonze\n  rating: 4.5\n'
        "---\nBody\n"
    )
    (folder / "top.md").write_text("+++\ntitle = 'Top'\nyear = 1999\n+++\nBody\n")
    store = tmp_path / "s"
    code, _, err = run(capsys, "--store", str(store), "import", str(folder))
    assert code == 0, err
    code, out, _ = run(capsys, "--store", str(store), "posts", "--json")
    films = {p["slug"]: p["film"] for p in json.loads(out)}
    assert films["her"]["year"] == 2013 and films["her"]["director"] == "Spike Jonze"
    assert films["top"]["year"] == 1999


def test_a_log_in_a_missing_folder_is_refused_as_a_missing_store_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--log made any missing folders (a mistyped path made a tree), where --store refuses a
    missing store: the new-user pass. One line, exit 2, nothing made; only the folder
    `reeltui paths` suggests is made (below)."""
    log = tmp_path / "state" / "reeltui" / "reeltui.log"
    code, out, err = run(capsys, "--log", str(log), "--store", str(tmp_path / "no"), "paths")
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert err == (
        f"reeltui: cannot write the log {log}: {log.parent} does not exist (nothing was "
        "created; give a file in an existing folder)\n"
    )
    assert not (tmp_path / "state").exists()


def test_the_log_path_paths_suggests_works(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "paths", "--json")
    suggested = Path(json.loads(out)["log"]["path"])
    assert not suggested.parent.exists()
    code, _, err = run(capsys, "--log", str(suggested), "paths")
    assert code == 0, err
    assert suggested.is_file()


def test_read_only_never_creates_the_default_store(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--read-only", "posts")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "does not exist yet, and --read-only never creates one" in err
    assert not (home / ".local" / "share").exists()
    code, out, err = run(capsys, "posts", "--read-only", "--json")  # after the command too
    assert code == 2 and not (home / ".local" / "share").exists()


def test_the_app_without_a_terminal_exits_with_one_line(tmp_path: Path) -> None:
    """`reeltui </dev/null >/dev/null` (cron, a pipe): no screen is drawn, nothing made."""
    store = tmp_path / "store"
    done = subprocess.run(
        [str(BIN), "--store", str(store)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("reeltui: the app needs a terminal")
    assert done.stderr.count("\n") == 1 and "\x1b" not in done.stderr
    assert not store.exists()


QUESTION = "first-question-of-the-year-which-2013-movies-do-you-appreciate-but-wouldnt-watch-again"


@pytest.mark.parametrize(
    "command",
    [["new"], ["edit", "flixchatter-review-spike-jonzes-her"], ["recap", "2014-01"],
     ["answers", QUESTION]],
)  # fmt: skip
def test_every_command_that_opens_the_app_wants_a_terminal(
    store_path: Path, command: list[str]
) -> None:
    """`reeltui new </dev/null >out` drew the editor into the file and waited for keys that
    never came, a core busy, until killed (the new-user pass): each says it needs a terminal."""
    before = sorted(p.name for p in (store_path / "posts").iterdir())
    done = subprocess.run(
        [str(BIN), "--store", str(store_path), *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == "", (done.stdout, done.stderr)
    assert done.stderr.startswith("reeltui: the app needs a terminal"), done.stderr
    assert sorted(p.name for p in (store_path / "posts").iterdir()) == before


def test_a_search_may_start_with_a_minus(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """README: `-` in front of a part excludes; the shell gives argparse `-trailer`."""
    store = ["--store", str(store_path)]

    def slugs(*argv: str) -> list[str]:
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        return [p["slug"] for p in json.loads(out)]

    every = slugs(*store, "search", "--json")
    assert len(every) == 4
    without = slugs(*store, "search", "-elysium", "--json")
    assert 0 < len(without) < 4 and not any("elysium" in s for s in without)
    # among other words and options, in any order; -- works too; stats and posts --search
    mixed = slugs("search", "her", "-elysium", *store, "--json", "--sort", "title")
    assert sorted(mixed) == sorted(without)
    assert slugs(*store, "search", "--json", "--", "-elysium") == without
    assert slugs(*store, "posts", "--json", "--search", "-elysium") == without
    code, out, _ = run(capsys, *store, "stats", "-elysium")
    assert code == 0 and out.startswith(f"{len(without)} posts matching '-elysium'")
    code, _, _ = run(capsys, *store, "search", "-h")  # a real option stays one
    assert code == 0


def test_nothing_found_is_said_in_words(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(store_path)]
    code, out, _ = run(capsys, *store, "posts", "--search", "zzzqqq")
    assert (code, out) == (0, "no posts match\n")
    code, out, _ = run(capsys, *store, "search", "zzzqqq")
    assert (code, out) == (0, "no posts match\n")
    code, out, _ = run(capsys, *store, "search", "in:comments", "zzzqqq")
    assert (code, out) == (0, "no comments match\n")
    code, out, _ = run(capsys, *store, "posts", "--search", "zzzqqq", "--json")
    assert json.loads(out) == []


def test_a_reply_from_a_binary_file_names_the_file(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(store_path)]
    for name, data, says in [
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "not UTF-8 text (byte 1 is not)"),
        ("nul.txt", b"a\x00b", "a binary file, not text"),
    ]:
        (tmp_path / name).write_bytes(data)
        code, out, err = run(
            capsys, *store, "reply", HER, "c-her-1", "--file", str(tmp_path / name)
        )
        assert code == 2 and out == "" and err.count("\n") == 1
        assert err.startswith(f"reeltui: {tmp_path / name}: ") and says in err
    code, _, err = run(capsys, *store, "reply", HER, "c-her-1", "--file", str(tmp_path / "no"))
    assert code == 2 and "no: cannot read: No such file or directory" in err
    (tmp_path / "ok.txt").write_text("Thanks, Marcy!\n")
    code, out, _ = run(capsys, *store, "reply", HER, "c-her-1", "--file", str(tmp_path / "ok.txt"))
    assert code == 0 and "queued" in out


def test_inbox_from_matches_like_the_search(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(store_path)]

    def authors(*names: str) -> set[str]:
        argv = [*store, "inbox", "--json"]
        for name in names:
            argv += ["--from", name]
        code, out, _ = run(capsys, *argv)
        assert code == 0
        return {i["comment"]["author"] for i in json.loads(out)}

    assert authors("marcy") == {"Marcy Lindqvist"}
    assert authors("LINDQVIST") == authors("marcy lindqvist") == {"Marcy Lindqvist"}
    assert authors("lindq*") == {"Marcy Lindqvist"}
    assert authors("mar") == set()  # whole words, as author:mar in the search
    assert authors("marcy", "tom") == {"Marcy Lindqvist", "Tom Okafor"}


def test_a_failed_sync_is_one_line_and_never_done(
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nothing listens on port 1: the sync stops at once. Before, stderr said "sync: done",
    then the error, and stdout a summary and "stopped: network…"."""
    monkeypatch.setenv("REELTUI_WP_APP_PASSWORD", "x x x x x x")
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config.toml"))
    log = tmp_path / "sync.log"
    argv = ["--store", str(store_path), "--log", str(log), "sync"]
    code, out, err = run(capsys, *argv, "--site", "https://localhost:1", "--user", "x")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "done" not in err
    assert err.startswith("reeltui: sync stopped: network: cannot reach https://localhost:1")
    assert err.rstrip().endswith("nothing was sent or changed: sync again to retry")
    assert "sync: connecting to https://localhost:1" in log.read_text()  # the stages: logged
    assert "sync: done" not in log.read_text()
