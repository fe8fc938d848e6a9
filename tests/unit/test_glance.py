"""A few flat records found in a table file's bytes (store/glance.py) are the records the whole
file parses to, or the answer is None (read it whole) — never other records."""

from __future__ import annotations

import random
from typing import Any

import orjson
import pytest

from reeltui.store.glance import flat_records

ODD_IDS = [
    "p00001", "p0000", "p000011", "reads", "at", "comments", "", " ", "a b", 'quo"te',
    "back\\slash", "tab\there", "line\nbreak", "café", "日本語", "emoji😀", "}", "{", ",", ":",
    "p00001\": {", "<b>", "0", "-1", "1e3",
]  # fmt: skip


def _file(records: dict[str, Any], option: int = orjson.OPT_INDENT_2) -> bytes:
    return orjson.dumps({"reads": records}, option=option)


def _mark(n: int) -> dict[str, Any]:
    return {"comments": n, "at": f"2026-01-{1 + n % 28:02d}T12:00:00+00:00"}


@pytest.mark.parametrize("option", [orjson.OPT_INDENT_2, 0])
def test_the_records_found_are_those_of_the_whole_file(option: int) -> None:
    rng = random.Random(7)
    for trial in range(300):
        ids = rng.sample(ODD_IDS, rng.randint(0, len(ODD_IDS)))
        ids += [f"p{rng.randint(0, 99):05d}" for _ in range(rng.randint(0, 40))]
        records = {record_id: _mark(n) for n, record_id in enumerate(ids)}
        raw = _file(records, option)
        asked = set(rng.sample(ODD_IDS, 8)) | {f"p{rng.randint(0, 120):05d}" for _ in range(5)}
        found = flat_records(raw, "reads", asked)
        whole = orjson.loads(raw)["reads"]
        if found is not None:
            assert found == {i: whole[i] for i in asked if i in whole}, trial
        else:  # only where the bytes are ambiguous to a search: an id that is the table's name
            assert "reads" in asked


def test_text_inside_a_record_is_never_taken_for_a_record() -> None:
    raw = _file(
        {
            "p1": {"comments": 1, "at": 'x", "p2": {"comments": 9}'},  # escaped quotes
            "p3": {"comments": 3, "at": "p2"},
        }
    )
    assert flat_records(raw, "reads", {"p2", "p3"}) == {"p3": {"comments": 3, "at": "p2"}}


@pytest.mark.parametrize(
    "raw",
    [
        b'{"reads": {"p1": {"comments": 1, "at": {"nested": 1}}}}',  # not a flat record
        b'{"reads": {"p1": {"comments": 1}, "p1": {"comments": 2}}}',  # found twice
        b'{"reads": {"\\u0070\\u0031": {"comments": 1}}}',  # written with escapes
        b'{"other": {"p1": {"comments": 1}}}',  # another table first
        b'{"reads": {"p1": {"comments": 1, "at": "}"}}}',  # a piece that does not parse
        b'{"reads": {"p1": {"comments": 1',  # cut
    ],
)
def test_bytes_not_as_the_store_writes_them_are_read_whole(raw: bytes) -> None:
    assert flat_records(raw, "reads", {"p1"}) is None


def test_an_id_absent_from_the_file_is_absent_from_the_answer() -> None:
    raw = _file({"p1": _mark(1)})
    assert flat_records(raw, "reads", {"p2", "p"}) == {}
