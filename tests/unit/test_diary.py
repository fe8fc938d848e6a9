"""The film diary on real stores: `reeltui import` of a Letterboxd export (idempotent, a newer
export adds what is new, bad files), links to the blog's reviews, a review made a draft post,
`reeltui export --format letterboxd` and the round trip export -> import."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from reeltui.domain.models import Film
from reeltui.formats.letterboxd_write import IMPORT_COLUMNS
from reeltui.services import diary
from reeltui.services.session import open_blog
from tests.unit.test_import_cli import run, store_files
from tests.unit.test_letterboxd_format import EXPORT, NEWER, zip_of

HER_POST = "p-flixchatter-review-spike-jonzes-her"


files = store_files


def diary_json(capsys: pytest.CaptureFixture[str], store: Path) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "--store", str(store), "diary", "--json")
    assert code == 0
    return list(json.loads(out))


def test_import_the_export_zip_then_again_then_a_newer_one(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = zip_of(EXPORT, tmp_path / "letterboxd-ruth-2014-02-16-utc.zip")
    code, out, err = run(capsys, "--store", str(store_path), "import", str(export))
    assert code == 0, err
    assert "9 diary entries (9 new, 0 updated, 0 unchanged)" in out
    assert "watchlist.csv: 1 films to watch are not part of the diary" in out
    entries = diary_json(capsys, store_path)
    assert len(entries) == 9
    assert entries[0]["title"] == "Her" and entries[0]["watched"] == "2014-02-14"
    before = files(store_path)
    code, out, _ = run(capsys, "--store", str(store_path), "import", str(export))
    assert code == 0
    assert "(0 new, 0 updated, 9 unchanged)" in out and "nothing changed in the store" in out
    assert files(store_path) == before  # not even rewritten
    newer = zip_of(NEWER, tmp_path / "letterboxd-ruth-2014-03-03-utc.zip")
    code, out, _ = run(capsys, "--store", str(store_path), "import", str(newer))
    assert code == 0
    assert "10 diary entries (1 new, 1 updated, 8 unchanged)" in out
    after = {e["title"]: e for e in diary_json(capsys, store_path)}
    assert after["Nebraska"]["review"] == "Bruce Dern, in black and white."
    assert after["Elysium"]["rating"] == 2.0
    assert after["Elysium"]["review"] == "<i>Matt Damon</i> deserved better."
    # the folder and a single CSV of the same export change nothing either
    for again in (NEWER, NEWER / "reviews.csv"):
        code, out, _ = run(capsys, "--store", str(store_path), "import", str(again))
        assert code == 0 and "nothing changed in the store" in out


def test_bad_rows_are_named_and_the_rest_imported(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "diary.csv"
    bad.write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
        "2014-01-05,Her,2013,https://boxd.it/a,7,,,2014-01-04\n"
        "2014-01-06,Elysium,2013,https://boxd.it/b,1.5,,,2014-02-30\n"
        "2014-01-07,Gravity,2013,https://boxd.it/c,4,,,2014-01-06\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--store", str(store_path), "import", str(bad))
    assert code == 1
    assert "1 diary entry (1 new" in out  # (it said "1 diary entries")
    assert "diary.csv, row 1 (line 2): rating '7' is not between 0.5 and 5" in out
    assert "diary.csv, row 2 (line 3): date '2014-02-30' does not exist" in out
    assert "Traceback" not in out + err
    assert [e["title"] for e in diary_json(capsys, store_path)] == ["Gravity"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("films.csv", b"Film,Stars\nHer,5\n", "films.csv: not a Letterboxd CSV"),
        ("diary.csv", b'Date,Name,Year\n2014-01-01,"Her,2013\n', "diary.csv: not valid CSV"),
        ("export.zip", b"not a zip", "export.zip: not a readable zip file"),
    ],
)
def test_a_refused_file_writes_nothing(
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    message: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = files(store_path)
    code, out, err = run(capsys, "--store", str(store_path), "import", str(path))
    assert code == 2 and out == ""
    assert err.startswith(f"reeltui: {path}") or err.startswith(f"reeltui: {message}")
    assert message in err and err.count("\n") == 1
    assert files(store_path) == before


def test_links_to_the_blog_are_exact_or_shown_as_ambiguous(store_path: Path) -> None:
    with open_blog(store_path) as blog:
        from reeltui.formats.letterboxd import read_letterboxd
        from reeltui.services.diary_import import import_letterboxd

        import_letterboxd(blog, read_letterboxd(EXPORT))
        entries = diary.entries(blog)
        her = [e for e in entries if e.title == "Her"]
        links = diary.links(blog, entries)
        assert [links[e.id].post_id for e in her] == [HER_POST, HER_POST]
        assert not any(e.id in links for e in entries if e.title == "Gravity")
        # a second post about Her (2013): two candidates, no link
        other = replace(blog.post(HER_POST), id="p-her-again", slug="her-again", title="Her, again")
        blog.save_post(other)
        links = diary.links(blog, entries)
        assert links[her[0].id].post_id is None and links[her[0].id].ambiguous
        assert set(links[her[0].id].candidates) == {HER_POST, "p-her-again"}
        # a post about Elysium without a year: a candidate, never a link
        guest = blog.post_by_slug("guest-post-elysium-her-the-nature-of-science-fiction")
        blog.save_post(replace(guest, film=Film(title="Elysium")))
        elysium = next(e for e in entries if e.title == "Elysium")
        link = diary.links(blog, entries)[elysium.id]
        assert link.post_id is None and link.ambiguous and link.maybe == (guest.id,)
        # a remake (same title, another year) is no match at all
        blog.save_post(replace(guest, film=Film(title="Elysium", year=1988)))
        assert elysium.id not in diary.links(blog, entries)


def test_a_review_becomes_a_draft_post_once(store_path: Path) -> None:
    with open_blog(store_path) as blog:
        from reeltui.formats.letterboxd import read_letterboxd
        from reeltui.services.diary_import import import_letterboxd

        import_letterboxd(blog, read_letterboxd(EXPORT))
        elysium = next(e for e in diary.entries(blog) if e.title == "Elysium")
        found = diary.write_up(blog, elysium, "Ruth")
        post, made = found.post, found.made
        assert post is not None and made and post.status == "draft" and post.title == "Elysium"
        assert post.author == "Ruth"  # signed like any new post
        assert post.film == Film(title="Elysium", year=2013)
        assert post.rating == 1.5 and post.categories == ["Review"]
        assert "## The verdict\n\n*Matt Damon* deserved better.\n" in post.body
        assert "## What works" in post.body  # the rest of the review template
        again = diary.write_up(blog, elysium)
        assert again.post is not None and again.post.id == post.id and not again.made
    with open_blog(store_path) as reopened:  # on disk, with a first revision
        assert reopened.post(post.id).body == post.body
        assert diary.links(reopened, [elysium])[elysium.id].post_id == post.id


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_export_then_import_round_trip(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(store_path)
    assert run(capsys, "--store", store, "import", str(EXPORT))[0] == 0
    out_csv = tmp_path / "to-letterboxd.csv"
    code, out, _ = run(
        capsys, "--store", store, "export", "--format", "letterboxd", "--out", str(out_csv)
    )
    assert code == 0
    assert "exported 9 rows (9 diary entries, 1 review)" in out
    rows = read_rows(out_csv)
    assert tuple(rows[0]) == IMPORT_COLUMNS  # Letterboxd's import format
    by = {(r["Title"], r["WatchedDate"]): r for r in rows}
    her = by[("Her", "2014-01-04")]
    assert (her["Rating"], her["Rewatch"], her["Tags"]) == ("4.5", "false", "cinema, 2014")
    assert her["Review"].startswith("A love story about loneliness, and an operating system")
    assert by[("Elysium", "2014-01-11")]["Review"] == "Matt Damon deserved better."  # plain text
    # the blog's review of Her rides on the rewatch that has no review of its own
    rewatch = by[("Her", "2014-02-14")]
    assert rewatch["Rewatch"] == "true" and "Samantha" in rewatch["Review"]
    assert "**" not in rewatch["Review"] and "](" not in rewatch["Review"]
    assert by[("Primer", "")]["Rating"] == ""
    # into a new store: every row comes back as it was written
    fresh = tmp_path / "fresh"
    code, out, _ = run(capsys, "--store", str(fresh), "import", str(out_csv))
    assert code == 0 and "9 diary entries (9 new" in out
    back = diary_json(capsys, fresh)
    assert sorted(
        (e["title"], e["watched"], e["rating"], e["rewatch"], e["review"]) for e in back
    ) == sorted(
        (
            r["Title"],
            r["WatchedDate"],
            float(r["Rating"]) if r["Rating"] else None,
            r["Rewatch"] == "true",
            r["Review"],
        )
        for r in rows
    )
    again = run(capsys, "--store", str(fresh), "import", str(out_csv))
    assert again[0] == 0 and "nothing changed in the store" in again[1]
    # into the store it came from: nothing changes, the blog's own review is not added
    before = files(store_path)
    code, out, _ = run(capsys, "--store", store, "import", str(out_csv))
    assert code == 0 and "nothing changed in the store" in out
    assert files(store_path) == before


def test_export_refuses_a_folder(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "--store",
        str(store_path),
        "export",
        "--format",
        "letterboxd",
        "--out",
        str(tmp_path),
    )
    assert code == 2 and "is a folder" in err


def test_a_review_post_alone_is_a_row_and_not_imported_back(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_csv = tmp_path / "reviews.csv"
    store = str(store_path)
    code, out, _ = run(
        capsys, "--store", store, "export", "--format", "letterboxd", "--out", str(out_csv)
    )
    assert code == 0 and "exported 1 row (0 diary entries, 1 review)" in out
    [row] = read_rows(out_csv)
    assert (row["Title"], row["Year"], row["Directors"], row["Rating"], row["WatchedDate"]) == (
        "Her",
        "2013",
        "Spike Jonze",
        "4.5",
        "",
    )
    assert row["Tags"].startswith("Spike Jonze, Joaquin Phoenix")
    assert "\n\n" in row["Review"] and "<" not in row["Review"]
    before = files(store_path)
    code, out, _ = run(capsys, "--store", store, "import", str(out_csv))
    assert code == 0 and "kept out: 1 row that are this blog's own reviews" in out
    assert files(store_path) == before


def test_export_never_writes_inside_the_store(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(store_path)
    target = store_path / "diary.json"
    code, _, err = run(
        capsys, "--store", str(store_path), "export", "--format", "letterboxd", "--out", str(target)
    )
    assert code == 2 and "inside the store's folder" in err
    assert files(store_path) == before
