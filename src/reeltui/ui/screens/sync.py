"""Sync with WordPress from the app, and the conflicts it found.

The sync screen shows the site and user it will use (or how to set them up), runs
`services.sync.run.sync` in a thread worker, with one bar for the whole sync and the stage
named beside it; the log keeps one line per stage (its last count); the result lines stay in
view below the bar when it is done. A failed sync (network down, wrong password) shows its
one-line reason; the outbox is intact. Its conflicts (C) are ui/screens/sync_conflicts.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, RichLog, Static

from reeltui.domain.plural import count
from reeltui.domain.sanitize import sanitize_line
from reeltui.errors import ReelError
from reeltui.services.blog import Blog
from reeltui.services.sync import credentials
from reeltui.services.sync.credentials import Credentials, CredentialsError
from reeltui.services.sync.progress import SyncProgress
from reeltui.ui.screens.sync_conflicts import ConflictsScreen

if TYPE_CHECKING:  # the HTTP side of sync (httpx, HTML conversion) loads when a sync runs
    from reeltui.services.sync.run import SyncResult

HOW_TO = (
    "To sync, give the site, user and an application password (WordPress: Users → Profile → "
    "Application Passwords), either in the environment: REELTUI_WP_URL, REELTUI_WP_USER and "
    "REELTUI_WP_APP_PASSWORD, or once from a shell: "
    "reeltui sync --site https://your.blog --user you --save-credentials"
)


def missing_words(creds: Credentials) -> str:
    """What to fill in before a sync, said where Enter was pressed (the steps are above)."""
    wanted = [
        (name, env)
        for name, env, value in (
            ("the site", "REELTUI_WP_URL", creds.site),
            ("the user", "REELTUI_WP_USER", creds.user),
            ("an application password", "REELTUI_WP_APP_PASSWORD", creds.app_password),
        )
        if not value
    ]
    names = " and ".join(", ".join(n for n, _ in wanted).rsplit(", ", 1))
    envs = " and ".join(", ".join(e for _, e in wanted).rsplit(", ", 1))
    return (
        f"Not syncing: give {names}: set {envs}, or run "
        "`reeltui sync --site URL --user NAME --save-credentials` in a shell."
    )


class SyncScreen(Screen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="sync.close"),
        Binding("enter,s", "start", "Sync now", id="sync.start"),
        Binding("F", "start(True)", "Full sync", id="sync.full"),
        Binding("C", "conflicts", "Conflicts", id="sync.conflicts"),
    ]

    def __init__(self, blog: Blog, start: bool = False) -> None:
        super().__init__()
        self.blog = blog
        self.start_now = start
        self.creds = Credentials()
        self.running = False
        self.changed = False
        self.result: SyncResult | None = None

    def compose(self) -> ComposeResult:
        yield Static("Sync with WordPress", id="sync-title")
        yield Static(id="sync-info", markup=False)
        with Horizontal(id="sync-bar"):
            yield ProgressBar(id="sync-progress", total=100, show_eta=False)
            yield Static(id="sync-stage", markup=False)
        yield Static(id="sync-summary", markup=False)
        yield RichLog(id="sync-log", wrap=True, markup=False, highlight=False)
        yield Footer()

    def on_mount(self) -> None:
        self.stage: SyncProgress | None = None  # the stage under way, not in the log yet
        self.query_one("#sync-bar").display = False
        self.query_one("#sync-summary").display = False
        self.show_info()
        if self.start_now:
            self.action_start()

    def show_info(self) -> None:
        from reeltui.services.sync.run import status

        problem = ""
        try:
            self.creds = credentials.load()
        except CredentialsError as exc:
            self.creds, problem = Credentials(), str(exc)
        lines = []
        if self.creds.complete:
            source = {"env": "the environment", "file": "the saved credentials"}
            lines.append(
                f"Site {sanitize_line(self.creds.site)} as {sanitize_line(self.creds.user)} "
                f"(password from {source.get(self.creds.source, self.creds.source)})"
            )
        else:
            if problem:
                lines.append(problem)
            known = [
                f"{name} {sanitize_line(value)}"
                for name, value in (("site", self.creds.site), ("user", self.creds.user))
                if value
            ]
            if known:
                lines.append("Known: " + ", ".join(known) + "; no application password.")
            lines.append(HOW_TO)
        try:
            lines.append(status(self.blog).line())
        except ReelError as exc:
            lines.append(f"status unknown: {exc}")
        if self.creds.complete:
            lines.append("Enter or s: sync now · F: full sync · C: conflicts · Esc: close")
        self.query_one("#sync-info", Static).update("\n".join(lines))

    def log_line(self, text: str) -> None:
        self.query_one(RichLog).write(Text(sanitize_line(text)))

    def action_start(self, full: bool = False) -> None:
        if self.running:
            self.notify("A sync is running.", severity="warning", markup=False)
            return
        if not self.creds.complete:
            self.notify(missing_words(self.creds), severity="error", markup=False)
            return
        if self.blog.read_only:
            self.notify("This store is open read-only; not syncing.", severity="error")
            return
        self.running = True
        self.stage = None
        self.query_one(ProgressBar).update(total=100, progress=0)
        self.query_one("#sync-stage", Static).update("starting")
        self.query_one("#sync-bar").display = True
        self.query_one("#sync-summary").display = False
        self.log_line(f"sync with {self.creds.site}" + (" (full)" if full else ""))
        self.run_sync(self.creds, full)

    @work(thread=True, exclusive=True, group="sync")
    def run_sync(self, creds: Credentials, full: bool) -> None:
        from reeltui.services.sync.run import sync

        def progress(event: SyncProgress) -> None:
            self.app.call_from_thread(self._progress, event)

        try:
            result = sync(self.blog, creds, full=full, progress=progress)
        except ReelError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, result)

    def _progress(self, event: SyncProgress) -> None:
        """The bar moves; the log gets a stage's line when the next stage begins."""
        if self.stage is not None and self.stage.stage != event.stage:
            self.log_line(str(self.stage))
        self.stage = None if event.stage == "done" else event
        self.query_one(ProgressBar).update(progress=round(event.overall * 100))
        self.query_one("#sync-stage", Static).update(sanitize_line(str(event)))

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one("#sync-bar").display = False
        self.log_line(f"not synced: {message}")
        self.notify(f"Not synced: {message}", severity="error", markup=False)

    def _done(self, result: SyncResult) -> None:
        self.running = False
        self.result = result
        self.changed = True
        if self.stage is not None:
            self.log_line(str(self.stage))
            self.stage = None
        if result.error:
            self.query_one("#sync-bar").display = False
        else:
            self.query_one(ProgressBar).update(progress=100)
            self.query_one("#sync-stage", Static).update("done")
        summary = self.query_one("#sync-summary", Static)
        summary.update("\n".join(sanitize_line(line) for line in result.lines()))
        summary.display = True
        conflicts = (
            f"; {count(len(result.conflicts), 'conflict')} (C to see them)"
            if result.conflicts
            else ""
        )
        if result.error:
            self.notify(f"Sync stopped: {result.error}", severity="error", markup=False)
        else:
            self.notify(
                result.lines()[0] + conflicts,
                severity="information" if result.ok else "warning",
                markup=False,
            )
        self.show_info()
        refresh = getattr(self.app, "refresh_main", None)
        if refresh is not None:
            refresh()

    def action_conflicts(self) -> None:
        self.app.push_screen(ConflictsScreen(self.blog), lambda _: self.show_info())

    def action_close(self) -> None:
        if self.running:
            self.notify("Wait until the sync is done.", severity="warning", markup=False)
            return
        self.dismiss(self.changed)
