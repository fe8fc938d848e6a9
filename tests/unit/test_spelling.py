"""The spell checker's parts: what is never checked, the blog's names, the real dictionary,
suggestions, the lines re-checked after an edit, the writer's words on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeltui.domain.spelling import code_lines, words
from reeltui.services import Blog, spelling
from reeltui.services import spelling_words as words_file


@pytest.fixture(scope="module")
def english() -> spelling.Lexicon:
    return spelling.lexicon("en")  # pyspellchecker's English word list, installed with reeltui


def flagged(speller: spelling.Speller, line: str) -> list[str]:
    return [line[s:e] for s, e in speller.misspelled(line)]


def test_markdown_urls_code_and_html_are_never_checked() -> None:
    line = (
        'Teh [trailr](https://exampel.com/wrold?x=1 "ttle") and `codee` with '
        '<span class="fooo">wrold</span> <!-- wp:paragrph --> &nbspp; www.exampel.com '
        'mail me@exampel.com [captin id="1"] R2D2 4Kk HER DVD a [lnk][refrence]'
    )
    got = [w for _, _, w in words(line)]
    assert got == ["Teh", "trailr", "and", "with", "wrold", "mail", "HER", "DVD", "a", "lnk"]
    assert words("[refrence]: https://exampel.com/x") == []
    body = ["Prose wrold", "```python", "def fooo():", "```", "<pre>", "wrold", "</pre>", "Aftr"]
    assert code_lines(body) == [False, True, True, True, False, True, True, False]


def test_the_dictionary_the_blog_and_the_rules(english: spelling.Lexicon, blog: Blog) -> None:
    names = spelling.blog_names(blog)
    # from the demo blog: a director and tag, a cast member, a commenter
    assert {"jonze", "phoenix", "joaquin", "lindqvist"} <= names
    speller = spelling.Speller(english, names)
    line = "Joaquin Phoenix in Spike Jonze’s film; Marcy Lindqvist’s comment on Elysium"
    assert flagged(speller, line) == []
    assert flagged(spelling.Speller(english), "Jonze and Lindqvist") == ["Jonze", "Lindqvist"]
    assert flagged(speller, "Jonzee's movei couldn't be a sci-fi rom-com mispeled") == [
        "Jonzee's",
        "movei",
        "mispeled",
    ]
    assert flagged(speller, "well-knwn") == ["knwn"]  # the unknown part of a hyphenated word


def test_suggestions_are_ranked_and_in_the_words_case(english: spelling.Lexicon) -> None:
    speller = spelling.Speller(english, {"jonze"})
    assert speller.suggestions("wrold")[0] == "world"
    assert speller.suggestions("Teh")[0] == "The"
    assert speller.suggestions("cinematogrphy") == ["cinematography"]
    assert speller.suggestions("Jonzee") == ["Jonze"]
    assert speller.suggestions("definately")[0] == "definitely"  # two edits away


def test_a_body_is_checked_once_then_only_its_changed_lines(english: spelling.Lexicon) -> None:
    check = spelling.DocumentCheck(spelling.Speller(english))
    lines = [f"Line {n} of prose with a wrold in it." for n in range(2000)]
    lines[5] = "```"
    lines[7] = "```"
    found = check.run(lines)
    assert check.checked == 1997  # every prose line, no code
    assert 6 not in found and found[0] == ((23, 28),)
    lines[100] = "Line 100 now says teh."
    found = check.run(lines)
    assert check.checked == 1 and found[100] == ((18, 21),)
    check.speller.learn("wrold")
    check.forget()
    assert list(check.run(lines)) == [100]


def test_an_unknown_language_is_one_line() -> None:
    with pytest.raises(ValueError, match=r"no spelling dictionary for .xx.; there are: .*en"):
        spelling.lexicon("xx")
    assert {"en", "es", "fr", "de"} <= set(spelling.languages())


def test_the_writers_words_are_kept_on_disk(tmp_path: Path) -> None:
    assert words_file.personal_words(tmp_path) == set()
    (tmp_path / "dictionary.txt").write_text("# my words\nBlomkamp\n", encoding="utf-8")
    words_file.add_personal("Villeneuve", tmp_path)
    words_file.add_personal("Blomkamp", tmp_path)
    assert (tmp_path / "dictionary.txt").read_text() == "# my words\nBlomkamp\nVilleneuve\n"
    assert words_file.personal_words(tmp_path) == {"Blomkamp", "Villeneuve"}
    words_file.add_ignored("p-1", "wrold", tmp_path)
    assert words_file.ignored_words("p-1", tmp_path) == {"wrold"}
    assert words_file.ignored_words("p-2", tmp_path) == set()
    (tmp_path / "spelling-ignored.json").write_text("[oops", encoding="utf-8")
    with pytest.raises(words_file.WordsError, match="not valid JSON; it was left as it is"):
        words_file.add_ignored("p-1", "x", tmp_path)
    assert (tmp_path / "spelling-ignored.json").read_text() == "[oops"


def test_the_spelling_settings(tmp_path: Path) -> None:
    from reeltui.config import load_settings

    path = tmp_path / "config.toml"
    settings, problems = load_settings(path)
    assert (settings.spelling, settings.spelling_language, problems) == (True, "en", [])
    path.write_text('theme = "nord"\n\n[spelling]\nenabled = false\nlanguage = "fr"\n')
    settings, problems = load_settings(path)
    assert (settings.spelling, settings.spelling_language, problems) == (False, "fr", [])
    path.write_text('[spelling]\nenabled = "nope"\nlanguage = 3\n')
    settings, problems = load_settings(path)
    assert (settings.spelling, settings.spelling_language) == (True, "en")
    assert problems == [
        f"{path}: [spelling] enabled must be true or false",
        f'{path}: [spelling] language must be a code like "en"',
    ]
