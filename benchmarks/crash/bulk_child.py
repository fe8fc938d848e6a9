"""The bulk crash test's child: one import, or one sync pull, through the real services.

    python -m benchmarks.crash.bulk_child import STORE EXPORT.xml
    python -m benchmarks.crash.bulk_child pull STORE SITE USER APP_PASSWORD

Prints "writing" when the change starts to be written (the importer's "writing" phase, the
pull's "saving" step), then "done" and the outcome; a failed write (a full disk) prints
"refused <message>" and exits 3. A kill at any moment is what the parent is after.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reeltui.services.session import open_blog
from reeltui.store import StoreError


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    mode, store, *rest = argv
    try:
        with open_blog(Path(store)) as blog:
            say("open")
            if mode == "import":
                from reeltui.services.importer import import_path

                def progress(phase: str, done: int, total: int) -> None:
                    if phase == "writing" and done == 0:
                        say("writing")

                report = import_path(blog, Path(rest[0]), progress)
                say(f"done {report.posts_added} {report.comments_added}")
            else:
                from reeltui.services.sync.credentials import Credentials
                from reeltui.services.sync.progress import SyncProgress
                from reeltui.services.sync.run import sync

                def pulled(event: SyncProgress) -> None:
                    if event.stage == "saving":
                        say("writing")

                site, user, password = rest
                result = sync(blog, Credentials(site, user, password), push=False, progress=pulled)
                say(f"done {result.pulled.new_posts} {result.pulled.new_comments} {result.error}")
    except StoreError as exc:  # a full disk: one clear line, nothing half written
        say(f"refused {exc}")
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
