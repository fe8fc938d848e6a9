"""The diary's rough edges, on real stores: `w` never makes a second post about a film the
blog has, drafts are signed, `diary --month` checks its month and keeps newest first, and a
newer export's dated viewing replaces the film the diary had only as "watched"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reeltui.domain.models import Film
from reeltui.formats.letterboxd import read_letterboxd
from reeltui.services import Blog, diary
from reeltui.services.diary_import import import_letterboxd
from reeltui.services.session import open_blog
from tests.unit.test_import_cli import run
from tests.unit.test_letterboxd_format import EXPORT, NEWER

HER_POST = "p-flixchatter-review-spike-jonzes-her"


def with_diary(store_path: Path) -> Blog:
    blog = open_blog(store_path)
    import_letterboxd(blog, read_letterboxd(EXPORT))
    return blog


def test_w_on_a_film_the_blog_reviewed_opens_that_review_and_makes_nothing(
    store_path: Path,
) -> None:
    with with_diary(store_path) as blog:
        before = {p.id for p in blog.posts()}
        her = [e for e in diary.entries(blog) if e.title == "Her"]
        assert len(her) == 2  # two viewings, one review on the blog
        for entry in her:
            found = diary.write_up(blog, entry, "Ruth")
            assert found.post is not None and found.post.id == HER_POST and not found.made
        assert {p.id for p in blog.posts()} == before
        links = diary.links(blog, her)
        assert [links[e.id].post_id for e in her] == [HER_POST, HER_POST]  # not "? 2 posts"


def test_a_draft_made_from_one_viewing_serves_the_others(store_path: Path) -> None:
    with with_diary(store_path) as blog:
        amelie = next(e for e in diary.entries(blog) if e.title == "Amélie")
        first = diary.write_up(blog, amelie, "Ruth")
        assert first.made and first.post is not None and first.post.author == "Ruth"
        second = replace_watched(blog, amelie, "2014-02-20")
        again = diary.write_up(blog, second, "Ruth")
        assert again.post is not None and again.post.id == first.post.id and not again.made
        assert sum(1 for p in blog.posts() if p.film.title == "Amélie") == 1


def replace_watched(blog: Blog, entry: object, day: str) -> object:
    """Another viewing of the same film, saved in the diary."""
    from dataclasses import replace

    from reeltui.store import diary as diary_records

    other = replace(entry, id="d-again", watched=day, uri="")  # type: ignore[type-var]
    diary_records.put_entries(blog.store, [other])
    return other


def test_a_title_only_match_is_offered_and_a_new_draft_made_only_when_asked(
    store_path: Path,
) -> None:
    with with_diary(store_path) as blog:
        guest = blog.post_by_slug("guest-post-elysium-her-the-nature-of-science-fiction")
        from dataclasses import replace

        blog.save_post(replace(guest, film=Film(title="Elysium")))  # no year: maybe the film
        elysium = next(e for e in diary.entries(blog) if e.title == "Elysium")
        found = diary.write_up(blog, elysium, "Ruth")
        assert found.post is None and found.maybe and found.choices == (guest.id,)
        assert not any(p.source.get(diary.SOURCE_KEY) for p in blog.posts())
        anyway = diary.write_up(blog, elysium, "Ruth", anyway=True)
        assert anyway.made and anyway.post is not None and anyway.post.film.year == 2013
        # from now on the draft is the exact match: no third post
        assert diary.write_up(blog, elysium, "Ruth", anyway=True).post == anyway.post


@pytest.mark.parametrize("month", ["2014-13", "feb", "2014", "2014-02-01"])
def test_a_bad_month_is_one_line_and_exit_2(
    store_path: Path, capsys: pytest.CaptureFixture[str], month: str
) -> None:
    with_diary(store_path).close()
    code, out, err = run(capsys, "--store", str(store_path), "diary", "--month", month)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"a month looks like 2013-11, not {month!r}" in err


def test_a_month_of_the_diary_is_newest_first(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_diary(store_path).close()
    code, out, _ = run(capsys, "--store", str(store_path), "diary", "--month", "2014-02")
    assert code == 0
    days = [line.split()[0] for line in out.splitlines()]
    assert days == ["2014-02-14", "2014-02-08", "2014-02-01"]
    code, out, _ = run(capsys, "--store", str(store_path), "diary", "--month", "2014-2", "--json")
    assert [e["watched"] for e in json.loads(out)] == days


def test_a_dated_viewing_replaces_the_film_marked_watched(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(store_path)
    assert run(capsys, "--store", store, "import", str(EXPORT))[0] == 0
    with open_blog(store_path) as blog:
        [primer] = [e for e in diary.entries(blog) if e.title == "Primer"]
        assert primer.watched == "" and primer.source == "watched"
        made = diary.write_up(blog, primer, "Ruth").post  # a draft made from the undated entry
    newer = tmp_path / "letterboxd-2014-03"
    shutil.copytree(NEWER, newer)
    with (newer / "diary.csv").open("a", encoding="utf-8") as csv:
        csv.write("2014-03-05,Primer,2004,https://boxd.it/7abc,5,,,2014-03-04\n")
    code, out, _ = run(capsys, "--store", store, "import", str(newer))
    assert code == 0
    entries = json.loads(run(capsys, "--store", store, "diary", "--json")[1])
    primers = [e for e in entries if e["title"] == "Primer"]
    assert [(e["watched"], e["rating"], e["source"]) for e in primers] == [
        ("2014-03-04", 5.0, "diary")
    ]
    assert primers[0]["id"] == primer.id and primers[0]["post"] == made.id  # still linked
    # the summary's count is the diary's: Primer updated, not a second entry
    assert len(entries) == 10
    assert "10 diary entries (1 new, 2 updated, 7 unchanged); the diary holds 10" in out
    # a film marked watched (alone, in a later file) whose viewing the diary has adds nothing
    watched = tmp_path / "watched.csv"
    watched.write_text(
        "Date,Name,Year,Letterboxd URI\n2014-03-06,Primer,2004,https://boxd.it/1cD5\n"
    )
    code, out, _ = run(capsys, "--store", store, "import", str(watched))
    assert code == 0 and "nothing changed in the store" in out and "the diary holds 10" in out
