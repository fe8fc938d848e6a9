"""Ctrl+P: the app's commands and "open: <post title>" for every post."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reeltui.domain.sanitize import sanitize_line

if TYPE_CHECKING:
    from reeltui.ui.app import ReelApp

MAX_POST_HITS = 50


class ListedCommands(Provider):
    """A provider of named commands (name, help, callback), fuzzy-matched as typed."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        return []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class ReelCommands(ListedCommands):
    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app: ReelApp = self.app  # type: ignore[assignment]
        found: list[tuple[str, str, Callable[[], Any]]] = [
            ("Keys: help for the focused pane", "List every key", app.action_help),
            ("Mouse: turn on/off", "Let the terminal select text", app.action_toggle_mouse),
            ("Theme: next", "Cycle through Textual's themes", app.action_next_theme),
            ("Import…", "A WordPress export, Markdown files or a JSON export", app.action_import),
            ("Export…", "As Markdown files, a WordPress WXR file or JSON", app.action_export),
            (
                "Sync with WordPress",
                "Send the outbox and drafts, then pull posts and comments",
                partial(app.action_sync, True),
            ),
            ("Film diary", "What you watched (Letterboxd), with your reviews", app.action_diary),
            (
                "Sync: conflicts",
                "What changed on both sides; keep yours or the site's",
                app.action_conflicts,
            ),
        ]
        main = app.main_screen
        if main is not None:
            found += [
                ("Posts: cycle sort", "date, rating, comments, title", main.cycle_sort),
                ("Posts: filter by…", "category, tag, status or author", main.ask_filters),
                ("Posts: clear filters", "Show every post", main.clear_filters),
                (
                    "Post: new from a template",
                    "review, guest post, question, recap",
                    main.action_new_post,
                ),
                ("Post: edit the open post", "Open it in the editor", main.action_edit_post),
                ("Comments: needs-reply inbox", "Readers waiting for an answer", app.action_inbox),
                (
                    "Comments: outbox",
                    "Replies and moderation waiting to be sent",
                    app.action_outbox,
                ),
                (
                    "Comments: show",
                    "The thread of the open post",
                    partial(main.action_pane, "thread"),
                ),
            ]
        return found

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            yield hit
        matcher = self.matcher(query)
        app: ReelApp = self.app  # type: ignore[assignment]
        main = app.main_screen
        if main is None:
            return
        hits = []
        for post in main.blog.posts():
            label = f"open: {sanitize_line(post.title)}"
            score = matcher.match(label)
            if score > 0:
                hits.append((score, label, post.id, post.date[:10]))
        hits.sort(key=lambda h: -h[0])
        for score, label, post_id, date in hits[:MAX_POST_HITS]:
            yield Hit(score, matcher.highlight(label), partial(app.open_post, post_id), help=date)
