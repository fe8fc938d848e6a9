"""The editor highlights Markdown with the one grammar reeltui installs (tree-sitter-markdown,
registered with the TextArea by reeltui), and is plain text, never an error, without it."""

from __future__ import annotations

import pytest

from reeltui.config import Settings
from reeltui.services import Blog
from reeltui.ui.app import make_app
from reeltui.ui.screens.editor import EditorScreen
from reeltui.ui.widgets import markdown_area
from reeltui.ui.widgets.markdown_area import MarkdownArea
from tests.ui.helpers import settle

HER = "p-flixchatter-review-spike-jonzes-her"


def styles_of_line(area: MarkdownArea, text: str) -> dict[str, str]:
    """Each piece of the first line holding `text`, with the style it is painted in."""
    y = next(i for i, line in enumerate(area.text.splitlines()) if text in line)
    area.scroll_to(y=y, animate=False, immediate=True)
    return {
        s.text.strip(): str(s.style)
        for s in area.render_line(y - int(area.scroll_y))
        if s.text.strip()
    }


async def test_the_editor_highlights_markdown(open_store: Blog) -> None:
    post = open_store.post(HER)
    post.body = "## The verdict\n\nA *quiet* film.\n"
    open_store.save_post(post)
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(EditorScreen(open_store, HER))
        await settle(pilot)
        area = app.screen.query_one("#body", MarkdownArea)
        assert area.language == "markdown" and area.is_syntax_aware
        assert "markdown" in area.available_languages
        heading = styles_of_line(area, "The verdict")
        plain = styles_of_line(area, "quiet")
        heading_style = next(v for k, v in heading.items() if "The verdict" in k)
        plain_style = next(v for k, v in plain.items() if "film" in k)
        assert heading_style != plain_style and "bold" in heading_style  # painted as a heading


async def test_without_the_grammar_the_editor_is_plain_text(
    open_store: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown_area, "markdown_grammar", lambda: None)
    app = make_app(open_store, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(EditorScreen(open_store, HER))
        await settle(pilot)
        area = app.screen.query_one("#body", MarkdownArea)
        assert area.language is None and not area.is_syntax_aware
        assert "Theodore" in area.text


def test_only_the_markdown_grammar_is_needed() -> None:
    grammar = markdown_area.markdown_grammar()
    assert grammar is not None and "heading" in grammar[1]
