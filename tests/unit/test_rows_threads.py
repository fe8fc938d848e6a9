"""The post list's rows are read from the index by one thread while the list's worker selects
from them (issue #18's thread rule): selecting in every order while pages of summaries arrive
never fails ("list modified during sort") and never loses a row."""

from __future__ import annotations

import threading

from reeltui.domain.listing import PostSummary
from reeltui.domain.vocab import SORT_KEYS
from reeltui.services.rows import RowSet


def page(number: int, size: int = 400) -> list[PostSummary]:
    return [
        PostSummary(
            id=f"p{number}-{i}",
            title=f"Review {number:03d}-{i:03d}",
            date=f"20{10 + number % 15:02d}-01-{1 + i % 28:02d}T10:00:00+00:00",
            status="published",
            rating=(i % 11) / 2,
            readers=i % 17,
        )
        for i in range(size)
    ]


def test_selecting_while_pages_arrive_never_fails_nor_loses_a_row() -> None:
    rows = RowSet()
    rows.add(page(0))
    errors: list[BaseException] = []
    done = threading.Event()

    def select_all_the_time() -> None:
        try:
            while not done.is_set():
                for sort in SORT_KEYS:
                    for reverse in (None, True):
                        found = rows.select(None, None, None, None, sort, reverse)
                        assert len({r.post.id for r in found}) == len(found)
        except BaseException as error:  # handed to the test
            errors.append(error)

    readers = [threading.Thread(target=select_all_the_time) for _ in range(2)]
    for reader in readers:
        reader.start()
    for number in range(1, 60):  # the index read page by page, as Blog does at open
        rows.add(page(number))
    done.set()
    for reader in readers:
        reader.join()
    assert errors == []
    assert len(rows.select(None, None, None, None, "date", None)) == 60 * 400
