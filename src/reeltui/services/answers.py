"""Readers' answers to a question post: a follow-up draft quoting each answer (its first
lines, with a link to the comment) and tallying the films the answers name, most named first.

The films the blog knows are the film titles of its reviews, of its film diary, and the titles
among its tags
(tags naming people the blog knows — directors, cast, its authors, the commenters — and
its categories are left out). A film counts once per reader who named it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reeltui.domain.films import films_named, not_a_title
from reeltui.domain.identity import name_key
from reeltui.domain.listing import Listed, PostSummary
from reeltui.domain.models import Comment, Post, thread_order
from reeltui.domain.query_eval import is_review, name_words
from reeltui.domain.readers import is_readers_comment
from reeltui.errors import ReelError
from reeltui.services import diary
from reeltui.services.blog import Blog
from reeltui.services.exporting import post_link
from reeltui.services.people import own_people
from reeltui.services.templates import new_post_id

QUOTE_LINES = 2
QUOTE_CHARS = 280


@dataclass(frozen=True, slots=True)
class Answer:
    comment: Comment
    quote: list[str]  # its first lines
    link: str  # to the comment on the site
    films: tuple[str, ...]  # known films it names


@dataclass(frozen=True, slots=True)
class Answers:
    post: Post
    question: str
    answers: tuple[Answer, ...]
    tally: tuple[tuple[str, tuple[str, ...]], ...]  # film, readers who named it


class NotAQuestion(ReelError, ValueError):
    """The post asks readers nothing: there are no answers to gather."""


def is_question(post: Listed) -> bool:
    asks = post.title.rstrip().endswith("?")
    return asks or any("question" in name_words(c) for c in post.categories)


def question_posts(blog: Blog) -> list[PostSummary]:
    """Posts that ask readers a question, newest first."""
    return sorted((p for p in blog.posts() if is_question(p)), key=lambda p: p.date, reverse=True)


def question_of(post: Post) -> str:
    """The question asked: the title's (after "...:") or the post's last line ending in "?"."""
    title = post.title.strip()
    if title.endswith("?"):
        return title.split(": ", 1)[-1]
    lines = [line.strip(" >*_#") for line in post.body.splitlines() if line.strip().endswith("?")]
    return lines[-1] if lines else title


def known_films(blog: Blog, extra: Iterable[str] = ()) -> list[str]:
    """The films this blog knows, longest title first (so "Her" never hides "Her Smell")."""
    posts = blog.posts()
    people = {name_key(p.author) for p in posts}
    for post in posts:
        people.add(name_key(post.film.director))
        people.update(name_key(name) for name in post.film.cast)
    categories = {name_key(c) for p in posts for c in p.categories}
    titles = {p.film.title.strip() for p in posts if is_review(p) and p.film.title.strip()}
    titles.update(t.strip() for t in extra if t.strip())
    for post in posts:
        for tag in post.tags:
            key = name_key(tag)
            if key and key not in people and key not in categories and not not_a_title(tag):
                titles.add(tag.strip())
    return sorted(titles, key=lambda t: (-len(t), t.casefold()))


def comment_link(post: Post, comment: Comment, base_url: str = "") -> str:
    """The comment's address on the site (WordPress's #comment-ID anchor)."""
    number = comment.remote_id or comment.source.get("wxr", "") or comment.id
    return f"{post_link(post, base_url)}#comment-{number}"


def quote_of(body: str) -> list[str]:
    lines = [line.strip() for line in body.splitlines() if line.strip()][:QUOTE_LINES]
    text = "\n".join(lines)
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    elif len(lines) < len([x for x in body.splitlines() if x.strip()]):
        text += " …"
    return text.splitlines()


def asks(post: Post, others: list[PostSummary]) -> None:
    """NotAQuestion, saying which posts do ask, unless `post` asks readers a question."""
    if is_question(post):
        return
    slugs = [p.slug for p in sorted(others, key=lambda p: p.date, reverse=True) if is_question(p)]
    ask = f"question posts: {', '.join(slugs[:3])}{', …' if len(slugs) > 3 else ''}"
    raise NotAQuestion(
        f"{post.slug or post.title!r} asks readers nothing (its title does not end in '?' and "
        f"it has no question category): {ask if slugs else 'no post here asks one'}"
    )


def readers_answers(
    blog: Blog, post_id: str, extra_authors: Iterable[str] = (), base_url: str = ""
) -> Answers:
    """The readers' answers to a question post (NotAQuestion for a post that asks nothing):
    its readers' comments (`domain.readers`) with some text."""
    post = blog.post(post_id)
    asks(post, blog.posts())
    own = own_people(blog, extra_authors)
    comments = [c for c, _ in thread_order(blog.comments(post_id))]
    readers = [c for c in comments if is_readers_comment(c, own) and c.body.strip()]
    commenters = {name_key(c.author) for c in comments}
    logged = [entry.title for entry in diary.entries(blog)]  # the Letterboxd diary's films
    films = [t for t in known_films(blog, logged) if name_key(t) not in commenters]
    answers = []
    named_by: dict[str, list[str]] = {}
    for comment in readers:
        named = tuple(films_named(comment.body, films))
        link = comment_link(post, comment, base_url)
        answers.append(Answer(comment, quote_of(comment.body), link, named))
        for film in named:
            who = named_by.setdefault(film, [])
            if comment.author not in who:
                who.append(comment.author)
    order = Counter({film: len(who) for film, who in named_by.items()})
    tally = sorted(order.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    return Answers(
        post,
        question_of(post),
        tuple(answers),
        tuple((film, tuple(named_by[film])) for film, _ in tally),
    )


def _quote_block(answer: Answer) -> list[str]:
    lines = [f"> {line}" for line in answer.quote]
    lines.append(f"> — [{answer.comment.author or 'a reader'}]({answer.link})")
    return lines


def draft(found: Answers, author: str = "", base_url: str = "") -> Post:
    """A new draft post (not saved) gathering the readers' answers."""
    post = found.post
    question = found.question
    body = [
        f"When I asked [{question}]({post_link(post, base_url)}), "
        f"{len(found.answers)} of you answered. Here is what you said.",
    ]
    if found.tally:
        body += ["", "## The films you named", ""]
        for i, (film, who) in enumerate(found.tally, 1):
            readers = f"{len(who)} reader{'s' if len(who) != 1 else ''}"
            body.append(f"{i}. **{film}** – {readers} ({', '.join(who)})")
    body += ["", "## Your answers"]
    for answer in found.answers:
        body += ["", *_quote_block(answer)]
    body += ["", "Thanks to everyone who answered! Did we miss one? Tell me in the comments."]
    title = re.sub(r"\?$", "", question)
    return Post(
        id=new_post_id(),
        slug="",
        title=f"Your answers: {title}?" if question.endswith("?") else f"Your answers: {title}",
        author=author or post.author,
        status="draft",
        categories=list(post.categories),
        tags=[film for film, _ in found.tally],
        body="\n".join(body) + "\n",
    )
