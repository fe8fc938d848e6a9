"""Hypothesis: 10,000 hostile documents; the front-matter reader never raises anything else
than FormatError (which the CLI and the app show as one line)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reeltui.formats import FormatError
from reeltui.formats.frontmatter import post_from_text
from tests.fuzzing import examples

KEYS = [
    "title",
    "slug",
    "date",
    "draft",
    "status",
    "rating",
    "tags",
    "categories",
    "film",
    "year",
    "cast",
    "comments",
    "params",
    "sticky",
    "id",
    "source",
    "parent",
    "modified",
]
YAML_BITS = [
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!python/object ",
    "|",
    ">",
    '"',
    "'",
    "\n  ",
    "\n",
    "null",
    "NO",
    "1e999",
    "2014-13-45",
    "~",
    "#",
    "\t",
    "\x00",
    "\ufeff",
]

scalar = st.one_of(st.text(max_size=12), st.sampled_from(YAML_BITS), st.integers().map(str))
yaml_line = st.builds(
    lambda k, parts: f"{k}: {''.join(parts)}",
    st.sampled_from(KEYS),
    st.lists(scalar, max_size=5),
)
yaml_doc = st.builds(
    lambda lines, body: "---\n" + "\n".join(lines) + "\n---\n" + body,
    st.lists(yaml_line, max_size=8),
    st.text(max_size=40),
)
toml_line = st.builds(
    lambda k, v: f"{k} = {v}",
    st.sampled_from(KEYS),
    st.one_of(
        st.text(max_size=10),
        st.sampled_from(
            ['"x"', "[1, 2]", "1979-05-27", "{a = 1}", "true", "4.5", "nan", '"""', "[[x]]"]
        ),
    ),
)
toml_doc = st.builds(
    lambda lines, body: "+++\n" + "\n".join(lines) + "\n+++\n" + body,
    st.lists(toml_line, max_size=8),
    st.text(max_size=40),
)
documents = st.one_of(
    yaml_doc,
    toml_doc,
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")),
)


@settings(max_examples=examples(10_000), deadline=None, suppress_health_check=list(HealthCheck))
@given(documents)
def test_reader_raises_only_format_error(text: str) -> None:
    try:
        parsed = post_from_text(text, name="fuzz.md")
    except FormatError as exc:
        assert str(exc)
        return
    assert parsed.post.id and parsed.post.slug
