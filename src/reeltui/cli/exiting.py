"""Ending the `reeltui` process at once when a command asks, its output written.

A command that printed a whole archive (`posts --json`: ~1.5 million objects at 50,000
posts) would spend ~0.07 s freeing them one by one, and the interpreter more tearing down
its modules, for a process about to end. Such a command calls `keep` with what it made:
when it runs as the `reeltui` process (`__main__.run` says so with `own_process`), that is
kept (out of the collector's sight) and the process leaves by `os._exit` once the exit
handlers ran (`atexit`) and standard output and error are flushed, with the command's exit
status: nothing is freed, no module torn down. Called in-process (tests, a
script calling `cli.main`), `keep` does nothing.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
from typing import NoReturn

_kept: list[object] = []
_own_process = False
_at_once = False


def own_process() -> None:
    """The command runs as the whole process (the console script)."""
    global _own_process
    _own_process = True


def keep(*made: object) -> None:
    """Leave `made` to the process's end, and end it at once after the command."""
    global _at_once
    if _own_process:
        _kept.extend(made)
        gc.freeze()  # what is kept is never walked by the collector again
        _at_once = True


def end(code: int) -> NoReturn:
    """End the process with `code`: at once if a command asked (`keep`), else as usual.
    Output a reader stopped taking (`| head -1`) is dropped quietly: flushed here, not at
    the interpreter's end (which said "Exception ignored ... BrokenPipeError", exit 120)."""
    if not _at_once:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)  # (the interpreter flushes again)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        sys.exit(code)
    atexit._run_exitfuncs()  # what was asked for at exit still runs (a log's flush...)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader stopped (`| head`)
            stream.flush()
    os._exit(code)
