"""The Blog's caches are read by worker threads (search, stats, the own-people count, the
inbox) while the app's save queue changes them in its writer thread (issue #18's thread
rule): walking the posts' summaries while new posts are saved never fails."""

from __future__ import annotations

import threading

from reeltui.domain.models import Post
from reeltui.services import Blog


def test_walking_the_summaries_while_posts_are_saved_never_fails(blog: Blog) -> None:
    known = blog.posts()
    author = known[0].author  # one of the blog's authors: no recount, only new rows
    errors: list[BaseException] = []
    done = threading.Event()

    def walk_all_the_time() -> None:
        try:
            while not done.is_set():
                blog.queued_counts()  # the outbox's figures per post
                blog.comments_where(lambda s: False)  # the inbox's filter
                blog.orphan_comments()  # check's walk
                blog.counted_with()  # the own-people count
        except BaseException as error:  # handed to the test
            errors.append(error)

    walkers = [threading.Thread(target=walk_all_the_time) for _ in range(2)]
    for walker in walkers:
        walker.start()
    try:
        with blog.held():  # as the save queue does; kept in memory: the caches are the point
            for number in range(1500):
                blog.save_post(
                    Post(id=f"race-{number}", slug=f"race-{number}", title="Race", author=author)
                )
                if errors:
                    break
    finally:
        done.set()
        for walker in walkers:
            walker.join()
    assert errors == []
    assert len(blog.posts()) == len(known) + 1500
