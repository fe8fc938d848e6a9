"""`python -m reeltui` and the `reeltui` console script."""

from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] == ["--version"]:  # answered before the command line is even built
        from reeltui import __version__

        sys.stdout.write(f"reeltui {__version__}\n")
        sys.exit(0)
    from reeltui.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
