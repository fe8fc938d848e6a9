"""Big table files are parsed in pieces (a lower memory peak), with exactly the result and
the errors of parsing them whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.domain.models import Comment, Post
from reeltui.services.session import open_blog
from reeltui.store import jsonload
from reeltui.store.errors import StoreCorrupt
from reeltui.store.storage import read_json_file
from tests.fuzzing import examples
from tests.v1store import write_v1

# Text that looks like the layout's own markers, escaped inside strings, included on purpose.
tricky = st.sampled_from(['\n    "', "\n  }", '",', "}", "{", "\\", '"', "\u2028", "é", "🎬"])
text = st.lists(st.one_of(st.text(max_size=8), tricky), max_size=6).map("".join)
scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    text,
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=12,
)
records = st.dictionaries(text, st.dictionaries(text, value, max_size=5), max_size=25)


def pieces(raw: bytes, size: int) -> Any:
    return jsonload.loads(raw, whole_below=0, piece=size)


@settings(max_examples=examples(700), deadline=None)
@given(name=text, table=records, size=st.integers(1, 400))
def test_pieces_give_exactly_what_a_whole_parse_gives(
    name: str, table: dict[str, Any], size: int
) -> None:
    raw = orjson.dumps({name: table}, option=orjson.OPT_INDENT_2)
    if table:
        assert jsonload._in_pieces(raw, size) is not None  # the pieces path, not the fallback
    got = pieces(raw, size)
    assert got == orjson.loads(raw)
    assert list(got[name]) == list(table)  # the records' order too


@settings(max_examples=examples(300), deadline=None)
@given(table=records.filter(bool), size=st.integers(1, 200), data=st.data())
def test_a_damaged_file_fails_as_a_whole_parse_fails(
    table: dict[str, Any], size: int, data: st.DataObject
) -> None:
    raw = orjson.dumps({"comments": table}, option=orjson.OPT_INDENT_2)
    at = data.draw(st.integers(0, len(raw) - 1))
    damaged = data.draw(
        st.sampled_from([raw[:at], raw[:at] + raw[at + 1 :], raw[:at] + b"," + raw[at:]])
    )
    try:
        expected: Any = orjson.loads(damaged)
    except orjson.JSONDecodeError as exc:
        with pytest.raises(orjson.JSONDecodeError) as got:
            pieces(damaged, size)
        assert str(got.value) == str(exc)  # the whole parse's own message and position
    else:
        assert pieces(damaged, size) == expected


def test_other_layouts_are_parsed_whole() -> None:
    table = {f"c{i}": {"body": "x" * 50, "n": i} for i in range(200)}
    for raw in (
        json.dumps({"comments": table}).encode(),  # TinyDB's own compact layout
        json.dumps({"comments": table}, indent=4).encode(),
        orjson.dumps({"comments": table, "extra": {"a": {}}}, option=orjson.OPT_INDENT_2),
        orjson.dumps({"comments": list(table.values())}, option=orjson.OPT_INDENT_2),
    ):
        assert jsonload._in_pieces(raw, 100) is None
        assert pieces(raw, 100) == orjson.loads(raw)


def test_a_schema_1_comments_file_takes_the_pieces_path_when_upgraded(tmp_path: Path) -> None:
    """Not a dead fast path: the one big comments.json of an old store is cut into pieces
    when the upgrade reads it, and read back equal."""
    post = Post(id="p-1", slug="a", title="A")
    comments = [
        Comment(id=f"c-{i}", post_id="p-1", author=f"Reader {i}", body="Great film! " * 20)
        for i in range(300)
    ]
    path = write_v1(tmp_path / "store", [post], comments)
    raw = (path / "comments.json").read_bytes()
    assert len(raw) > 50_000
    split = jsonload._in_pieces(raw, 4096)
    assert split is not None and split == orjson.loads(raw)
    reopened = open_blog(path, read_only=True)  # upgraded in memory: nothing written
    assert reopened.comment("c-299").author == "Reader 299"
    reopened.close()
    assert (path / "comments.json").read_bytes() == raw


def test_a_broken_big_file_gets_the_same_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonload, "WHOLE_BELOW", 0)
    table = {f"c{i}": {"body": "y" * 100} for i in range(100)}
    raw = orjson.dumps({"comments": table}, option=orjson.OPT_INDENT_2)
    path = tmp_path / "comments.json"
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(StoreCorrupt, match=r"comments\.json is not valid JSON"):
        read_json_file(path)
    assert path.read_bytes() == raw[: len(raw) // 2]  # left untouched
