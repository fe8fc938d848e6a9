"""Revisions around a post's life here: an imported post's text before the first local save
is kept ("original", once) so it can be diffed and restored; a new post discarded before it
was ever saved leaves no revisions behind, and leftovers of older discards never fail a
round trip of the JSON export."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from reeltui.services import Blog
from reeltui.services import revisions as revisions_service
from reeltui.services.drafts import EditSession
from reeltui.services.postform import form_of
from reeltui.services.revisions import unified_diff
from reeltui.services.session import open_blog
from reeltui.services.templates import post_from_template
from tests.unit.test_cli import run
from tests.unit.test_drafts import Clock
from tests.unit.test_wxr_roundtrip import DEMO_XML

HER = "flixchatter-review-spike-jonzes-her"


def import_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A store made by `reeltui import` of the demo blog's WXR (its posts came from a site)."""
    store = tmp_path / "store"
    code, _, err = run(capsys, "--store", str(store), "import", str(DEMO_XML))
    assert code == 0, err
    return store


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return import_demo(tmp_path, capsys)


def test_the_imported_text_is_kept_before_the_first_save(imported: Path) -> None:
    with open_blog(imported) as blog:
        her = blog.post_by_slug(HER)
        assert revisions_service.history(blog.store, her.id) == []  # an import keeps none
        session = EditSession(blog, her, is_new=False, clock=Clock())
        edited, _ = session.build(form_of(her), her.body.replace("Once in a while", "Rarely"))
        session.save(edited)
        history = session.history()
        assert [r.reason for r in history] == ["save", "original"]
        original = history[1]
        assert original.post.body == her.body and original.post.title == her.title
        assert original.note == revisions_service.ORIGINAL_NOTE
        assert original.at == (her.modified or her.date)  # when that text was written
        diff = unified_diff(original.post.body, session.saved.body)
        assert "-Once in a while" in diff and "+Rarely" in diff
        # a second save keeps no second original
        again, _ = session.build(form_of(session.saved), session.saved.body + "\nMore.\n")
        session.save(again)
        assert [r.reason for r in session.history()] == ["save", "save", "original"]
        restored = session.restore(original)
        assert restored.body == her.body


def test_an_autosave_first_keeps_the_original_too(imported: Path) -> None:
    """Typing, a pause (autosave), then Ctrl+S: F5 lists the original and the save."""
    with open_blog(imported) as blog:
        her = blog.post_by_slug(HER)
        session = EditSession(blog, her, is_new=False, clock=Clock())
        typed, _ = session.build(form_of(her), her.body + "\nA change.\n")
        session.autosave(typed)
        session.save(typed)
        history = session.history()
        assert [r.reason for r in history] == ["save", "original"]
        assert history[1].post.body == her.body


def test_a_new_post_has_no_original(tmp_path: Path) -> None:
    with open_blog(tmp_path / "store") as blog:
        session = EditSession(blog, post_from_template("review", title="Arrival"), is_new=True)
        post, _ = session.build(form_of(session.saved), "First words.")
        session.save(post)
        assert [r.reason for r in session.history()] == ["save"]


def _discard_a_new_post(blog: Blog) -> str:
    """A new post typed (three autosaves of different text), then discarded in the editor."""
    session = EditSession(blog, post_from_template("review", title="Gone"), is_new=True)
    for words in ("One.", "One. Two.", "One. Two. Three."):
        post, _ = session.build(form_of(session.saved), words)
        session.autosave(post)
    assert len(session.history()) >= 2
    session.discard_working_copy()
    return session.post_id


def test_discarding_a_new_post_takes_its_autosaves_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    with open_blog(store_path) as blog:
        gone = _discard_a_new_post(blog)
        assert revisions_service.history(blog.store, gone) == []
    code, out, _ = run(capsys, "--store", str(store_path), "check")
    assert code == 0 and "sound" in out
    out_file = tmp_path / "export.json"
    assert (
        run(
            capsys, "--store", str(store_path), "export", "--format", "json", "--out", str(out_file)
        )[0]
        == 0
    )
    assert all(r["post_id"] != gone for r in json.loads(out_file.read_bytes())["revisions"])
    code, out, err = run(capsys, "--store", str(store_path), "import", str(out_file))
    assert code == 0, out + err
    assert "nothing changed in the store" in out


def test_leftovers_of_an_older_discard_never_fail_a_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    """A store written before: the autosaves of a discarded new post are still there."""
    with open_blog(store_path) as blog:
        ghost = dataclasses.replace(post_from_template("review", title="Ghost"), id="p-ghost")
        for n, words in enumerate(("a", "a b", "a b c"), 1):
            revisions_service.add(
                blog.store, dataclasses.replace(ghost, body=words), "autosave", f"2026-01-0{n}"
            )
    out_file = tmp_path / "export.json"
    run(capsys, "--store", str(store_path), "export", "--format", "json", "--out", str(out_file))
    for target in (store_path, tmp_path / "fresh"):
        code, out, err = run(capsys, "--store", str(target), "import", str(out_file))
        assert code == 0, out + err  # before: exit 1, "skipped: 3 revision"
        assert "skipped" not in out
    code, out, _ = run(capsys, "--store", str(tmp_path / "fresh"), "import", str(out_file))
    assert code == 0 and "nothing changed in the store" in out
