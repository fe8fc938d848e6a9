"""The editor's text area: Markdown highlighted by tree-sitter-markdown, the one grammar
reeltui installs (Textual's `syntax` extra would add 14 grammars, 23 MB, for languages a
review never holds). Without the grammar the text is plain, never an error."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from textual.widgets import TextArea

if TYPE_CHECKING:
    from tree_sitter import Language


@functools.cache
def markdown_grammar() -> tuple[Language, str] | None:
    """The Markdown grammar and Textual's highlight query for it, or None when the grammar
    (or tree-sitter) is not installed."""
    try:
        import tree_sitter_markdown
        from tree_sitter import Language
    except ImportError:
        return None
    query = TextArea._get_builtin_highlight_query("markdown")
    return Language(tree_sitter_markdown.language()), query


class MarkdownArea(TextArea):
    """A TextArea for Markdown: the grammar is registered with it as it is built.

    Not on mount: setting `language` rebuilds the document, which would drop a selection or
    cursor the screen set in its own on_mount (the two run in either order)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grammar = markdown_grammar()
        if grammar is not None:
            self.register_language("markdown", *grammar)
            self._set_document(self.document.text, "markdown")
            self.set_reactive(TextArea.language, "markdown")
