"""Categories and tags with the ids the site gave them.

Names are not unique on a site (two "Foo A" under different parents), ids are. A post keeps
the names people read — a category under a parent shown as "Parent › Child" — and the ids in
`source["wp_categories"]`/`["wp_tags"]`; the sync state keeps every term seen (id -> name,
parent). A push sends ids: the post's own ids for the names it had, else the id of a known
term of that name (path), else the term is created on the site once (parents first).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from reeltui.domain.models import Post
from reeltui.domain.titles import TERM_PATH
from reeltui.services.sync.errors import Refused

TAXONOMIES = {"categories": "/wp/v2/categories", "tags": "/wp/v2/tags"}
Known = dict[str, dict[str, dict[str, Any]]]  # taxonomy -> str(id) -> {"name", "parent"}


class TermNames:
    """Display names of term ids, from what the site told us (kept in the sync state)."""

    def __init__(self, known: Known | None = None) -> None:
        self.known: Known = known if known is not None else {}
        for taxonomy in TAXONOMIES:
            self.known.setdefault(taxonomy, {})

    def name(self, taxonomy: str, term_id: int) -> str:
        """ "Parent › Child" for a category under a parent; the name alone otherwise."""
        terms = self.known[taxonomy]
        parts: list[str] = []
        current, seen = str(term_id), set()
        while current in terms and current not in seen and len(parts) < 20:
            seen.add(current)
            parts.append(str(terms[current].get("name", "")))
            current = str(terms[current].get("parent") or 0)
        return TERM_PATH.join(reversed(parts))

    def category(self, term_id: int) -> str:
        return self.name("categories", term_id)

    def tag(self, term_id: int) -> str:
        return self.name("tags", term_id)

    def missing(self, taxonomy: str, ids: Iterable[int]) -> set[int]:
        """Ids (and ancestors) whose name is not known yet."""
        terms = self.known[taxonomy]
        wanted = set()
        for term_id in ids:
            current, steps = str(term_id), 0
            while steps < 20:
                if current not in terms:
                    wanted.add(int(current))
                    break
                current = str(terms[current].get("parent") or 0)
                if current == "0":
                    break
                steps += 1
        return {i for i in wanted if i > 0}

    def add(self, taxonomy: str, items: Iterable[Any]) -> None:
        for item in items:
            if isinstance(item, dict) and "id" in item:
                self.known[taxonomy][str(item["id"])] = {
                    "name": html.unescape(str(item.get("name") or "")),
                    "parent": int(item.get("parent") or 0),
                }

    def find(self, taxonomy: str, display: str) -> int | None:
        wanted = display.strip().casefold()
        for term_id in self.known[taxonomy]:
            if self.name(taxonomy, int(term_id)).casefold() == wanted:
                return int(term_id)
        return None


def fetch_names(client: Any, names: TermNames, taxonomy: str, ids: Iterable[int]) -> None:
    """Read the terms (and their parents) not known yet, 100 per call."""
    wanted = names.missing(taxonomy, ids)
    for _ in range(20):  # parents of parents...
        if not wanted:
            return
        chunk_ids = sorted(wanted)
        for start in range(0, len(chunk_ids), 100):
            chunk = ",".join(map(str, chunk_ids[start : start + 100]))
            try:
                found = client.collect(
                    TAXONOMIES[taxonomy], include=chunk, _fields="id,name,parent"
                )
            except Refused:
                return  # names are a nicety: ids without a readable name stay unnamed
            names.add(taxonomy, found)
        before, wanted = wanted, names.missing(taxonomy, wanted)
        if wanted >= before:
            return  # the site did not give them: stop asking


class TermIds:
    """Names -> ids for a push; a name the site does not have is created once."""

    def __init__(self, client: Any, names: TermNames) -> None:
        self.client = client
        self.names = names

    def ids(self, taxonomy: str, post: Post) -> list[int]:
        shown = post.categories if taxonomy == "categories" else post.tags
        own = self._own(taxonomy, post)
        found: list[int] = []
        for display in shown:
            if not display.strip():
                continue
            term_id = own.get(display.casefold()) or self.names.find(taxonomy, display)
            if term_id is None:
                term_id = self._create(taxonomy, display)
            if term_id not in found:
                found.append(term_id)
        return found

    def _own(self, taxonomy: str, post: Post) -> dict[str, int]:
        key = "wp_categories" if taxonomy == "categories" else "wp_tags"
        ids = [int(i) for i in post.source.get(key, "").split(",") if i.isdigit()]
        return {self.names.name(taxonomy, i).casefold(): i for i in ids}

    def _create(self, taxonomy: str, display: str) -> int:
        if taxonomy == "categories":
            parts = [p.strip() for p in display.split(TERM_PATH.strip()) if p.strip()]
        else:
            parts = [display.strip()]
        parent, path = 0, []
        for part in parts:
            path.append(part)
            known = self.names.find(taxonomy, TERM_PATH.join(path))
            if known is not None:
                parent = known
                continue
            body: dict[str, Any] = {"name": part}
            if taxonomy == "categories":
                body["parent"] = parent
            try:
                made = self.client.post(TAXONOMIES[taxonomy], body)
                term_id = int(made["id"])
            except Refused as exc:
                existing = exc.data.get("term_id") if isinstance(exc.data, dict) else None
                if exc.code != "term_exists" or not existing:
                    raise
                term_id = int(existing)
            self.names.add(taxonomy, [{"id": term_id, "name": part, "parent": parent}])
            parent = term_id
        return parent
