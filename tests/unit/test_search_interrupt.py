"""A keystroke stops the text search of the keystroke before (`PostSearch.interrupt`), and
only that: the interrupt used to land on whatever the index's connection ran, and the first
letters typed while the index was being made broke it ("interrupted"), after which every
search of the session read every post's file."""

from __future__ import annotations

import threading
from pathlib import Path

from reeltui.domain.models import Post
from reeltui.services.session import open_blog
from tests import archives


def test_interrupts_while_the_index_is_made_leave_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "store"
    archives.write(path, 1500, words=300)
    with open_blog(path) as blog:
        search = blog.search_index()
        blog.posts()
        making = threading.Thread(target=search.prepare)
        making.start()
        interrupts = 0
        while making.is_alive():  # a burst of keystrokes, each stopping "the" search
            search.interrupt()
            interrupts += 1
        making.join()
        assert interrupts > 100
        assert not search.cache.broken, search.cache.broken
        assert search.cache.signatures().keys() >= {f"p{i}" for i in range(1500)}
        assert search.text_ids("tag1234x") == {"p1234"}


def test_hits_name_the_posts_saved_and_removed_after_the_first_search(tmp_path: Path) -> None:
    """The writer maps the index's rows to post ids itself (no join per hit): a post indexed
    after the first search is found, one removed from the index is not."""
    with open_blog(tmp_path / "store") as blog:
        search = blog.search_index()
        assert search.text_ids("lighthouse keeper") == set()
        blog.save_post(Post(id="n1", slug="n1", title="New", body="The lighthouse keeper."))
        assert search.text_ids("lighthouse keeper") == {"n1"}
        assert search.text_ids("e") >= {"n1"}  # (short: the scan of the text)
        search.cache.remove(["n1"])
        assert search.text_ids("lighthouse keeper") == set()
    with open_blog(tmp_path / "store", read_only=True) as reader:  # a reader joins
        assert reader.search_index().cache.search("lighthouse keeper") == set()
