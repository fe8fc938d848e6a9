"""What the reader shows of the corpus: what the HTML says, never tag soup."""

from __future__ import annotations

import re

import pytest

from reeltui.formats.display import readable
from reeltui.formats.siteview import site_markdown
from tests.conftest import need_shared
from tests.fidelity.corpus import CORPUS, shared_posts

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def _tags_outside_code(markdown: str) -> list[str]:
    return _TAG.findall(_CODE.sub("", markdown))


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_reader_shows_no_tags(name: str) -> None:
    shown = readable(site_markdown(CORPUS[name]))
    assert _tags_outside_code(shown) == [], shown


def test_the_shared_exports_show_no_tags() -> None:
    for name, html in shared_posts(need_shared("fixtures", "wxr")).items():
        assert _tags_outside_code(readable(site_markdown(html))) == [], name


def test_what_the_report_saw_damaged_is_shown_readably() -> None:
    shown = readable(site_markdown(CORPUS["classic tags"]))
    # a table with <thead> and newlines between cells: a table with its separator row
    assert (
        "| Employee | Salary |  |\n|---|---|---|\n| [John Doe](http://example.org/) | $1 |" in shown
    )
    # a <pre> that starts with <cite> and holds blank lines: all of it, preformatted
    assert (
        "```text\nThe Raven\nOnce upon a midnight dreary, while I pondered, weak and weary,\n"
        "Over many a quaint and curious volume of forgotten lore,\n\nWhile I nodded" in shown
    )
    # <address> on its own lines, not run into the next paragraph
    assert "1 Infinite Loop\\\nCupertino, CA 95014\\\nUnited States\n\n**Anchor Tag" in shown
    # sub, sup, abbr, ins, small, big: readable, never glued
    assert "H₂O" in shown and "E = MC²" in shown
    assert "srsly (Seriously)" in shown
    assert "denote inserted text" in shown and "shows smaller text" in shown
    assert "a big deal" in shown and "~~strike out text~~" in shown
    # a definition list: each term, its definition under it
    assert "**Definition List Title**\n> This is a definition list division." in shown
    # a reversed list counts down
    assert "3\\. Third favourite\\\n2\\. Second favourite\\\n1\\. Favourite" in shown
    # the page break is a visible rule, the more marker is shown
    assert "---\n\n*— page 2 —*" in shown
    assert "*· · · more · · ·*" in shown


def test_markers_embeds_and_shortcodes_are_shown_for_what_they_are() -> None:
    shown = readable(site_markdown(CORPUS["classic media"] + "\n\n" + CORPUS["markers and more"]))
    assert "![Her](https://example.com/wp-content/uploads/2013/12/her-300x200.jpg)" in shown
    assert "Joaquin Phoenix in Her" in shown
    assert "`[embed]https://www.youtube.com/watch?v=WzV6mXIOVl4[/embed]`" in shown
    assert (
        "[▶ embedded: https://player.vimeo.com/video/12345](https://player.vimeo.com/video/12345)"
        in shown
    )
    assert '`[gallery ids="12,13,14" columns="3"]`' in shown
    assert "*(latest posts block: shown on the site)*" in shown


def test_markdown_without_html_is_shown_as_it_is() -> None:
    text = "# Title\n\nSome *words*, a [link](https://example.com).\n\n- a\n- b\n"
    assert readable(text) == text
