"""Front matter as Jekyll and Hugo write it (issue #17 item 8): dates as leniently as those
generators read them, date and slug from `YYYY-MM-DD-slug.md` when the front matter has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.__main__ import main
from reeltui.formats import FormatError
from reeltui.formats.dates import parse_date
from reeltui.formats.frontmatter import post_from_text, read_dir

# What `jekyll new` writes (its welcome post), and the date a real site's post had.
JEKYLL_WELCOME = """---
layout: post
title:  "Welcome to Jekyll!"
date:   2023-01-29 18:30:22 -0800
categories: jekyll update
---
You'll find this post in your `_posts` directory.
"""
JEKYLL_ODD_DATE = """---
layout: post
title: "Odd date"
date: 2023-01-29 18:30:22 2023 -0800
---
Jekyll reads this date (Ruby's Time.parse ignores the second year).
"""
JEKYLL_NO_DATE = """---
layout: post
title: "No date in the front matter"
---
The date and the slug come from the file name.
"""
JEKYLL_NOTHING = """---
layout: post
---
Neither title nor date: both from the file name.
"""
# What `hugo new content posts/my-first-post.md` writes (TOML, Hugo 0.121+), and YAML.
HUGO_TOML = """+++
title = 'My First Post'
date = 2024-01-14T07:07:07+01:00
draft = true
+++
## Introduction
"""
HUGO_YAML = """---
title: "Bundle"
date: 2024-01-15T07:07:07Z
lastmod: 2024-02-01
---
A page bundle.
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2023-01-29-welcome-to-jekyll.markdown").write_text(JEKYLL_WELCOME)
    (posts / "2023-01-30-odd-date.md").write_text(JEKYLL_ODD_DATE)
    (posts / "2022-12-31-new-years-eve.md").write_text(JEKYLL_NO_DATE)
    (posts / "2021-06-01-my-first-review.md").write_text(JEKYLL_NOTHING)
    hugo = tmp_path / "content" / "posts"
    (hugo / "my-bundle").mkdir(parents=True)
    (hugo / "my-first-post.md").write_text(HUGO_TOML)
    (hugo / "my-bundle" / "index.md").write_text(HUGO_YAML)
    return tmp_path


def test_jekyll_and_hugo_posts_all_read_with_their_dates_and_slugs(site: Path) -> None:
    result = read_dir(site)
    assert result.skipped == []
    found = {p.post.slug: (p.post.title, p.post.date, p.post.modified) for p in result.posts}
    assert found == {
        "welcome-to-jekyll": ("Welcome to Jekyll!", "2023-01-29T18:30:22-08:00", ""),
        "odd-date": ("Odd date", "2023-01-29T18:30:22-08:00", ""),
        "new-years-eve": ("No date in the front matter", "2022-12-31T00:00:00", ""),
        "my-first-review": ("My First Review", "2021-06-01T00:00:00", ""),
        "my-first-post": ("My First Post", "2024-01-14T07:07:07+01:00", ""),
        "my-bundle": ("Bundle", "2024-01-15T07:07:07+00:00", "2024-02-01T00:00:00"),
    }


def test_a_jekyll_posts_folder_imports_with_exit_0(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--store", str(tmp_path / "s"), "import", str(site / "_posts")])
    out = capsys.readouterr().out
    assert code == 0 and "4 posts (4 new" in out and "skipped" not in out


def test_front_matter_slug_and_date_win_over_the_file_name() -> None:
    text = '---\ntitle: Her\nslug: "her-review"\ndate: "2014-01-11"\n---\nbody\n'
    post = post_from_text(text, name="2020-01-01-something-else.md").post
    assert (post.slug, post.date) == ("her-review", "2014-01-11T00:00:00")


def test_a_file_name_that_only_looks_dated_is_all_slug() -> None:
    post = post_from_text("---\ntitle: x\n---\n", name="2023-13-45-not-a-date.md").post
    assert (post.slug, post.date) == ("2023-13-45-not-a-date", "")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023-01-29 18:30:22 -0800", "2023-01-29T18:30:22-08:00"),
        ("2023-01-29 18:30:22 2023 -0800", "2023-01-29T18:30:22-08:00"),
        ("2023-01-29T18:30:22Z", "2023-01-29T18:30:22+00:00"),
        ("2023-01-29 18:30:22.123456 +05:30", "2023-01-29T18:30:22.123456+05:30"),
        ("2023-01-29 18:30", "2023-01-29T18:30:00"),
        ("2023/01/29 6:30 pm", "2023-01-29T18:30:00"),
        ("Sun, 29 Jan 2023 18:30:22 PST", "2023-01-29T18:30:22-08:00"),
        ("Sun Jan 29 18:30:22 -0800 2023", "2023-01-29T18:30:22-08:00"),
        ("Jan 29, 2023", "2023-01-29T00:00:00"),
        ("29 January 2023 18:30 UTC", "2023-01-29T18:30:00+00:00"),
        ("", ""),
    ],
)
def test_dates_generators_accept(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["yesterday", "2023-02-30", "January 2023", "x" * 200])
def test_what_is_not_a_date_is_a_clear_error(text: str) -> None:
    with pytest.raises(FormatError, match=r"^date: not a date"):
        post_from_text(f"---\ntitle: x\ndate: {text}\n---\n")
