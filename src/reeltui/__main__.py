"""`python -m reeltui` and the `reeltui` console script."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (`reeltui.cli.main`), loaded only when a command runs."""
    from reeltui.cli import main as cli_main

    return cli_main(argv)


def run() -> None:
    if sys.argv[1:] == ["--version"]:  # answered before the command line is even built
        from reeltui import __version__

        sys.stdout.write(f"reeltui {__version__}\n")
        sys.exit(0)
    from reeltui.cli import exiting

    exiting.own_process()
    exiting.end(main())


if __name__ == "__main__":
    run()
