"""The stats screen: the blog in charts (drawn as text: widgets/chart_text.py) and tables,
for all posts or those a search finds. Figures are computed in a worker thread, and the
charts drawn in theirs (`widgets/charts.py`): the screen never freezes."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from reeltui.domain.identity import Identity
from reeltui.domain.query import QueryError
from reeltui.domain.sanitize import sanitize_line
from reeltui.errors import ReelError
from reeltui.services import Blog
from reeltui.services import stats as stats_service
from reeltui.services.stats import Stats
from reeltui.ui.widgets.chart_text import MONTH_GROUPS
from reeltui.ui.widgets.charts import Chart, ChartSpec
from reeltui.ui.widgets.footer import ReelFooter
from reeltui.ui.widgets.query_box import QueryBox, QueryHint
from reeltui.ui.widgets.tables import ReelTable

PAINT_WAIT = 5.0  # seconds a worker waits for the screen's first paint, at most


class StatsScreen(Screen[str | None]):
    """Dismissed with a post id (enter on a most-discussed post), a search
    ("search:<query>", enter on a commenter) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="stats.close"),
        Binding("slash", "focus_query", "Narrow", id="stats.query"),
    ]

    def __init__(
        self,
        blog: Blog,
        query: str = "",
        *,
        writer: Identity,
        now: dt.datetime | None = None,
        extra_authors: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.blog = blog
        self.writer = writer  # is:unread in the query; their comments are never readers'
        self.extra_authors = tuple(extra_authors)  # the blog's other names (settings)
        self.query_text = query
        self.now = now  # None: the clock (tests give a fixed time)
        self.stats: Stats | None = None
        self.painted = threading.Event()  # the screen was painted once
        self.damage_said: set[str] = set()  # the damage a notice named (`damage_notice`)

    def compose(self) -> ComposeResult:
        yield Header(icon="●")
        box = QueryBox(placeholder="narrow: tag:drama rating:>=4 … (enter)", id="stats-query")
        box.value = self.query_text
        yield box
        with Vertical(id="stats-status"):  # one line: the hint, while it has something to say,
            yield QueryHint(id="stats-hint")  # covers the summary (not a line of the charts)
            yield Static("Counting…", id="stats-summary")
        with Horizontal(id="stats-charts"):
            yield Chart(id="ratings-chart")
            yield Chart(id="months-chart")
        with Horizontal(id="stats-tables"):
            yield ReelTable(id="discussed", zebra_stripes=True)
            yield ReelTable(id="commenters", zebra_stripes=True)
            with Vertical(id="replies-pane"):
                yield Static("", id="replies-text")
                yield Static("", id="ages-text")
        yield ReelFooter()

    def on_mount(self) -> None:
        self.title = "Stats"
        box = self.query_one("#stats-query", QueryBox)
        box.hint = self.query_one("#stats-hint", QueryHint)
        box.return_focus = self.query_one("#discussed", DataTable)
        box.cursor_position = len(box.value)
        self.query_one("#discussed", DataTable).add_columns("n", "date", "most discussed")
        self.query_one("#commenters", DataTable).add_columns("n", "top commenters")
        self.query_one("#discussed", DataTable).focus()
        # The workers start now and get to work once the screen is painted: while they run,
        # the UI thread shares the interpreter with them, and building the screen would
        # take twice as long.
        self.call_after_refresh(self.painted.set)
        self.load_values()
        self.compute(self.query_text)

    @work(thread=True, exclusive=True, group="stats-values")
    def load_values(self) -> None:
        self.painted.wait(PAINT_WAIT)
        from reeltui.services.query import vocabulary

        values = vocabulary(self.blog)
        self.app.call_from_thread(setattr, self.query_one(QueryBox), "values", values)

    @work(thread=True, exclusive=True, group="stats")
    def compute(self, query: str) -> None:
        worker = get_current_worker()
        self.painted.wait(PAINT_WAIT)
        try:
            found = stats_service.compute(
                self.blog, query, writer=self.writer, now=self.now, extra_authors=self.extra_authors
            )
        except QueryError as exc:
            self.app.call_from_thread(self.query_one(QueryBox).show_error, str(exc))
            return
        except ReelError as exc:  # a store problem: one line, the screen stays usable
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        charts = (ratings_chart(found), months_chart(found))  # (their data, drawn apart)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show, found, charts)
        from reeltui.ui.damage_notice import damage_line

        if said := damage_line(self.blog, self.damage_said):  # its figures are not counted
            self.app.call_from_thread(
                self.notify, said, severity="warning", timeout=20, markup=False
            )

    @on(Input.Submitted, "#stats-query")
    def _narrow(self, event: Input.Submitted) -> None:
        self.query_text = event.value.strip()
        self.query_one("#stats-summary", Static).update("Counting…")
        self.compute(self.query_text)

    def action_focus_query(self) -> None:
        self.query_one(QueryBox).focus()

    def action_close(self) -> None:
        if self.focused is self.query_one(QueryBox):
            self.query_one("#discussed", DataTable).focus()
            return
        self.dismiss(None)

    # -- showing the figures -------------------------------------------------------------

    def show(self, found: Stats, charts: tuple[ChartSpec, ChartSpec]) -> None:
        """The figures; each chart draws its data in a worker (unless it shows it already)."""
        self.stats = found
        self.query_one("#stats-summary", Static).update(
            Text(" · ".join(found.headline(found.query)), style="bold")
        )
        self.query_one("#ratings-chart", Chart).show(charts[0])
        self.query_one("#months-chart", Chart).show(charts[1])
        self._tables(found)
        self._replies(found)

    def _tables(self, found: Stats) -> None:
        discussed = self.query_one("#discussed", DataTable)
        discussed.clear()
        pad = 2 * discussed.cell_padding  # the title fits what the n and date columns leave
        counts = max((len(str(n)) for _, n in found.discussed), default=1)
        room = discussed.size.width - (max(counts, 1) + pad) - (10 + pad) - pad
        for post, n in found.discussed:
            title = _cut(sanitize_line(post.title), room)
            discussed.add_row(str(n), post.date[:10], title, key=post.id)
        commenters = self.query_one("#commenters", DataTable)
        commenters.clear()
        counts = max((len(str(n)) for _, n in found.commenters), default=1)
        room = commenters.size.width - (counts + pad) - pad
        for name, n in found.commenters:
            commenters.add_row(str(n), _cut(sanitize_line(name), room), key=name)

    def on_resize(self) -> None:
        if self.stats is not None:  # the titles cut to the table's new width
            self.call_after_refresh(self._tables, self.stats)

    def _replies(self, found: Stats) -> None:
        r = found.replies
        wait = None if r.median_wait_days is None else r.median_wait_days * 24
        oldest = None if r.oldest_wait_days is None else r.oldest_wait_days * 24
        self.query_one("#replies-text", Static).update(
            Text.assemble(
                ("Your replies\n", "bold"),
                f"{r.answered} answered; median time to answer "
                f"{stats_service.duration(r.median_hours)}\n{r.waiting} waiting in the inbox: "
                f"median age {stats_service.duration(wait)}, oldest "
                f"{stats_service.duration(oldest)}",
            )
        )
        top = max((n for _, n in r.ages), default=0) or 1
        lines = [f"\n{label:<12}{'█' * round(n / top * 12):<13}{n}" for label, n in r.ages]
        self.query_one("#ages-text", Static).update(
            Text.assemble(("\nWaiting, by age", "bold"), *lines)
        )

    @on(DataTable.RowSelected, "#discussed")
    def _open_post(self, event: DataTable.RowSelected) -> None:
        self.dismiss(str(event.row_key.value))

    @on(DataTable.RowSelected, "#commenters")
    def _commenter(self, event: DataTable.RowSelected) -> None:
        name = str(event.row_key.value).replace('"', "")
        self.dismiss(f'search:in:comments author:"{name}"')


def _cut(text: str, room: int) -> Text:
    """`text` in `room` cells at most, ending in an ellipsis when cut."""
    out = Text(text, no_wrap=True)
    if room > 0 and out.cell_len > room:
        out.truncate(room, overflow="ellipsis")
    return out


def ratings_chart(found: Stats) -> ChartSpec:
    """The ratings histogram's data: a bar per half reel, labels on whole reels."""
    counts = [n for _, n in found.ratings]
    labels = [f"{r:g}" if r == int(r) else "" for r, _ in found.ratings]
    return ChartSpec(
        title="Reviews per rating (reels)",
        titles=("Reviews per rating", "Per rating"),
        bars=tuple((i, n) for i, n in enumerate(counts) if n),
        xticks=tuple((i, label) for i, label in enumerate(labels) if label),
        xlim=(-0.5, len(labels) - 0.5),
        top=max(counts, default=0),
    )


def months_chart(found: Stats) -> ChartSpec:
    """Reviews per month (bars, left axis) and readers' comments per month (a step line,
    right axis); the legend is in the title; a tick on some Januaries."""
    title = "Per month: ▆ reviews (left axis) · ━ readers' comments (right axis)"
    titles = ("Per month: ▆ reviews (left) · ━ comments (right)", "▆ reviews · ━ comments →")
    if not found.months:
        return ChartSpec(title=title, titles=titles, axes=False)
    reviews = [r for _, r, _ in found.months]
    first = found.months[0][0]
    years = [(i, m[:4]) for i, (m, _, _) in enumerate(found.months) if m.endswith("-01")]
    step = max(1, len(years) // 6)
    years = years[::step]
    if not years:
        years = [(0, first)]
    elif years[0][0] != 0:  # the first year's months before its first January shown: its
        years.append((0, first[:4]))  # year too, where it fits once the Januaries are
    return ChartSpec(
        title=title,
        titles=titles,
        bars=tuple((i, n) for i, n in enumerate(reviews) if n),
        bar_width=0.6,
        line=tuple(c for _, _, c in found.months),
        xticks=tuple(years),
        xlim=(-0.5, len(reviews) - 0.5),
        top=max(reviews, default=0),
        pers=MONTH_GROUPS,
        shift=int(first[5:7]) - 1,  # a column's months are of one year, Januaries first
        labels_start=True,
    )
