"""`python -m reeltui` and the `reeltui` console script."""

from __future__ import annotations

import sys

from reeltui.cli import main


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
