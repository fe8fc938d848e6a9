"""A post's site HTML: kept as it came, changed only where the writer changed the Markdown.

`keep_site_text` is called by everything that writes an edited post (the editor's save, an
import of Markdown files over a post from the site): the edited Markdown is spliced into the
kept HTML there and then, so an export and a sync push send `post.html` as it is.
`source["html_for"]` fingerprints the Markdown the kept HTML goes with; `site_html` checks it,
and splices again should a post ever reach it with a body its HTML does not go with.
"""

from __future__ import annotations

import dataclasses
import hashlib

from reeltui.domain.models import Post
from reeltui.formats.blockedit import splice_post
from reeltui.formats.blockwrite import excerpt_html, serialize
from reeltui.formats.siteview import site_markdown

MARK = "html_for"


def mark(body: str, excerpt: str) -> str:
    """A fingerprint of the Markdown (body and excerpt) a kept HTML goes with."""
    data = (
        body.encode("utf-8", "surrogatepass") + b"\x00" + excerpt.encode("utf-8", "surrogatepass")
    )
    return hashlib.sha256(data).hexdigest()[:16]


def excerpt_markdown(html: str) -> str:
    """The excerpt as the writer sees it: its Markdown on one line (the form's excerpt field
    is one line; an excerpt of two paragraphs shows them one after the other)."""
    return " ".join(site_markdown(html).split())


def from_site(post: Post, html: str, excerpt: str) -> Post:
    """`post` with the site's HTML kept and its Markdown views made from it."""
    body, short = site_markdown(html), excerpt_markdown(excerpt)
    source = {**post.source, MARK: mark(body, short)} if html or excerpt else post.source
    return dataclasses.replace(
        post, body=body, excerpt=short, html=html, excerpt_html=excerpt, source=source
    )


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


def keep_site_text(base: Post, edited: Post) -> Post:
    """`edited` with the HTML of `base` kept: spliced where its body or excerpt changed.

    An `edited` that brings HTML of its own (a revision restored, a post imported from a site
    export) keeps it. A post without kept HTML is left as it is.
    """
    if not (base.html or base.excerpt_html):
        return edited
    html, short = edited.html, edited.excerpt_html
    if html in ("", base.html) and base.html:
        html = splice_post(base.html, base.body, edited.body)
    if short in ("", base.excerpt_html) and base.excerpt_html:
        if _same_words(edited.excerpt, base.excerpt):
            short = base.excerpt_html
        else:
            short = splice_post(base.excerpt_html, base.excerpt, edited.excerpt)
    source = {**edited.source, MARK: mark(edited.body, edited.excerpt)}
    return dataclasses.replace(edited, html=html, excerpt_html=short, source=source)


def site_html(post: Post) -> str:
    """The content to send to the site or export: the kept HTML (spliced should the body have
    changed without it), or serialized core blocks for a post written here."""
    if not post.html:
        return serialize(post.body)
    if post.source.get(MARK) == mark(post.body, post.excerpt):
        return post.html
    view = site_markdown(post.html)
    return post.html if view == post.body else splice_post(post.html, view, post.body)


def site_excerpt(post: Post) -> str:
    """The excerpt to send or export, as HTML (never raw Markdown)."""
    if not post.excerpt_html:
        return excerpt_html(post.excerpt)
    if post.source.get(MARK) == mark(post.body, post.excerpt):
        return post.excerpt_html
    view = excerpt_markdown(post.excerpt_html)
    if _same_words(view, post.excerpt):
        return post.excerpt_html
    return splice_post(post.excerpt_html, view, post.excerpt)
