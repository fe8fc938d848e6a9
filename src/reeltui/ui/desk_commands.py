"""Ctrl+P for the blogger's desk: saved searches, a search typed in the palette, the stats
screen, the monthly recap and the readers' answers of a question post."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import Hit, Hits

from reeltui import saved_searches
from reeltui.domain.query import QueryError, parse
from reeltui.domain.query_eval import check
from reeltui.domain.sanitize import sanitize_line
from reeltui.ui.commands import ListedCommands
from reeltui.ui.drafting import answers_flow, recap_flow
from reeltui.ui.screens.prompt import PromptScreen

if TYPE_CHECKING:
    from reeltui.ui.app import ReelApp

Command = tuple[str, str, Callable[[], Any]]


def open_stats(app: ReelApp, query: str | None = None) -> None:
    """The stats screen, of what the post list shows (unless given another search)."""
    from reeltui.ui.screens.stats import StatsScreen

    main = app.main_screen
    if query is None:
        query = main.search if main is not None and "in:comments" not in main.search else ""

    async def done(result: str | None) -> None:
        if main is None or not result:
            return
        if result.startswith("search:"):
            main.run_search(result.removeprefix("search:"), focus_box=False)
        else:
            await app.open_post(result)

    screen = StatsScreen(app.blog, query, writer=app.writer, extra_authors=app.settings.authors)
    app.push_screen(screen, done)


def save_current_search(app: ReelApp) -> None:
    main = app.main_screen
    path = app.settings.path
    if main is None or not main.search:
        app.notify("type a search first (/ in the post list)")
        return
    if path is None:
        app.notify("settings are not saved in this session", severity="warning")
        return
    query = main.search

    def named(name: str | None) -> None:
        if name:
            app.run_worker(partial(_save, app, path, name, query), thread=True)

    app.push_screen(PromptScreen("Save this search", f"A name for: {query}"), named)


def _save(app: ReelApp, path: Any, name: str, query: str) -> None:
    try:
        saved_searches.save(path, name, query)
    except saved_searches.SavedSearchError as exc:
        app.call_from_thread(app.notify, str(exc), severity="error")
        return
    app.call_from_thread(app.notify, f"saved search {name!r}: find it in the palette (ctrl+p)")


class DeskCommands(ListedCommands):
    def _commands(self) -> list[Command]:
        app: ReelApp = self.app  # type: ignore[assignment]
        found: list[Command] = [
            (
                "Stats: the blog in charts",
                self._help("ratings, months, discussions, replies", "app.stats"),
                partial(open_stats, app),
            ),
            (
                "Recap: draft a monthly recap…",
                "the month's posts and a Movie of the Month",
                partial(recap_flow, app),
            ),
            (
                "Question post: draft the readers' answers…",
                "their answers and the films named",
                partial(answers_flow, app),
            ),
        ]
        main = app.main_screen
        if main is None:
            return found
        found.append(
            (
                "Search: save the current search…",
                "give it a name; it stays in the settings file",
                partial(save_current_search, app),
            )
        )
        saved, _ = saved_searches.load(app.settings.path)
        for name, query in sorted(saved.items()):
            label = f"Search: {sanitize_line(name)}"
            found.append((label, sanitize_line(query), partial(main.run_search, query, False)))
        return found

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            yield hit
        app: ReelApp = self.app  # type: ignore[assignment]
        main = app.main_screen
        if main is None or ":" not in query:
            return
        try:  # a query with a field: offer to run it
            parsed = parse(query)
            check(parsed)
        except QueryError as exc:
            yield Hit(0.5, f"Search: {query}", lambda: None, help=str(exc))
            return
        where = "comments" if parsed.scope == "comments" else "posts"
        yield Hit(
            1.0,
            f"Search {where}: {query}",
            partial(main.run_search, query, False),
            help="show what it finds in the list",
        )
