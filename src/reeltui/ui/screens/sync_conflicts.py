"""The conflicts a sync (or an import) found: what changed on both sides, both versions side by
side; `l` keeps yours, `r` keeps the site's (or the file's), resolved in the background (the
save queue) since keeping theirs rewrites posts or comments. Opened from the sync screen (C)
or the command palette. (Named after sync.py so that the keymap check meets its bindings
where it met them when they were in sync.py: ui/keys.binding_classes sorts by module.)
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from reeltui.domain.models import member
from reeltui.domain.sanitize import sanitize, sanitize_line
from reeltui.domain.vocab import KEEP_SIDES
from reeltui.services.blog import Blog
from reeltui.services.sync import state as syncstate
from reeltui.ui.saving import save_queue
from reeltui.ui.screens.table_screen import TableScreen


class ConflictsScreen(TableScreen[syncstate.Conflict, None]):
    """What changed on both sides: both versions; l keeps yours, r keeps the site's."""

    PREFIX = "conflicts"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="conflicts.close"),
        Binding("l", "keep('local')", "Keep mine", id="conflicts.local"),
        Binding("r", "keep('remote')", "Keep theirs (site or file)", id="conflicts.remote"),
    ]

    def __init__(self, blog: Blog) -> None:
        super().__init__()
        self.blog = blog

    def on_mount(self) -> None:
        self.table.add_columns("kind", "what")
        self.reload()
        self.table.focus()

    def reload(self) -> None:
        if not self.is_attached:
            return  # a background save ended after the screen was closed
        self.items = list(syncstate.load(self.blog).conflicts)
        table = self.table
        table.clear()
        for conflict in self.items:
            table.add_row(conflict.kind, sanitize_line(conflict.message), key=conflict.id)
        title = f"Conflicts — {len(self.items)}"
        if not self.items:
            title = "Conflicts — none: nothing changed on both sides"
        self.set_title(title)
        self.show_detail()

    def show_detail(self) -> None:
        conflict = self.current
        out = Text()
        if conflict is not None:
            out.append(f"{sanitize_line(conflict.message)}  (id {conflict.id})\n\n", "bold")
            theirs = f"{conflict.theirs.capitalize()}'s"
            for side, data in (("Yours", conflict.local), (theirs, conflict.remote)):
                out.append(f"{side}:\n", "bold underline")
                for key, value in conflict.shown(data).items():
                    out.append(f"{key}: ", "bold")
                    out.append(sanitize(str(value)).strip() + "\n")
                out.append("\n")
        self.set_detail(out)

    def action_keep(self, side: str) -> None:
        keep = member(KEEP_SIDES, side, "side to keep")  # (the binding's text)
        conflict = self.current
        if conflict is None:
            return

        from reeltui.services.sync.resolve import resolve

        def failed(exc: Exception) -> None:
            self.notify(str(exc), title="Not resolved", severity="error", markup=False)
            self.reload()

        def made(_: str) -> None:
            if self.is_attached:
                self.reload()
            refresh = getattr(self.app, "refresh_main", None)
            if refresh is not None:
                refresh()

        # keeping the site's side rewrites posts or comments: in the background
        save_queue(self.app).save(
            self.blog,
            lambda: resolve(self.blog, conflict.id, keep),
            lambda message: self.notify(message, markup=False),
            failed,
            made=made,
        )

    def action_close(self) -> None:
        self.dismiss(None)
