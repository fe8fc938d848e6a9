"""The film diary (D): every viewing imported from Letterboxd, newest first, filtered as you
type; the highlighted entry's review and its link to the blog's post about the film.

Enter opens the linked post (when several posts could be the one, they are listed to choose
from: a link is never guessed); w turns the entry's review into a draft review post and opens
it in the editor. The entries are in memory once the store is open: no disk work to wait for.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from reeltui.domain.diary import DiaryEntry
from reeltui.domain.plural import count
from reeltui.domain.rating import format_reels
from reeltui.domain.sanitize import sanitize, sanitize_line
from reeltui.errors import ReelError
from reeltui.formats.plaintext import html_to_plain
from reeltui.services import Blog, diary
from reeltui.ui.screens.dialogs import PickScreen
from reeltui.ui.screens.table_screen import TableScreen
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.reply_badges import fit_columns, one_line
from reeltui.ui.widgets.tables import ReelTable

NEW = "new:"  # the picker's choice of a new draft over a title-only match
COLUMNS = [("watched", 10), ("film", 0), ("year", 4), ("rating", 9), ("↻✎", 2), ("on the blog", 36)]


class DiarySearch(Input):
    """The filter-as-you-type box of the diary (Esc clears it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Back to the list", id="diary.search_done"),
        Binding("down,enter", "done", "Back to the list", show=False, id="diary.search_down"),
    ]

    def action_done(self) -> None:
        screen = self.screen
        if isinstance(screen, DiaryScreen):
            screen.table.focus()


class DiaryScreen(TableScreen[DiaryEntry, None]):
    PREFIX = "diary"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="diary.close"),
        Binding("slash", "search", "Search", id="diary.search"),
        Binding("enter", "open_post", "Open the review", id="diary.open"),
        Binding("w", "write", "Write it up", id="diary.write"),
    ]

    def __init__(self, blog: Blog) -> None:
        super().__init__()
        self.blog = blog
        self.all: list[DiaryEntry] = []
        self.links: dict[str, diary.Link] = {}
        self.titles: dict[str, str] = {}
        self.search_text = ""

    def compose(self) -> ComposeResult:
        yield Static(id="diary-title", markup=False)
        yield DiarySearch(placeholder="/ search title, year, tag, review", id="diary-search")
        yield ReelTable(id="diary-table")
        with VerticalScroll(id="diary-detail"):
            yield Static(id="diary-detail-text")
        yield ReelFooter()

    def on_mount(self) -> None:
        self.reload()
        self.table.focus()

    def reload(self) -> None:
        self.all = diary.entries(self.blog)
        self.links = diary.links(self.blog, self.all)
        self.titles = {p.id: p.title for p in self.blog.posts()}
        self.fill()

    def fill(self, keep: str | None = None) -> None:
        table = self.table
        current = keep or (self.current.id if self.current else None)
        self.items = diary.search(self.all, self.search_text)
        fit_columns(table, COLUMNS, self.size.width or self.app.size.width)
        width = {str(key.value): col.width for key, col in table.columns.items()}
        for entry in self.items:
            table.add_row(
                entry.watched or "—",
                one_line(entry.title, width["film"]),
                str(entry.year or ""),
                format_reels(entry.rating, numeric=False),
                Text("↻" if entry.rewatch else "", "dim") + Text("✎" if entry.review else ""),
                self._link_cell(entry, width["on the blog"]),
                key=entry.id,
            )
        ids = [e.id for e in self.items]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        shown = count(len(self.all), "entry")
        if self.search_text:
            shown = f"{len(self.items)} of {shown}"
        search = f" · search: {self.search_text}" if self.search_text else ""
        self.set_title(f"Film diary — {shown}, newest first{search}")
        self.show_detail()

    def _link_cell(self, entry: DiaryEntry, width: int) -> Text:
        link = self.links.get(entry.id)
        if link is None:
            return Text("")
        if link.post_id is not None:
            return one_line("→ " + self.titles.get(link.post_id, ""), width)
        return Text(f"? {count(len(link.candidates), 'post')}", "yellow")

    def show_detail(self) -> None:
        entry = self.current
        if entry is None:
            empty = (
                "No entry matches."
                if self.search_text
                else ("The diary is empty: `reeltui import letterboxd-export.zip` fills it.")
            )
            self.set_detail(empty)
            return
        out = Text()
        year = f" ({entry.year})" if entry.year else ""
        out.append(f"{sanitize_line(entry.title)}{year}", "bold")
        watched = f"watched {entry.watched}" if entry.watched else "marked watched (no date)"
        parts = [watched, format_reels(entry.rating)]
        parts += ["rewatch" if entry.rewatch else "", sanitize_line(entry.directors)]
        out.append("  " + " · ".join(p for p in parts if p) + "\n", "dim")
        if entry.tags:
            out.append("tags: " + sanitize_line(", ".join(entry.tags)) + "\n", "dim")
        out.append(self._link_text(entry))
        if entry.review:
            out.append("\n" + sanitize(html_to_plain(entry.review)).strip())
        self.set_detail(out)

    def _link_text(self, entry: DiaryEntry) -> Text:
        link = self.links.get(entry.id)
        if link is None:
            return Text("Not reviewed on the blog (w writes it up)\n", "italic")
        if link.post_id is not None:
            title = sanitize_line(self.titles.get(link.post_id, ""))
            return Text(f"Reviewed on the blog: {title} (enter opens it)\n", "green")
        names = "; ".join(sanitize_line(self.titles.get(p, p)) for p in link.candidates)
        why = "same title and year" if link.exact else "same title, a year missing"
        return Text(
            f"Several posts could be the review ({why}): {names} (enter chooses)\n", "yellow"
        )

    def on_resize(self) -> None:
        if self.all:
            self.fill()

    # -- actions -------------------------------------------------------------------------

    @on(Input.Changed, "#diary-search")
    def _search(self, event: Input.Changed) -> None:
        self.search_text = event.value.strip()
        self.fill()

    def action_search(self) -> None:
        self.query_one(DiarySearch).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # enter on the table (it takes the key before the screen's binding)
        self.action_open_post()

    def action_open_post(self) -> None:
        entry = self.current
        link = self.links.get(entry.id) if entry else None
        if entry is None or link is None:
            self.notify("no post on the blog is about this film (w writes one)")
            return
        if link.post_id is not None:
            self._open(link.post_id)
            return
        choices = [(p, sanitize_line(self.titles.get(p, p))) for p in link.candidates]
        title = f"Which post is about {sanitize_line(entry.title)}?"
        self.app.push_screen(PickScreen(title, choices), self._open)

    def _open(self, post_id: str | None) -> None:
        if post_id:
            from reeltui.ui.app import ReelApp

            self.dismiss(None)
            if isinstance(self.app, ReelApp):
                self.app.call_later(self.app.open_post, post_id)

    def action_write(self) -> None:
        entry = self.current
        if entry is None:
            return
        if self.blog.read_only:
            self.notify("The store is open read-only: no draft can be made", severity="error")
            return
        self._write(entry, False)

    @work(thread=True, group="disk")
    def _write(self, entry: DiaryEntry, anyway: bool) -> None:
        signer = getattr(self.app, "signer", None)  # new posts are signed like `n` signs them
        try:
            found = diary.write_up(self.blog, entry, signer.name if signer else "", anyway=anyway)
        except ReelError as exc:  # a store error (disk full...): one line, nothing lost
            self.app.call_from_thread(self.notify, f"No draft made: {exc}", severity="error")
            return
        self.app.call_from_thread(self._written, entry, found)

    def _written(self, entry: DiaryEntry, found: diary.WriteUp) -> None:
        if found.post is not None:
            self._edit(found.post.id, self._said(entry, found))
            return
        title = sanitize_line(entry.title)
        choices = [(p, sanitize_line(self.titles.get(p, p))) for p in found.choices]
        if found.maybe:  # the title only: it may be another film of that name
            choices.append((NEW, f"None of these: write a new draft about {title}"))
            question = f"The blog may already have a post about {title}: open which?"
        else:
            question = f"Which review of {title}?"

        def chosen(post_id: str | None) -> None:
            if post_id == NEW:
                self._write(entry, True)
            elif post_id:
                self._edit(post_id, f"Opening the blog's post about {title}")

        self.app.push_screen(PickScreen(question, choices), chosen)

    def _said(self, entry: DiaryEntry, found: diary.WriteUp) -> str:
        if found.made:
            return "Draft review made from the diary"
        post = found.post
        if post is not None and post.source.get(diary.SOURCE_KEY) == entry.id:
            return "Opening the draft made before"
        return f"The blog already has a post about {sanitize_line(entry.title)}: opening it"

    def _edit(self, post_id: str, said: str) -> None:
        from reeltui.ui.screens.editor import EditorScreen

        self.notify(said)
        if self.is_attached:
            self.reload()
        self.app.push_screen(EditorScreen(self.blog, post_id), lambda _: self._edited())

    def _edited(self) -> None:  # (the other views hear of the save: services/events.py)
        if self.is_attached:
            self.reload()
