"""The gate's fast test of a rating (compiled into each record's test, no call per value)
says yes exactly when the rating's own check finds nothing wrong: NaN, infinities, true and
false, texts, quarter steps and values out of range are refused by both."""

from __future__ import annotations

from typing import Any

import pytest

from reeltui.domain.checks import compile_accept, rating

ACCEPT = compile_accept({"rating": (rating, True)})


@pytest.mark.parametrize(
    "value",
    [
        *(None, 0, 0.5, 4.5, 5, 5.0, 3, 2.5, -0.5, 5.5, 4.25, 0.1, 10**30, 1e308, -1e308),
        *(True, False, float("nan"), float("inf"), -float("inf"), "4", [], {}, "", 4.5000001),
    ],
)
def test_the_fast_test_agrees_with_the_check(value: Any) -> None:
    assert ACCEPT({"rating": value}) == (rating(value) is None)
