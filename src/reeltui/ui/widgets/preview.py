"""The editor's live preview: the body in Textual's Markdown widget, or, for a very long body,
as pre-rendered lines (LongBody), so typing in a 100 KB post never waits on the preview."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from reeltui.formats.display import readable
from reeltui.services.longtext import LONG_PIECES, pieces
from reeltui.ui.widgets.long_body import LongBody


class Preview(VerticalScroll):
    DEFAULT_CSS = """
    Preview > LongBody { display: none; }
    Preview.-long > LongBody { display: block; }
    Preview.-long > Markdown { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Markdown(id="preview-markdown")
        yield LongBody(id="preview-long")

    @property
    def markdown(self) -> Markdown:
        return self.query_one("#preview-markdown", Markdown)

    @property
    def long_body(self) -> LongBody:
        return self.query_one("#preview-long", LongBody)

    def show(self, text: str) -> None:
        text = readable(text)  # raw HTML blocks (kept from the site) shown as what they say
        chunks = pieces(text)
        if len(chunks) > LONG_PIECES:
            if not self.has_class("-long"):
                self.add_class("-long")
                self.markdown.update("")
            self.long_body.show(chunks, keep=True)
        else:
            if self.has_class("-long"):
                self.remove_class("-long")
                self.long_body.show([])
            self.markdown.update(text)
