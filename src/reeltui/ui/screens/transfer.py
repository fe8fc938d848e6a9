"""Import and export dialogs (from the command palette): a path, a progress bar, a summary.

The work runs in a thread worker (`services.importer.import_path`, `services.exporting.export`);
the progress callback hops back to the UI thread. Errors are one line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, ProgressBar, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from reeltui.domain.sanitize import sanitize_line
from reeltui.errors import ReelError
from reeltui.formats import EXPORT_FORMATS
from reeltui.services.blog import Blog
from reeltui.services.exporting import export
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.inputs import FieldInput

if TYPE_CHECKING:
    from reeltui.services.diary_import import DiaryReport
    from reeltui.services.import_report import ImportReport

ERRORS = (ReelError, OSError)  # errors for the user; OSError: the file named cannot be used
MAX_LISTED = 8
PHASES = {"reading": "Reading", "merging": "Merging posts", "writing": "Writing"}
DEFAULT_OUT = {"markdown": "reeltui-export", "wxr": "reeltui-export.xml", "json": "reeltui.json"}


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder's entries (→ accepts)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value.endswith("/"):
            return None
        path = Path(value).expanduser()
        try:
            names = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
        except OSError:
            return None
        if not names or names[0] == path.name:
            return None
        head = value[: len(value) - len(path.name)]
        done = head + names[0]
        return done + "/" if (path.parent / names[0]).is_dir() else done


def import_summary(report: ImportReport) -> list[str]:
    lines = [
        f"{sanitize_line(Path(report.source).name)} ({report.format}): posts "
        f"{report.posts_added} new, {report.posts_updated} updated, "
        f"{report.posts_unchanged} unchanged; comments {report.comments_added} new, "
        f"{report.comments_updated} updated, {report.comments_unchanged} unchanged"
    ]
    lines += report.detail_lines(MAX_LISTED)
    if report.broken:
        lines.append(f"broken: {sanitize_line(report.broken)}")
    if not report.changed:
        lines.append("nothing changed in the store")
    return lines


class TransferScreen(ModalScreen[bool]):
    """Shared frame: a title, the form, a progress bar with its phase, and the result."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="transfer.close"),
        Binding("ctrl+s", "start", "Start", priority=True, id="transfer.start"),
    ]
    TITLE = ""

    def __init__(self, blog: Blog) -> None:
        super().__init__()
        self.blog = blog
        self.running = False
        self.changed = False
        self.last_progress = (-1, "")

    def compose(self) -> ComposeResult:
        with Vertical(id="transfer-box") as box:
            box.border_title = self.TITLE
            box.border_subtitle = "enter or ctrl+s to start · esc to close"
            yield from self.form()
            bar = ProgressBar(id="transfer-progress", show_eta=False)
            bar.display = False
            yield bar
            yield Static(id="transfer-phase")
            yield Static(id="transfer-result", markup=False)
        yield ReelFooter()

    def form(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        if self.running:
            self.notify("Already running.", severity="warning", markup=False)
            return
        if self.blog.read_only and self.writes_store:
            self.notify("This store is open read-only.", severity="error", markup=False)
            return
        path_text = self.query_one(Input).value.strip()
        if not path_text:
            self.notify("Give a path first.", severity="error", markup=False)
            return
        path = Path(path_text).expanduser()
        problem = self.check(path)
        if problem:
            self.show_result(problem)
            self.notify(problem, severity="error", markup=False)
            return
        self.running = True
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.show_result("")
        self.start_work(path)

    writes_store = False

    def check(self, path: Path) -> str:
        return ""

    def start_work(self, path: Path) -> object:
        raise NotImplementedError

    def progress(self, phase: str, done: int, total: int) -> None:
        """Called from the worker thread; only hops to the UI when something visible changes."""
        percent = int(100 * done / total) if total else -1
        if (percent, phase) == self.last_progress:
            return
        self.last_progress = (percent, phase)
        self.app.call_from_thread(self._show_progress, phase, done, total)

    def _show_progress(self, phase: str, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=total or None, progress=done)
        self.query_one("#transfer-phase", Static).update(PHASES.get(phase, phase) + "…")

    def finished(self, lines: list[str], ok: bool) -> None:
        self.running = False
        bar = self.query_one(ProgressBar)
        if ok:
            bar.update(total=1, progress=1)
            self.query_one("#transfer-phase", Static).update("Done.")
        else:
            bar.display = False
            self.query_one("#transfer-phase", Static).update("")
        self.show_result("\n".join(lines))
        self.notify(lines[0], severity="information" if ok else "error", markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "transfer" and event.state is WorkerState.ERROR:
            # a bug (ReelApp reports it, with where its crash report is): the dialog is free
            self.finished(["Stopped by a bug in reeltui; see the message beside"], False)

    def show_result(self, text: str) -> None:
        self.query_one("#transfer-result", Static).update(text)

    def action_close(self) -> None:
        if self.running:
            self.notify("Wait until it is done.", severity="warning", markup=False)
            return
        self.dismiss(self.changed)


class ImportScreen(TransferScreen):
    TITLE = "Import into this store"
    writes_store = True

    def form(self) -> ComposeResult:
        yield Static(
            "A WordPress export (.xml), a Markdown file or folder, a reeltui JSON export, or a "
            "Letterboxd export (.zip, folder or .csv) for the film diary. "
            "Importing again changes nothing; your drafts and replies are kept.",
            classes="transfer-hint",
        )
        yield FieldInput(
            placeholder="path, e.g. ~/export.xml", id="import-path", suggester=PathSuggester()
        )

    def check(self, path: Path) -> str:
        return "" if path.exists() else f"{path}: no such file or folder; nothing imported"

    @work(thread=True, exclusive=True, group="transfer")
    def start_work(self, path: Path) -> None:
        try:
            # here, in the worker: the WXR and HTML readers are not loaded at every start
            from reeltui.formats.letterboxd import is_letterboxd

            if is_letterboxd(path):  # a Letterboxd export: into the film diary
                from reeltui.services.diary_import import import_path as import_diary

                diary = import_diary(self.blog, path)
                self.app.call_from_thread(self._diary_imported, diary)
                return
            from reeltui.services.importer import import_path

            report = import_path(self.blog, path, self.progress)
        except ERRORS as exc:
            self.app.call_from_thread(self.finished, [f"Not imported: {exc}"], False)
            return
        self.app.call_from_thread(self._imported, report)

    def _imported(self, report: ImportReport) -> None:
        self.changed = self.changed or report.changed
        ok = not report.broken
        self.finished(import_summary(report), ok)  # the views hear of it (services/events)

    def _diary_imported(self, report: DiaryReport) -> None:
        self.changed = self.changed or report.changed
        self.finished(report.report_lines(MAX_LISTED), not report.refused)


class ExportScreen(TransferScreen):
    TITLE = "Export this store"

    def form(self) -> ComposeResult:
        yield Static(
            "Markdown: one file per post in a folder · WXR: a file WordPress imports · "
            "JSON: everything, in one file",
            classes="transfer-hint",
        )
        with RadioSet(id="export-format"):
            for index, fmt in enumerate(EXPORT_FORMATS):
                yield RadioButton(fmt, value=index == 0, id=f"format-{fmt}")
        yield FieldInput(value=self.default_out("markdown"), id="export-path")

    @staticmethod
    def default_out(fmt: str) -> str:
        return str(Path.cwd() / DEFAULT_OUT[fmt])

    @property
    def format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return str(pressed.label) if pressed is not None else EXPORT_FORMATS[0]

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        field = self.query_one(Input)
        if field.value.strip() in {self.default_out(f) for f in EXPORT_FORMATS}:
            field.value = self.default_out(self.format)

    def check(self, path: Path) -> str:
        if not path.parent.is_dir():
            return f"cannot write {path}: folder {path.parent} does not exist"
        return ""

    @work(thread=True, exclusive=True, group="transfer")
    def start_work(self, path: Path) -> None:
        try:
            report = export(self.blog, self.format, path, self.progress)
        except ERRORS as exc:
            self.app.call_from_thread(self.finished, [f"Not exported: {exc}"], False)
            return
        lines = report.lines()
        self.app.call_from_thread(self.finished, lines, True)
