"""`reeltui search`, `stats`, `recap --print`, `answers --print` on the demo blog, and saved
searches in a real settings file."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from reeltui import saved_searches
from reeltui.cli import main
from reeltui.domain.identity import Identity
from reeltui.domain.models import Comment
from reeltui.services import reads
from reeltui.services.session import open_blog
from tests.unit.test_cli import run

QUESTION = "first-question-of-the-year-which-2013-movies-do-you-appreciate-but-wouldnt-watch-again"


def test_search_posts_and_comments_as_json(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--store", str(store_path), "search", "--json", "rating:>=4")
    assert code == 0
    assert [p["slug"] for p in json.loads(out)] == ["flixchatter-review-spike-jonzes-her"]
    code, out, _ = run(
        capsys, "--store", str(store_path), "search", "--json", "in:comments", '"wall street"'
    )
    hits = json.loads(out)
    assert code == 0 and [h["author"] for h in hits] == ["Jenna Park"]
    assert hits[0]["post"]["slug"] == QUESTION and hits[0]["matched"] == ["wall street"]
    assert "Wolf of Wall Street" in hits[0]["snippet"]


def test_search_table_shows_post_author_date_and_words(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--store", str(store_path), "search", "in:comments surrogate")
    assert code == 0
    assert "2014-01-12" in out and "Tom Okafor" in out and "surrogate scene" in out
    assert "FlixChatter Review" in out


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("raiting:4", "did you mean rating:?"),
        ("date:2013-13", "no such date"),
        ("status:spam", "add in:comments"),
    ],
)
def test_a_bad_search_is_one_line_and_exit_2(
    store_path: Path, capsys: pytest.CaptureFixture[str], query: str, says: str
) -> None:
    code, out, err = run(capsys, "--store", str(store_path), "search", query)
    assert code == 2 and out == ""
    assert err.startswith("reeltui: ") and says in err and err.count("\n") == 1


def test_posts_search_speaks_the_query_language_too(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--store", str(store_path), "posts", "--json", "--search", "cast:amy")
    assert [p["slug"] for p in json.loads(out)] == ["flixchatter-review-spike-jonzes-her"]
    code, _, err = run(capsys, "--store", str(store_path), "posts", "--search", "in:comments x")
    assert code == 2 and "in:comments finds comments" in err


def test_stats_json_and_text(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(store_path), "stats", "--json")
    data = json.loads(out)
    assert code == 0 and data["posts"] == 4 and data["reviews"] == 1
    assert {"rating": 4.5, "reviews": 1} in data["ratings"] and len(data["ratings"]) == 11
    assert data["months"][-1] == {"month": "2014-01", "reviews": 1, "comments": 10}
    assert data["comments"] == 13 and data["unpublished"] == 0  # readers' comments
    assert data["most_discussed"][0]["comments"] == 4
    assert data["top_commenters"][0] == {"name": "Marcy Lindqvist", "comments": 3}
    assert data["replies"]["answered"] == 5 and data["replies"]["waiting"] == 9
    code, out, _ = run(capsys, "--store", str(store_path), "stats", "tag:elysium")
    assert code == 0 and "1 post matching 'tag:elysium': 0 reviews published" in out
    assert "Top commenters" in out and "Your replies" in out
    # --author: a name the blog's authors also sign with
    _, out, _ = run(
        capsys, "--store", str(store_path), "stats", "--json", "--author", "Marcy Lindqvist"
    )
    assert "Marcy Lindqvist" not in {c["name"] for c in json.loads(out)["top_commenters"]}


def test_recap_print_and_its_errors(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--store", str(store_path), "recap", "2014-01", "--print", "--movie", "her"
    )
    assert code == 0
    assert out.startswith("# January Movie-Watching Recap and Movie of the Month\n")
    assert "**[Her](/flixchatter-review-spike-jonzes-her/)** (2013) – ●●●●◐ 4.5 reels" in out
    # the most talked-about post counts readers' comments: not Ruth's answers (Her has 6)
    assert "was [FlixChatter Review: Spike Jonze’s HER](" in out and "with 4 comments" in out
    code, _, err = run(capsys, "--store", str(store_path), "recap", "2013-11", "--print")
    assert code == 2 and err.count("\n") == 1
    assert "nothing to recap in November 2013: no published post and no diary viewing" in err
    assert err.endswith("months to recap: 2014-01\n")
    # December 2013's only post is the November recap: recaps are never recapped
    code, _, err = run(capsys, "--store", str(store_path), "recap", "2013-12", "--print")
    assert code == 2 and err.count("\n") == 1
    assert "nothing to recap in December 2013: its only published post is the recap itself" in err
    code, _, err = run(capsys, "--store", str(store_path), "recap", "November", "--print")
    assert code == 2 and "a month looks like 2013-11" in err
    code, _, err = run(
        capsys, "--store", str(store_path), "recap", "2014-01", "--print", "--movie", "Jaws"
    )
    assert code == 2 and "'Jaws' is not one of 2014-01's films (Her)" in err


def test_answers_print(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(store_path), "answers", QUESTION, "--print")
    assert code == 0
    assert out.startswith("# Your answers: Which 2013 movie(s) do you appreciate")
    films = out.split("## The films you named")[1].split("## Your answers")[0]
    assert films.strip().splitlines() == [
        "1. **Gravity** – 1 reader (Jenna Park)",
        "2. **Inside Llewyn Davis** – 1 reader (Dave Brennan)",
        "3. **The Wolf of Wall Street** – 1 reader (Jenna Park)",
    ]
    assert "Ray Castillo" not in out  # pending: not an answer readers can see yet
    assert "— [Ruth]" not in out  # the author's own replies are not answers


def test_answers_refuse_a_post_that_asks_nothing(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    her = "flixchatter-review-spike-jonzes-her"
    for argv in (["--print"], []):  # printed, or in the app: refused before either
        code, out, err = run(capsys, "--store", str(store_path), "answers", her, *argv)
        assert code == 2 and out == "" and err.count("\n") == 1
        assert f"'{her}' asks readers nothing" in err and f"question posts: {QUESTION}" in err


def test_saved_searches_keep_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# my settings\ntheme = "nord"  # dark\n\n[keymap]\n"list.sort" = "o"\n')
    saved_searches.save(path, "sci-fi", 'tag:"science fiction" rating:>=4')
    saved_searches.save(path, "waiting", "in:comments is:unread")
    saved_searches.save(path, "sci-fi", "tag:scifi")  # replaced in place
    text = path.read_text()
    assert text.startswith('# my settings\ntheme = "nord"  # dark\n\n[keymap]\n"list.sort" = "o"\n')
    data = tomllib.loads(text)
    assert data["searches"] == {"waiting": "in:comments is:unread", "sci-fi": "tag:scifi"}
    assert saved_searches.load(path) == (data["searches"], [])
    saved_searches.remove(path, "waiting")
    assert saved_searches.load(path)[0] == {"sci-fi": "tag:scifi"}


def test_a_settings_file_that_does_not_parse_is_never_touched(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [broken\n")
    with pytest.raises(saved_searches.SavedSearchError, match="not valid TOML"):
        saved_searches.save(path, "x", "tag:x")
    assert path.read_text() == "theme = [broken\n"
    assert saved_searches.load(path)[1][0].endswith(")")  # one line saying why


def test_search_saved_by_name(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    config = tmp_path / "config.toml"
    monkeypatch.setenv("REELTUI_CONFIG", str(config))
    saved_searches.save(config, "best", "rating:>=4")
    code, out, _ = run(capsys, "--store", str(store_path), "search", "--json", "--saved", "best")
    assert code == 0 and len(json.loads(out)) == 1
    code = main(["--store", str(store_path), "search", "--saved", "nope"])
    assert code == 2
    assert "no saved search named 'nope' (saved: best)" in capsys.readouterr().err


GUEST = "guest-post-elysium-her-the-nature-of-science-fiction"


def slugs(capsys: pytest.CaptureFixture[str], store: Path, *argv: str) -> list[str]:
    code, out, err = run(capsys, "--store", str(store), *argv, "--json")
    assert code == 0, err
    return [p["slug"] for p in json.loads(out)]


def test_unread_and_new_are_the_writers_on_the_command_line_as_in_the_app(
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With `[identity] name = "Ruth"` a post is unread until opened, hers too (who the
    writer is changes no dot), and her own replies are never new: `search`,
    `posts --search`, `in:comments` and `stats` say so, like the app."""
    config = tmp_path / "config.toml"
    config.write_text('[identity]\nname = "Ruth"\n')
    monkeypatch.setenv("REELTUI_CONFIG", str(config))
    every = set(slugs(capsys, store_path, "search", ""))
    assert len(every) == 4 and GUEST in every
    assert set(slugs(capsys, store_path, "search", "is:unread")) == every  # none opened
    assert set(slugs(capsys, store_path, "posts", "--search", "is:unread")) == every
    code, out, _ = run(capsys, "--store", str(store_path), "stats", "--json", "is:unread")
    assert code == 0 and json.loads(out)["posts"] == 4
    with open_blog(store_path) as blog:
        for slug in every - {GUEST}:
            reads.mark_read(blog, blog.post_by_slug(slug).id, Identity("Ruth"))
    assert slugs(capsys, store_path, "search", "is:unread") == [GUEST]
    code, out, _ = run(
        capsys, "--store", str(store_path), "search", "--json", "in:comments is:unread"
    )
    assert {h["post"]["slug"] for h in json.loads(out)} == {GUEST}
    with open_blog(store_path) as blog:
        reads.mark_read(blog, blog.post_by_slug(GUEST).id, Identity("Ruth"))
    assert slugs(capsys, store_path, "search", "is:unread") == []
    # Ruth answers on the guest post (a queued reply, and one from the site signed Ruth)
    code, _, err = run(
        capsys, "--store", str(store_path), "reply", GUEST, "c-guest-6", "--text", "Thanks!"
    )
    assert code == 0, err
    with open_blog(store_path) as blog:
        post_id = blog.post_by_slug(GUEST).id
        blog.save_comment(Comment(id="c-site", post_id=post_id, author="ruth", body="Agreed"))
    assert slugs(capsys, store_path, "search", "has:new") == []
    with open_blog(store_path) as blog:  # a reader's comment: that one is new
        blog.save_comment(Comment(id="c-new", post_id=post_id, author="Ana", body="Hi"))
    assert slugs(capsys, store_path, "search", "has:new") == [GUEST]
