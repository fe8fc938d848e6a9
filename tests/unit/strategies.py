"""Hypothesis strategies: posts and comments as the readers produce them (canonical form)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from reeltui.domain.models import (
    COMMENT_KINDS,
    COMMENT_STATUSES,
    POST_STATUSES,
    Comment,
    Film,
    Post,
)
from reeltui.domain.titles import safe_slug
from reeltui.formats import Parsed

_NULLISH = {"", "null", "~", "none", "0"}

text = st.text(max_size=40)
line = text.map(str.strip).filter(bool)
ident = line.filter(lambda s: s.lower() not in _NULLISH)
names = st.lists(line, max_size=4, unique=True)

dates = st.one_of(
    st.just(""),
    st.datetimes(
        min_value=dt.datetime(1900, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.sampled_from(
            [
                dt.UTC,
                dt.timezone(dt.timedelta(hours=2)),
                dt.timezone(dt.timedelta(hours=-5, minutes=-30)),
            ]
        ),
    ).map(lambda d: d.replace(microsecond=0).isoformat()),
)


def canonical_body(body: str) -> str:
    """A post body as the Markdown reader keeps it."""
    body = body.replace("\r", "").lstrip("\n")
    return body.rstrip() + "\n" if body.strip() else ""


bodies = st.text(max_size=300).map(canonical_body)
ratings = st.one_of(st.none(), st.integers(0, 10).map(lambda n: n / 2))
films = st.builds(
    Film,
    title=text,
    year=st.one_of(st.none(), st.integers(1880, 2100)),
    director=text,
    cast=names,
)
sources = st.dictionaries(line, text, max_size=3)


@st.composite
def comments_for(draw: st.DrawFn, post_id: str) -> list[Comment]:
    ids = draw(st.lists(ident, max_size=4, unique=True))
    out = []
    for index, comment_id in enumerate(ids):
        origin = draw(st.sampled_from(["imported", "local"]))
        parent = draw(st.one_of(st.none(), st.sampled_from(ids[:index]))) if index else None
        out.append(
            Comment(
                id=comment_id,
                post_id=post_id,
                parent_id=parent,
                author=draw(text),
                email=draw(text),
                url=draw(text),
                date=draw(dates),
                body=draw(st.text(max_size=120).map(lambda s: s.replace("\r", "").rstrip("\n"))),
                status=draw(st.sampled_from(COMMENT_STATUSES)),
                kind=draw(st.sampled_from(COMMENT_KINDS)),
                origin=origin,
                sync_state=draw(st.sampled_from(["local", "queued", "sent", "failed"]))
                if origin == "local"
                else None,
                sync_error=draw(text) if origin == "local" else "",
                remote_id=draw(st.one_of(st.just(""), st.text(alphabet="0123456789", max_size=4))),
                source=draw(sources),
            )
        )
    return out


@st.composite
def parsed_posts(draw: st.DrawFn) -> Parsed:
    post = Post(
        id=draw(ident),
        slug=draw(line.map(safe_slug).filter(bool)),  # as slugs enter a store
        title=draw(line),
        author=draw(text),
        date=draw(dates),
        modified=draw(dates),
        status=draw(st.sampled_from(POST_STATUSES)),
        categories=draw(names),
        tags=draw(names),
        excerpt=draw(text),
        body=draw(bodies),
        rating=draw(ratings),
        film=draw(films),
        sticky=draw(st.booleans()),
        source=draw(sources),
    )
    return Parsed(post, draw(comments_for(post.id)))
