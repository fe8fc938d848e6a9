"""Deterministic synthetic content of a film blog: posts (Markdown) and threaded comments.

The same generator feeds the store archives and the WXR export, so both describe one blog.
Everything derives from `random.Random(seed)`: the same size always gives the same archive.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from reeltui.domain import Comment, Film, Post

WORDS = (  # noqa: SIM905
    "film movie scene shot frame story character actor actress performance director script "
    "screenplay camera light colour score music sound edit pacing tension mood tone theme "
    "ending opening sequence moment dialogue silence city night rain road house sea war love "
    "grief memory dream family father mother daughter son brother sister stranger friend "
    "beautiful quiet haunting brutal tender funny strange bold gentle lush bleak sharp slow "
    "quick vivid restrained operatic intimate sprawling elegant messy honest clever earnest "
    "watch feel see think remember return carry break hold find lose follow trust fear want "
    "the a an and but or of in on at with without through under over after before while "
    "is was are were has had does did will would could should might must can "
    "really simply truly almost never always often rarely still just even only "
    "cinema theatre festival premiere release trailer sequel remake adaptation novel "
    "cinematography production design costume makeup lens close-up wide tracking montage "
    "audience critic review rating reel popcorn Oscar nominee ensemble cast crew studio"
).split()
FIRST = (  # noqa: SIM905
    "Ruth Ted Marcy Josh Hannah Keith Sati Paolo Irene Tom Mei Dana Omar Lena Victor Zoe "
    "Amara Felix Greta Hiro Ines Jonas Kofi Lucia Mateo Nadia Olu Priya Quinn Rosa Sven"
).split()
LAST = (  # noqa: SIM905
    "Lindqvist Moreno Okafor Brennan Tanaka Dubois Kowalski Haddad Silva Novak Reyes Park "
    "Fischer Rossi Mensah Larsen Ivanova Costa Nguyen Walsh"
).split()
TITLE_A = (  # noqa: SIM905
    "Silent Last Broken Golden Hidden Crimson Distant Burning Quiet Lost Electric Hollow "
    "Midnight Northern Paper Glass Iron Velvet Wild Fading"
).split()
TITLE_B = (  # noqa: SIM905
    "Harbor Garden Frontier River Mirror Summer Kingdom Station Orchard Signal Lantern "
    "Voyage Canyon Letter Island Machine Season Tide Witness Horizon"
).split()
CATEGORIES = ["Review", "Guest Post", "Question", "Recap", "News", "Festival", "Top 10"]
TAGS = [
    "Drama", "Thriller", "Comedy", "Science Fiction", "Horror", "Romance", "Western",
    "Documentary", "Animation", "Noir", "Musical", "War", "Biopic", "Mystery", "Fantasy",
]  # fmt: skip
AUTHORS = ["Ruth", "Ted", "Josh", "Hannah", "Keith", "Sati"]


@dataclass(frozen=True, slots=True)
class Entry:
    post: Post
    comments: list[Comment]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    sentence = " ".join(words)
    return sentence[0].upper() + sentence[1:] + rng.choice(".....?!")


def _paragraph(rng: random.Random, sentences: int) -> str:
    parts = [_sentence(rng) for _ in range(sentences)]
    roll = rng.random()
    if roll < 0.3:
        i = rng.randrange(len(parts))
        parts[i] = f"*{parts[i][:-1]}*{parts[i][-1]}"
    elif roll < 0.5:
        i = rng.randrange(len(parts))
        parts[i] = f"**{parts[i][:-1]}**{parts[i][-1]}"
    elif roll < 0.65:
        word = rng.choice(WORDS)
        parts.append(f"See [{word} notes](https://example.com/{word}/{rng.randint(1, 9999)}).")
    return " ".join(parts)


def markdown_body(rng: random.Random, title: str, sections: int) -> str:
    """A review in Markdown: headings, paragraphs with emphasis and links, lists, quotes."""
    out = [_paragraph(rng, rng.randint(3, 6))]
    for s in range(sections):
        out.append(f"## {rng.choice(TITLE_A)} {rng.choice(WORDS)} {s + 1}")
        out.append(_paragraph(rng, rng.randint(3, 7)))
        roll = rng.random()
        if roll < 0.35:
            out.append("\n".join(f"- {_sentence(rng, 3, 9)}" for _ in range(rng.randint(2, 5))))
        elif roll < 0.6:
            out.append(f"> {_sentence(rng)} {_sentence(rng)}")
        out.append(_paragraph(rng, rng.randint(2, 5)))
    out.append(f"**{title}**: {rng.choice(['4', '3.5', '4.5', '3', '5', '2.5'])} out of 5 reels")
    return "\n\n".join(out)


def _date(year: int, day: int, minute: int) -> str:
    month, mday = 1 + (day // 28) % 12, 1 + day % 28
    return f"{year:04d}-{month:02d}-{mday:02d}T{minute // 60 % 24:02d}:{minute % 60:02d}:00+00:00"


def entries(n_posts: int, comments_per_post: int = 20, seed: int = 7) -> Iterator[Entry]:
    """`n_posts` posts with on average `comments_per_post` threaded comments each."""
    rng = random.Random(seed * 1_000_003 + n_posts)
    comment_no = 0
    for i in range(n_posts):
        film_title = f"The {rng.choice(TITLE_A)} {rng.choice(TITLE_B)}"
        kind = rng.choices(CATEGORIES, weights=[60, 10, 8, 8, 6, 5, 3])[0]
        title = f"{kind}: {film_title}" if kind != "Review" else f"Review: {film_title}"
        year = 2010 + i * 15 // max(n_posts, 1)
        day = (i * 7) % 336
        date = _date(year, day, i * 37)
        status = rng.choices(["published", "draft", "pending", "private"], [94, 3, 2, 1])[0]
        post = Post(
            id=f"p{i:05d}",
            slug=f"{film_title.lower().replace(' ', '-')}-{i}",
            title=title,
            author=rng.choice(AUTHORS),
            date=date,
            modified=date,
            status=status,
            categories=[kind],
            tags=rng.sample(TAGS, rng.randint(1, 4)),
            excerpt=_sentence(rng),
            body=markdown_body(rng, film_title, rng.randint(2, 7)),
            rating=rng.randint(0, 10) / 2 if kind == "Review" else None,
            film=Film(
                title=film_title,
                year=1950 + rng.randrange(75),
                director=_name(rng),
                cast=[_name(rng) for _ in range(rng.randint(2, 5))],
            ),
        )
        comments: list[Comment] = []
        for k in range(rng.randint(0, 2 * comments_per_post)):
            comment_no += 1
            parent = None
            if comments and rng.random() < 0.45:
                parent = rng.choice(comments[-6:]).id
            body = " ".join(_sentence(rng, 5, 18) for _ in range(rng.randint(1, 4)))
            author = _name(rng) if rng.random() < 0.8 else post.author
            comments.append(
                Comment(
                    id=f"c{comment_no:07d}",
                    post_id=post.id,
                    parent_id=parent,
                    author=author,
                    email=f"{author.lower().replace(' ', '.')}@example.com",
                    url=""
                    if rng.random() < 0.7
                    else f"https://{author.split()[0].lower()}.example",
                    date=_date(year, day + 1 + k // 10, i * 37 + 60 + k * 11),
                    body=body,
                    status=rng.choices(["approved", "pending", "spam"], [90, 7, 3])[0],
                )
            )
        yield Entry(post, comments)


def long_markdown(size: int, seed: int = 3) -> str:
    """A Markdown document of about `size` characters (for the reader benchmark)."""
    rng = random.Random(seed)
    parts: list[str] = ["# A very long retrospective"]
    total = 0
    n = 0
    while total < size:
        n += 1
        chunk = markdown_body(rng, f"Part {n}", 3)
        parts.append(chunk)
        total += len(chunk) + 2
    return "\n\n".join(parts)[:size]


def heavy_comments(post: Post, count: int, first: int, seed: int = 11) -> list[Comment]:
    """`count` threaded comments on `post` (ids from `first`): a post readers flocked to."""
    rng = random.Random(seed * 7919 + count)
    out: list[Comment] = []
    year = post.date[:4] or "2020"
    for k in range(count):
        parent = None
        if out and rng.random() < 0.5:
            parent = rng.choice(out[-12:]).id
        author = _name(rng)
        day = 1 + k * 27 // max(count, 1)
        out.append(
            Comment(
                id=f"h{first + k:07d}",
                post_id=post.id,
                parent_id=parent,
                author=author,
                email=f"{author.lower().replace(' ', '.')}@example.com",
                date=f"{year}-12-{day:02d}T{k // 60 % 24:02d}:{k % 60:02d}:00+00:00",
                body=" ".join(_sentence(rng, 5, 18) for _ in range(rng.randint(1, 4))),
                status=rng.choices(["approved", "pending", "spam"], [90, 7, 3])[0],
            )
        )
    return out
