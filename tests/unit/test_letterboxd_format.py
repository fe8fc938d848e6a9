"""Reading Letterboxd exports: the real export layout (fixtures written in it), the import
format, bad rows named by file/row/line, whole files refused, and hypothesis on the reader."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reeltui.domain.diary import DiaryEntry
from reeltui.formats import FormatError
from reeltui.formats.letterboxd import is_letterboxd, read_letterboxd
from reeltui.formats.letterboxd_csv import Refused, read_csv
from reeltui.formats.letterboxd_write import ExportRow, write_letterboxd
from reeltui.formats.plaintext import html_to_plain, markdown_to_plain
from tests.fuzzing import examples

FIXTURES = Path(__file__).parents[1] / "fixtures" / "letterboxd"
EXPORT = FIXTURES / "export-2014-02"
NEWER = FIXTURES / "export-2014-03"


def zip_of(folder: Path, out: Path, top: str = "", extra: dict[str, bytes] | None = None) -> Path:
    """The folder's CSVs zipped the way Letterboxd does (optionally under one top folder)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, f"{top}{path.name}")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out


def by_title(entries: list[DiaryEntry]) -> dict[str, list[DiaryEntry]]:
    found: dict[str, list[DiaryEntry]] = {}
    for entry in entries:
        found.setdefault(entry.title, []).append(entry)
    return found


def test_the_export_folder_is_joined_into_entries() -> None:
    read = read_letterboxd(EXPORT)
    assert read.problems == [] and read.refused == []
    assert read.files == ["diary.csv", "reviews.csv", "watched.csv", "ratings.csv", "watchlist.csv"]
    films = by_title(read.entries)
    # six viewings, a review without a viewing, two films marked watched without a date
    assert len(read.entries) == 9
    first_her = next(e for e in films["Her"] if e.watched == "2014-01-04")
    assert first_her.review == (
        'A love story about loneliness, and an operating system called "Samantha".\n\n'
        "Joaquin Phoenix says more with his face than a page of dialogue."
    )
    assert first_her.tags == ["cinema", "2014"] and first_her.rating == 4.5
    assert first_her.logged == "2014-01-05" and first_her.uri == "https://boxd.it/5fYq1b"
    rewatch = next(e for e in films["Her"] if e.watched == "2014-02-14")
    assert rewatch.rewatch and rewatch.review == ""
    assert films["Red, White & Royal Blue"][0].rating is None  # an empty rating
    assert films["Amélie"][0].review == "Still charming, still Paris — c'est la vie."
    assert films["千と千尋の神隠し"][0].year == 2001
    assert films["Elysium"][0].review == "<i>Matt Damon</i> deserved better."
    gravity = films["Gravity"][0]
    assert (gravity.watched, gravity.source, gravity.rating) == ("", "review", 4.0)
    assert (films["The Hurt Locker"][0].watched, films["The Hurt Locker"][0].rating) == ("", 4.0)
    assert films["Primer"][0].rating is None and films["Primer"][0].source == "watched"
    assert "Nebraska" not in films  # the watchlist is not a diary
    assert read.notes == [
        "watchlist.csv: 1 films to watch are not part of the diary (not imported)"
    ]


def test_the_zip_reads_as_the_folder_and_ignores_deleted_entries(tmp_path: Path) -> None:
    deleted = b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n" + (
        b"2014-01-01,Gigli,2003,https://boxd.it/x,0.5,,,2014-01-01\n"
    )
    plain = zip_of(EXPORT, tmp_path / "a.zip", extra={"deleted/diary.csv": deleted})
    nested = zip_of(EXPORT, tmp_path / "b.zip", top="letterboxd-ruth-2014-02-16-utc/")
    for path in (plain, nested):
        assert is_letterboxd(path)
        read = read_letterboxd(path)
        assert [e.to_dict() for e in read.entries] == [
            e.to_dict() for e in read_letterboxd(EXPORT).entries
        ]
        assert "Gigli" not in by_title(read.entries)


def test_one_csv_and_the_import_format() -> None:
    reviews = read_letterboxd(EXPORT / "reviews.csv")
    assert [e.title for e in reviews.entries] == ["Her", "Elysium", "Amélie", "Gravity"]
    data = (
        b"Title,Year,Rating10,WatchedDate,Rewatch,Tags,Review,imdbID,Directors\n"
        b'Arrival,2016,9,2016-11-12,true,"sci-fi, cinema","Words, words.",tt2543164,'
        b"Denis Villeneuve\n"
    )
    read = read_csv(data, "mine.csv")
    entry = read.entries[0]
    assert read.kind == "csv"
    assert (entry.title, entry.year, entry.rating, entry.watched, entry.rewatch) == (
        "Arrival",
        2016,
        4.5,
        "2016-11-12",
        True,
    )
    assert entry.tags == ["sci-fi", "cinema"] and entry.directors == "Denis Villeneuve"


def test_bad_rows_are_named_and_the_rest_is_read() -> None:
    data = (
        b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
        b"2014-01-05,Her,2013,https://boxd.it/a,7,,,2014-01-04\n"
        b'2014-01-06,"Long\nTitle",2013,https://boxd.it/b,4,,,2014-02-30\n'
        b"2014-01-07,Fine,2013,https://boxd.it/c,3.5,,,2014-01-06\n"
        b"2014-01-08,,2013,https://boxd.it/d,3,,,2014-01-06\n"
        b"2014-01-09,Short,2013\n"
        b"2014-01-10,Odd,twenty,https://boxd.it/e,3,maybe,,2014-01-06\n"
    )
    read = read_csv(data, "diary.csv")
    assert [e.title for e in read.entries] == ["Fine"]
    assert read.problems == [
        "diary.csv, row 1 (line 2): rating '7' is not between 0.5 and 5 in half stars; row skipped",
        "diary.csv, row 2 (line 3): date '2014-02-30' does not exist "
        "(day is out of range for month); row skipped",
        "diary.csv, row 4 (line 6): no film title; row skipped",
        "diary.csv, row 5 (line 7): 3 fields where the header has 8; row skipped",
        "diary.csv, row 6 (line 8): year 'twenty' is not a film year; row skipped",
    ]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"foo,bar\n1,2\n", "not a Letterboxd CSV"),
        (b'Date,Name,Year\n2014-01-01,"Her,2013\n', "not valid CSV"),
        (b"Date,Name\n2014-01-01,Am\xe9lie\n", "not UTF-8"),
        (b"Date,Name,Year\n2014-01-01,Her\x00,2013\n", "NUL bytes"),
        (b"", "empty"),
        (b"Name,Title\nx,y\n", "names a column twice"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_whole(data: bytes, why: str) -> None:
    with pytest.raises(Refused, match=why) as caught:
        read_csv(data, "diary.csv")
    assert str(caught.value).startswith("diary.csv: ")
    assert "nothing" in str(caught.value)


def test_a_refused_file_in_a_zip_leaves_the_others(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(EXPORT / "reviews.csv", "reviews.csv")
        archive.writestr("ratings.csv", b'Date,Name,Year,Letterboxd URI,Rating\n"broken\n')
    read = read_letterboxd(path)
    assert read.refused == [
        "ratings.csv: not valid CSV (line 2: unexpected end of data); nothing from it was imported"
    ]
    assert [e.title for e in read.entries] == ["Her", "Elysium", "Amélie", "Gravity"]


def test_what_is_not_an_export_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "photos.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("cat.jpg", b"\xff\xd8")
    with pytest.raises(FormatError, match=r"photos\.zip: not a Letterboxd export"):
        read_letterboxd(empty)
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK not really")
    with pytest.raises(FormatError, match="not a readable zip"):
        read_letterboxd(fake)
    other = tmp_path / "other.csv"
    other.write_bytes(b"a,b\n1,2\n")
    with pytest.raises(FormatError, match=r"other\.csv: not a Letterboxd CSV"):
        read_letterboxd(other)
    assert not is_letterboxd(tmp_path)  # a folder without the export's files


def test_plain_text_of_markdown_and_letterboxd_html() -> None:
    md = (
        "## The verdict\n\nA *fine* film, see [the trailer](https://x.example/t).\n\n- one\n- two\n"
    )
    assert markdown_to_plain(md) == (
        "The verdict\n\nA fine film, see the trailer (https://x.example/t).\n\n- one\n- two"
    )
    assert html_to_plain("<i>Matt Damon</i> deserved better &amp; more.") == (
        "Matt Damon deserved better & more."
    )
    assert html_to_plain("no markup, 5 * 3") == "no markup, 5 * 3"


# -- hypothesis: whatever is in the fields, a written row reads back the same ---------------

TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"), max_size=40
)
TITLES = TEXT.map(str.strip).filter(bool).filter(lambda t: t[:1] not in "\r\n")
REVIEWS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\ufeff"), max_size=200
).map(lambda t: t.strip("\n"))
RATINGS = st.one_of(st.none(), st.integers(1, 10).map(lambda n: n / 2))
DAYS = st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()).filter(lambda d: d[0] != "0"))
TAGS = st.lists(TEXT.map(lambda t: t.replace(",", " ").strip()).filter(bool), max_size=3)
ROWS = st.builds(
    ExportRow,
    title=TITLES,
    year=st.one_of(st.none(), st.integers(1870, 2200)),
    directors=TEXT.map(str.strip),
    rating=RATINGS,
    watched=DAYS,
    rewatch=st.booleans(),
    tags=TAGS,
    review=REVIEWS,
)


@settings(max_examples=examples(600), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(ROWS, max_size=6))
def test_written_rows_read_back(rows: list[ExportRow]) -> None:
    read = read_csv(write_letterboxd(rows), "mine.csv")
    assert read.problems == []
    assert [
        ExportRow(e.title, e.year, e.directors, e.rating, e.watched, e.rewatch, e.tags, e.review)
        for e in read.entries
    ] == rows


@settings(max_examples=examples(600), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.tuples(TITLES, st.one_of(st.none(), st.integers(1870, 2200)), RATINGS, DAYS, REVIEWS),
        max_size=6,
    )
)
def test_the_export_layout_reads_back(
    rows: list[tuple[str, int | None, float | None, str, str]],
) -> None:
    """reviews.csv as Letterboxd writes it (csv quoting, commas and newlines in reviews)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "Date",
            "Name",
            "Year",
            "Letterboxd URI",
            "Rating",
            "Rewatch",
            "Review",
            "Tags",
            "Watched Date",
        ]
    )
    for n, (title, year, rating, day, review) in enumerate(rows):
        shown = "" if rating is None else f"{rating:g}"
        writer.writerow(
            ["2020-01-01", title, year or "", f"https://boxd.it/{n}", shown, "", review, "", day]
        )
    read = read_csv(out.getvalue().encode(), "reviews.csv")
    assert read.problems == [] and read.kind == "review"
    assert [(e.title, e.year, e.rating, e.watched, e.review) for e in read.entries] == rows


@settings(max_examples=examples(1200), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_rows_or_one_refusal(data: bytes) -> None:
    header = b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
    for payload in (data, header + data):
        try:
            read = read_csv(payload, "diary.csv")
        except Refused as exc:
            assert str(exc).startswith("diary.csv: ") and "\n" not in str(exc)
            continue
        for problem in read.problems:
            assert problem.startswith("diary.csv, row ")
