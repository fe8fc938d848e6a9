"""Where things live: the default store, the config file, the bundled demo blog."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "reeltui"


def default_store() -> Path:
    """$REELTUI_STORE, else the platform's user data folder (e.g. ~/.local/share/reeltui/store)."""
    env = os.environ.get("REELTUI_STORE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP)) / "store"


def config_file() -> Path:
    """$REELTUI_CONFIG, else the platform's config folder (e.g. ~/.config/reeltui/config.toml)."""
    env = os.environ.get("REELTUI_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def demo_dir() -> Path:
    """The bundled demo blog: inside the installed package, or `data/demo` of a checkout."""
    packaged = Path(__file__).parent / "_demo"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "demo"
