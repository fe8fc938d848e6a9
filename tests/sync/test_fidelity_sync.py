"""A real WordPress: block and classic posts made on the site, pulled with reeltui sync, one
word changed through the editor's save path, pushed; read back with context=edit, the site's
content.raw differs from before by that word only, and the excerpt stays HTML."""

from __future__ import annotations

from typing import Any

import pytest

from reeltui.domain.models import Post
from reeltui.formats.wpblocks import parse_blocks
from reeltui.services import Blog
from reeltui.services.drafts import EditSession
from reeltui.services.postform import form_of
from tests.fidelity.corpus import CORPUS
from tests.fidelity.edits import one_word_edits, word_changes
from tests.sync.conftest import Site, post_by_remote, run_sync

pytestmark = pytest.mark.wordpress
EXCERPT = "It <em>should</em> be the film of the year &amp; more."


def _raw(site: Site, rid: int) -> tuple[str, str]:
    data: dict[str, Any] = site.get(f"/wp/v2/posts/{rid}")
    return str(data["content"]["raw"]), str(data["excerpt"]["raw"])  # type: ignore[index]


def _make_posts(site: Site) -> dict[str, int]:
    made = {}
    for name, html in sorted(CORPUS.items()):
        status, data = site.rest(
            "POST",
            "/wp/v2/posts",
            body={"title": name, "content": html, "excerpt": EXCERPT, "status": "publish"},
        )
        assert status == 201, data
        made[name] = int(data["id"])
    return made


def _save(blog: Blog, post: Post, body: str, excerpt: str | None = None) -> None:
    session = EditSession.open(blog, post.id)
    form = form_of(session.saved)
    if excerpt is not None:
        form = form.replace(excerpt=excerpt)
    edited, errors = session.build(form, body)
    assert not errors, errors
    session.save(edited)


def test_one_word_changed_offline_changes_that_word_on_the_site(
    site: Site, empty_blog: Blog
) -> None:
    made = _make_posts(site)
    before = {name: _raw(site, rid) for name, rid in made.items()}
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    expected: dict[str, list[str]] = {}
    for name, rid in made.items():
        post = post_by_remote(empty_blog, rid)
        content, excerpt = before[name]
        assert (post.html, post.excerpt_html) == (content, excerpt)  # kept as the site holds it
        assert post.excerpt == "It *should* be the film of the year & more."
        edits = list(one_word_edits(content))
        edit = edits[len(edits) // 2]  # a block in the middle of the post
        assert edit.saved == post.body
        _save(empty_blog, post, edit.edited)
        expected[name] = word_changes(parse_blocks(content), edit)
        assert expected[name], name
    result, _ = run_sync(empty_blog, site)
    assert result.ok and result.pushed.posts == len(made), result.lines()
    for name, rid in made.items():
        content, excerpt = _raw(site, rid)
        assert content in expected[name], name  # that word, in that block, and nothing else
        assert excerpt == EXCERPT, name  # untouched, still HTML


def test_the_quote_post_of_the_report_keeps_every_block(site: Site, empty_blog: Blog) -> None:
    """The damage first seen: "than an editor" -> "than just an editor" in a post of quote
    blocks dropped every delimiter, class, the pull-quote figure, its colours and cite."""
    made = _make_posts(site)
    rid = made["quotes"]
    content, _ = _raw(site, rid)
    run_sync(empty_blog, site)
    post = post_by_remote(empty_blog, rid)
    _save(empty_blog, post, post.body.replace("than an editor", "than just an editor"))
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    after, _ = _raw(site, rid)
    assert after == content.replace("than an editor", "than just an editor")
    assert len(after) == len(content) + len("just ")


def test_an_excerpt_edited_here_goes_back_as_html(site: Site, empty_blog: Blog) -> None:
    made = _make_posts(site)
    rid = made["classic media"]
    run_sync(empty_blog, site)
    post = post_by_remote(empty_blog, rid)
    _save(empty_blog, post, post.body, excerpt=post.excerpt.replace("year", "decade"))
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    content, excerpt = _raw(site, rid)
    assert excerpt == EXCERPT.replace("year", "decade")  # <em> and &amp; kept, no Markdown
    assert content == CORPUS["classic media"]


def test_a_post_written_here_reaches_the_site_as_core_blocks(site: Site, empty_blog: Blog) -> None:
    run_sync(empty_blog, site)
    body = "## The verdict\n\nA *quiet* film.\n\n- one\n- two\n\n<!--more-->\n\nAfter the fold.\n"
    empty_blog.save_post(
        Post(
            id="p-here",
            slug="written-here",
            title="Written here",
            body=body,
            excerpt="A *quiet* one",
        )
    )
    result, _ = run_sync(empty_blog, site)
    assert result.ok, result.lines()
    content, excerpt = _raw(site, int(empty_blog.post("p-here").source["wp"]))
    names = [b.name for b in parse_blocks(content).blocks]
    assert names == ["heading", "paragraph", "list", "more", "paragraph"]
    assert '<h2 class="wp-block-heading">The verdict</h2>' in content
    assert "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->" in content
    assert excerpt == "A <em>quiet</em> one"
    kept = empty_blog.post("p-here")
    assert kept.html == content  # what the site holds is what a later edit is spliced into
