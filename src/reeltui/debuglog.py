"""The debug log `--log FILE` writes, for bug reports. Passwords never reach it.

Everything logged under the `reeltui` logger (and `httpx`'s request lines, when sync runs)
goes to the file while a command runs; without --log nothing is written anywhere. Every line
is scrubbed as it is written: values of password-like environment variables, secrets the code
registered with `hide()`, WordPress application passwords (six groups of four letters or
digits), HTTP Basic/Bearer credentials and `password=`/`app_password = "..."` pairs become
`[hidden]`.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reeltui.errors import InputError

if TYPE_CHECKING:  # `logging` is imported when a log is started or a bug reported
    import logging

HIDDEN = "[hidden]"
_SOURCES = (
    r"(?i)PASSWORD|PASSWD|SECRET|TOKEN",  # an environment variable's name
    r"\b[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5}\b",  # application password
    r"(?i)\b(?:basic|bearer)\s+[A-Za-z0-9+/=._~-]{6,}",
    r"(?i)((?:app_?)?pass(?:word|wd)?[\"']?\s*[:=]\s*)(\"[^\"]*\"|'[^']*'|[^\s,&;]+)",
)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The patterns above, compiled when a text is first scrubbed (not at every start)."""
    return tuple(map(re.compile, _SOURCES))


_SECRETS: set[str] = set()
_state: dict[str, object] = {}


def hide(secret: str) -> None:
    """Never write `secret` to the log (call it where a password is read or typed)."""
    if secret and len(secret) >= 4:
        _SECRETS.add(secret)


def scrub(text: str) -> str:
    """`text` with every secret replaced by [hidden]."""
    secrets = set(_SECRETS)
    secrets.update(v for k, v in os.environ.items() if _patterns()[0].search(k) and len(v) >= 4)
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    _, password, header, assigned = _patterns()
    text = password.sub(HIDDEN, text)
    text = header.sub(lambda m: m.group(0).split()[0] + " " + HIDDEN, text)
    return assigned.sub(lambda m: m.group(1) + HIDDEN, text)


def __getattr__(name: str) -> logging.Logger:
    """`LOGGER`, the `reeltui` logger, made when first asked for (a command run without a
    log never imports `logging`: ~10 ms of its start)."""
    if name != "LOGGER":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import logging

    logger = logging.getLogger("reeltui")
    if not logger.handlers:  # no log started: nothing to stderr (Python's last-resort
        logger.addHandler(logging.NullHandler())  # handler printed a bug's traceback there)
    return logger


def start(path: Path | None, argv: list[str]) -> logging.Logger | None:
    """Start logging to `path` (appending); None: no log (and None returned). Raises
    ValueError (a message for the user) when the file cannot be opened."""
    if path is None:
        return None
    import logging
    import platform

    class _ScrubbingFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return scrub(super().format(record))

    log = logging.getLogger("reeltui")
    path = path.expanduser()
    _folder_of(path)
    try:
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the log {path}: {exc.strerror or exc}") from None
    handler.setFormatter(
        _ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    for name in ("reeltui", "httpx"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if name == "reeltui" else logging.INFO)
    _state.update(handler=handler, started=time.perf_counter())
    from reeltui import __version__

    log.info(
        "reeltui %s, Python %s on %s, run as: reeltui %s",
        __version__,
        platform.python_version(),
        platform.platform(),
        " ".join(argv),
    )
    log.debug("terminal: TERM=%s, stdout a tty: %s", os.environ.get("TERM"), sys.stdout.isatty())
    return log


def _folder_of(path: Path) -> None:
    """The log's folder must exist, as --store's store must (a mistyped folder is said, not
    made); only reeltui's own state folder, where `reeltui paths` suggests a log, is made."""
    if path.parent.is_dir():
        return
    from reeltui.locations import default_log

    if path.parent == default_log().parent:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot write the log {path}: {exc.strerror or exc}") from None
        return
    what = "is not a folder" if path.parent.exists() else "does not exist"
    raise InputError(
        f"cannot write the log {path}: {path.parent} {what} (nothing was created; give a "
        "file in an existing folder)"
    )


def stop() -> None:
    """Close the log (nothing to do without one)."""
    handler = _state.pop("handler", None)
    if handler is None:
        return
    import logging

    assert isinstance(handler, logging.Handler)
    started = _state.pop("started", time.perf_counter())
    assert isinstance(started, float)
    logging.getLogger("reeltui").info("finished after %.2f s", time.perf_counter() - started)
    for name in ("reeltui", "httpx"):
        logging.getLogger(name).removeHandler(handler)
    handler.close()
