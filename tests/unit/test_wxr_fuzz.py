"""Hypothesis: 10,000 broken, hostile or odd WXR files; the reader raises nothing but
FormatError, and whatever it returns is a valid set of posts and comments."""

from __future__ import annotations

from random import Random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reeltui.formats import FormatError
from reeltui.formats.wxr.reader import read_wxr_bytes
from tests.fuzzing import examples
from tests.unit.wxr_builder import C, Item, wxr

SEED = wxr(
    [
        Item(
            "1",
            title="Her",
            content="<p>4.5 out of 5 reels</p>",
            comments=[C("1"), C("2", parent="1")],
        ),
        Item("2", title="Draft", status="draft", name="", terms=[("category", "Review")]),
        Item("3", type="page"),
    ]
)
PIECES = [
    b"<",
    b">",
    b"]]>",
    b"<![CDATA[",
    b"&",
    b"&amp;",
    b"&#0;",
    b"&#x202e;",
    b"</item>",
    b"<item>",
    b"<wp:comment>",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"<!ENTITY a 'b'>",
    b"<!DOCTYPE x>",
    b"0000-00-00 00:00:00",
    b"spam",
    b"future",
    b"-1",
    b"99999999999999999999",
    b"<div>" * 500,  # deep HTML (RecursionError before the depth cap)
    b"<blockquote><ul><li>" * 200,
    b"<item><title>unclosed</title>" * 20,  # salvage of unclosed items
    b"<wp:commentmeta><wp:meta_key>_reeltui</wp:meta_key><wp:meta_value><![CDATA["
    b'{"origin":"local","sync_state":"queued","status":"spam","outbox":[{"kind":"reply",'
    b'"position":"x"},{"kind":"moderate","action":"zap","state":"queued","position":1},7]}'
    b"]]></wp:meta_value></wp:commentmeta>",
]


def mutated(rng: Random) -> bytes:
    data = bytearray(SEED)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        op = rng.choice(["insert", "delete", "replace", "cut"])
        if rng.random() < 0.5:
            chunk = rng.choice(PIECES)
        else:
            chunk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        if op == "insert":
            data[at:at] = chunk
        elif op == "delete":
            del data[at : at + rng.randint(1, 40)]
        elif op == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            del data[at:]
    return bytes(data)


ALPHABET = "ab <>&;#*_\n\t\xa0\u202e\u200b🚀مر" + "".join(map(chr, range(32)))


def field(rng: Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 20))).replace("]]>", "")


def structured(rng: Random) -> bytes:
    items = []
    for n in range(rng.randint(0, 3)):
        comments = [
            C(
                rng.choice(["1", "2", "3", "", "x"]),
                parent=rng.choice(["0", "1", "2", "", "9"]),
                approved=rng.choice(["1", "0", "spam", "trash", "?", ""]),
                type=rng.choice(["", "comment", "pingback", "trackback", "note"]),
                content=field(rng),
                date_gmt=rng.choice(["", "0000-00-00 00:00:00", "2014-01-01 10:00:00", "x"]),
            )
            for _ in range(rng.randint(0, 3))
        ]
        items.append(
            Item(
                rng.choice([str(n), "", "7"]),
                title=field(rng),
                type=rng.choice(["post", "page", "", "attachment"]),
                status=rng.choice(["publish", "future", "draft", "weird", ""]),
                name=field(rng),
                creator=field(rng),
                content=field(rng),
                date_gmt=rng.choice(["", "0000-00-00 00:00:00", "9999-12-31 23:59:59", "1"]),
                sticky=rng.choice(["0", "1", ""]),
                comments=comments,
            )
        )
    ns = rng.choice(["http://wordpress.org/export/1.0/", "https://wordpress.org/export/1.2/"])
    return wxr(items, ns=ns)


def generate(kind: str, rng: Random) -> bytes:
    if kind == "mutated":
        return mutated(rng)
    if kind == "structured":
        return structured(rng)
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 100)))


@settings(max_examples=examples(10_000), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["mutated", "structured", "binary"]), st.randoms(use_true_random=False))
def test_reader_raises_only_format_error(kind: str, rng: Random) -> None:
    data = generate(kind, rng)
    try:
        result = read_wxr_bytes(data, name="fuzz.xml")
    except FormatError as exc:
        assert str(exc)
        return
    for parsed in result.posts:
        ids = [c.id for c in parsed.comments]
        assert len(ids) == len(set(ids))
        assert all(c.post_id == parsed.post.id for c in parsed.comments)
        assert all(c.parent_id is None or c.parent_id in ids for c in parsed.comments)
        assert parsed.post.slug
