"""The site's address: normalised, and checked before the application password goes to it.

Standard library only (the CLI checks an address before loading the HTTP client).
"""

from __future__ import annotations

import ipaddress
import urllib.parse

from reeltui.errors import InputError


def normalise_site(url: str) -> str:
    """'example.com/blog/' -> 'https://example.com/blog' (the site's home, no /wp-json).

    An address holding a user name or password (`https://user:pw@host`) is refused, without
    repeating it: the password would end up in logs and saved files.
    """
    url = url.strip()
    if not url:
        raise InputError("no site URL given (use --site or REELTUI_WP_URL)")
    if "://" not in url:
        url = "https://" + url
    parts = urllib.parse.urlsplit(url)
    if "@" in parts.netloc:
        raise InputError(
            "the site address holds a user name or password (user:pw@host): give the address "
            "alone, the user with --user and the application password when asked"
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not a web address: {url!r}")
    path = parts.path.rstrip("/")
    for suffix in ("/wp-json", "/wp-admin", "/index.php"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_secure(site: str, insecure_http: bool = False) -> None:
    """Refuse to send the application password in clear over the network (http://, not this
    machine) unless the user said so (`--insecure-http`, for a test site)."""
    parts = urllib.parse.urlsplit(site)
    if parts.scheme == "https" or insecure_http or is_loopback(parts.hostname or ""):
        return
    secure = urllib.parse.urlunsplit(("https", parts.netloc, parts.path, "", ""))
    raise InputError(
        f"refusing to send the application password over plain http to {parts.hostname}: "
        f"use {secure} (or --insecure-http for a test site you do not mind exposing)"
    )
