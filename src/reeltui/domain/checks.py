"""Value checks of the validation gate: each says what is wrong with a value (or None), and
has a fast form, a Python expression that is true when the value is fine.

The fast forms of a record's fields are compiled into one function (`compile_accept`), so
reading 50,000 rows of the posts index costs a few C-level tests per field; the messages
are built only for a record that fails them. Messages never hold the repr of a huge value.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from reeltui.domain.rating import MAX_RATING

SHOWN = 40  # characters of a bad value quoted in a message
_names = itertools.count()


class Check:
    """`check(value)`: a message, or None; `check.expr("v")`: a fast test of `v`, with the
    helper objects it names in `check.names`."""

    def __init__(
        self,
        message: Callable[[Any], str | None],
        expr: Callable[[str], str],
        names: dict[str, Any] | None = None,
        pred: Callable[[Any], bool] | None = None,
    ) -> None:
        self.message = message
        self.expr = expr
        self.names = names or {}
        self.pred = pred  # a C-level predicate, when there is one (lists test items with it)

    def __call__(self, value: Any) -> str | None:
        return self.message(value)


def show(value: Any) -> str:
    """A short description of a bad value (never the repr of a huge one)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text_ = repr(value)
        return text_ if len(text_) <= SHOWN else text_[:SHOWN] + "…"
    if isinstance(value, str):
        cut = value[:SHOWN].encode("unicode_escape").decode("ascii")
        return f'text "{cut}{"…" if len(value) > SHOWN else ""}"'
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return f"an object of {len(value)} fields"
    return type(value).__name__


def _name(prefix: str) -> str:
    return f"_{prefix}{next(_names)}"


text = Check(
    lambda v: None if isinstance(v, str) else f"expected text, got {show(v)}",
    lambda v: f"type({v}) is str",
    pred=str.__instancecheck__,
)
boolean = Check(
    lambda v: None if isinstance(v, bool) else f"expected true or false, got {show(v)}",
    lambda v: f"type({v}) is bool",
)


def integer(low: int | None = None, high: int | None = None) -> Check:
    def message(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected a whole number, got {show(value)}"
        if (low is not None and value < low) or (high is not None and value > high):
            return f"expected a number from {low} to {high}, got {show(value)}"
        return None

    def expr(v: str) -> str:
        bounds = "".join(
            (f" and {v} >= {low}" if low is not None else "")
            + (f" and {v} <= {high}" if high is not None else "")
        )
        return f"(type({v}) is int{bounds})"

    return Check(message, expr)


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, got {show(value)}"
    if value != value:  # NaN
        return "expected a number, got NaN"
    return None


number = Check(_number, lambda v: f"(type({v}) in (int, float) and {v} == {v})")


def one_of(choices: tuple[str, ...]) -> Check:
    allowed = frozenset(choices)
    name = _name("choices")

    def message(value: Any) -> str | None:
        if isinstance(value, str) and value in allowed:
            return None
        return f"expected one of {', '.join(choices)}; got {show(value)}"

    return Check(message, lambda v: f"(type({v}) is str and {v} in {name})", {name: allowed})


def optional(inner: Check) -> Check:
    return Check(
        lambda v: None if v is None else inner(v),
        lambda v: f"({v} is None or {inner.expr(v)})",
        inner.names,
    )


def list_of(inner: Check) -> Check:
    """A list whose every item passes `inner` (a message names the item: "item 2")."""
    return _every(
        inner, list, "a list", "", lambda v: ((f"item {i}", x) for i, x in enumerate(v, 1))
    )


def mapping_of(inner: Check) -> Check:
    """An object whose every value passes `inner` (a message names the key)."""
    return _every(
        inner, dict, "an object", ".values()", lambda v: ((show(k), x) for k, x in v.items())
    )


def _every(
    inner: Check,
    kind: type,
    what: str,
    values: str,
    named: Callable[[Any], Iterable[tuple[str, Any]]],
) -> Check:
    """A `kind` (list or dict) whose items all pass `inner`: the fast form reaches them as
    `v` + `values`; `named` gives each item with what a message calls it."""

    def message(value: Any) -> str | None:
        if not isinstance(value, kind):
            return f"expected {what}, got {show(value)}"
        for name, item in named(value):
            found = inner(item)
            if found is not None:
                return f"{name}: {found}"
        return None

    def expr(v: str) -> str:
        items = f"{v}{values}"
        if inner.pred is not None:
            return f"(type({v}) is {kind.__name__} and all(map({pred}, {items})))"
        item = f"{v}_"
        return f"(type({v}) is {kind.__name__} and all({inner.expr(item)} for {item} in {items}))"

    pred = _name("pred")
    return Check(message, expr, {**inner.names, pred: inner.pred})


def _iso(value: Any) -> str | None:
    """An ISO 8601 date or date and time, or "" (no date)."""
    if not isinstance(value, str):
        return f"expected an ISO 8601 date, got {show(value)}"
    if value == "":
        return None
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f"expected an ISO 8601 date (2024-05-01T20:00:00), got {show(value)}"
    return None


def _iso_ok(value: str) -> bool:
    try:
        _from_iso(value)
    except ValueError:
        return _iso(value) is None
    return True


iso_date = Check(
    _iso,
    lambda v: f"(type({v}) is str and ({v} == '' or _iso_ok({v})))",
    {"_iso_ok": _iso_ok},
)
_from_iso = dt.datetime.fromisoformat


def _rating(value: Any) -> str | None:
    if value is None:
        return None
    found = _number(value)
    if found is not None:
        return found
    if not 0 <= value <= MAX_RATING or value * 2 != int(value * 2):
        return f"expected 0 to 5 in half steps, got {show(value)}"
    return None


def _rating_expr(v: str) -> str:
    """`_rating(v) is None` without a call (a rating is read per post of the index): a NaN
    or an infinity fails the range test before `int` sees it."""
    number = f"(type({v}) is float or type({v}) is int)"
    return f"({v} is None or ({number} and 0 <= {v} <= _TOP and {v} * 2 == int({v} * 2)))"


rating = Check(_rating, _rating_expr, {"_TOP": MAX_RATING})


def compile_accept(fields: dict[str, tuple[Check, bool]]) -> Callable[[Any], bool]:
    """One function testing a record (a dict) against every field's fast form: True when
    every present field is fine and every required one is present."""
    names: dict[str, Any] = {"_M": object()}
    lines = ["def accept(doc):", "    if type(doc) is not dict:", "        return False"]
    lines.append("    get = doc.get")
    for field, (check, required) in fields.items():
        names.update(check.names)
        lines.append(f"    v = get({field!r}, _M)")
        lines.append("    if v is _M:")
        lines.append("        return False" if required else "        pass")
        lines.append(f"    elif not {check.expr('v')}:")
        lines.append("        return False")
    lines.append("    return True")
    exec("\n".join(lines), names)
    accept: Callable[[Any], bool] = names["accept"]
    return accept


def nested(fields: dict[str, tuple[Check, bool]], describe: Callable[[Any], str | None]) -> Check:
    """A record inside another (a post's film): its fields' checks as one value check."""
    accept = compile_accept(fields)
    name = _name("record")
    return Check(describe, lambda v: f"{name}({v})", {name: accept})
