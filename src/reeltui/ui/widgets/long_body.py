"""The body of a very long post as pre-rendered lines: one widget, painted a screen at a time.

Textual's Markdown widget makes a widget per block, and every layout change walks all of
them: a 500 KB post froze the screen for seconds while it was built, and every page down
cost half a second. Past a few pieces (`services.longtext.pieces`) the reader shows the body
here instead. Rich renders each piece to lines in a background thread; the lines are added
as they come, and `render_line` paints only the lines on screen, so scrolling costs the same
at any length. Headings (for the table of contents) and search matches are found in the
rendered lines. A bug in the rendering thread is reported like any other (`ui/bugs.py`: a
notification naming the crash report, the app lives on) and the post is then shown as plain
text, so it can still be read and searched.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from reeltui.domain.text import fold, fold_map

HIT = Style(underline=True)
CURRENT_HIT = Style(reverse=True, bold=True)
Hit = tuple[int, int, int]  # line, start, end (characters of the line's text)
Match = tuple[Hit, ...]  # one search match: its piece on each line it covers


def render_piece(text: str, width: int, console: Console) -> list[Strip]:
    """`text` (Markdown) as lines of exactly `width` cells; links are clickable (they run
    the widget's `follow` action, as Textual's own links do)."""
    from rich.markdown import Markdown as RichMarkdown  # (markdown-it: not at the first paint)

    options = console.options.update(width=width, height=None, highlight=False)
    lines = console.render_lines(RichMarkdown(text, hyperlinks=True), options, pad=True)
    return [Strip([_clickable(segment) for segment in line], width) for line in lines]


def _clickable(segment: Segment) -> Segment:
    style = segment.style
    if style is None or not style.link:
        return segment
    action = Style.from_meta({"@click": f"follow({style.link!r})"})
    return Segment(segment.text, style.clear_meta_and_links() + action, segment.control)


class LongBody(Widget):
    """Lines of a long post; `show(pieces)` starts rendering them for the current width."""

    DEFAULT_CSS = "LongBody { height: auto; }"

    class Grown(Message):
        """More lines (and maybe headings) were added."""

    class LinkClicked(Message):
        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Strip] = []
        self.texts: list[str] = []  # each line's plain text
        self.headings: list[tuple[int, str, int]] = []  # level, text, line
        self.hits: list[Match] = []
        self._marks: dict[int, list[tuple[int, int, int]]] = {}  # line -> start, end, match
        self.current = -1
        self.complete = True  # every piece rendered
        self._pieces: list[str] = []
        self._generation = 0
        self._width = 0
        self._stale = False  # the lines shown were made for another width

    # -- content -------------------------------------------------------------------------

    def show(self, pieces: list[str], *, keep: bool = False) -> None:
        """Render `pieces` (nothing: empty) in the background, replacing what is shown: at
        once, or with `keep` when the new lines come (a live preview keeps its place)."""
        self._pieces = pieces
        if keep and self.lines:
            self._stale = True
        else:
            self._clear()
        self._restart()

    def _clear(self) -> None:
        self.lines, self.texts, self.headings, self.hits, self.current = [], [], [], [], -1
        self._marks = {}
        self._stale = False
        self.refresh(layout=True)

    def _restart(self) -> None:
        self._generation += 1
        self.complete = not self._pieces
        if self._pieces and self._width > 0:
            self._render_pieces(self._generation, self._pieces, self._width)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            # The old lines stay until the new ones come: clearing them would take the
            # scrollbar away, widen this widget and start again, for ever.
            self._width = event.size.width
            self._stale = bool(self.lines)
            self._restart()

    @work(thread=True, exclusive=True, group="long-body")
    def _render_pieces(self, generation: int, pieces: list[str], width: int) -> None:
        from reeltui.services.longtext import headings  # (markdown-it: not at the first paint)

        console = self.app.console
        for piece in pieces:
            lines = render_piece(piece, width, console)
            found = headings(piece)
            if generation != self._generation:
                return  # another post, or another width, meanwhile
            if not self._call(self._add, generation, found, lines):
                return
        self._call(self._done, generation)

    def _call(self, callback: Callable[..., None], *args: object) -> bool:
        """Run `callback` on the UI thread; False when the app has ended meanwhile."""
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            return False
        return True

    def _add(self, generation: int, found: list[tuple[int, str]], lines: list[Strip]) -> None:
        if generation != self._generation:
            return
        if self._stale:  # lines of the previous width: replaced by these
            self._clear()  # (the reader searches again once the new lines are all there)
        first = len(self.lines)
        texts = [line.text for line in lines]
        start = first
        for level, heading in found:  # each heading: the first line after the last one found
            for n in range(start, first + len(texts)):
                if heading and heading in texts[n - first]:
                    self.headings.append((level, heading, n))
                    start = n + 1
                    break
        self.lines.extend(lines)
        self.texts.extend(texts)
        self.refresh(layout=True)
        self.post_message(self.Grown())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The rendering raised: a bug, which the app reports (ui/bugs.py); the text is shown
        plain instead, every line of it, so it can still be read and searched."""
        if event.worker.group != "long-body" or event.state is not WorkerState.ERROR:
            return
        self._generation += 1  # a rendering still under way is dropped
        self._clear()
        width = max(self._width, 1)
        for piece in self._pieces:
            for line in piece.splitlines() or [""]:
                for part in textwrap.wrap(line, width) or [""]:
                    self.lines.append(Strip([Segment(part)]).crop_extend(0, width, None))
                    self.texts.append(part)
        self.complete = True
        self.post_message(self.Grown())

    def _done(self, generation: int) -> None:
        if generation == self._generation:
            self.complete = True
            self.post_message(self.Grown())

    def action_follow(self, href: str) -> None:
        self.post_message(self.LinkClicked(href))

    # -- search --------------------------------------------------------------------------

    def find(self, query: str) -> list[Match]:
        """Where `query` is in the lines shown so far (compared folded: case, accents, quotes,
        dashes), in reading order; a match may run from the end of one line into the next
        (where the text was wrapped)."""
        found: list[Match] = []
        needle = fold(query)
        if not needle:
            return found
        texts = [fold_map(text) for text in self.texts]
        for n, (plain, where) in enumerate(texts):
            head = plain.rstrip()
            start = head.find(needle)
            while start != -1:
                found.append(((n, *_span(where, start, start + len(needle))),))
                start = head.find(needle, start + len(needle))
            if n + 1 < len(texts):
                found += _across(n, (head, where), texts[n + 1], needle)
        return found

    def mark(self, hits: list[Match], current: int) -> None:
        self.hits, self.current = hits, current
        self._marks = {}
        for i, match in enumerate(hits):
            for line, start, end in match:
                self._marks.setdefault(line, []).append((start, end, i))
        self.refresh()

    # -- painting ------------------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def render_line(self, y: int) -> Strip:
        if y >= len(self.lines):
            return Strip.blank(self.size.width)
        strip = self.lines[y].apply_style(self.rich_style)  # the theme's colours underneath
        for start, end, i in self._marks.get(y, ()):
            style = CURRENT_HIT if i == self.current else HIT
            strip = _stylize(strip, self.texts[y], start, end, style)
        return strip


def _span(where: list[int], start: int, stop: int) -> tuple[int, int]:
    """The characters of the line that folded to [start, stop) of its folded text."""
    return where[start], where[stop - 1] + 1


def _across(
    n: int, line: tuple[str, list[int]], following: tuple[str, list[int]], needle: str
) -> list[Match]:
    """Matches that start in line `n` (folded, trailing spaces cut) and end in the next."""
    head, where = line
    tail = following[0].lstrip()
    lead = len(following[0]) - len(tail)
    joined = f"{head} {tail}"
    found: list[Match] = []
    start = joined.find(needle, max(0, len(head) - len(needle) + 1))
    while start != -1 and start < len(head):
        end = start + len(needle)
        if end > len(head):
            rest = end - len(head) - 1  # characters of the next line in the match
            pieces = [(n, *_span(where, start, len(head)))]
            if rest > 0:
                pieces.append((n + 1, *_span(following[1], lead, lead + rest)))
            found.append(tuple(pieces))
        start = joined.find(needle, start + 1)
    return found


def _stylize(strip: Strip, text: str, start: int, end: int, style: Style) -> Strip:
    left, right = cell_len(text[:start]), cell_len(text[:end])
    parts = strip.divide([left, right, strip.cell_length])
    if len(parts) < 3:
        return strip
    return Strip.join([parts[0], parts[1].apply_style(style), parts[2]])
