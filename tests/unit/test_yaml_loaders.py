"""Front matter is read with libyaml's loader when PyYAML has it (several times faster): it
must read every document exactly as the pure-Python loader does, and fail where it fails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from reeltui.formats import FormatError, Parsed, yaml_bounded
from reeltui.formats.frontmatter import post_from_text, read_file
from reeltui.formats.frontmatter_writer import post_to_text
from reeltui.locations import demo_dir
from tests.fuzzing import examples
from tests.unit.strategies import parsed_posts
from tests.unit.test_frontmatter_fuzz import documents

pytestmark = pytest.mark.skipif(
    not getattr(yaml, "__with_libyaml__", False), reason="PyYAML was built without libyaml"
)


def both(text: str) -> Iterator[Parsed | str]:
    """The reading of `text` with each loader (or the error it gave)."""
    for loader in (yaml.CBaseLoader, yaml.BaseLoader):
        saved = yaml_bounded.YAML_LOADER
        yaml_bounded.YAML_LOADER = loader
        try:
            yield post_from_text(text)
        except FormatError:
            yield "error"
        finally:
            yaml_bounded.YAML_LOADER = saved


def test_the_c_loader_is_the_one_used() -> None:
    assert yaml_bounded.YAML_LOADER is yaml.CBaseLoader


def test_the_demo_blog_reads_the_same() -> None:
    for path in sorted(demo_dir().glob("*.md")):
        fast, pure = both(path.read_text(encoding="utf-8"))
        assert fast == pure == read_file(path)


@settings(max_examples=examples(150), deadline=None)
@given(parsed_posts())
def test_any_written_post_reads_the_same(parsed: Parsed) -> None:
    fast, pure = both(post_to_text(parsed.post, parsed.comments))
    assert fast == pure


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_hostile_documents_read_or_fail_the_same(text: str) -> None:
    fast, pure = both(text)
    assert fast == pure


def test_deep_nesting_fails_cleanly_with_both(tmp_path: Path) -> None:
    text = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nbody\n"
    assert list(both(text)) == ["error", "error"]
