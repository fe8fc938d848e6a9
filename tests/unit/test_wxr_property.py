"""Hypothesis: any posts and comments written as WXR by reeltui read back exactly."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reeltui.formats import Parsed
from reeltui.formats.wxr.reader import read_wxr_bytes
from reeltui.formats.wxr.writer import write_wxr
from tests.fuzzing import examples
from tests.unit.strategies import parsed_posts


def _without_wxr(source: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in source.items() if k not in ("wxr", "wxr_site")}


@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(parsed_posts(), max_size=3, unique_by=lambda p: p.post.id))
def test_reeltui_wxr_reads_back_exactly(posts: list[Parsed]) -> None:
    comment_ids = [c.id for p in posts for c in p.comments]
    if len(comment_ids) != len(set(comment_ids)):
        return  # comment ids are unique in a store
    for parsed in posts:
        parsed.post.source = _without_wxr(parsed.post.source)
        for comment in parsed.comments:
            comment.source = _without_wxr(comment.source)
    back = read_wxr_bytes(write_wxr(posts, site="https://blog.example/"))
    assert back.skipped == [] and back.notes == [] and back.broken == ""
    assert len(back.posts) == len(posts)
    for original, read in zip(posts, back.posts, strict=True):
        assert read.post.source.pop("wxr").isdigit()
        assert read.post.source.pop("wxr_site") == "https://blog.example/"
        assert read.post == original.post
        for comment in read.comments:
            assert comment.source.pop("wxr").isdigit()
            comment.source.pop("wxr_site")
        assert read.comments == [dataclasses.replace(c) for c in original.comments]
