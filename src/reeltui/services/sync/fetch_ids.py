"""The ids of a site's collection, as an incremental pull reads them (sync/fetch.py's notes):
its newest window compared with the ids we hold (`membership`), every id when the size does
not add up (`all_ids`), and the items themselves read again by id, 100 a request (`read_ids`).
"""

from __future__ import annotations

from typing import Any

from reeltui.services.sync.client import WPClient


def membership(window: Any, mine: set[str], total: int) -> tuple[set[str], set[str] | None]:
    """Compare the newest ids of a collection (`window`, newest first) with what we hold.

    Returns (ids to read again: arrived in the window or left it, None) when the size adds
    up, else (those ids, an empty set meaning "list every id")."""
    ids = set(window)
    floor = min((int(i) for i in ids), default=0)
    arrived = ids - mine
    left = {rid for rid in mine if int(rid) >= floor and rid not in ids}
    if total == len(mine) + len(arrived) - len(left):
        return arrived | left, None
    return arrived | left, set()


def has_id(item: Any) -> bool:
    return isinstance(item, dict) and "id" in item


def all_ids(client: WPClient, route: str, **params: Any) -> list[str]:
    listed = client.collect(route, _fields="id", orderby="id", order="desc", **params)
    return [str(item["id"]) for item in listed if has_id(item)]


def read_ids(client: WPClient, route: str, ids: set[str], **params: Any) -> list[Any]:
    """These items as they are now (100 per request); an id not returned is gone."""
    wanted = sorted(ids, key=int)
    found: list[Any] = []
    for start in range(0, len(wanted), 100):
        chunk = ",".join(wanted[start : start + 100])
        found += client.collect(route, include=chunk, orderby="id", order="asc", **params)
    return [item for item in found if has_id(item)]
