"""The operations the crash test's child performs, by name.

Each operation is split in two so that the parent can judge what it finds after a kill:

- `plan(blog, n, rng)` decides what the operation will do and returns a small JSON-able dict
  holding at least "key" (what the change is about: a later acknowledged plan with the same key
  supersedes an earlier one) and "n" (a number that grows with every operation);
- `apply(blog, plan)` performs it through the project's real services and store code; when it
  returns, the change is acknowledged (the child prints "ack" and the plan);
- `verify(blog, plan, newer)` returns a list of problems: what of the acknowledged `plan` is
  missing from the store. `newer` holds the plans of operations on the same key that began
  after it but were never acknowledged (the child was killed): their effect may or may not be
  there.

Add an operation (autosave, import, sync...) with `register(Operation(...))` in any module
and pass that module to the crash test with `--plugin module.name`.
"""

from __future__ import annotations

import random
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reeltui.domain.models import Comment, Post
from reeltui.services import Blog, outbox
from reeltui.store import NotFound, records, state

Plan = dict[str, Any]


@dataclass(frozen=True)
class Operation:
    name: str
    plan: Callable[[Blog, int, random.Random], Plan]
    apply: Callable[[Blog, Plan], None]
    verify: Callable[[Blog, Plan, list[Plan]], list[str]]
    weight: int = 1


REGISTRY: dict[str, Operation] = {}


def register(op: Operation) -> Operation:
    REGISTRY[op.name] = op
    return op


_ENTRIES: weakref.WeakKeyDictionary[Blog, list[outbox.Entry]] = weakref.WeakKeyDictionary()


def _entries(blog: Blog) -> list[outbox.Entry]:
    """The outbox, read once per verification pass (the parent opens a new Blog each time)."""
    if blog not in _ENTRIES:
        _ENTRIES[blog] = outbox.entries(blog)
    return _ENTRIES[blog]


_REV = re.compile(r"<!-- rev (\d+) -->")
PARAGRAPH = "A long paragraph of a review, about pacing, framing and the score. " * 40


def _rev_of(body: str) -> int:
    found = _REV.findall(body)
    return int(found[-1]) if found else -1


# -- save a post (Blog.save_post): new posts and new versions of the crash test's posts --------


def _plan_post(blog: Blog, n: int, rng: random.Random) -> Plan:
    mine = sorted(p.id for p in blog.posts() if p.id.startswith("crash-p"))
    post_id = rng.choice(mine) if mine and rng.random() < 0.7 else f"crash-p{n}"
    return {"key": f"post:{post_id}", "n": n, "id": post_id, "paras": rng.randint(1, 6)}


def _apply_post(blog: Blog, plan: Plan) -> None:
    body = "\n\n".join([PARAGRAPH] * plan["paras"]) + f"\n\n<!-- rev {plan['n']} -->"
    n, post_id = plan["n"], plan["id"]
    blog.save_post(
        Post(id=post_id, slug=post_id, title=f"Crash post {n}", body=body, status="draft")
    )


def _verify_post(blog: Blog, plan: Plan, newer: list[Plan]) -> list[str]:
    try:
        post = records.get_post(blog.store, plan["id"])
    except NotFound:
        return [f"post {plan['id']} (saved at op {plan['n']}) is missing"]
    rev = _rev_of(post.body)
    if rev < plan["n"]:
        return [f"post {plan['id']}: acknowledged version {plan['n']}, found {rev}"]
    return []


# -- write a draft (state.put_draft, what autosave does first) --------------------------------


def _plan_draft(blog: Blog, n: int, rng: random.Random) -> Plan:
    post = rng.choice(sorted(blog.posts(), key=lambda p: p.id))
    return {"key": f"draft:{post.id}", "n": n, "id": post.id, "paras": rng.randint(1, 4)}


def _apply_draft(blog: Blog, plan: Plan) -> None:
    post = blog.post(plan["id"])
    body = post.body + f"\n\n{PARAGRAPH * plan['paras']}\n\n<!-- rev {plan['n']} -->"
    draft = Post.from_dict({**post.to_dict(), "body": body})
    state.put_draft(blog.store, draft, saved_at=outbox.now())


def _verify_draft(blog: Blog, plan: Plan, newer: list[Plan]) -> list[str]:
    found = state.get_draft(blog.store, plan["id"])
    if found is None:
        return [f"draft of {plan['id']} (saved at op {plan['n']}) is missing"]
    rev = _rev_of(found[0].body)
    if rev < plan["n"]:
        return [f"draft of {plan['id']}: acknowledged version {plan['n']}, found {rev}"]
    return []


# -- queue a local reply (outbox.queue_reply) ----------------------------------------------------


def _plan_reply(blog: Blog, n: int, rng: random.Random) -> Plan:
    post = rng.choice(sorted(blog.posts(), key=lambda p: p.id))
    parents = sorted(c.id for c in blog.comments(post.id))
    parent = rng.choice(parents) if parents and rng.random() < 0.8 else None
    return {"key": f"reply:{n}", "n": n, "id": f"crash-c{n}", "post": post.id, "parent": parent}


def _apply_reply(blog: Blog, plan: Plan) -> None:
    reply = Comment(
        id=plan["id"],
        post_id=plan["post"],
        parent_id=plan["parent"],
        author="Crash Tester",
        date=outbox.now(),
        body=f"Thanks for reading! (reply {plan['n']})",
        origin="local",
        sync_state="local",
    )
    outbox.queue_reply(blog, reply)


def _verify_reply(blog: Blog, plan: Plan, newer: list[Plan]) -> list[str]:
    try:
        comment = records.get_comment(blog.store, plan["id"])
    except NotFound:
        return [f"reply {plan['id']} is missing"]
    problems = []
    if comment.sync_state != "queued":
        problems.append(f"reply {plan['id']} is {comment.sync_state}, not queued")
    if not any(e.kind == "reply" and e.comment_id == plan["id"] for e in _entries(blog)):
        problems.append(f"reply {plan['id']} has no outbox entry")
    return problems


# -- moderate a comment (status change + outbox entry, in one batch) -----------------------------

TARGET = {"approve": "approved", "unapprove": "pending", "spam": "spam", "trash": "trash"}


def _plan_moderate(blog: Blog, n: int, rng: random.Random) -> Plan:
    posts = sorted(p.id for p in blog.posts() if p.comments)
    rng.shuffle(posts)
    comments: list[str] = []
    for post_id in posts:  # a post with readers' comments (not only the crash test's replies)
        comments = sorted(c.id for c in blog.comments(post_id) if c.origin == "imported")
        if comments:
            break
    comment_id = rng.choice(comments)
    action = rng.choice(sorted(TARGET))
    return {"key": f"moderate:{comment_id}", "n": n, "id": comment_id, "action": action}


def _apply_moderate(blog: Blog, plan: Plan) -> None:
    comment = blog.comment(plan["id"])
    comment.status = TARGET[plan["action"]]
    with blog.store.batch():
        blog.save_comment(comment)
        entry = outbox.add(blog, "moderate", comment.id, plan["action"])
    plan["entry"] = entry.id  # printed with the acknowledgement


def _verify_moderate(blog: Blog, plan: Plan, newer: list[Plan]) -> list[str]:
    problems = []
    entry_ids = {e.id for e in _entries(blog) if e.kind == "moderate"}
    if plan.get("entry") not in entry_ids:
        problems.append(f"moderation {plan.get('entry')} of {plan['id']} is not in the outbox")
    status = records.get_comment(blog.store, plan["id"]).status
    allowed = {TARGET[p["action"]] for p in [plan, *newer]}
    if status not in allowed:
        problems.append(f"comment {plan['id']} is {status}, acknowledged {plan['action']}")
    return problems


register(Operation("save_post", _plan_post, _apply_post, _verify_post, weight=2))
register(Operation("draft", _plan_draft, _apply_draft, _verify_draft, weight=3))
register(Operation("reply", _plan_reply, _apply_reply, _verify_reply, weight=2))
register(Operation("moderate", _plan_moderate, _apply_moderate, _verify_moderate, weight=2))
