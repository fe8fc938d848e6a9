"""WXR items -> posts and comments (one <item> element at a time): the item's fields, terms and
meta, the post they make, and its comments threaded (each comment is made in to_comment.py;
the values reeltui exported exactly are restored by exact.py)."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from reeltui.domain.models import Comment, Film, Post
from reeltui.domain.rating import parse_rating, validate_rating
from reeltui.domain.text import slugify
from reeltui.formats import Parsed, ReadResult, Skip
from reeltui.formats.html_depth import MAX_DEPTH, limit_depth
from reeltui.formats.local_state import OutboxItem
from reeltui.formats.wxr import local_meta
from reeltui.formats.wxr.exact import restore
from reeltui.formats.wxr.mapping import (
    META_KEY,
    POST_STATUS_IN,
    as_read,
    date_in,
    meta_load,
    short_tag,
)
from reeltui.formats.wxr.site_text import read_site_text
from reeltui.formats.wxr.to_comment import comment_of


def text_of(elem: Element) -> str:
    return elem.text or ""


class Converter:
    """Turns <item> elements into Parsed posts; collects skips and notes in `result`."""

    def __init__(self, name: str) -> None:
        self.result = ReadResult(source=name)
        self.authors: dict[str, str] = {}
        self.is_wxr = False
        self.seen_posts: set[str] = set()
        self.seen_comments: set[str] = set()
        self.outbox: list[tuple[int, OutboxItem]] = []  # (place in the order, entry)

    def _once(self, raw: str, seen: set[str], what: str) -> str:
        """`raw`, or `raw#2`... when an earlier item of the file used the same id (stable)."""
        unique, n = raw, 2
        while unique in seen:
            unique, n = f"{raw}#{n}", n + 1
        if unique != raw:
            self.result.notes.append(f"{what} id {raw} is used twice in the file; kept as {unique}")
        seen.add(unique)
        return unique

    def add_author(self, elem: Element) -> None:
        fields = {short_tag(c.tag): text_of(c) for c in elem}
        login = fields.get("wp:author_login", "").strip()
        if login:
            self.authors[login] = fields.get("wp:author_display_name", "") or login

    # -- one item ------------------------------------------------------------------------

    def item(self, elem: Element) -> None:
        fields: dict[str, str] = {}
        categories: list[str] = []
        tags: list[str] = []
        meta: dict[str, str] = {}
        raw_comments: list[Element] = []
        for child in elem:
            tag = short_tag(child.tag)
            if tag == "category":
                domain = child.get("domain", "category")
                name = text_of(child).strip()
                if not name:
                    continue
                if domain == "category" and name not in categories:
                    categories.append(name)
                elif domain in ("post_tag", "tag") and name not in tags:
                    tags.append(name)
            elif tag == "wp:postmeta":
                entry = {short_tag(c.tag): text_of(c) for c in child}
                meta[entry.get("wp:meta_key", "")] = entry.get("wp:meta_value", "")
            elif tag == "wp:comment":
                raw_comments.append(child)
            else:
                fields[tag] = text_of(child)
        self.is_wxr = self.is_wxr or "wp:post_type" in fields
        title = fields.get("title", "").strip()
        raw_id = fields.get("wp:post_id", "").strip()
        kind = fields.get("wp:post_type", "").strip()
        label = f"{title or '(no title)'!r}" + (f" (wp:post_id {raw_id})" if raw_id else "")
        if kind != "post":
            why = f"post type {kind}" if kind else "item without wp:post_type"
            self.result.skipped.append(Skip(kind or "no type", label, why, problem=not kind))
            return
        if raw_id:
            source = {"wxr": self._once(raw_id, self.seen_posts, "wp:post_id")}
        elif fields.get("guid", "").strip():
            source = {"wxr_guid": fields["guid"].strip()}
        else:
            self.result.skipped.append(Skip("post", label, "no wp:post_id and no guid"))
            return
        own = meta_load(meta.get(META_KEY, "")) or {}
        self.result.posts.append(self.post(fields, source, categories, tags, own, raw_comments))

    def post(
        self,
        fields: dict[str, str],
        source: dict[str, str],
        categories: list[str],
        tags: list[str],
        own: dict[str, Any],
        raw_comments: list[Element],
    ) -> Parsed:
        html = fields.get("content:encoded", "")
        text = read_site_text(
            html,
            fields.get("excerpt:encoded", ""),
            own,
            restore(own, "excerpt", fields.get("excerpt:encoded", "")),
        )
        body, exact = text.body, text.exact
        title = restore(own, "title", as_read("title", fields.get("title", "")))
        label = f"post {source.get('wxr') or title!r}"
        self.note_depth(label, html)
        status_raw = fields.get("wp:status", "").strip()
        status = POST_STATUS_IN.get(status_raw)
        if status is None:
            status = "draft"
            self.result.notes.append(f"{label}: unknown status {status_raw!r}, imported as draft")
        date, ok = date_in(fields.get("wp:post_date", ""), fields.get("wp:post_date_gmt", ""))
        if not ok:
            self.result.notes.append(f"{label}: unreadable date, left empty")
        date = restore(own, "date", date)
        modified, _ = date_in(
            fields.get("wp:post_modified", ""), fields.get("wp:post_modified_gmt", "")
        )
        modified = restore(own, "modified", modified)
        extra = own.get("source")
        if isinstance(extra, dict):
            source = {**{str(k): str(v) for k, v in extra.items()}, **source}
        post_id = own.get("id") if isinstance(own.get("id"), str) and own.get("id") else None
        slug = restore(own, "slug", as_read("slug", fields.get("wp:post_name", "")))
        slug = slug or slugify(title)
        post = Post(
            id=post_id or f"p-wxr-{next(iter(source.values()))}",
            slug=slug,
            title=title,
            author=restore(
                own, "author", as_read("author", self.author(fields.get("dc:creator", "").strip()))
            ),
            date=date,
            modified=modified,
            status=status,
            categories=restore(own, "categories", categories),
            tags=restore(own, "tags", tags),
            excerpt=text.excerpt,
            body=body,
            rating=_rating(own, body, exact),
            film=_film(own.get("film")),
            sticky=fields.get("wp:is_sticky", "").strip() == "1",
            source=text.source(source),
            html=text.html,
            excerpt_html=text.excerpt_html,
        )
        comments = self.comments(post, raw_comments, label)
        return Parsed(post, comments)

    def note_depth(self, label: str, html: str) -> None:
        dropped = limit_depth(html)[1]
        if dropped:
            self.result.notes.append(
                f"{label}: its HTML nests deeper than {MAX_DEPTH} levels; {dropped} tags below "
                "that were left out (their text is kept)"
            )

    def author(self, login: str) -> str:
        return self.authors.get(login, login)

    def comments(self, post: Post, raw: list[Element], label: str) -> list[Comment]:
        out: list[Comment] = []
        by_raw: dict[str, Comment] = {}
        parents: list[tuple[Comment, str]] = []
        for index, elem in enumerate(raw, 1):
            fields: dict[str, str] = {}
            meta: dict[str, str] = {}
            for child in elem:
                tag = short_tag(child.tag)
                if tag == "wp:commentmeta":
                    entry = {short_tag(c.tag): text_of(c) for c in child}
                    meta[entry.get("wp:meta_key", "")] = entry.get("wp:meta_value", "")
                else:
                    fields[tag] = text_of(child)
            own = meta_load(meta.get(META_KEY, "")) or {}
            raw_id = (
                fields.get("wp:comment_id", "").strip() or f"{post.source.get('wxr', '')}.{index}"
            )
            if raw_id in by_raw:
                self.result.skipped.append(
                    Skip("comment", f"comment {raw_id} of {label}", "duplicate wp:comment_id")
                )
                continue
            unique = self._once(raw_id, self.seen_comments, "wp:comment_id")
            comment = comment_of(fields, own, unique, post.id)
            self.outbox += local_meta.outbox_in(own, comment.id)
            self.note_depth(f"{label}: comment {raw_id}", fields.get("wp:comment_content", ""))
            if comment.status == "pending" and fields.get(
                "wp:comment_approved", ""
            ).strip() not in ("0", ""):
                self.result.notes.append(
                    f"{label}: comment {raw_id} has unknown approval "
                    f"{fields.get('wp:comment_approved')!r}, imported as pending"
                )
            by_raw[raw_id] = comment
            out.append(comment)
            parent = fields.get("wp:comment_parent", "").strip()
            if parent and parent != "0":
                parents.append((comment, parent))
        for comment, parent in parents:
            found = by_raw.get(parent)
            if found is None or found is comment:
                self.result.notes.append(
                    f"{label}: comment {comment.source.get('wxr')} answers comment {parent}, "
                    "which is not in this post; shown at top level"
                )
            else:
                comment.parent_id = found.id
        return out


def _rating(own: dict[str, Any], body: str, exact: bool) -> float | None:
    if exact and "rating" in own:
        try:
            return validate_rating(own["rating"])
        except ValueError:
            pass
    # A lone "⭐️" emoji (star + emoji variation selector) is decoration, not a 1-star rating.
    return parse_rating(body.replace("⭐\ufe0f", ""))


def _film(raw: Any) -> Film:
    if not isinstance(raw, dict):
        return Film()
    year = raw.get("year")
    cast = raw.get("cast")
    return Film(
        title=str(raw.get("title", "")),
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        director=str(raw.get("director", "")),
        cast=[str(c) for c in cast] if isinstance(cast, list) else [],
    )
