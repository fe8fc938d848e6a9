"""Where sync finds the site, the user and the application password.

Order: explicit values (command-line options) > environment (REELTUI_WP_URL, REELTUI_WP_USER,
REELTUI_WP_APP_PASSWORD) > the credentials file `credentials.toml` next to the config file
(mode 0600, refused when other users can read it). Never kept in the store, never logged.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reeltui.errors import ReelError
from reeltui.locations import config_file
from reeltui.services.sync.address import normalise_site
from reeltui.store.storage import replace_file

ENV_URL = "REELTUI_WP_URL"
ENV_USER = "REELTUI_WP_USER"
ENV_PASSWORD = "REELTUI_WP_APP_PASSWORD"
KEYS = ("site", "user", "app_password")


class CredentialsError(ReelError, ValueError):
    """The credentials file cannot be used (unreadable, bad TOML, readable by others)."""


@dataclass(frozen=True, slots=True)
class Credentials:
    site: str = ""
    user: str = ""
    app_password: str = field(default="", repr=False)
    source: str = ""  # where the password came from: "env", "file", "prompt", ""

    @property
    def complete(self) -> bool:
        return bool(self.site and self.user and self.app_password)


def credentials_file() -> Path:
    return config_file().parent / "credentials.toml"


def read_file(path: Path | None = None) -> dict[str, str]:
    path = path or credentials_file()
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CredentialsError(f"cannot read {path}: {exc.strerror}") from exc
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CredentialsError(
            f"{path} can be read by other users; run `chmod 600 {path}` and try again"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CredentialsError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CredentialsError(f"{path} is not valid TOML: {exc}") from exc
    return {k: str(data[k]) for k in KEYS if isinstance(data.get(k), str)}


def load(site: str | None = None, user: str | None = None, path: Path | None = None) -> Credentials:
    """The credentials known without asking (the password may be missing: prompt for it)."""
    env = os.environ
    saved = read_file(path)
    chosen_site = site or env.get(ENV_URL) or saved.get("site", "")
    chosen_user = user or env.get(ENV_USER) or saved.get("user", "")
    password, source = env.get(ENV_PASSWORD, ""), "env"
    if not password and saved.get("app_password"):
        # A saved password belongs to the saved site and user only.
        same = _same_site(saved.get("site", ""), chosen_site)
        same = same and saved.get("user", "") == chosen_user
        if same:
            password, source = saved["app_password"], "file"
    return Credentials(chosen_site, chosen_user, password, source if password else "")


def _same_site(a: str, b: str) -> bool:
    try:
        return normalise_site(a) == normalise_site(b)
    except ValueError:
        return a == b


def save(creds: Credentials, path: Path | None = None) -> Path:
    """Write the credentials file with mode 0600 (crash-safe: temp file, fsync, rename)."""
    path = path or credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# reeltui sync credentials (keep private: mode 0600)"]
    for key in KEYS:
        lines.append(f"{key} = {json.dumps(getattr(creds, key), ensure_ascii=False)}")
    payload = ("\n".join(lines) + "\n").encode()
    try:
        replace_file(path, payload, mode=0o600)
    except OSError as exc:
        raise CredentialsError(f"could not save {path}: {exc.strerror or exc}") from exc
    return path
