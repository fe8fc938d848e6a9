"""Posts -> Markdown files with YAML front matter, read back exactly by `frontmatter`.

Strings are written double-quoted with YAML escapes for anything a YAML reader could bend
(control characters, line separators, byte-order marks), so the reader (BaseLoader: every
scalar is a string) gets back exactly what was written. Comments live in the front matter,
as readable block literals where that is exact, quoted strings otherwise.
"""

from __future__ import annotations

import re

from reeltui.domain.models import Comment, Post
from reeltui.domain.text import slugify

# Characters written as they are inside double quotes; everything else is escaped.
_UNSAFE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_UNSAFE_BLOCK = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


_DAY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:$|[T ])")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def quote(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`."""
    return '"' + _UNSAFE.sub(_escape, text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _nullable(text: str | None) -> str:
    return "null" if text is None else quote(text)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(quote(i) for i in items) + "]"


def _mapping(values: dict[str, str]) -> str:
    return "{" + ", ".join(f"{quote(k)}: {quote(v)}" for k, v in values.items()) + "}"


def _block_ok(text: str) -> bool:
    """Can `text` be a `|-` block literal that reads back exactly?"""
    if not text or text[0] in " \n\t" or text[-1] in " \n\t" or _UNSAFE_BLOCK.search(text):
        return False
    return all(line.strip(" ") or not line for line in text.split("\n"))


def _body_field(text: str, indent: str) -> str:
    if _block_ok(text):
        lines = "\n".join(f"{indent}  {line}" if line else "" for line in text.split("\n"))
        return f"{indent}body: |-\n{lines}\n"
    return f"{indent}body: {quote(text)}\n"


def _comment(c: Comment) -> str:
    head = f"  - id: {quote(c.id)}\n"
    fields = [
        ("parent", _nullable(c.parent_id)),
        ("author", quote(c.author)),
        ("email", quote(c.email)),
        ("url", quote(c.url)),
        ("date", quote(c.date)),
        ("status", quote(c.status)),
        ("kind", quote(c.kind)),
        ("origin", quote(c.origin)),
    ]
    if c.origin != "imported" or c.sync_state is not None:
        fields.append(("sync_state", _nullable(c.sync_state)))
    if c.sync_error:
        fields.append(("sync_error", quote(c.sync_error)))
    if c.remote_id:
        fields.append(("remote_id", quote(c.remote_id)))
    if c.source:
        fields.append(("source", _mapping(c.source)))
    return head + "".join(f"    {k}: {v}\n" for k, v in fields) + _body_field(c.body, "    ")


def post_to_text(post: Post, comments: list[Comment]) -> str:
    """The Markdown document for `post`: YAML front matter (comments included), then the body."""
    lines = [
        f"id: {quote(post.id)}",
        f"title: {quote(post.title)}",
        f"slug: {quote(post.slug)}",
        f"author: {quote(post.author)}",
        f"date: {quote(post.date)}",
        f"modified: {quote(post.modified)}",
        f"status: {quote(post.status)}",
        f"sticky: {'true' if post.sticky else 'false'}",
        f"categories: {_flow(post.categories)}",
        f"tags: {_flow(post.tags)}",
        f"excerpt: {quote(post.excerpt)}",
        f"rating: {'null' if post.rating is None else repr(float(post.rating))}",
    ]
    film = post.film
    if not film.is_empty():
        year = "null" if film.year is None else str(int(film.year))
        lines += [
            "film:",
            f"  title: {quote(film.title)}",
            f"  year: {year}",
            f"  director: {quote(film.director)}",
            f"  cast: {_flow(film.cast)}",
        ]
    if post.source:
        lines.append(f"source: {_mapping(post.source)}")
    head = "\n".join(lines) + "\n"
    if comments:
        head += "comments:\n" + "".join(_comment(c) for c in comments)
    body = post.body if post.body.endswith("\n") or not post.body else post.body + "\n"
    return f"---\n{head}---\n\n{body}"


HEAD = b'---\nid: "'  # how every file `post_to_text` writes begins


def file_name(post: Post, taken: set[str]) -> str:
    """A safe, unique file name for the post, Jekyll's way when it has a date
    ("2014-01-11-her.md", "2014-01-11-her-2.md"...), else "her.md"."""
    base = slugify(post.slug) if slugify(post.slug) != "untitled" else slugify(post.title)
    if _DAY.match(post.date):
        base = f"{post.date[:10]}-{base}"
    name, n = f"{base}.md", 2
    while name in taken:
        name, n = f"{base}-{n}.md", n + 1
    taken.add(name)
    return name
