"""Hypothesis on the JSON importer: broken, hostile or mistyped reeltui exports (a real export
of the demo blog with its outbox, working copy, revisions, read marks and a diary entry,
mutated byte by byte or value by value). The reader lets nothing but FormatError out, what
it returns is typed as the importer expects, and merging it into a real store raises
nothing."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from random import Random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reeltui.domain.diary import DiaryEntry
from reeltui.formats import FormatError, ReadResult
from reeltui.formats.jsonio import read_json
from reeltui.formats.local_state import OutboxItem, ReadItem, RevisionItem
from reeltui.services import Blog, moderation, reads, replies
from reeltui.services.exporting import export
from reeltui.services.importer import merge
from reeltui.services.session import open_blog
from reeltui.store import Store
from tests.fuzzing import examples

HOSTILE = [
    None,
    True,
    0,
    -1,
    2**70,
    1.5,
    "",
    "x" * 1000,
    "\x1b[2J\u202e",
    "\ud800",
    [],
    [1, "a"],
    {},
    {"a": {}},
    "queued",
    "moderate",
    "reply",
    "c-her-1",
    "p-flixchatter-review-spike-jonzes-her",
]
SECTIONS = ("posts", "comments", "outbox", "drafts", "revisions", "reads", "diary")


def seed_export() -> bytes:
    with tempfile.TemporaryDirectory() as folder, open_blog(Path(folder) / "s") as blog:
        replies.reply(blog, "c-her-4", "Thanks Tom!")
        moderation.moderate(blog, "c-her-1", "spam")
        reads.mark_read(blog, blog.posts()[0].id)
        out = Path(folder) / "all.json"
        export(blog, "json", out)
        document = json.loads(out.read_bytes())
    post = document["posts"][0]
    document["drafts"] = [{"post": post, "saved_at": "2024-01-01T00:00:00+00:00"}]
    document["revisions"] = [
        {"post_id": post["id"], "reason": "save", "at": "2024-01-01T00:00:00+00:00", "seq": 1,
         "note": "", "post": post}
    ]  # fmt: skip
    document["diary"] = [
        {"id": "d-her", "title": "Her", "year": 2013, "watched": "2014-01-05", "rating": 4.5,
         "rewatch": False, "tags": ["sci-fi"], "review": "Lovely.", "uri": "https://boxd.it/x",
         "directors": "Spike Jonze", "source": "diary", "logged": "2014-01-06"}
    ]  # fmt: skip
    return json.dumps(document).encode()


SEED = seed_export()


def mistyped(rng: Random) -> bytes:
    """The seed with a few values of its local sections (and some records) made hostile."""
    document: dict[str, Any] = json.loads(SEED)
    for _ in range(rng.randint(1, 4)):
        section = rng.choice(SECTIONS)
        value = copy.deepcopy(rng.choice(HOSTILE))
        entries = document.get(section)
        if not isinstance(entries, list) or not entries or rng.random() < 0.1:
            document[section] = value
            continue
        index = rng.randrange(len(entries))
        if not isinstance(entries[index], dict) or rng.random() < 0.1:
            entries[index] = value
            continue
        keys = list(entries[index]) or ["x"]
        entries[index][rng.choice(keys)] = value
    if rng.random() < 0.1:
        document["version"] = rng.choice([1, 2, 3, "2", None, 0])
    return json.dumps(document).encode("utf-8", "surrogatepass")


def mutated(rng: Random) -> bytes:
    data = bytearray(SEED)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(data))
        chunk = rng.choice([b"{", b"}", b"[", b'"', b",", b"\\ud800", b"\xff", b"null", b"1e999"])
        if rng.random() < 0.5:
            data[at:at] = chunk
        else:
            del data[at : at + rng.randint(1, 20)]
    return bytes(data)


def check_types(result: ReadResult) -> None:
    local = result.local
    assert all(isinstance(i, OutboxItem) for i in local.outbox)
    for item in local.outbox:
        assert all(isinstance(getattr(item, f), str) for f in ("kind", "comment_id", "state"))
    assert all(isinstance(r, RevisionItem) and isinstance(r.at, str) for r in local.revisions)
    assert all(isinstance(m, ReadItem) and isinstance(m.comments, int) for m in local.reads)
    assert all(isinstance(at, str) for _, at in local.working_copies)
    for entry in local.diary:
        assert isinstance(entry, DiaryEntry) and isinstance(entry.title, str)
        assert isinstance(entry.tags, list) and all(isinstance(t, str) for t in entry.tags)


def read(data: bytes) -> ReadResult | None:
    try:
        result = read_json(data, name="fuzz.json")
    except FormatError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    check_types(result)
    return result


@settings(max_examples=examples(3_000), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["mistyped", "mutated"]), st.integers(0, 2**64))
def test_json_reader_raises_only_format_error(kind: str, seed: int) -> None:
    rng = Random(seed)
    read(mistyped(rng) if kind == "mistyped" else mutated(rng))


@pytest.fixture(scope="module")
def folder() -> Any:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


COUNTER = iter(range(10**9))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 2**64))
def test_merging_a_mistyped_export_into_a_store_raises_nothing(folder: Path, seed: int) -> None:
    result = read(mistyped(Random(seed)))
    if result is None:
        return
    with Blog(Store.open(folder / f"s{next(COUNTER)}")) as blog:
        report = merge(blog, result, "json")
        refused = sum(1 for s in report.skipped if s.kind == "post" and "refused" in s.reason)
        assert report.posts + refused == len(result.posts)  # the store's gate names the rest
