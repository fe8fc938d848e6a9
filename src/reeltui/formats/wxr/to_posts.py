"""WXR items -> posts and comments (one <item> element at a time)."""

from __future__ import annotations

from typing import Any, TypeVar
from xml.etree.ElementTree import Element

from reeltui.domain.models import COMMENT_KINDS, SYNC_STATES, Comment, Film, Post, member
from reeltui.domain.rating import parse_rating, validate_rating
from reeltui.domain.text import slugify
from reeltui.domain.vocab import CommentOrigin
from reeltui.formats import Parsed, ReadResult, Skip
from reeltui.formats.html2md import html_to_markdown
from reeltui.formats.html_depth import MAX_DEPTH, limit_depth
from reeltui.formats.local_state import OutboxItem
from reeltui.formats.wxr import local_meta
from reeltui.formats.wxr.mapping import (
    COMMENT_STATUS_IN,
    META_KEY,
    POST_STATUS_IN,
    as_read,
    date_in,
    html_digest,
    meta_load,
    short_tag,
)
from reeltui.formats.wxr.site_text import read_site_text

T = TypeVar("T", str, list[str])


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
            _exact(own, "excerpt", fields.get("excerpt:encoded", "")),
        )
        body, exact = text.body, text.exact
        title = _exact(own, "title", as_read("title", fields.get("title", "")))
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
        date = _exact(own, "date", date)
        modified, _ = date_in(
            fields.get("wp:post_modified", ""), fields.get("wp:post_modified_gmt", "")
        )
        modified = _exact(own, "modified", modified)
        extra = own.get("source")
        if isinstance(extra, dict):
            source = {**{str(k): str(v) for k, v in extra.items()}, **source}
        post_id = own.get("id") if isinstance(own.get("id"), str) and own.get("id") else None
        slug = _exact(own, "slug", as_read("slug", fields.get("wp:post_name", "")))
        slug = slug or slugify(title)
        post = Post(
            id=post_id or f"p-wxr-{next(iter(source.values()))}",
            slug=slug,
            title=title,
            author=_exact(
                own, "author", as_read("author", self.author(fields.get("dc:creator", "").strip()))
            ),
            date=date,
            modified=modified,
            status=status,
            categories=_exact(own, "categories", categories),
            tags=_exact(own, "tags", tags),
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
            comment = _comment(fields, own, unique, post.id)
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


def _exact(own: dict[str, Any], key: str, value: T) -> T:
    """The exact value reeltui exported, if the XML still says what reeltui wrote then."""
    if not own:
        return value  # not exported by reeltui: nothing to restore
    pair = own.get("exact", {}).get(key) if isinstance(own.get("exact"), dict) else None
    if not isinstance(pair, list) or len(pair) != 2 or pair[0] != value:
        return value
    exact = pair[1]
    if isinstance(value, str) and isinstance(exact, str):
        return exact
    if (
        isinstance(value, list)
        and isinstance(exact, list)
        and all(isinstance(x, str) for x in exact)
    ):
        return exact
    return value


def _body(html: str, own: dict[str, Any]) -> tuple[str, bool]:
    """Markdown for a comment: reeltui's own source if the HTML is what reeltui exported."""
    markdown = own.get("markdown")
    if isinstance(markdown, str) and own.get("html") == html_digest(html):
        return markdown, True
    return html_to_markdown(html), False


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


def _comment(fields: dict[str, str], own: dict[str, Any], raw_id: str, post_id: str) -> Comment:
    html = fields.get("wp:comment_content", "")
    body, exact = _body(html, own)
    date, _ = date_in(fields.get("wp:comment_date", ""), fields.get("wp:comment_date_gmt", ""))
    date = _exact(own, "date", date)
    kind = fields.get("wp:comment_type", "").strip() or "comment"
    approved = fields.get("wp:comment_approved", "")
    status = COMMENT_STATUS_IN.get(approved.strip(), "pending")
    origin: CommentOrigin = "local" if own.get("origin") == "local" else "imported"
    status = local_meta.status_in(own, approved, status) if own else status
    kept = own.get("sync_state")  # a reply of ours: where it stands
    local = origin == "local" and kept in SYNC_STATES
    sync_state = member(SYNC_STATES, kept, "sync state") if local else None
    source = {"wxr": raw_id}
    if isinstance(own.get("source"), dict):
        source = {**{str(k): str(v) for k, v in own["source"].items()}, **source}
    own_id = own.get("id")
    return Comment(
        id=own_id if isinstance(own_id, str) and own_id else f"c-wxr-{raw_id}",
        post_id=post_id,
        author=_exact(own, "author", as_read("author", fields.get("wp:comment_author", ""))),
        email=_exact(own, "email", as_read("email", fields.get("wp:comment_author_email", ""))),
        url=_exact(own, "url", as_read("url", fields.get("wp:comment_author_url", ""))),
        date=date,
        body=body if exact else body.rstrip("\n"),
        status=status,
        kind=kind if kind in COMMENT_KINDS else "comment",
        origin=origin,
        sync_state=sync_state,
        sync_error=str(own.get("sync_error", "")) if origin == "local" else "",
        remote_id=str(own.get("remote_id", "")),
        source=source,
    )
