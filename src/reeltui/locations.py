"""Where things live: the store, the config file, the log, the bundled demo blog.

Every location can be moved with an environment variable ($REELTUI_STORE, $REELTUI_CONFIG);
otherwise it follows the platform's conventions (XDG on Linux: ~/.local/share/reeltui/store,
~/.config/reeltui/config.toml, ~/.local/state/reeltui/reeltui.log).
"""

from __future__ import annotations

import os
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
    import platformdirs  # here: `reeltui --version` does not need it

    return Path(platformdirs.user_data_dir(APP)) / "store"


def store_named_by_user() -> bool:
    """True when $REELTUI_STORE names the store (it is then never created by a reading)."""
    return bool(os.environ.get(STORE_ENV))


def config_file() -> Path:
    """$REELTUI_CONFIG, else the platform's config folder (e.g. ~/.config/reeltui/config.toml)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # here: `reeltui --version` does not need it

    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def cache_dir() -> Path:
    """The user cache folder (e.g. ~/.cache/reeltui): what can be made again, never data."""
    import platformdirs  # here: `reeltui --version` does not need it

    return Path(platformdirs.user_cache_dir(APP))


def default_log() -> Path:
    """Where `--log` without a file name writes (e.g. ~/.local/state/reeltui/reeltui.log)."""
    import platformdirs  # here: `reeltui --version` does not need it

    return Path(platformdirs.user_state_dir(APP)) / "reeltui.log"


def demo_dir() -> Path:
    """The bundled demo blog: inside the installed package, or `data/demo` of a checkout."""
    packaged = Path(__file__).parent / "_demo"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "demo"
