"""An import over a post edited here never overwrites the writer's words: a file that brings
a new version of it is a conflict that keeps both (as sync's are, and settled the same way);
a file that brings a version this store already had leaves the local post alone; a post open
in the editor keeps its working copy and says so; a post nobody edited takes the file's."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from reeltui.services import revisions
from reeltui.services.drafts import EditSession
from reeltui.services.importer import import_path
from reeltui.services.postform import form_of
from reeltui.services.session import open_blog
from reeltui.services.sync import state as syncstate
from reeltui.services.sync.mapping import post_hash
from reeltui.store import state
from tests.unit.test_cli import run
from tests.unit.test_revisions_original import import_demo
from tests.unit.test_wxr_roundtrip import DEMO_XML

HER = "flixchatter-review-spike-jonzes-her"
MINE = "Rarely does a film"  # the writer's edit here
THEIRS = "took your breath clean away"  # the site's edit, in a newer export
START = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return import_demo(tmp_path, capsys)


@pytest.fixture
def newer(tmp_path: Path) -> Path:
    """The site's export, later: the review's words changed there."""
    text = DEMO_XML.read_text(encoding="utf-8")
    assert "took your breath aw" in text
    path = tmp_path / "newer.xml"
    path.write_text(text.replace("took your breath aw", "took your breath clean aw"), "utf-8")
    return path


def edit_here(store: Path, *, save: bool = True) -> str:
    """The writer edits the review in the editor: saved, or only autosaved (a working copy)."""
    with open_blog(store) as blog:
        her = blog.post_by_slug(HER)
        clock = iter(START + dt.timedelta(seconds=n) for n in range(1, 100))
        session = EditSession(blog, her, is_new=False, clock=lambda: next(clock))
        body = her.body.replace("Once in a while", "Rarely does a film", 1)
        edited, errors = session.build(form_of(her), body)
        assert not errors and MINE in edited.body
        session.save(edited) if save else session.autosave(edited)
        return her.id


def conflict_settled(
    capsys: pytest.CaptureFixture[str], store: Path, newer: Path, keep: str
) -> tuple[int, str]:
    """Edit here, import the newer file (a conflict), then keep one side as a user would."""
    post_id = edit_here(store)
    run(capsys, "--store", str(store), "import", str(newer))
    argv = ["--store", str(store), "sync", "--resolve", f"import:{post_id}", "--keep", keep]
    code, out, _ = run(capsys, *argv)
    return code, out


def body_of(store: Path) -> str:
    with open_blog(store) as blog:
        return blog.post_by_slug(HER).body


def test_a_newer_file_over_a_post_edited_here_is_a_conflict_keeping_both(
    store: Path, newer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post_id = edit_here(store)
    code, out, err = run(capsys, "--store", str(store), "import", str(newer))
    assert code == 1, (out, err)  # a script can tell: not everything was taken
    assert "1 in conflict" in out and f"import:{post_id}" in out
    assert "sync --conflicts" in out
    body = body_of(store)
    assert MINE in body and THEIRS not in body  # the local words stay
    code, out, _ = run(capsys, "--store", str(store), "sync", "--conflicts")
    assert code == 0
    assert f"import:{post_id}: “" in out and "both versions kept" in out
    assert "in the file" in out and THEIRS in out  # the file's version is shown, not lost
    assert "keep the file's: reeltui sync --resolve" in out
    # the same file again: the same conflict, not a second one
    code, out, _ = run(capsys, "--store", str(store), "import", str(newer))
    assert code == 1 and MINE in body_of(store)
    with open_blog(store) as blog:
        assert [c.id for c in syncstate.conflicts(blog)] == [f"import:{post_id}"]


def test_keeping_the_files_version_keeps_yours_as_a_revision(
    store: Path, newer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = conflict_settled(capsys, store, newer, "remote")
    assert code == 0 and "imported version replaced yours" in out
    body = body_of(store)
    assert THEIRS in body and MINE not in body
    with open_blog(store) as blog:
        history = revisions.history(blog.store, blog.post_by_slug(HER).id)
        assert MINE in history[0].post.body  # yours, newest first: F5 restores it
        assert syncstate.conflicts(blog) == []
    code, out, _ = run(capsys, "--store", str(store), "import", str(newer))
    assert code == 0 and "4 unchanged" in out and "conflict" not in out  # nothing to settle
    assert THEIRS in body_of(store)


def test_keeping_yours_makes_that_file_leave_it_alone(
    store: Path, newer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = conflict_settled(capsys, store, newer, "local")
    assert code == 0 and "your version is kept" in out
    code, out, _ = run(capsys, "--store", str(store), "import", str(newer))
    assert code == 0, out
    assert "1 kept as changed here" in out and "conflict" not in out
    assert MINE in body_of(store)
    with open_blog(store) as blog:
        assert syncstate.conflicts(blog) == []


def test_the_file_the_post_came_from_never_undoes_an_edit(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_here(store)
    code, out, _ = run(capsys, "--store", str(store), "import", str(DEMO_XML))
    assert code == 0, out
    assert "1 kept as changed here" in out and "conflict" not in out
    assert MINE in body_of(store)


def test_a_working_copy_is_kept_and_said_when_the_file_changes_the_post(
    store: Path, newer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post_id = edit_here(store, save=False)  # unsaved edits, open in the editor
    code, out, _ = run(capsys, "--store", str(store), "import", str(newer))
    assert code == 1 and f"import-draft:{post_id}" in out
    assert THEIRS in body_of(store)  # nothing was saved here: the saved post takes the file's
    with open_blog(store) as blog:
        working = state.get_draft(blog.store, post_id)
        assert working is not None and MINE in working[0].body  # the words typed stay
        (conflict,) = syncstate.conflicts(blog)
        assert conflict.theirs == "the file" and "unsaved edits" in conflict.message
    code, out, _ = run(
        capsys, "--store", str(store), "sync", "--resolve", conflict.id, "--keep", "local"
    )
    assert code == 0 and "working copy stays" in out


def test_a_post_not_edited_here_takes_the_files_version(
    store: Path, newer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--store", str(store), "import", str(newer))
    assert code == 0 and "1 updated" in out
    assert THEIRS in body_of(store)


def test_an_edit_sync_has_sent_is_the_sites_and_a_newer_file_updates_it(
    store: Path, newer: Path
) -> None:
    post_id = edit_here(store)
    with open_blog(store) as blog:  # what a push leaves: the site has this text
        her = blog.post(post_id)
        blog.save_post(dataclasses.replace(her, source={**her.source, "wp_hash": post_hash(her)}))
        report = import_path(blog, newer)
        assert report.posts_updated == 1 and report.conflicts == []
        assert THEIRS in blog.post(post_id).body
