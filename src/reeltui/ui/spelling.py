"""Spell checking in the editor: a helper the editor screen owns (`EditorSpelling`).

The dictionary, the blog's names and the writer's words load in a worker thread when the
editor opens. After an edit, a short pause, then a worker checks the body's lines (only those
it has not seen) and hands the spans back to the body to underline: the UI thread only copies
the list of lines. The title and excerpt are underlined as they are drawn (a few words).
F7 offers suggestions for the misspelled word at the cursor (or the next one), to replace it,
add it to the writer's dictionary, or ignore it in this post.

A bug in one of its workers is reported like any other (`ui/bugs.py`: a notification naming
the crash report, the app lives on); spelling then turns itself off for this editor, so the
writer is told once and goes on typing, the text untouched.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from reeltui.domain.sanitize import sanitize_line
from reeltui.services import spelling
from reeltui.services import spelling_words as words_file
from reeltui.ui.screens.dialogs import PickScreen
from reeltui.ui.widgets.spell_area import Marks, Span, SpellHighlighter, SpellTextArea

if TYPE_CHECKING:
    from reeltui.ui.screens.editor_core import EditorCore

CHECK_DELAY = 0.12  # seconds after the last key before the body is checked again
FIELDS = ("#field-title", "#field-excerpt")
GROUPS = ("spelling", "spell-check")  # the groups of its workers


def wanted(settings: object) -> bool:
    """The [spelling] setting, unless $REELTUI_SPELLING says off (or on) for this run."""
    env = os.environ.get("REELTUI_SPELLING", "").strip().casefold()
    if env in ("0", "off", "false", "no"):
        return False
    if env in ("1", "on", "true", "yes"):
        return True
    return bool(getattr(settings, "spelling", True))


class EditorSpelling:
    def __init__(self, screen: EditorCore, *, enabled: bool = True, language: str = "en") -> None:
        self.screen = screen
        self.enabled = enabled
        self.language = language
        self.speller: spelling.Speller | None = None
        self.check: spelling.DocumentCheck | None = None
        self.broken = False  # a worker raised: off until the editor is opened again
        self.checks = 0  # bodies checked (tests wait on it)
        self.checked: list[str] = []  # the body's lines as the last finished check saw them
        self._lock = threading.Lock()
        self._timer: Timer | None = None
        self.highlighter = SpellHighlighter()

    @property
    def body(self) -> SpellTextArea:
        return self.screen.query_one("#body", SpellTextArea)

    def fields(self) -> list[Input]:
        return [self.screen.query_one(selector, Input) for selector in FIELDS]

    def start(self) -> None:
        if not self.enabled:
            return
        for field in self.fields():
            field.highlighter = self.highlighter
        self.screen.run_worker(self._load, thread=True, group="spelling")

    def _load(self) -> None:
        session = self.screen.session
        try:
            lexicon = spelling.lexicon(self.language)
            names = spelling.blog_names(session.blog)
            personal = words_file.personal_words()
            ignored = words_file.ignored_words(session.post_id)
        except (ValueError, OSError, words_file.WordsError) as exc:
            self.screen.app.call_from_thread(self._failed, str(exc))
            return
        speller = spelling.Speller(lexicon, names, personal, ignored)
        self.screen.app.call_from_thread(self._ready, speller)

    def _failed(self, message: str) -> None:
        self.enabled = False
        self.screen.notify(f"Spelling is off: {message}", severity="warning", timeout=8)

    def worker_changed(self, event: Worker.StateChanged) -> None:
        """One of its workers raised: a bug, which the app reports (ui/bugs.py); spelling
        turns off, its underlines go, the text stays as the writer has it."""
        if event.worker.group not in GROUPS or event.state is not WorkerState.ERROR:
            return
        self.broken, self.enabled = True, False
        self.speller = self.check = None
        self.highlighter.check = None
        if self._timer is not None:
            self._timer.stop()
        if self.screen.is_attached:
            self.body.show_misspelled({})
            self._refresh_fields()

    def _ready(self, speller: spelling.Speller) -> None:
        if not self.enabled:  # turned off by a bug meanwhile
            return
        self.speller = speller
        self.check = spelling.DocumentCheck(speller)
        self.highlighter.check = speller.misspelled
        self._refresh_fields()
        self.changed(delay=0)

    def _refresh_fields(self) -> None:
        for field in self.fields():
            field.refresh()

    # -- checking the body ---------------------------------------------------------------

    def changed(self, delay: float = CHECK_DELAY) -> None:
        """The body changed: check it after a short pause (typing on never waits for it)."""
        if self.check is None or not self.screen.is_attached:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if delay <= 0:
            self.screen.call_later(self._start_check)
        else:
            self._timer = self.screen.set_timer(delay, self._start_check)

    def _start_check(self) -> None:
        if not self.screen.is_attached:
            return
        lines = list(self.body.document.lines)  # a snapshot: the worker never sees edits
        self.screen.run_worker(lambda: self._check(lines), thread=True, group="spell-check")

    def _check(self, lines: list[str]) -> None:
        check = self.check
        if check is None:
            return
        with self._lock:
            found = check.run(lines)
        marks: Marks = {row: (lines[row], spans) for row, spans in found.items()}
        self.screen.app.call_from_thread(self._show, marks, lines)

    def _show(self, marks: Marks, lines: list[str]) -> None:
        self.checks += 1
        self.checked = lines
        if self.screen.is_attached and self.enabled:
            self.body.show_misspelled(marks)

    # -- F7: suggestions -----------------------------------------------------------------

    def suggest(self) -> None:
        if not self.enabled or self.speller is None:
            why = "still loading" if self.enabled else "it is turned off in the settings"
            why = "off after a bug (see the message about it)" if self.broken else why
            self.screen.notify(f"Spelling: {why}")
            return
        target = self._target()
        if target is None:
            self.screen.notify("No misspelled word here or after the cursor")
            return
        self.screen.run_worker(lambda: self._suggestions(target), thread=True, group="spelling")

    def _target(self) -> tuple[Any, int, Span, str] | None:
        """(widget, row, span, word) of the misspelled word to fix: in the focused field, or
        in the body at the cursor, else the next one after it (wrapping to the top)."""
        focused = self.screen.focused
        speller = self.speller
        assert speller is not None
        if isinstance(focused, Input) and focused in self.fields():
            spans = speller.misspelled(focused.value)
            here = [s for s in spans if s[0] <= focused.cursor_position <= s[1]]
            if not (here or spans):
                return None
            chosen = (here or spans)[0]
            return focused, 0, chosen, focused.value[chosen[0] : chosen[1]]
        body = self.body
        row, column = body.cursor_location
        total = body.document.line_count
        for step in range(total + 1):
            at = (row + step) % total
            for span in body.spans_of(at):
                if step or span[1] >= column:
                    return body, at, span, body.document.get_line(at)[span[0] : span[1]]
        return None

    def _suggestions(self, target: tuple[Any, int, Span, str]) -> None:
        speller = self.speller
        assert speller is not None
        found = speller.suggestions(target[3])
        self.screen.app.call_from_thread(self._offer, target, found)

    def _offer(self, target: tuple[Any, int, Span, str], found: list[str]) -> None:
        widget, row, span, word = target
        if widget is self.body:
            self.body.selection = self.body.selection.cursor((row, span[0]))
        shown = sanitize_line(word)
        choices = [(f"={s}", s) for s in found] or [("", f"(no suggestion for “{shown}”)")]
        choices += [
            ("+add", f"Add “{shown}” to my dictionary"),
            ("+ignore", f"Ignore “{shown}” in this post"),
        ]
        self.screen.app.push_screen(
            PickScreen(f"Spelling: “{shown}”", choices), lambda c: self._chosen(target, c)
        )

    def _chosen(self, target: tuple[Any, int, Span, str], choice: str | None) -> None:
        widget, row, (start, end), word = target
        if not choice:
            return
        if choice.startswith("="):
            new = choice[1:]
            if isinstance(widget, Input):
                widget.value = widget.value[:start] + new + widget.value[end:]
            elif widget.document.get_line(row)[start:end] == word:
                widget.replace(new, (row, start), (row, end))
            return
        self._learn(word)
        post_id = self.screen.session.post_id
        add = choice == "+add"
        self.screen.run_worker(
            lambda: self._remember(add, post_id, word), thread=True, group="spelling"
        )

    def _learn(self, word: str) -> None:
        if self.speller is None or self.check is None:
            return
        with self._lock:
            self.speller.learn(word)
            self.check.forget()
        self._refresh_fields()
        self.changed(delay=0)

    def _remember(self, personal: bool, post_id: str, word: str) -> None:
        try:
            if personal:
                words_file.add_personal(word)
            else:
                words_file.add_ignored(post_id, word)
        except words_file.WordsError as exc:
            self.screen.app.call_from_thread(self.screen.notify, str(exc), severity="error")
