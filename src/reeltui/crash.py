"""The last resort: an error that is not a `ReelError` escaped every layer, so it is a bug.

Its traceback goes to a crash report in the state folder (next to where `--log` writes,
e.g. ~/.local/state/reeltui/crash-20261207-031500-4242.log), scrubbed of secrets like the
debug log, and to the debug log when one is being written. The user gets one line naming the
report, never a traceback. The CLI and the app each call `report` from one place only.
"""

from __future__ import annotations

import os
import platform
import sys
import time
import traceback
from pathlib import Path

from reeltui import debuglog


def folder() -> Path:
    """Where crash reports go ($REELTUI_CRASH_DIR, else the state folder)."""
    named = os.environ.get("REELTUI_CRASH_DIR")
    if named:
        return Path(named).expanduser()
    from reeltui.locations import default_log

    return default_log().parent


def report(error: BaseException, during: str) -> Path | None:
    """Write the crash report of `error` (raised while doing `during`); its path, or None
    when it could not be written (the traceback then goes to the debug log only)."""
    debuglog.LOGGER.error("a bug, during %s", during, exc_info=error)
    from reeltui import __version__

    text = debuglog.scrub(
        f"reeltui {__version__}, Python {platform.python_version()} on {platform.platform()}\n"
        f"during: {during}\n"
        f"command: reeltui {' '.join(sys.argv[1:])}\n\n"
        + "".join(traceback.format_exception(error))
    )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    from reeltui.store.storage import replace_file  # here: only a bug loads it

    try:
        where = folder()
        where.mkdir(parents=True, exist_ok=True)
        path = where / f"crash-{stamp}-{os.getpid()}.log"
        replace_file(path, text.encode("utf-8"), mode=0o600)
    except OSError:
        return None
    return path


def sentence(error: BaseException, path: Path | None) -> str:
    """The one line the user reads about a bug."""
    what = f"{type(error).__name__}: {error}".splitlines()[0][:200]
    where = f"the details are in {path}" if path else "no crash report could be written"
    return f"a bug in reeltui stopped this ({what}); {where} - please report it"
