"""The editor's metadata form: one Input per field, an inline error under each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select, Static

from reeltui.domain.rating import format_reels
from reeltui.services.postform import EDITABLE_STATUSES, Form, parse_rating_field
from reeltui.ui.widgets.inputs import FieldInput

LABELS = {
    "title": "Title",
    "slug": "Slug (empty: from the title)",
    "author": "Author",
    "status": "Status",
    "date": "Date (YYYY-MM-DD HH:MM)",
    "categories": "Categories (comma-separated)",
    "tags": "Tags (comma-separated)",
    "excerpt": "Excerpt",
    "rating": "Rating (0-5, ↑/↓ or +/- step half a reel)",
    "film_title": "Film title",
    "film_year": "Year",
    "film_director": "Director",
    "film_cast": "Cast (comma-separated)",
}


def field_names(names: Iterable[str]) -> str:
    """The fields `names` as the form labels them, in the form's order ("Date, Year")."""
    wanted = set(names)
    return ", ".join(LABELS[n].split(" (")[0] for n in LABELS if n in wanted)


class ListSuggester(Suggester):
    """Completes the last item of a comma-separated list from known values."""

    def __init__(self, known: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = sorted(set(known), key=str.casefold)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip()
        if not stem:
            return None
        typed = {item.strip().casefold() for item in head.split(",")}
        for item in self.known:
            if item.casefold().startswith(stem.casefold()) and item.casefold() not in typed:
                return value + item[len(stem) :]
        return None


class RatingInput(FieldInput):
    """The rating as text, stepped by half reels with ↑/↓ or +/-."""

    BINDINGS: ClassVar = [
        Binding("up,plus", "step(0.5)", "+½ reel", priority=True, show=False, id="rating.up"),
        Binding("down,minus", "step(-0.5)", "-½ reel", priority=True, show=False, id="rating.down"),
    ]

    def action_step(self, delta: float) -> None:
        try:
            current = parse_rating_field(self.value)
        except ValueError:
            current = None
        value = max(0.0, delta) if current is None else min(5.0, max(0.0, current + delta))
        self.value = f"{value:g}"
        self.cursor_position = len(self.value)


class MetaForm(VerticalScroll):
    """Posts `MetaForm.Edited` when any field changes."""

    ALLOW_MAXIMIZE = True  # zoom (app.zoom) fills the screen with this pane

    class Edited(Message):
        def __init__(self, field: str) -> None:
            super().__init__()
            self.field = field

    def __init__(
        self, form: Form, *, categories: Iterable[str], tags: Iterable[str], id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._initial = form
        self._categories = list(categories)
        self._tags = list(tags)
        self.errors: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        form = self._initial
        for name, label in LABELS.items():
            yield Label(label, classes="field-label")
            value = getattr(form, name)
            if name == "status":
                yield Select(
                    [(s, s) for s in EDITABLE_STATUSES],
                    value=value,
                    allow_blank=False,
                    compact=True,
                    id="field-status",
                )
            elif name == "rating":
                yield RatingInput(value, id="field-rating", placeholder="no rating", compact=True)
                reels = Static(self._reels(value), id="rating-reels")
                reels.display = bool(self._reels(value))
                yield reels
            else:
                suggester = None
                if name == "categories":
                    suggester = ListSuggester(self._categories)
                elif name == "tags":
                    suggester = ListSuggester(self._tags)
                yield FieldInput(value, id=f"field-{name}", suggester=suggester, compact=True)
            yield Static("", id=f"error-{name}", classes="field-error")

    @staticmethod
    def _reels(value: str) -> str:
        try:
            return format_reels(parse_rating_field(value))  # none: the field says "no rating"
        except ValueError:
            return ""

    def form(self) -> Form:
        values: dict[str, str] = {}
        for name in LABELS:
            if name == "status":
                values[name] = str(self.query_one("#field-status", Select).value)
            else:
                values[name] = self.query_one(f"#field-{name}", Input).value
        return Form(**values)

    def load(self, form: Form) -> None:
        for name in LABELS:
            if name == "status":
                self.query_one("#field-status", Select).value = form.status
            else:
                self.query_one(f"#field-{name}", Input).value = getattr(form, name)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each field's message under it (only the changed ones are touched)."""
        if errors == self.errors:
            return
        for name in LABELS:
            message = errors.get(name, "")
            if message == self.errors.get(name, ""):
                continue
            error = self.query_one(f"#error-{name}", Static)
            error.update(f"✗ {message}" if message else "")
            error.display = bool(message)
            self.query_one(f"#field-{name}").set_class(bool(message), "-invalid")
        self.errors = dict(errors)

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name == "rating":
            reels = self.query_one("#rating-reels", Static)
            reels.update(self._reels(event.value))
            reels.display = bool(self._reels(event.value))
        self.post_message(self.Edited(name))

    def on_select_changed(self, event: Select.Changed) -> None:
        self.post_message(self.Edited("status"))
