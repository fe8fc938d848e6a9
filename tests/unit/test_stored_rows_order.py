"""`posts --json`'s default order (newest first) is made by sorting one text per row, its
date and title joined by a NUL (services/stored_rows.py): the same order as the (date,
title) pairs of `SORTS["date"]`, ties and all, without a key function called per row."""

from __future__ import annotations

import random
from typing import Any

import pytest

from reeltui.services import stored_rows
from reeltui.services.stored_rows import SORTS, Rows, select

DATES = ["2024-05-01T10:00:00+00:00", "2024-05-01T10:00:00+00:00", "2024-05-01", "2023-12-31", ""]
TITLES = ["Alien", "Alien 2", "alien", "Été", "Zed", "", "Alien\x01", "Ünder"]


def _rows(seed: int, count: int = 300) -> Rows:
    """Rows sharing dates (and titles), undated ones, a date that is the start of another,
    titles that are the start of others or hold a control character."""
    rng = random.Random(seed)
    rows: Rows = []
    for i in range(count):
        row: dict[str, Any] = {"date": rng.choice(DATES), "title": rng.choice(TITLES)}
        rows.append((f"p{i:04d}", row))
    return rows


def _by_pairs(rows: Rows) -> Rows:
    key = SORTS["date"]
    return sorted(rows, key=lambda r: key(r[1]), reverse=True)


@pytest.mark.parametrize("seed", range(20))
def test_the_joined_texts_give_the_pairs_order(seed: int) -> None:
    rows = _rows(seed)
    assert select(rows, None, "date") == _by_pairs(rows)


@pytest.mark.parametrize(
    "odd",
    [
        pytest.param({"date": "2024-05-01\x00T", "title": "A"}, id="a NUL in a date"),
        pytest.param({"date": "2024-05-01", "title": "A\x00B"}, id="a NUL in a title"),
        pytest.param({"title": "no date"}, id="no date"),
        pytest.param({"date": "2024-05-01"}, id="no title"),
    ],
)
def test_rows_the_texts_cannot_order_take_the_pairs(odd: dict[str, Any]) -> None:
    rows = [*_rows(7, 50), ("odd", odd), *_rows(8, 50)]
    assert select(rows, None, "date") == _by_pairs(rows)


def test_no_key_function_is_called_per_row(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _rows(3, 500)
    expected = _by_pairs(rows)
    calls: list[object] = []
    key = SORTS["date"]

    def counted(row: Any) -> Any:
        calls.append(row)
        return key(row)

    monkeypatch.setitem(stored_rows.SORTS, "date", counted)
    assert select(rows, None, "date") == expected
    assert select(rows, "draft", "date") == expected  # (a row without a status: a draft)
    assert select(rows, "published", "date") == []
    assert calls == []
