"""The `exact` pairs of reeltui's hidden `_reeltui` meta: a value that XML (or WordPress's
reading of a field) would not give back as it was is recorded with what a reader will see,
`[as read back, original]`; reading the file again, the original is restored as long as the
XML still says what reeltui wrote (an edit made in WordPress wins).

The writer records (`record` with the `*_back` helpers); the reader restores (`restore`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from reeltui.formats.wxr.mapping import as_read, date_in, date_out, xml_round_trip

T = TypeVar("T", str, list[str])


def record(own: dict[str, Any], key: str, original: Any, as_read_back: Any) -> None:
    if as_read_back != original:
        own.setdefault("exact", {})[key] = [as_read_back, original]


def text_back(key: str, value: str) -> str:
    return as_read(key, xml_round_trip(value))


def terms_back(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        back = xml_round_trip(name).strip()
        if back and back not in out:
            out.append(back)
    return out


def date_back(iso: str) -> str:
    return date_in(*date_out(iso))[0]


def restore(own: dict[str, Any], key: str, value: T) -> T:
    """The exact value reeltui exported, if the XML still says what reeltui wrote then."""
    if not own:
        return value  # not exported by reeltui: nothing to restore
    pair = own.get("exact", {}).get(key) if isinstance(own.get("exact"), dict) else None
    if not isinstance(pair, list) or len(pair) != 2 or pair[0] != value:
        return value
    exact = pair[1]
    if isinstance(value, str) and isinstance(exact, str):
        return exact
    if (
        isinstance(value, list)
        and isinstance(exact, list)
        and all(isinstance(x, str) for x in exact)
    ):
        return exact
    return value
