"""Front matter writer: whatever a post holds, the reader gets it back exactly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings

from reeltui.domain.models import Comment, Post
from reeltui.formats import Parsed
from reeltui.formats.frontmatter import post_from_text, read_dir, read_file
from reeltui.formats.frontmatter_writer import file_name, post_to_text, quote
from tests.fuzzing import examples
from tests.unit.strategies import parsed_posts


@settings(max_examples=examples(400), deadline=None)
@given(parsed_posts())
def test_any_post_reads_back_exactly(parsed: Parsed) -> None:
    text = post_to_text(parsed.post, parsed.comments)
    back = post_from_text(text)
    assert back.post == parsed.post
    assert back.comments == parsed.comments


def test_yaml_1_1_traps_stay_text() -> None:
    post = Post(id="p-no", slug="no", title="NO", tags=["on", "yes", "~", "null", "3.10"])
    text = post_to_text(post, [])
    back = post_from_text(text).post
    assert back.title == "NO" and back.tags == ["on", "yes", "~", "null", "3.10"]


def test_quote_escapes_what_yaml_would_bend() -> None:
    assert quote('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert quote("\x85\u2028\ufeff\x1b") == '"\\x85\\u2028\\ufeff\\x1b"'
    assert quote("مرحبا 🚀") == '"مرحبا 🚀"'


def test_comments_are_readable_block_literals_when_exact() -> None:
    post = Post(id="p", slug="p", title="T")
    comment = Comment(id="c1", post_id="p", body="Line one.\n\nLine *two*.")
    text = post_to_text(post, [comment])
    assert "    body: |-\n      Line one.\n\n      Line *two*.\n" in text


def test_file_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    posts = [
        Post(id=str(n), slug=s, title="Ünïcode")
        for n, s in enumerate(["../etc", "a/b", "../etc", "‮"])
    ]
    names = [file_name(p, taken) for p in posts]
    assert names == ["etc.md", "a-b.md", "etc-2.md", "unicode.md"]


def test_read_dir_skips_what_is_not_a_post(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "her.md").write_text('---\ntitle: "Her"\nrating: 4.5\n---\nBody\n')
    (tmp_path / "posts" / "dup.md").write_text('+++\ntitle = "Her"\nslug = "her"\n+++\nOther\n')
    (tmp_path / "README.md").write_text("# Notes\n")
    (tmp_path / "_index.md").write_text("---\ntitle: Section\n---\n")
    (tmp_path / "bad.md").write_text("---\nrating: eleven\n---\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.md").write_text("---\ntitle: x\n---\n")
    result = read_dir(tmp_path)
    assert sorted(p.post.id for p in result.posts) == ["p-her", "p-her-2"]
    reasons = {s.what: s.reason for s in result.skipped}
    assert set(reasons) == {"README.md", "_index.md", "bad.md"}
    assert "rating" in reasons["bad.md"]


def test_demo_files_read_back_after_writing(tmp_path: Path) -> None:
    from reeltui.services.demo import read_demo

    for parsed in read_demo():
        path = tmp_path / "x.md"
        path.write_text(post_to_text(parsed.post, parsed.comments), encoding="utf-8")
        back = read_file(path)
        assert back.post == parsed.post and back.comments == parsed.comments
