"""The bundled demo blog: the store built from data/demo agrees with the source files."""

from __future__ import annotations

import re
from pathlib import Path

from reeltui.locations import demo_dir
from reeltui.services import Blog
from reeltui.services.demo import read_demo
from tests.conftest import need_shared

HER = "flixchatter-review-spike-jonzes-her"
GUEST = "guest-post-elysium-her-the-nature-of-science-fiction"


def test_store_matches_source_files(blog: Blog) -> None:
    parsed = read_demo()
    assert len(parsed) == 4
    for item in parsed:
        stored = blog.post_by_slug(item.post.slug)
        assert stored == item.post
        assert sorted(c.id for c in blog.comments(stored.id)) == sorted(c.id for c in item.comments)


def test_her_review_metadata(blog: Blog) -> None:
    her = blog.post_by_slug(HER)
    assert her.rating == 4.5
    assert (her.film.title, her.film.year, her.film.director) == ("Her", 2013, "Spike Jonze")
    assert {"Joaquin Phoenix", "Scarlett Johansson", "Amy Adams"} <= set(her.film.cast)
    assert her.categories == ["Review"]
    assert "4.5 out of 5 reels" in her.body
    # The rating in the text is what the rating field says.
    from reeltui.domain import parse_rating

    assert parse_rating(her.body) == her.rating


def test_guest_post_and_order(blog: Blog) -> None:
    guest = blog.post_by_slug(GUEST)
    assert guest.author == "Conor Holt"
    assert guest.categories == ["Guest Post"]
    titles = [r.post.title for r in blog.rows(sort="date", reverse=False)]
    assert titles[0].startswith("November Movie-Watching Recap")
    assert titles[-1].startswith("FlixChatter Review")


def test_internal_links_point_at_posts_of_the_store(blog: Blog) -> None:
    slugs = {p.slug for p in blog.posts()}
    her = blog.post_by_slug(HER)
    linked = re.findall(r"\]\(/([a-z0-9-]+)/\)", her.body)
    assert GUEST in linked
    for post in blog.full_posts():
        for slug in re.findall(r"\]\(/([a-z0-9-]+)/\)", post.body):
            assert slug in slugs


def test_threads_and_statuses(blog: Blog) -> None:
    her = blog.post_by_slug(HER)
    assert max(depth for _, depth in blog.thread(her.id)) >= 3
    statuses = {c.status for c in blog.all_comments()}
    assert {"approved", "pending", "spam"} <= statuses


def test_demo_text_is_the_seed_text() -> None:
    """Every paragraph of the seed is in the demo posts (markup aside)."""
    seed = need_shared("seed", "flixchatter-posts.txt").read_text(encoding="utf-8")
    demo = " ".join(Path(p).read_text(encoding="utf-8") for p in sorted(demo_dir().glob("*.md")))

    def flat(text: str) -> str:
        text = re.sub(r"\]\((?:/[a-z0-9-]+/|https?://[^)]*)\)", "", text)  # link targets
        text = re.sub(r"[*_#\[\]]", "", text)
        return " ".join(text.replace("\u00a0", " ").split())

    flat_demo = flat(demo)
    missing = [
        para[:80]
        for para in map(flat, seed.split("\n"))
        if len(para) > 40 and para not in flat_demo
    ]
    assert missing == []
