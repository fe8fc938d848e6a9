"""The monthly recap with a Letterboxd diary in the store: the month's viewings join the
recap and the Movie of the Month choices, best rated first (real store on disk)."""

from __future__ import annotations

from reeltui.domain.diary import DiaryEntry
from reeltui.services import Blog, recap
from reeltui.store import diary as diary_records


def test_the_diary_films_of_the_month_join_the_recap(blog: Blog) -> None:
    diary_records.put_entries(
        blog.store,
        [
            DiaryEntry(id="d1", title="Gravity", year=2013, watched="2014-01-03", rating=5.0),
            DiaryEntry(id="d2", title="Her", year=2013, watched="2014-01-10", rating=4.5),
            DiaryEntry(id="d3", title="Frozen", year=2013, watched="2014-01-20", rewatch=True,
                       rating=4.0),
            DiaryEntry(id="d4", title="Nebraska", year=2013, watched="2014-02-01"),
        ],
    )  # fmt: skip
    month = recap.month_of(blog, "2014-01")
    assert [w.title for w in month.watched] == ["Gravity", "Her", "Frozen"]
    # Her is reviewed here: one choice, the review; best rated first
    assert [c.title for c in month.candidates()] == ["Gravity", "Her", "Frozen"]
    assert month.candidates()[1].post is not None
    body = recap.draft(blog, month, month.candidates()[0].key).body
    assert "**Also watched**" in body
    assert "- *Frozen* (2013) – ●●●●○ 4 reels (rewatch)" in body
    assert "## Movie of the Month:\n\n**Gravity** (2013) – ●●●●● 5 reels" in body
