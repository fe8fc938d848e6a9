"""A one-word change saved through the editor's save path (EditSession.save, and the editor
itself driven by keys) changes the site's HTML only inside that block, by that word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reeltui.domain.models import Post
from reeltui.formats.wpblocks import parse_blocks
from reeltui.services import Blog
from reeltui.services.drafts import EditSession
from reeltui.services.importer import import_path
from reeltui.services.postform import form_of
from reeltui.store import Store
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from tests.conftest import need_shared
from tests.fidelity.corpus import CORPUS, shared_posts
from tests.fidelity.edits import confined, one_word_edits, word_only
from tests.ui.helpers import settle
from tests.unit.wxr_builder import Item, wxr


def clock() -> dt.datetime:
    return dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def _store(tmp_path: Path, posts: dict[str, str], excerpt: str = "") -> Path:
    items = [
        Item(id=str(n), title=name, name=f"post-{n}", content=html, excerpt=excerpt)
        for n, (name, html) in enumerate(sorted(posts.items()), 1)
    ]
    source = tmp_path / "site.xml"
    source.write_bytes(wxr(items))
    path = tmp_path / "store"
    blog = Blog(Store.open(path))
    try:
        import_path(blog, source)
    finally:
        blog.close()
    return path


def _on_disk(path: Path, post_id: str) -> Post:
    blog = Blog(Store.open(path, read_only=True))
    try:
        return blog.post(post_id)
    finally:
        blog.close()


def _check_every_one_word_edit(tmp_path: Path, posts: dict[str, str]) -> int:
    path = _store(tmp_path, posts)
    checked = 0
    blog = Blog(Store.open(path))
    try:
        for original in blog.full_posts():
            html = original.html
            doc = parse_blocks(html)
            for edit in one_word_edits(html):
                assert edit.saved == original.body
                session = EditSession.open(blog, original.id, clock=clock)
                post, errors = session.build(form_of(session.saved), edit.edited)
                assert not errors
                session.save(post)
                changed = _on_disk(path, original.id).html
                session.save(session.build(form_of(session.saved), original.body)[0])  # undo
                checked += 1
                where = f"{original.title}: block {edit.block} {edit.word!r}"
                assert confined(doc, edit.block, changed), where
                assert word_only(doc, edit, changed), where
                assert _on_disk(path, original.id).html == html, where  # undone: all of it back
    finally:
        blog.close()
    return checked


def test_one_word_edits_of_the_corpus_change_only_that_word(tmp_path: Path) -> None:
    assert _check_every_one_word_edit(tmp_path, CORPUS) >= 70


def test_one_word_edits_of_the_shared_exports_change_only_that_word(tmp_path: Path) -> None:
    posts = {k: v for k, v in shared_posts(need_shared("fixtures", "wxr")).items() if v.strip()}
    assert _check_every_one_word_edit(tmp_path, posts) >= 10


def test_the_excerpt_is_kept_as_html_shown_as_text_and_edited_in_place(tmp_path: Path) -> None:
    excerpt = "It <em>should</em> be the film of the year &amp; more."
    path = _store(tmp_path, {"one": CORPUS["paragraphs"]}, excerpt=excerpt)
    blog = Blog(Store.open(path))
    try:
        (post,) = blog.full_posts()
        assert post.excerpt_html == excerpt
        assert post.excerpt == "It *should* be the film of the year & more."
        session = EditSession.open(blog, post.id, clock=clock)
        form = form_of(session.saved)
        assert form.excerpt == post.excerpt
        same, _ = session.build(
            form.replace(excerpt=" It *should*  be the film of the year & more."), post.body
        )
        session.save(same)  # spacing only: the site's excerpt is not touched
        assert blog.post(post.id).excerpt_html == excerpt
        changed, _ = session.build(
            form.replace(excerpt="It *should* be the film of the decade & more."), post.body
        )
        session.save(changed)
        assert blog.post(post.id).excerpt_html == excerpt.replace("year", "decade")
        assert blog.post(post.id).html == post.html  # the body was not touched
    finally:
        blog.close()


FIXES = {  # post: (text to find, where the cursor goes in it, keys, the site's change)
    "quotes": ("than an editor", 5, tuple("just "), ("than an editor", "than just an editor")),
    "classic tags": ("E = MC", 4, ("delete", "delete", "m", "c"), ("E = MC<", "E = mc<")),
}


@pytest.mark.parametrize("name", sorted(FIXES))
async def test_a_word_fixed_in_the_editor_changes_only_that_word(tmp_path: Path, name: str) -> None:
    """The real editor: open the post, fix a word by keys, ctrl+s; read the store from disk."""
    html = CORPUS[name]
    find, offset, keys, (old, new) = FIXES[name]
    path = _store(tmp_path, {name: html})
    blog = Blog(Store.open(path))
    (post,) = blog.full_posts()
    row, column = next(
        (n, text.index(find)) for n, text in enumerate(post.body.split("\n")) if find in text
    )
    app = make_app(blog, initial_screen=lambda: EditorScreen(blog, post.id, clock=clock))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        screen.body.focus()
        screen.body.move_cursor((row, column + offset))
        await pilot.press(*keys, "ctrl+s")
        await settle(pilot)
    blog.close()
    again = Blog(Store.open(path, read_only=True))
    try:
        saved = again.post(post.id)
    finally:
        again.close()
    assert html.count(old) == 1
    assert saved.html == html.replace(old, new)


def test_working_copies_and_revisions_cost_the_markdown_only(tmp_path: Path) -> None:
    """Autosaves and revisions keep the Markdown, not the site's HTML (a long post would
    double every autosave); a revision restored is spliced into the HTML like any edit."""
    html = CORPUS["headings"]
    path = _store(tmp_path, {"one": html})
    blog = Blog(Store.open(path))
    try:
        (post,) = blog.full_posts()
        session = EditSession.open(blog, post.id, clock=clock)
        edited, _ = session.build(form_of(session.saved), post.body.replace("verdict", "outcome"))
        session.autosave(edited)
        assert session.working_copy() is not None
        session.save(edited)
        assert session.working_copy() is None  # the saved post and its copy agree
        assert all(r.post.html == "" for r in session.history())
        assert blog.post(post.id).html == html.replace("verdict", "outcome")
        later, _ = session.build(form_of(session.saved), edited.body.replace("outcome", "result"))
        session.save(later)
        assert blog.post(post.id).html == html.replace("verdict", "result")
        first = next(
            r for r in session.history() if r.reason == "save" and "outcome" in r.post.body
        )
        session.restore(first)
        assert blog.post(post.id).html == html.replace("verdict", "outcome")
    finally:
        blog.close()
