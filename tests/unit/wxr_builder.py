"""Build small WordPress-style WXR documents for tests (as WordPress writes them)."""

from __future__ import annotations

from dataclasses import dataclass, field

WP12 = "http://wordpress.org/export/1.2/"


@dataclass
class C:
    id: str
    parent: str = "0"
    approved: str = "1"
    type: str = ""
    author: str = "Reader"
    content: str = "A comment."
    date_gmt: str = "2014-01-12 10:00:00"


@dataclass
class Item:
    id: str
    title: str = "A post"
    type: str = "post"
    status: str = "publish"
    name: str = "a-post"
    creator: str = "ruth"
    content: str = "Hello."
    excerpt: str = ""
    date: str = "2014-01-11 09:00:00"
    date_gmt: str = "2014-01-11 09:00:00"
    sticky: str = "0"
    terms: list[tuple[str, str]] = field(default_factory=list)
    comments: list[C] = field(default_factory=list)


def wxr(
    items: list[Item],
    *,
    ns: str = WP12,
    site: str = "https://blog.example/",
    authors: dict[str, str] | None = None,
) -> bytes:
    authors = {"ruth": "Ruth"} if authors is None else authors
    head = (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
        f'xmlns:excerpt="{ns}excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{ns}">\n<channel>\n'
        f"<title>Test</title><wp:wxr_version>1.2</wp:wxr_version>\n"
        f"<wp:base_site_url>{site}</wp:base_site_url>\n"
    )
    for login, name in authors.items():
        head += (
            f"<wp:author><wp:author_login><![CDATA[{login}]]></wp:author_login>"
            f"<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>\n"
        )
    body = "".join(_item(i) for i in items)
    return (head + body + "</channel>\n</rss>\n").encode()


def _item(i: Item) -> str:
    terms = "".join(
        f'<category domain="{d}" nicename="x"><![CDATA[{n}]]></category>' for d, n in i.terms
    )
    comments = "".join(
        f"<wp:comment><wp:comment_id>{c.id}</wp:comment_id>"
        f"<wp:comment_author><![CDATA[{c.author}]]></wp:comment_author>"
        f"<wp:comment_author_email>r@example.org</wp:comment_author_email>"
        f"<wp:comment_author_url>https://r.example/</wp:comment_author_url>"
        f"<wp:comment_date>{c.date_gmt}</wp:comment_date>"
        f"<wp:comment_date_gmt>{c.date_gmt}</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[{c.content}]]></wp:comment_content>"
        f"<wp:comment_approved>{c.approved}</wp:comment_approved>"
        f"<wp:comment_type>{c.type}</wp:comment_type>"
        f"<wp:comment_parent>{c.parent}</wp:comment_parent></wp:comment>"
        for c in i.comments
    )
    return (
        f"<item><title><![CDATA[{i.title}]]></title>"
        f"<dc:creator><![CDATA[{i.creator}]]></dc:creator>"
        f"<content:encoded><![CDATA[{i.content}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[{i.excerpt}]]></excerpt:encoded>"
        f"<wp:post_id>{i.id}</wp:post_id><wp:post_date>{i.date}</wp:post_date>"
        f"<wp:post_date_gmt>{i.date_gmt}</wp:post_date_gmt>"
        f"<wp:post_name>{i.name}</wp:post_name><wp:status>{i.status}</wp:status>"
        f"<wp:post_type>{i.type}</wp:post_type><wp:is_sticky>{i.sticky}</wp:is_sticky>"
        f"{terms}{comments}</item>\n"
    )
