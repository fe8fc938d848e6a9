"""The editor's core: state, form and body, status line; its autosave and save (through the app's
save queue) live in editor_saving.py."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Selection

from reeltui.domain.models import Post
from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.text import WORDS_PER_MINUTE, word_count
from reeltui.services import Blog
from reeltui.services.drafts import Clock, EditSession, utc_now
from reeltui.services.postform import form_of
from reeltui.services.templates import post_from_template
from reeltui.ui.screens.editor_modals import (
    confirm_recover,
)
from reeltui.ui.screens.editor_saving import EditorSaves, State
from reeltui.ui.screens.editor_style import ago, first_prompt
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.meta_form import MetaForm
from reeltui.ui.widgets.preview import Preview
from reeltui.ui.widgets.spell_area import SpellTextArea

STATUS_DELAY = 0.15  # seconds after the last key before the word count is refreshed
NARROW = 110  # columns: under this the form folds away (F2 unfolds it in the body's place)
STACKED = 150  # columns: under this the preview goes under the body, not beside it


class EditorCore(Screen[None]):
    """Edit `post_id`, or a new post from `template` (the actions live in EditorScreen)."""

    def __init__(
        self,
        blog: Blog,
        post_id: str | None = None,
        *,
        template: str = "review",
        title: str = "",
        author: str = "",
        recover: bool = False,
        clock: Clock = utc_now,
        autosave_delay: float = 2.0,
        base_url: str = "",
        draft: Post | None = None,  # a new post prepared elsewhere (a recap), not yet saved
    ) -> None:
        super().__init__()
        if post_id is None:
            post = draft or post_from_template(template, title=title, author=author)
            self.session = EditSession(blog, post, is_new=True, clock=clock)
        else:
            self.session = EditSession.open(blog, post_id, clock=clock)
        self.autosave_delay = autosave_delay
        self.base_url = base_url
        saved = self.session.saved
        self._start: State = (form_of(saved), saved.body)
        clean: State | None = self._start
        autosaved = clean
        working = self.session.working_copy()
        self._offer: tuple[Post, str] | None = None
        if self.session.is_new and post_id is not None:  # a working copy never saved
            clean = None  # nothing of it is in posts.json yet: leaving asks
        elif working is not None and recover:
            self._start = (form_of(working[0]), working[0].body)
        elif working is not None:
            self._offer = working
        self.saves = EditorSaves(self, clean, autosaved, self._start)
        self._idle: Timer | None = None
        self._preview_timer: Timer | None = None
        self._status_timer: Timer | None = None
        self._counted: tuple[str, int] = ("", 0)
        self._pane = ""
        self.discarded = False  # the user chose to throw the changes away

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        form, body = self._start
        posts = self.session.blog.posts()
        yield Static(id="editor-title")
        with Horizontal(id="editor-main"):
            yield MetaForm(
                form,
                categories={c for p in posts for c in p.categories},
                tags={t for p in posts for t in p.tags},
                id="meta",
            )
            with Vertical(id="editor-text"):
                yield SpellTextArea(
                    body,
                    soft_wrap=True,
                    show_line_numbers=False,
                    tab_behavior="focus",
                    id="body",
                )
                yield Preview(id="preview")
        yield Static(id="editor-status")
        yield ReelFooter()

    @property
    def form(self) -> MetaForm:
        return self.query_one(MetaForm)

    @property
    def body(self) -> TextArea:
        return self.query_one("#body", TextArea)

    def on_resize(self) -> None:
        width = self.size.width
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < STACKED, "-stacked")
        self.refresh_status()

    def on_mount(self) -> None:
        form, body = self._start
        self.on_resize()
        first = self.query_one("#field-title") if not form.title else self.body
        self.set_class(first is not self.body, "-form")
        # (no scroll to the field: Textual's, asked as the screen mounts, left a new post's
        # form at 80x24 a line down, its Title label hidden; the form starts at its top)
        self.set_focus(first, scroll_visible=False)
        if self.session.is_new:
            self.select_first_prompt(body)
        self.refresh_status()
        self.set_interval(1.0, self.refresh_status)
        if self.session.saved.html:  # a long post from the site: its first save stays quick
            self.run_worker(self.session.prepare, thread=True, group="prepare")
        if self.session.read_only:
            self.notify(
                "The store is open read-only: nothing here can be saved", severity="warning"
            )
        if self._offer is not None:
            offered = self._offer
            self.app.push_screen(confirm_recover(offered[1]), lambda a: self._recover(a, offered))

    def select_first_prompt(self, body: str) -> None:
        """In a template, select the first line of prompt text: typing replaces it."""
        found = first_prompt(body)
        if found is not None:
            row, length = found
            self.body.selection = Selection((row, 0), (row, length))

    def _recover(self, answer: str | None, offered: tuple[Post, str]) -> None:
        if answer == "restore":
            self.load(offered[0], clean=False)
            self.notify("Working copy restored; Ctrl+S saves it")
        elif answer == "discard":
            self.discard_working_copy()

    # -- state ---------------------------------------------------------------------------

    def state(self) -> State:
        return (self.form.form(), self.body.text)

    @property
    def dirty(self) -> bool:
        return self.state() != self.saves.clean

    def build(self) -> tuple[Post, dict[str, str]]:
        form, body = self.state()
        return self.session.build(form, body)

    def load(self, post: Post, *, clean: bool) -> None:
        self.form.load(form_of(post))
        self.body.load_text(post.body)
        if clean:
            self.saves.clean = self.saves.autosaved = (form_of(post), post.body)
        self.refresh_status()

    def refresh_status(self) -> None:
        state = self.saves.latest = self.state()
        form, body = state
        title = sanitize_line(form.title) or "(untitled)"
        new = "new post" if self.session.is_new else "editing"
        heading = f"{new} · {title}"
        if self.has_class("-narrow") and not self.has_class("-form"):  # the form folded away
            heading += f" · {form.status}" + (f" · {form.rating} reels" if form.rating else "")
            heading += " · F2: details"
        elif self.has_class("-narrow"):  # the form in the body's place
            heading += " · F3: body"
        self._set("#editor-title", heading)
        if body != self._counted[0]:
            self._counted = (body, word_count(body))
        words = self._counted[1]
        minutes = max(1, round(words / WORDS_PER_MINUTE)) if words else 0
        parts = [form.status, count(words, "word"), f"{minutes} min read"]
        if self.session.read_only:
            parts.append("read-only")
        elif self.saves.last_save is not None:
            when, what = self.saves.last_save
            parts.append(f"{what} {ago(self.session.clock() - when)}")
        if state != self.saves.clean:
            parts.append("unsaved changes")
        elif self.saves.last_save is None:
            parts.append("no changes")
        self._set("#editor-status", " · ".join(parts))

    def mark_saved(self, what: str) -> None:
        self.saves.last_save = (self.session.clock(), what)
        self.refresh_status()

    def _set(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        if str(widget.content) != text:
            widget.update(text)

    # -- edits ---------------------------------------------------------------------------

    def on_meta_form_edited(self, event: MetaForm.Edited) -> None:
        self._edited()
        _, errors = self.build()
        self.form.show_errors(errors)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._edited()
        if self.has_class("-preview"):
            if self._preview_timer is not None:
                self._preview_timer.stop()
            self._preview_timer = self.set_timer(0.3, self.update_preview)

    def _edited(self) -> None:
        """After each change: the status line follows shortly (not on every key), autosave later."""
        self.saves.latest = self.state()
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(STATUS_DELAY, self.refresh_status)
        if self._idle is not None:
            self._idle.stop()
        self._idle = self.set_timer(self.autosave_delay, self.autosave)

    def on_key(self, event: events.Key) -> None:
        """A printable key no field took (on the status list, a button) is not an app shortcut
        here: in the editor a stray letter must never quit or leave the screen."""
        if event.is_printable:
            event.prevent_default()
            event.stop()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        pane = (
            "body" if widget.id == "body" else "meta" if widget in self.form.walk_children() else ""
        )
        if pane and pane != self._pane:
            if self._pane:
                self.autosave()  # every pane switch
            self._pane = pane
            self.show_pane(pane)

    def show_pane(self, pane: str) -> None:
        """Narrow: the form ("meta") or the body ("body") has the space; wide: both."""
        self.set_class(pane == "meta", "-form")
        self.refresh_status()

    # -- saving (see editor_saving.py) ---------------------------------------------------

    def on_unmount(self) -> None:
        """Closing the app (Ctrl+Q, a signal) while editing: keep the words as a working copy."""
        self.saves.keep_on_exit()

    def autosave(self) -> None:
        self.saves.autosave()

    @property
    def on_stack(self) -> bool:
        """Still on the app's screen stack with its widgets (a save's callback may come once
        it was closed, or while the app is ending: its widgets are removed first)."""
        return self in self.app.screen_stack and bool(self.query("#editor-status"))

    def action_save(self, close: bool = False) -> None:
        self.saves.save(close)

    def _save_failed(self, message: str) -> None:
        self.saves.failed(message)

    def discard_working_copy(self, *, leaving: bool = False) -> None:
        """Through the save queue too (see EditorSaves.discard)."""
        self.saves.discard(leaving=leaving)

    def update_preview(self) -> None:
        self.query_one("#preview", Preview).show(self.body.text)
