"""`reeltui check` says each problem once, and `check --repair --yes` says what it did (a new
user's pass over a damaged store): a refused posts-index row is one finding (its field, and that
the list does not show the post), a deleted or unreadable index file is one finding naming the
file and the posts the list leaves out, and a rebuild ends with a `done:` line."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_backup_repair import edit_file, reeltui

QUESTION = (
    "p-first-question-of-the-year-which-2013-movies-do-you-appreciate-but-wouldnt-watch-again"
)
RECAP = "p-november-movie-watching-recap-and-movie-of-the-month"


def problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("  - ")]


def test_a_refused_index_row_is_one_problem(store_path: Path) -> None:
    edit_file(
        store_path / "posts-index" / "2014-01.json",
        lambda d: d["posts"][QUESTION].update(rating="lots"),
    )
    done = reeltui(store_path, "check")
    assert done.returncode == 1
    assert "1 problem " in done.stderr, done.stderr
    (line,) = problems(done.stderr)
    assert f"posts-index/2014-01.json: posts index record '{QUESTION}': field 'rating'" in line
    assert line.endswith("(the list does not show it)")
    assert "is not in the posts index" not in done.stderr


def test_a_deleted_index_file_is_named_as_missing(store_path: Path) -> None:
    (store_path / "posts-index" / "2013-12.json").unlink()
    done = reeltui(store_path, "check")
    assert done.returncode == 1
    assert problems(done.stderr) == [
        "  - posts-index/2013-12.json: the posts index file: is missing, so the list does not "
        f"show post '{RECAP}'"
    ]


def test_an_unreadable_index_file_is_one_problem_counting_the_posts_left_out(
    store_path: Path,
) -> None:
    (store_path / "posts-index" / "2014-01.json").write_text("{nope")
    done = reeltui(store_path, "check")
    (line,) = problems(done.stderr)
    assert "posts-index/2014-01.json: the file: " in line and "is not valid JSON" in line
    assert f"(the list does not show 3 posts ('{QUESTION}', " in line


def test_a_repair_by_rebuild_says_what_it_did(store_path: Path) -> None:
    (store_path / "posts-index" / "2013-12.json").unlink()
    done = reeltui(store_path, "check", "--repair", "--yes")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "done: posts index: rebuilt from the posts' files"
    assert lines[-1].endswith(": repaired; sound (schema 2, 4 posts, 22 comments)")
    assert reeltui(store_path, "check").returncode == 0
