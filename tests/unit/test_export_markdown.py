"""The Markdown export: files named as Jekyll names posts (date and slug, a clash numbered),
a folder holding anything else refused unless --force (one clear line, exit 2, nothing
written), an earlier export replaced whole; and an import of a folder where one post is there
twice takes it once and names the copy."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reeltui.domain.models import Post
from reeltui.formats.frontmatter import read_dir
from reeltui.services.session import open_blog
from tests.unit.test_cli import run

HER = "flixchatter-review-spike-jonzes-her"
DEMO_FILES = [
    "2013-12-03-november-movie-watching-recap-and-movie-of-the-month.md",
    "2014-01-06-first-question-of-the-year-which-2013-movies-do-you-appreciate-but-wouldnt"
    "-watch-again.md",
    "2014-01-08-guest-post-elysium-her-the-nature-of-science-fiction.md",
    "2014-01-11-flixchatter-review-spike-jonzes-her.md",
]


def export_md(
    capsys: pytest.CaptureFixture[str], store: Path, out: Path, *more: str
) -> tuple[int, str, str]:
    argv = ["--store", str(store), "export", "--format", "markdown", "--out", str(out)]
    return run(capsys, *argv, *more)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_files_are_named_by_date_and_slug_and_clashes_are_numbered(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_blog(store_path) as blog:
        her = blog.post_by_slug(HER)
        # the same slug and day (two sites merged), an unsafe slug, no date at all
        blog.save_post(dataclasses.replace(her, id="p-twin", slug=f"{HER}-x", title=her.title))
        blog.save_post(Post(id="p-odd", slug="../../etc/passwd", title="Odd", date=her.date))
        blog.save_post(Post(id="p-undated", slug="someday", title="Someday"))
    with open_blog(store_path) as blog:  # make the twin's slug clash as a file name
        twin = blog.post("p-twin")
        blog.save_post(dataclasses.replace(twin, slug=HER.upper()))
    code, _, err = export_md(capsys, store_path, tmp_path / "md")
    assert code == 0, err
    got = names(tmp_path / "md")
    assert set(DEMO_FILES) <= set(got)
    assert "2014-01-11-flixchatter-review-spike-jonzes-her-2.md" in got
    assert "2014-01-11-etc-passwd.md" in got and "someday.md" in got
    assert len(got) == 7 and all("/" not in n and not n.startswith(".") for n in got)
    assert read_dir(tmp_path / "md").skipped == []


def test_a_folder_holding_other_files_is_refused_unless_forced(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "_posts"
    site.mkdir()
    (site / "README.md").write_text("# my notes\n")
    (site / "2010-01-01-mine.md").write_text("---\ntitle: Mine\n---\n\nmy own post\n")
    code, out, err = export_md(capsys, store_path, site)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "2 files that no reeltui export wrote (2010-01-01-mine.md, README.md)" in err
    assert "--force" in err
    assert names(site) == ["2010-01-01-mine.md", "README.md"]  # nothing written
    code, out, err = export_md(capsys, store_path, site, "--force")
    assert code == 0, err
    assert names(site) == sorted([*DEMO_FILES, "2010-01-01-mine.md", "README.md"])
    assert (site / "README.md").read_text() == "# my notes\n"  # theirs untouched


def test_an_earlier_export_is_replaced_whole(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "md"
    assert export_md(capsys, store_path, out)[0] == 0
    # an older reeltui named files by slug only; and a post's slug changed since
    (out / DEMO_FILES[0]).rename(out / "november-movie-watching-recap-and-movie-of-the-month.md")
    with open_blog(store_path) as blog:
        her = blog.post_by_slug(HER)
        blog.save_post(dataclasses.replace(her, slug="her-review"))
    code, _, err = export_md(capsys, store_path, out)
    assert code == 0, err
    assert names(out) == sorted([*DEMO_FILES[:3], "2014-01-11-her-review.md"])
    back = read_dir(out)
    assert back.skipped == [] and len(back.posts) == 4


def test_a_post_twice_in_a_folder_is_imported_once_and_the_copy_named(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "md"
    assert export_md(capsys, store_path, out)[0] == 0
    copy = out / "her-copy.md"
    copy.write_bytes((out / DEMO_FILES[3]).read_bytes())
    back = read_dir(out)
    assert len(back.posts) == 4
    (skip,) = back.skipped
    assert skip.what == "her-copy.md" and DEMO_FILES[3] in skip.reason and "copy" in skip.reason
