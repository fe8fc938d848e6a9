"""A search box that speaks the query language: a hint line below it completes field names
and values (tab takes the first) and says in one line what is wrong with a query."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input, Static

from reeltui.domain.query_complete import Completion, complete, in_comments
from reeltui.domain.sanitize import sanitize_line
from reeltui.ui.widgets.inputs import ReturningInput

SHOWN = 4  # candidates listed in the hint line
HELP = 'words, "phrases", -word, tag: rating:>=4 date:2013-11 is:unread in:comments …'


class QueryHint(Static):
    """The line under a QueryBox: completions, a number field's examples, or an error. One
    row whatever it says (the list below never moves): what is wider is cut with "…" and
    shown whole as the line's tooltip (and an error in the status line, by the owner)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.text = ""
        self.display = False

    def say(self, text: str, error: bool = False, keep: bool = False) -> None:
        """Show `text` ("": nothing to say); `keep`: the line stays, blank, when there is
        nothing to say (the box it serves is being typed in: the panes do not move)."""
        shown = bool(text) or keep
        if (text, error, shown) == (self.text, self.has_class("-error"), self.display):
            return  # said already (an update repaints the line; a layout moves the panes)
        self.text = text
        self.set_class(error, "-error")
        line = sanitize_line(text)
        # A layout only when the line appears or goes (one row: a long text is cut).
        self.update(Text(line), layout=self.display != shown)
        self.tooltip = Text(line) if line else None  # (the whole: the line may cut it)
        self.display = shown


class QueryBox(ReturningInput):
    """Query input. The owner sets `values` (names per field, for completion) and `hint`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "Complete", show=False, id="query.complete"),
    ]

    def __init__(
        self, *, placeholder: str = "", id: str | None = None, always_shown: bool = True
    ) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.always_shown = always_shown  # False: shown while it has the -visible class
        self.values: Mapping[str, Sequence[str]] = {}
        # a search of comments' own names (author:), None until the owner loaded them: it
        # is asked once, by `wants_comment_values`, when `author:` is first typed in a
        # search of comments (the names are every comment's: their reading is a whole
        # archive's at 50,000 posts, ~20 s; a search of words reads only files holding them)
        self.comment_values: Mapping[str, Sequence[str]] | None = None
        self.wants_comment_values: Callable[[], None] | None = None
        self.hint: QueryHint | None = None
        self.error = ""  # why the current query cannot be used ("" when it can)
        self.completion = Completion(0)

    def _watch_value(self, value: str) -> None:
        # Input sets its scrollable width to the text's at every letter, and that reactive
        # asks for a layout of the whole screen: a box of a fixed width (ours: the styles
        # give it one) needs none, its width is only how far it scrolls sideways. The new
        # width is set without a layout first; Input's own watcher then finds it unchanged.
        if not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def action_complete(self) -> None:
        if self.completion.candidates:
            self.value = self.completion.apply(self.value)
            self.cursor_position = len(self.value)

    async def action_submit(self) -> None:
        """Enter. A query that cannot run was not applied: the box keeps the focus (its
        line says why), so the letters typed next fix the query; given to the list, they
        ran its commands (i the inbox, e the composer...)."""
        error = problem(self.value)
        if error:
            self.error = error  # (its Changed message may not have been handled yet)
            self.refresh_hint()
            return
        await super().action_submit()

    def show_error(self, message: str) -> None:
        """An error found while running the query (the owner's worker)."""
        self.error = message
        self.refresh_hint()

    def refresh_hint(self) -> None:
        if self.hint is None:
            return
        # A box shown on demand keeps its hint's line while it is shown: a letter that ends
        # a completion or an error leaves the line blank, never lays the screen out (the
        # line going, then the list a line taller: two layouts, 30-70 ms at 50,000 posts).
        say = partial(self.hint.say, keep=not self.always_shown)
        if not (self.always_shown or self.has_class("-visible")):
            self.hint.say("")
        elif self.error and not (self.has_focus and self._completing()):
            say(f"⚠ {self.error}", error=True)
        elif self.has_focus and self.completion.candidates:
            first, *more = self.completion.candidates
            extra = f"   also {' · '.join(more[:SHOWN])}" if more else ""
            say(f"tab → {first}{extra}")
        elif self.has_focus and self.completion.hint:
            say(self.completion.hint)
        elif self.has_focus and not self.value:
            say(HELP)
        else:
            say("")

    def _completing(self) -> bool:
        """Is the word being typed one that completion can help with (so not an error yet)?"""
        return bool(self.completion.candidates or self.completion.hint)

    def _on_input_changed(self, event: Input.Changed) -> None:
        self.error = problem(self.value)
        self._complete()

    def _complete(self) -> None:
        if (
            self.comment_values is None
            and self.wants_comment_values
            and "author:" in self.value.lower()  # (reading them reads every comment)
            and in_comments(self.value)
        ):
            self.wants_comment_values()  # (once: the owner sets comment_values)
            self.wants_comment_values = None
        self.completion = complete(self.value, self.values, self.comment_values)
        self.refresh_hint()

    def set_comment_values(self, values: Mapping[str, Sequence[str]]) -> None:
        """The names a search of comments completes (the owner's worker found them)."""
        self.comment_values = values
        self._complete()

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.refresh_hint()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self.call_after_refresh(self.refresh_hint)  # has_focus is still set during the event

    def action_close(self) -> None:
        super().action_close()
        self.error = ""
        self.refresh_hint()


def problem(text: str) -> str:
    """Why `text` is not a query that can run, in one line ("" when it is)."""
    from reeltui.domain.query import QueryError, parse  # the language: not for the first frame
    from reeltui.domain.query_eval import check

    try:
        check(parse(text))
    except QueryError as exc:
        return str(exc)
    return ""
