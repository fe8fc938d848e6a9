"""Search folds WordPress text (curly quotes, dashes, accents) the one way everywhere; slugs are
made as WordPress makes them, readable, and found in either form."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.cli import main
from reeltui.domain.models import Comment, Post
from reeltui.domain.text import (
    find_folded,
    fold,
    fold_all,
    fold_map,
    slug_from_wire,
    slug_to_wire,
    slugify,
)
from reeltui.domain.titles import same_slug
from reeltui.services import Blog
from reeltui.services.search import search_comments
from reeltui.services.session import open_blog
from tests.conftest import need_tool
from tests.fuzzing import examples

QUESTION = "first-question-of-the-year-which-2013-movies-do-you-appreciate-but-wouldnt-watch-again"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("wouldn't", "wouldn’t"),
        ('"her"', "“Her”"),
        ("sci-fi", "sci‑fi"),
        ("2013-2014", "2013–2014"),
        ("amelie", "Amélie"),
        ("inarritu", "Iñárritu"),
        ("lodz", "Łódź"),
        ("aeon flux", "Æon Flux"),
        ("strasse", "Straße"),
        ("film...", "ﬁlm…"),
        ("noel", "Noe\u0308l"),  # decomposed accents too
        ("солярис", "СОЛЯРИС"),
        ("елка", "Ёлка"),
    ],
)
def test_typed_text_finds_what_wordpress_wrote(typed: str, written: str) -> None:
    assert fold(typed) in fold(f"... {written} ...")
    assert find_folded(f"x {written} y", typed) == [(2, 2 + len(written))]


def test_letters_of_other_scripts_stay_themselves() -> None:
    assert fold("が") != fold("か")  # the Japanese voicing mark makes another letter
    assert fold("千と千尋") == "千と千尋"


@settings(max_examples=examples(500), deadline=None)
@given(st.text(max_size=40))
def test_folding_is_stable_and_maps_back_to_the_text(text: str) -> None:
    folded, where = fold_map(text)
    assert folded == fold(text) and fold(folded) == folded
    assert len(where) == len(folded) and where == sorted(where)
    assert all(0 <= i < len(text) for i in where)


def test_posts_search_finds_curly_quotes_from_the_cli(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for query in ("wouldn't", "WOULDN’T", "wouldn`t"):
        assert main(["--store", str(store_path), "posts", "--json", "--search", query]) == 0
        found = {p["slug"] for p in json.loads(capsys.readouterr().out)}
        assert (QUESTION in found) == (query != "wouldn`t"), query


def test_the_list_filter_and_comment_search_fold_accents(blog: Blog) -> None:
    blog.save_post(Post(id="p-am", slug="amelie", title="Amélie (2001)", status="published"))
    blog.save_comment(
        Comment(id="c-ina", post_id="p-am", author="Zoë", body="Iñárritu’s “Birdman” — wow")
    )
    assert [r.post.id for r in blog.rows(search="amelie")] == ["p-am"]
    assert [r.post.id for r in blog.rows(search="AMELIE (2001)")] == ["p-am"]
    for query in ('inarritu\'s "birdman" - wow', "zoe"):
        assert [c.id for c in search_comments(blog, query)] == ["c-ina"]
    # typed one letter at a time: the narrowing path folds the same way
    for n in range(1, len("inarritu") + 1):
        # (the store orders comments by date: the undated c-ina comes last, never left out)
        assert "c-ina" in [c.id for c in search_comments(blog, "inarritu"[:n])]
    assert [c.id for c in search_comments(blog, "inarritu")] == ["c-ina"]


# -- slugs ----------------------------------------------------------------------------------

TITLES = {
    "Æon Flux": "aeon-flux",
    "Łódź": "lodz",
    "Солярис (1972)": "солярис-1972",
    "千と千尋の神隠し": "千と千尋の神隠し",
    "Amélie (2001)": "amelie-2001",
    "FlixChatter Review: Spike Jonze’s HER": "flixchatter-review-spike-jonzes-her",
    "Rated 4.5 / 5 — wow": "rated-4-5-5-wow",
    "Iñárritu’s «Birdman»": "inarritus-birdman",
    "snake_case_title": "snake_case_title",
    "100% pure": "100-pure",
    "A×B": "axb",
    "Ŀa Ŀlum": "la-llum",
    "हिन्दी फ़िल्म": "हिन्दी-फ़िल्म",
    "Ça va? Øresund, Đakovo & Þingvellir": "ca-va-oresund-dakovo-thingvellir",
}


@pytest.mark.parametrize(("title", "slug"), TITLES.items())
def test_slugs_keep_every_letter(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert slugify(slug) == slug  # a slug is its own slug


def test_german_sharp_s_reads_as_ss() -> None:
    assert slugify("Die Straße") == "die-strasse"


def test_slugs_are_cut_like_wordpress_at_200_encoded_bytes() -> None:
    cyrillic = slugify("я" * 150)
    assert len(slug_to_wire(cyrillic)) <= 200 and cyrillic == "я" * 33
    assert len(slugify("a" * 300)) == 200


def test_wordpress_makes_the_same_slugs() -> None:
    """Against WordPress's own sanitize_title (its formatting.php, run by PHP), every title
    above but the ß (en_US WordPress writes "s"; reeltui follows its German "ss")."""
    php = need_tool("php")
    formatting = Path("/usr/share/wordpress/wp-includes/formatting.php")
    if not formatting.exists():
        need_tool("wordpress-is-not-installed")
    script = (
        "define('ABSPATH', '/usr/share/wordpress/'); define('WPINC', 'wp-includes');"
        "function get_locale() { return 'en_US'; }"
        "function apply_filters($tag, $value) { return $value; }"
        "require ABSPATH . WPINC . '/functions.php'; require ABSPATH . WPINC . '/formatting.php';"
        "while (($t = fgets(STDIN)) !== false) {"
        ' echo urldecode(sanitize_title_with_dashes(remove_accents(rtrim($t, "\\n")),'
        " '', 'save')), \"\\n\"; }"
    )
    titles = [t for t in TITLES if t != "हिन्दी फ़िल्म"]  # (PHP without mbstring: no NFC)
    done = subprocess.run(
        [php, "-r", script], input="\n".join(titles) + "\n", capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    # WordPress lowercases other scripts with mb_strtolower when PHP has mbstring
    theirs = [line.lower() for line in done.stdout.splitlines()]
    assert theirs == [slugify(t) for t in titles]


def test_percent_encoding_only_on_the_wire() -> None:
    assert slug_to_wire("солярис-1972") == "%d1%81%d0%be%d0%bb%d1%8f%d1%80%d0%b8%d1%81-1972"
    assert slug_from_wire("%D1%81%D0%BE%D0%BB%D1%8F%D1%80%D0%B8%D1%81-1972") == "солярис-1972"
    assert slug_to_wire("aeon-flux") == "aeon-flux"
    assert slug_from_wire("100%-sure") == "100%-sure"  # not an escape: left alone
    assert same_slug("солярис", "%d1%81%d0%be%d0%bb%d1%8f%d1%80%d0%b8%d1%81")


def test_show_and_edit_find_a_post_by_either_form(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_blog(store_path) as blog:
        blog.save_post(Post(id="p-sol", slug="солярис-1972", title="Солярис (1972)"))
    for given_slug in ("солярис-1972", slug_to_wire("солярис-1972"), "СОЛЯРИС-1972"):
        assert main(["--store", str(store_path), "show", given_slug, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["id"] == "p-sol"
    from reeltui.services.drafts import find_for_edit

    with open_blog(store_path) as blog:
        assert find_for_edit(blog, slug_to_wire("солярис-1972")).id == "p-sol"


def test_wxr_keeps_slugs_readable_and_sends_them_encoded(tmp_path: Path) -> None:
    from reeltui.formats import Parsed
    from reeltui.formats.wxr.reader import read_wxr
    from reeltui.formats.wxr.writer import write_wxr

    post = Post(id="p-sol", slug="солярис-1972", title="Солярис", status="published")
    out = tmp_path / "out.xml"
    out.write_bytes(write_wxr([Parsed(post)]))
    xml = out.read_text(encoding="utf-8")
    assert f"<wp:post_name><![CDATA[{slug_to_wire(post.slug)}]]></wp:post_name>" in xml
    back = read_wxr(out).posts[0].post
    assert back.slug == "солярис-1972"


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(st.text(st.sampled_from([*"aé’–\u0301\ue000ßİ", "\x00", "x"]), max_size=8), max_size=8)
)
def test_folding_many_texts_at_once_folds_each(texts: list[str]) -> None:
    assert fold_all(texts) == [fold(t) for t in texts]
