"""A writer's search answers with the rowids of the posts (a trigram's hits, or the few posts
lacking a dense word) read from SQLite as one JSON array, decoded in C: no comma-separated
text split and each piece made an int in Python (2 ms for the 10,000 hits of "lindq" at
50,000 posts, 8 ms for the 48,000 of "lin"). The posts found are those of a plain scan."""

from __future__ import annotations

from pathlib import Path

from reeltui.domain.idsets import AllBut, Coded
from reeltui.services.query import find_posts
from reeltui.services.session import open_blog
from reeltui.store import searchanswer
from tests.unit.test_search_lacking import NOBODY, _plain, _statements, _texts
from tests.unit.test_search_lacking import archive as archive  # (the module's fixture)


def test_the_rowids_of_a_match_come_as_one_json_array(archive: Path) -> None:
    with open_blog(archive) as blog:
        search = blog.search_index()
        search.prepare()
        search.text_ids("harbor")  # (the first search reads the rowids' post ids once)
        texts, seen = _texts(blog), _statements(blog)
        decoded: list[int] = []
        loads = getattr(searchanswer, "rowids", None)  # (main's code had none: text split)

        def counted(found: str | None) -> list[int]:
            assert loads is not None
            codes = loads(found)
            decoded.append(len(codes))
            return codes

        searchanswer.rowids = counted  # type: ignore[assignment]
        try:
            kinds = set()
            # (a trigram in a few posts, in most, inside a dense word; none; two words)
            for word in ("harbor", "notes", "har", "lin", "kubrick", "harbor lindq"):
                seen.clear()
                decoded.clear()
                search._words.changed()  # (asked again: not the answer remembered)
                found = [r.post.id for r in find_posts(blog, word, writer=NOBODY)]
                assert found == _plain(blog, word, texts), word
                asked = [s for s in seen if not s.startswith("--")]  # (not FTS5's own)
                assert asked and all("json_group_array" in s for s in asked), (word, asked)
                assert "group_concat" not in " ".join(asked), word
                assert len(decoded) == len(word.split()), (word, decoded)
                kinds.update(type(search.text_ids(w)).__name__ for w in word.split())
            assert {Coded.__name__, AllBut.__name__} <= kinds
        finally:
            searchanswer.rowids = loads  # type: ignore[assignment]
