"""Where things live: the store, the config file, the log, the bundled demo blog.

Every location can be moved with an environment variable ($REELTUI_STORE, $REELTUI_CONFIG);
otherwise it follows the platform's conventions (XDG on Linux: ~/.local/share/reeltui/store,
~/.config/reeltui/config.toml, ~/.local/state/reeltui/reeltui.log).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "reeltui"
STORE_ENV = "REELTUI_STORE"
CONFIG_ENV = "REELTUI_CONFIG"


def default_store() -> Path:
    """$REELTUI_STORE, else the platform's user data folder (e.g. ~/.local/share/reeltui/store)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    return user_store()


def user_store() -> Path:
    """The store used when none is named: the user data folder's `store`."""
    return _user_dir("data") / "store"


def store_named_by_user() -> bool:
    """True when $REELTUI_STORE names the store (it is then never created by a reading)."""
    return bool(os.environ.get(STORE_ENV))


def config_file() -> Path:
    """$REELTUI_CONFIG, else the platform's config folder (e.g. ~/.config/reeltui/config.toml)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return _user_dir("config") / "config.toml"


def cache_dir() -> Path:
    """The user cache folder (e.g. ~/.cache/reeltui): what can be made again, never data."""
    return _user_dir("cache")


def default_log() -> Path:
    """Where `--log` without a file name writes (e.g. ~/.local/state/reeltui/reeltui.log)."""
    return _user_dir("state") / "reeltui.log"


# XDG's user folders on Linux: the variable naming it, the folder in the home folder else
_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
    "state": ("XDG_STATE_HOME", ".local/state"),
}


def _user_dir(kind: str) -> Path:
    """platformdirs' user folder of that kind for reeltui. On Linux, with an absolute
    $XDG_..._HOME or $HOME, worked out here as platformdirs does (importing it cost ~10 ms
    of every command's start: tests/unit/test_locations.py compares); else platformdirs'."""
    variable, under_home = _XDG[kind]
    if sys.platform.startswith("linux"):
        named = os.environ.get(variable, "")
        if os.path.isabs(named):
            return Path(named) / APP
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return Path(home) / under_home / APP
    import platformdirs  # here: `reeltui --version` does not need it

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP))


def demo_dir() -> Path:
    """The bundled demo blog: inside the installed package, or `data/demo` of a checkout."""
    packaged = Path(__file__).parent / "_demo"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "demo"
