"""A crash-test operation that acknowledges a change it never saves (the harness must see it)."""

from __future__ import annotations

import random

from benchmarks.crash.ops import Operation, Plan, register

from reeltui.services import Blog
from reeltui.store import NotFound, records


def _plan(blog: Blog, n: int, rng: random.Random) -> Plan:
    return {"key": f"forgetful:{n}", "n": n, "id": f"forgotten-{n}"}


def _apply(blog: Blog, plan: Plan) -> None:
    return None  # says "saved", saves nothing


def _verify(blog: Blog, plan: Plan, newer: list[Plan]) -> list[str]:
    try:
        records.get_post(blog.store, plan["id"])
    except NotFound:
        return [f"post {plan['id']} is missing"]
    return []


register(Operation("forgetful", _plan, _apply, _verify))
