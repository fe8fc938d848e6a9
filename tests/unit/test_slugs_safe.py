"""A slug holding characters no one can see (U+202E reverses what follows it on screen):
made safe when it enters the store, and looked up, listed, completed and edited in the form
everyone sees. Before: `posts --json` printed a slug `show` could not find, the `posts`
table wrote U+202E to the terminal, completion offered the raw form."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from reeltui.cli import main
from reeltui.domain.titles import safe_slug, same_slug
from reeltui.services.drafts import EditSession, find_for_edit
from reeltui.services.postform import form_of
from reeltui.services.session import open_blog
from tests.conftest import need_shared

RAW = "hello-w\u202eorld\u202c-utf8-💫-test"  # wxr-utf-8-challenges.xml's post_name
SHOWN = "hello-world-utf8-💫-test"
UNSEEN = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200e\u200f\u00ad\x1b"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_safe_slug_drops_what_no_one_sees() -> None:
    assert safe_slug(RAW) == SHOWN
    assert safe_slug(f"a{UNSEEN}b") == "ab"
    assert safe_slug("two words\there") == "two-words-here"
    assert safe_slug("солярис-✨") == "солярис-✨"  # letters and emoji stay
    assert safe_slug(UNSEEN) == ""
    assert same_slug(RAW, SHOWN) and same_slug(SHOWN.upper(), RAW)
    assert not same_slug(SHOWN, "hello-world-utf8-test")


def _agree(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    """posts (table and JSON), show, completion and the editor's lookup all say SHOWN."""
    args = ("--store", str(store))
    code, out, _ = run(capsys, *args, "posts", "--json")
    assert code == 0 and [p["slug"] for p in json.loads(out)] == [SHOWN]
    code, out, _ = run(capsys, *args, "posts")
    assert code == 0 and SHOWN in out and "\u202e" not in out and "\u202c" not in out
    code, out, err = run(capsys, *args, "show", SHOWN)
    assert code == 0, err
    assert "The Road Not Taken" in out
    code, out, _ = run(capsys, *args, "completion", "--slugs")
    assert out == f"{SHOWN}\n"
    with open_blog(store, read_only=True) as blog:
        assert find_for_edit(blog, SHOWN).id == "p-wxr-10"


def test_an_import_makes_the_slug_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = need_shared("fixtures", "wxr", "wxr-utf-8-challenges.xml")
    store = tmp_path / "store"
    code, _, err = run(capsys, "--store", str(store), "import", str(source))
    assert code == 0, err
    with open_blog(store, read_only=True) as blog:
        (post,) = blog.posts()
        assert post.slug == SHOWN  # in the store itself
    _agree(capsys, store)
    code, out, _ = run(capsys, "--store", str(store), "import", str(source))
    assert code == 0 and "nothing changed in the store" in out  # the same file again


def test_a_store_holding_a_raw_slug_is_read_as_it_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store written before: its slug keeps U+202E on disk; every command agrees anyway."""
    source = need_shared("fixtures", "wxr", "wxr-utf-8-challenges.xml")
    store = tmp_path / "store"
    assert run(capsys, "--store", str(store), "import", str(source))[0] == 0
    with open_blog(store) as blog:
        (post,) = blog.full_posts()
        blog.save_post(dataclasses.replace(post, slug=RAW))
    _agree(capsys, store)
    with open_blog(store) as blog:
        (post,) = blog.full_posts()
        assert post.slug == RAW
        session = EditSession(blog, post, is_new=False)
        form = form_of(post)
        assert form.slug == SHOWN  # the editor shows what can be read and typed
        saved, errors = session.build(form, post.body)
        assert errors == {} and saved.slug == SHOWN  # saving it makes it safe, no complaint


def test_the_sites_own_emoji_slug_is_no_error_in_the_editor(tmp_path: Path) -> None:
    """WordPress keeps a slug like `hello-world-utf8-💫-test` (sanitize_title keeps emoji,
    percent-encoded); a form left as it was must not report it as invalid on every save."""
    with open_blog(tmp_path / "store") as blog:
        post = blog.post(blog.posts()[0].id)
        blog.save_post(dataclasses.replace(post, slug=SHOWN))
        post = blog.post(post.id)
        session = EditSession(blog, post, is_new=False, clock=lambda: dt.datetime.now(dt.UTC))
        saved, errors = session.build(form_of(post), post.body)
        assert errors == {} and saved.slug == SHOWN
        edited = dataclasses.replace(form_of(post), slug="new 💫 slug")
        _, errors = session.build(edited, post.body)
        assert "slug" in errors  # a slug the writer types is still WordPress's kind
