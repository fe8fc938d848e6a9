"""The reader's links and history, for the main screen: follow a link inside the blog (open
that post), ask what to do with one that leaves it, pick one of the post's links, step back
and forward through the posts read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reeltui.errors import ReelError
from reeltui.ui.navigation import internal_slug, is_external
from reeltui.ui.widgets.reader import Reader

if TYPE_CHECKING:
    from reeltui.ui.screens.main import MainScreen


class LinkFollower:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    async def step(self, step: int) -> None:
        """Back (-1) or forward (+1) in the posts read."""
        screen = self.screen
        target = screen.history.step(step)
        if target is None:
            screen.notify("no more history that way", timeout=2)
        else:
            await screen.open_post(target, record=False)

    def pick(self) -> None:
        """Offer the post's links to follow."""
        screen = self.screen
        links = screen.query_one(Reader).links()
        if not links:
            screen.notify("this post has no links")
            return
        choices = [(href, f"{text}  →  {href}") for text, href in links]
        from reeltui.ui.screens.dialogs import PickScreen  # (when first asked: not at start)

        screen.app.push_screen(PickScreen("Links in this post", choices), self._chosen)

    def _chosen(self, href: str | None) -> None:
        if href:
            self.screen.run_worker(self.follow(href))

    async def follow(self, href: str) -> None:
        screen = self.screen
        slug = internal_slug(href)
        if slug is not None:
            try:
                post = screen.blog.post_by_slug(slug)
            except ReelError as exc:  # the service's NotFound: say it, in one line
                screen.notify(str(exc), severity="warning")
                return
            await screen.open_post(post.id)
            screen.action_pane("reader")
        elif is_external(href):
            from reeltui.ui.screens.dialogs import LinkActionScreen

            screen.app.push_screen(LinkActionScreen(href), lambda what: self._act(href, what))
        else:
            screen.notify(f"cannot follow the link {href!r}", severity="warning")

    def _act(self, href: str, what: str | None) -> None:
        app = self.screen.reel_app
        if what == "open":
            self.screen.notify(app.open_link(href))
        elif what == "copy":
            app.copy_text(href)
            self.screen.notify(f"copied {href}")
