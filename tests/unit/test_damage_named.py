"""A new user's pass over damage (issue #21): import a WordPress export into a new store, damage
a post's file by hand at once, then `check`, `check --repair`, `posts`, `show` as processes.

- An import is backed up when it lands, so a post damaged right after comes back whole.
- `check` and `check --repair` name what they find and do: post id, title, slug, file, field;
  the index line of an invalid post says so instead of "not in the store".
- A record whose only bad fields are ones it can do without is kept (those fields taken from
  a backup, else set to their default) rather than quarantined whole; a quarantined post
  takes its comments with it, so the repaired store is sound.
- `posts` marks a post whose file cannot be read (a column mark; `damaged` in JSON) and says
  so once on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from reeltui.services.damage import damaged_posts
from reeltui.services.session import open_blog
from reeltui.store.backup import KEEP, list_backups
from tests.conftest import need_shared
from tests.unit.test_backup_repair import reeltui

PRIVATE = "p-wxr-13"  # "Private Post", slug private-post, in small-export.xml
HELLO = "p-wxr-1"  # "Hello world!", slug hello-world-2, with comment c-wxr-1


def edit_post(store: Path, post_id: str, change: Any) -> None:
    path = store / "posts" / f"{post_id}.json"
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new store made by `reeltui import` of a WordPress export, with the 10-minute rule
    in force (as a user has it)."""
    monkeypatch.delenv("REELTUI_BACKUP_EVERY", raising=False)
    store = tmp_path / "blog"
    done = reeltui(store, "import", str(need_shared("fixtures", "wxr", "small-export.xml")))
    assert done.returncode == 0, done.stderr
    return store


def test_an_import_into_a_new_store_is_backed_up_as_it_lands(imported: Path) -> None:
    newest = list_backups(imported)[0]
    assert f"posts/{PRIVATE}.json" in newest.files and f"posts/{HELLO}.json" in newest.files
    copy = orjson.loads((newest.path / "posts" / f"{PRIVATE}.json").read_bytes())
    assert copy["post"][PRIVATE]["title"] == "Private Post"


def test_a_post_damaged_right_after_an_import_comes_back_whole(imported: Path) -> None:
    edit_post(imported, PRIVATE, lambda d: d["post"][PRIVATE].update(title=12345))
    done = reeltui(imported, "check")
    assert done.returncode == 1
    named = f"posts/{PRIVATE}.json: post '{PRIVATE}' (slug private-post): field 'title'"
    assert named in done.stderr
    done = reeltui(imported, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert f"done: posts/{PRIVATE}.json: post '{PRIVATE}' (slug private-post): put back" in (
        done.stdout
    )
    assert not list((imported / "backups").glob("quarantine-*.json"))  # nothing taken out
    with open_blog(imported, read_only=True) as blog:
        assert blog.post(PRIVATE).title == "Private Post"


def test_more_imports_keep_the_backups_bounded(imported: Path) -> None:
    source = need_shared("fixtures", "wxr")
    for name in ("wxr-simple.xml", "valid-wxr-1.1.xml", "valid-wxr-1.0.xml", "missing-tags.xml"):
        done = reeltui(imported, "import", str(source / name))
        assert done.returncode in (0, 1), done.stderr
    backups = list_backups(imported)
    assert len(backups) <= KEEP
    newest = backups[0]
    assert all((newest.path / rel).is_file() for rel in newest.files)
    assert not [p for p in (imported / "backups").iterdir() if p.name.startswith(".")]


def test_one_bad_field_is_kept_named_and_said_exactly(
    imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No backup holds the post (they are gone): its rating is set to none, its body and
    comments stay, and the quarantine file keeps the record as it was."""
    for backup in list_backups(imported):
        for path in sorted(backup.path.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        backup.path.rmdir()
    edit_post(imported, PRIVATE, lambda d: d["post"][PRIVATE].update(rating="abc", body="mine"))
    done = reeltui(imported, "check")
    named = f"post '{PRIVATE}' \"Private Post\" (slug private-post)"
    assert f"posts/{PRIVATE}.json: {named}: field 'rating': expected a number" in done.stderr
    done = reeltui(imported, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    said = (
        f"done: posts/{PRIVATE}.json: {named}: kept with field 'rating' (text \"abc\") set to "
        "null, its default, every other field as it was"
    )
    assert said in done.stdout
    with open_blog(imported, read_only=True) as blog:
        post = blog.post(PRIVATE)
        assert (post.rating, post.body, post.tags) == (None, "mine", ["Tag1", "Tag2", "Tag3"])
    (quarantine,) = (imported / "backups").glob("quarantine-*.json")
    (entry,) = orjson.loads(quarantine.read_bytes())
    assert entry["document"]["rating"] == "abc" and entry["what"] == named
    assert entry["done"].startswith("kept in the store with field 'rating'")


def test_a_kept_record_takes_the_bad_field_from_a_backup_and_keeps_newer_words(
    imported: Path,
) -> None:
    edit_post(imported, PRIVATE, lambda d: d["post"][PRIVATE].update(rating=4.5))
    with open_blog(imported) as blog:  # the backup of an import: rating 4.5 is in it
        blog.store.back_up()
    edit_post(imported, PRIVATE, lambda d: d["post"][PRIVATE].update(rating="x", body="newer"))
    done = reeltui(imported, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    assert "set to 4.5, as the backup of" in done.stdout
    with open_blog(imported, read_only=True) as blog:
        assert (blog.post(PRIVATE).rating, blog.post(PRIVATE).body) == (4.5, "newer")


def test_a_quarantined_post_takes_its_comments_and_the_store_ends_sound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REELTUI_BACKUP_EVERY", "3600")
    store = tmp_path / "blog"
    wxr = need_shared("fixtures", "wxr", "small-export.xml")
    assert reeltui(store, "import", str(wxr)).returncode == 0
    for backup in list_backups(store):  # no backup of it anywhere
        (backup.path / "manifest.json").unlink()
    edit_post(store, HELLO, lambda d: d["post"][HELLO].update(status="gone"))
    done = reeltui(store, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "quarantine 1 record no backup has sound; quarantine 1 comment with the post they are on"
        in (done.stderr)
    )
    assert f"done: posts/{HELLO}.json: comment 'c-wxr-1' by Mr WordPress on post '{HELLO}'" in (
        done.stdout
    )
    assert reeltui(store, "check").returncode == 0
    (quarantine,) = (store / "backups").glob("quarantine-*.json")
    assert [e["record"] for e in orjson.loads(quarantine.read_bytes())] == [HELLO, "c-wxr-1"]


def test_check_says_the_true_thing_about_an_invalid_post_and_its_comments(
    imported: Path,
) -> None:
    edit_post(imported, PRIVATE, lambda d: d["post"][PRIVATE].update(rating="abc"))
    edit_post(imported, HELLO, lambda d: d["comments"]["c-wxr-1"].update(date="yesterday"))
    done = reeltui(imported, "check")
    assert done.returncode == 1
    assert "not in the store" not in done.stderr
    assert (
        f"posts index record '{PRIVATE}': lists a post whose record in posts/{PRIVATE}.json "
        "is invalid (field 'rating')"
    ) in done.stderr
    # A refused comment is one problem, not three (no "index out of date", no comment index).
    assert "comment 'c-wxr-1' by Mr WordPress" in done.stderr
    assert "index out of date" not in done.stderr and "not indexed" not in done.stderr
    assert "3 problems" in done.stderr


def test_posts_marks_a_post_whose_file_cannot_be_read(imported: Path) -> None:
    (imported / "posts" / "p-wxr-15.json").write_text('{"post": {"p-wxr-15": {"slug": ')
    edit_post(imported, PRIVATE, lambda d: d["post"][PRIVATE].update(rating="abc"))
    done = reeltui(imported, "posts")
    assert done.returncode == 0, done.stderr
    lines = {line.split()[-1]: line for line in done.stdout.splitlines()[1:]}
    assert "damaged" in lines["foo-child"] and "damaged" in lines["private-post"]
    assert "damaged" not in lines["top-level-foo"]
    assert done.stderr.count("\n") == 1
    assert "warning: 2 posts are listed as damaged" in done.stderr
    assert "foo-child" in done.stderr and "reeltui check --repair" in done.stderr
    rows = {r["slug"]: r for r in orjson.loads(reeltui(imported, "posts", "--json").stdout)}
    assert "is not valid JSON" in rows["foo-child"]["damaged"]
    assert "field 'rating'" in rows["private-post"]["damaged"]
    assert rows["top-level-foo"]["damaged"] is None
    for slug, says in (("foo-child", "is not valid JSON"), ("private-post", "field 'rating'")):
        done = reeltui(imported, "show", slug)  # the error, then what to do: one line, once
        (error,) = done.stderr.splitlines()
        assert done.returncode == 2 and says in error and "warning" not in done.stderr
        assert error.endswith(
            "; `reeltui check` lists the damage and `reeltui check --repair` mends it"
        )


def test_posts_trusts_the_search_index_and_reads_only_changed_files(imported: Path) -> None:
    """With a search index (the app builds it), a file read sound and unchanged since is not
    read again; a file changed by hand after indexing is."""
    with open_blog(imported) as blog:
        blog.search_index().prepare()
    done = reeltui(imported, "posts", "--json")
    assert all(r["damaged"] is None for r in orjson.loads(done.stdout)) and not done.stderr
    edit_post(imported, PRIVATE, lambda d: d["post"][PRIVATE].update(sticky="yes"))
    rows = {r["id"]: r for r in orjson.loads(reeltui(imported, "posts", "--json").stdout)}
    assert "field 'sticky'" in rows[PRIVATE]["damaged"]
    with open_blog(imported, read_only=True) as blog:
        listed = [p.id for p in blog.posts()]  # (the index, read before the count starts)
        read: list[str] = []
        peek = blog.store.peek
        blog.store.peek = lambda rel: read.append(rel) or peek(rel)  # type: ignore[method-assign]
        found = damaged_posts(blog, listed)
    assert list(found) == [PRIVATE] and read == [f"posts/{PRIVATE}.json"]


def test_whole_archive_commands_skip_an_unreadable_post_file_with_a_warning(
    imported: Path,
) -> None:
    """`inbox`, `stats` and a comment search read every post's file: one file that cannot be
    read is skipped and said, as a refused record is, instead of failing the command."""
    (imported / "posts" / "p-wxr-15.json").write_text('{"post": {"p-wxr-15": {"slug": ')
    for args in (("inbox",), ("stats",), ("search", "in:comments hello")):
        done = reeltui(imported, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert "warning: 1 damaged record skipped" in done.stderr, args
        assert "p-wxr-15.json is not valid JSON" in done.stderr, args
    assert "Hi, this is a comment" in reeltui(imported, "search", "in:comments this").stdout


def test_a_reply_to_an_invalid_comment_is_not_said_to_answer_a_missing_one(
    store_path: Path,
) -> None:
    her = "p-flixchatter-review-spike-jonzes-her"
    edit_post(store_path, her, lambda d: d["comments"]["c-her-2"].update(kind="pingbak"))
    done = reeltui(store_path, "check")
    assert done.returncode == 1 and "answers missing comment" not in done.stderr
    assert "comment 'c-her-3' answers comment 'c-her-2', whose record is invalid" in done.stderr
