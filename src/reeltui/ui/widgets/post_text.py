"""What the reader shows above a post's body, and the links found in it."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

from reeltui.domain.dates import display_date
from reeltui.domain.models import Post
from reeltui.domain.rating import format_reels
from reeltui.domain.readers import count_label
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.text import reading_time
from reeltui.ui.widgets.badges import author_label, status_style


def post_links(body: str) -> list[tuple[str, str]]:
    """(text, href) of every link of a Markdown body, in order."""
    from markdown_it import MarkdownIt  # (when links are asked for: not at the first paint)

    found: list[tuple[str, str]] = []
    for token in MarkdownIt("commonmark").parse(body):
        children = token.children or []
        for i, child in enumerate(children):
            if child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                words = []
                for inner in children[i + 1 :]:
                    if inner.type == "link_close":
                        break
                    words.append(inner.content)
                found.append((sanitize_line("".join(words)) or href, href))
    return found


@lru_cache(maxsize=8)
def _minutes(body: str) -> int:
    """The body's reading time, counted once: the header is made again whenever the post's
    comments change (a reply: a word count of the body, 1-2 ms, in the reply's frame)."""
    return reading_time(body)


def header_text(post: Post, comment_count: int, pending: int = 0) -> Text:
    """The reader's header; `comment_count`: readers' comments, as the post list counts."""
    text = Text()
    text.append(sanitize_line(post.title) or "(untitled)", "bold")
    text.append("\n")
    text.append(f"by {author_label(post)}", "italic")
    if post.date:
        text.append(f"  ·  {display_date(post.date)}")
    text.append("  ·  ")
    text.append(post.status, status_style(post.status))
    minutes = _minutes(post.body)
    if minutes:
        text.append(f"  ·  {minutes} min read")
    text.append(f"  ·  {count_label(comment_count, pending)}")
    if post.categories:
        text.append("\nIn: ", "dim")
        text.append(", ".join(sanitize_line(c) for c in post.categories))
    if post.tags:
        text.append("\nTags: ", "dim")
        text.append(", ".join(sanitize_line(t) for t in post.tags))
    if post.rating is not None:
        text.append("\nRating: ", "dim")
        text.append(format_reels(post.rating), "bold")
        text.append(" out of 5 reels")
    film = post.film
    if not film.is_empty():
        text.append("\nFilm: ", "dim")
        text.append(sanitize_line(film.title) or "?", "bold")
        if film.year:
            text.append(f" ({film.year})")
        if film.director:
            text.append(f" · directed by {sanitize_line(film.director)}")
        if film.cast:
            text.append(f" · with {', '.join(sanitize_line(c) for c in film.cast)}")
    return text
