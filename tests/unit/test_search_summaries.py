"""A writer's keystroke looks at no summary its text index already holds.

Each post's indexed text holds its summary's fields (title, author, categories, tags:
services/search.doc_text), so the search's answer is the text index's, plus the summaries of
the few posts whose text the index may not hold as they are (saved since their file was
indexed, or never indexed). Every summary holding a common word was looked at before, at
every keystroke (5-20 ms at 50,000 posts). Same answers as a plain scan of every post."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import write_archive

from reeltui.domain.identity import Identity
from reeltui.domain.query import parse
from reeltui.domain.query_eval import PostFacts, post_filter
from reeltui.domain.text import fold
from reeltui.services import Blog
from reeltui.services.query import find_posts
from reeltui.services.search import post_text
from reeltui.services.session import open_blog
from reeltui.services.textindex import TextIndex

NOBODY = Identity()
TYPED = ["harbor", "lindqvist", "haunting score", "Quiet Rain", "kubrick", "zebraquux"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("summaries") / "store"
    write_archive(path, 120)
    with open_blog(path) as blog:
        blog.search_index().prepare()
    return path


@pytest.fixture
def blog(archive: Path, tmp_path: Path) -> Iterator[Blog]:
    path = tmp_path / "store"
    shutil.copytree(archive, path)
    with open_blog(path) as opened:
        opened.search_index().prepare()
        opened.search_index().warm()
        yield opened


def _plain(blog: Blog, text: str) -> list[str]:
    """The posts a plain scan of every post's text (summary fields included) finds."""
    texts = {r.post.id: fold(post_text(blog.post(r.post.id))) for r in blog.rows()}
    test = post_filter(parse(text), lambda w: {p for p, t in texts.items() if fold(w) in t}, None)
    return [r.post.id for r in blog.rows() if test(r.post, PostFacts())]


def _looked_at(blog: Blog, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Per search of the summaries' index: how many summaries it looked at (every one for a
    scan of them all)."""
    seen: list[int] = []
    search = blog.search_index()

    def spy(name: str, count: Callable[..., int]) -> None:
        original = getattr(TextIndex, name)

        def counted(index: TextIndex, *args: Any, **kwargs: Any) -> Any:
            if index is search._meta:  # (the summaries', not the comments')
                seen.append(count(index, *args))
            return original(index, *args, **kwargs)

        monkeypatch.setattr(TextIndex, name, counted)

    spy("search", lambda index, *_: len(index))
    spy("search_within", lambda _, query, candidates: len(list(candidates)))
    return seen


def _typed(words: list[str]) -> Iterator[str]:
    for word in words:
        yield from (word[:n] for n in range(1, len(word) + 1))


def test_keystrokes_look_at_no_summary_the_text_index_holds(
    blog: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _looked_at(blog, monkeypatch)
    for typed in _typed(TYPED):
        found = [r.post.id for r in find_posts(blog, typed, writer=NOBODY)]
        assert found == _plain(blog, typed), typed
    assert sum(seen) == 0, seen  # (main: thousands, a search of the summaries per key)


def test_a_post_saved_and_not_yet_on_disk_is_found_by_its_summary_alone(
    blog: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save made in memory (the app's writer thread, `Blog.held`) is in the list at once;
    its text is indexed when its file is written: until then its summary answers for it,
    and it is the only summary looked at."""
    post = blog.post(blog.rows()[5].post.id)
    seen = _looked_at(blog, monkeypatch)
    with blog.held() as flush:
        blog.save_post(dataclasses.replace(post, title="Zebraquux at dawn"))
        seen.clear()
        found = [r.post.id for r in find_posts(blog, "zebraq", writer=NOBODY)]
        assert found == [post.id]
        assert seen == [1]
        flush()
    seen.clear()
    assert [r.post.id for r in find_posts(blog, "zebraq", writer=NOBODY)] == [post.id]
    assert [r.post.id for r in find_posts(blog, "lindqvist", writer=NOBODY)] == _plain(
        blog, "lindqvist"
    )
    assert sum(seen) == 0, seen  # (its file written and indexed: no summary looked at)


def test_a_post_the_index_could_not_read_is_found_by_its_summary(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A post whose file the text index could not read when readied (or has none) is
    searched by its summary: the list shows it, a title typed finds it."""
    path = tmp_path / "store"
    shutil.copytree(archive, path)
    (path / "search.sqlite").unlink()  # (made again: every post's file read)
    with open_blog(path) as blog:
        victim = blog.rows()[3].post
        search = blog.search_index()
        texts = search._texts

        def unread(post_ids: Any) -> Any:
            return texts([pid for pid in post_ids if pid != victim.id])

        monkeypatch.setattr(search, "_texts", unread)
        search.prepare()
        word = victim.title.split()[-1]
        assert victim.id in [r.post.id for r in find_posts(blog, word, writer=NOBODY)]


def test_a_second_word_typed_asks_the_index_for_it_alone(
    blog: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first word's answer is remembered while the second is typed (it was asked of the
    index again at each of the second word's letters), and forgotten at a change."""
    search = blog.search_index()
    asked: list[str] = []
    original = search.cache.search

    def counted(query: str) -> Any:
        asked.append(query)
        return original(query)

    monkeypatch.setattr(search.cache, "search", counted)
    for typed in _typed(["haunting score", "Quiet Rain"]):
        found = [r.post.id for r in find_posts(blog, typed, writer=NOBODY)]
        assert found == _plain(blog, typed), typed
    words = [query.casefold() for query in asked]
    assert [words.count(w) for w in ("haunting", "score", "quiet", "rain")] == [1] * 4, asked
    post = blog.post(blog.rows()[7].post.id)
    blog.save_post(dataclasses.replace(post, body=f"{post.body} haunting"))  # (committed)
    asked.clear()
    assert [r.post.id for r in find_posts(blog, "haunting sc", writer=NOBODY)] == _plain(
        blog, "haunting sc"
    )
    assert asked == ["haunting", "sc"], asked  # (asked again after the change)
