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

    def _help(self, help_text: str, binding_id: str) -> str:
        """`help_text`, then the command's key as the keymap has it ("  ·  key %")."""
        app: ReelApp = self.app  # type: ignore[assignment]
        key = app.key_of(binding_id) if binding_id else ""
        return f"{help_text}  ·  key {key}" if key else help_text

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


Keyed = tuple[str, str, Callable[[], Any], str]  # name, help, callback, binding id


class ReelCommands(ListedCommands):
    """reeltui's commands, named by what they act on ("Posts: …", "Comments: …"), each with
    its key (as the keymap has it) in its help line."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        return [(name, self._help(text, key), run) for name, text, run, key in self._keyed()]

    def _keyed(self) -> list[Keyed]:
        app: ReelApp = self.app  # type: ignore[assignment]
        found: list[Keyed] = [
            (
                "Keys: every key here",
                "List the keys of the focused pane",
                app.action_help,
                "app.help",
            ),
            (
                "Zoom: the focused pane",
                "Fill the screen with it; again to go back",
                app.action_zoom,
                "app.zoom",
            ),
            (
                "Mouse: turn on/off",
                "Let the terminal select text",
                app.action_toggle_mouse,
                "app.mouse",
            ),
            (
                "Import…",
                "A WordPress export, Markdown files, a JSON export or a Letterboxd export (diary)",
                app.action_import,
                "",
            ),
            ("Export…", "As Markdown files, a WordPress WXR file or JSON", app.action_export, ""),
            (
                "Sync with WordPress",
                "Send the outbox and drafts, then pull posts and comments",
                partial(app.action_sync, True),
                "app.sync",
            ),
            (
                "Film diary",
                "What you watched (Letterboxd), with your reviews",
                app.action_diary,
                "app.diary",
            ),
            (
                "Sync: conflicts",
                "What changed on both sides; keep yours or the site's",
                app.action_conflicts,
                "",
            ),
            (
                "Comments: needs-reply inbox",
                "Readers waiting for an answer",
                app.action_inbox,
                "app.inbox",
            ),
            (
                "Comments: outbox",
                "Replies, drafts and moderation waiting to be sent",
                app.action_outbox,
                "app.outbox",
            ),
        ]
        main = app.main_screen
        if main is not None:
            listing = main.listing
            found += [
                (
                    "Posts: cycle sort",
                    "date, rating, comments, title",
                    listing.cycle_sort,
                    "list.sort",
                ),
                (
                    "Posts: reverse order",
                    "Oldest, worst, least discussed first",
                    listing.reverse,
                    "list.reverse",
                ),
                (
                    "Posts: filter by…",
                    "category, tag, status or author",
                    listing.ask_filters,
                    "list.filters",
                ),
                (
                    "Posts: clear filters",
                    "Show every post (no search either)",
                    main.action_clear_filters,
                    "main.clear_filters",
                ),
                (
                    "Posts: next unread",
                    "Open the next post not read yet",
                    partial(main.action_next_post, "unread"),
                    "main.next_unread",
                ),
                (
                    "Posts: next with new comments",
                    "Open the next post with comments not seen yet",
                    partial(main.action_next_post, "comments"),
                    "main.next_new",
                ),
                (
                    "Posts: mark all read",
                    "Every post of the list",
                    main.action_mark_all_read,
                    "main.mark_all_read",
                ),
                (
                    "Post: new from a template",
                    "review, guest post, question, recap",
                    main.action_new_post,
                    "main.new",
                ),
                (
                    "Post: edit the open post",
                    "Open it in the editor",
                    main.action_edit_post,
                    "main.edit",
                ),
                (
                    "Comments: show",
                    "The thread of the open post",
                    partial(main.action_pane, "thread"),
                    "main.comments",
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
