"""A small WordPress REST API (v2) client: stdlib urllib, application password (HTTP Basic).

Every failure becomes a `WPError` with a short `code` and a one-line message:
- `NetworkDown` (code "network" or "timeout"): the site could not be reached;
- `AuthFailed` (401, or 403 on the whole API): the user name or application password is wrong;
- `ServerFailed` (5xx, 429, an answer that is not WordPress JSON): the site is broken right now;
- `Refused` (other 4xx): WordPress refused this one request, with its own error code
  (rest_comment_draft_post, comment_duplicate, comment_flood, rest_post_invalid_id...).
The first three stop a sync (nothing more can be done now); `Refused` only fails one item.
The password never appears in messages or in `repr()`.
"""

from __future__ import annotations

import base64
import html
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

USER_AGENT = "reeltui-sync/1"
MAX_PER_PAGE = 100


class WPError(Exception):
    """A failed call; str() is one line: "code: message"."""

    def __init__(
        self, code: str, message: str, status: int | None = None, data: Any = None
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.data = data  # WordPress's "data" of the error (e.g. term_id for term_exists)


class NetworkDown(WPError):
    pass


class AuthFailed(WPError):
    pass


class ServerFailed(WPError):
    pass


class Refused(WPError):
    pass


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: dict[str, str]
    data: Any


def normalise_site(url: str) -> str:
    """'example.com/blog/' -> 'https://example.com/blog' (the site's home, no /wp-json)."""
    url = url.strip()
    if not url:
        raise ValueError("no site URL given (use --site or REELTUI_WP_URL)")
    if "://" not in url:
        url = "https://" + url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not a web address: {url!r}")
    path = parts.path.rstrip("/")
    for suffix in ("/wp-json", "/wp-admin", "/index.php"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@dataclass
class WPClient:
    """Calls /wp/v2 routes through `?rest_route=` (works with or without pretty permalinks)."""

    site: str
    user: str
    app_password: str = field(repr=False)
    timeout: float = 20.0
    per_page: int = MAX_PER_PAGE
    calls: int = 0
    user_id: int = 0  # known after me()

    def __post_init__(self) -> None:
        self.site = normalise_site(self.site)
        token = base64.b64encode(f"{self.user}:{self.app_password}".encode()).decode()
        self._auth = f"Basic {token}"

    # -- raw calls -------------------------------------------------------------------------

    def url(self, route: str, params: dict[str, Any] | None = None) -> str:
        query = {"rest_route": route, **{k: v for k, v in (params or {}).items() if v is not None}}
        return f"{self.site}/?{urllib.parse.urlencode(query)}"

    def request(
        self,
        method: str,
        route: str,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
    ) -> Response:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url(route, params), data=data, method=method)
        req.add_header("Accept", "application/json")
        req.add_header("User-Agent", USER_AGENT)
        req.add_header("Authorization", self._auth)
        if data is not None:
            req.add_header("Content-Type", "application/json; charset=utf-8")
        self.calls += 1
        where = f"{method} {route}"
        try:
            with _OPENER.open(req, timeout=self.timeout) as resp:
                status, headers, raw = int(resp.status), dict(resp.headers), resp.read()
        except urllib.error.HTTPError as exc:
            status, headers = exc.code, dict(exc.headers or {})
            try:
                raw = exc.read()
            except OSError:
                raw = b""
        except TimeoutError:
            raise NetworkDown(
                "timeout", f"{self.site} did not answer within {self.timeout:g} s ({where})"
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise NetworkDown(
                    "timeout", f"{self.site} did not answer within {self.timeout:g} s ({where})"
                ) from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise NetworkDown("network", f"cannot reach {self.site}: {text}") from None
        except (ConnectionError, OSError) as exc:
            raise NetworkDown(
                "network", f"connection to {self.site} failed: {exc.strerror or exc}"
            ) from None
        except http.client.HTTPException as exc:  # e.g. IncompleteRead: the answer was cut
            raise NetworkDown(
                "network", f"connection to {self.site} broke ({type(exc).__name__}, {where})"
            ) from None
        payload = _decode(raw)
        if 200 <= status < 300:
            if payload is _NOT_JSON:
                raise ServerFailed(
                    "not_wordpress",
                    f"{self.site} did not answer with WordPress JSON ({where}, HTTP {status}); "
                    "is the site URL right?",
                    status,
                )
            return Response(status, headers, payload)
        raise self._error(status, payload, where, _header(headers, "Location") or "")

    def _error(self, status: int, payload: Any, where: str, moved: str = "") -> WPError:
        if 300 <= status < 400:
            target = moved or "another address"
            return ServerFailed(
                "moved",
                f"{self.site} redirects to {target} (HTTP {status}); sync with the site's "
                "real address (--site)",
                status,
            )
        code, message = f"http_{status}", ""
        if isinstance(payload, dict):
            code = str(payload.get("code") or code)
            message = _one_line(str(payload.get("message") or ""))
        message = message or f"HTTP {status} for {where}"
        if status == 401:
            return AuthFailed(
                code,
                f"{self.site} refused user {self.user!r} ({message}); "
                "check the user name and the application password",
                status,
            )
        if status == 403 and code == "rest_cannot_access":  # the whole API closed to us
            return AuthFailed(code, message, status)
        if status >= 500 or status == 429:
            why = {429: "too many requests", 503: "unavailable, maybe in maintenance"}
            detail = f"{self.site} failed ({why.get(status, 'server error')}, HTTP {status})"
            if message != f"HTTP {status} for {where}":
                detail += f": {message.rstrip('.')}"
            return ServerFailed(code, f"{detail}; try again later", status)
        if payload is _NOT_JSON and status == 404:
            return ServerFailed(
                "not_wordpress", f"no WordPress REST API at {self.site} (HTTP 404)", status
            )
        data = payload.get("data") if isinstance(payload, dict) else None
        return Refused(code, message, status, data)

    # -- helpers ---------------------------------------------------------------------------

    def get(self, route: str, **params: Any) -> Any:
        return self.request("GET", route, params).data

    def post(self, route: str, body: dict[str, Any], **params: Any) -> Any:
        return self.request("POST", route, params, body).data

    def delete(self, route: str, **params: Any) -> Any:
        return self.request("DELETE", route, params).data

    def pages(self, route: str, **params: Any) -> Iterator[tuple[list[Any], int, int]]:
        """Every page of a collection: (items, page number, total pages from X-WP-TotalPages).

        Order by a unique key (orderby=id): MySQL orders ties on a shared date differently
        from one page to the next, and pages then skip and repeat items.
        """
        page = 1
        while True:
            resp = self.request("GET", route, {**params, "per_page": self.per_page, "page": page})
            items = resp.data if isinstance(resp.data, list) else []
            # Some proxies strip X-WP-TotalPages: then go on while pages come back full.
            more = page + 1 if len(items) >= self.per_page else page
            total = _int(_header(resp.headers, "X-WP-TotalPages"), default=more)
            yield items, page, total
            if page >= total or not items:
                return
            page += 1

    def collect(
        self, route: str, progress: Callable[[int, int], None] | None = None, **params: Any
    ) -> list[Any]:
        found: list[Any] = []
        for items, page, total in self.pages(route, **params):
            found.extend(items)
            if progress is not None:
                progress(page, total)
        return found

    def me(self) -> dict[str, Any]:
        data = self.get("/wp/v2/users/me", context="edit")
        if not isinstance(data, dict) or "id" not in data:
            raise ServerFailed("not_wordpress", f"{self.site} gave an odd answer for users/me")
        self.user_id = int(data["id"])
        return data


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are errors: urllib would turn a POST into a GET and lose the reply."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def id_of(data: Any, what: str) -> str:
    """The "id" of a created object; a clear error when WordPress answered something else."""
    if isinstance(data, dict) and isinstance(data.get("id"), int | str) and str(data["id"]):
        return str(data["id"])
    raise ServerFailed("bad_answer", f"WordPress did not return the id of the {what}")


class _NotJson:
    pass


_NOT_JSON: Any = _NotJson()


def _decode(raw: bytes) -> Any:
    if not raw.strip():
        return None
    # Some hosts prepend PHP notices or a BOM to the JSON; find where the JSON starts.
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    try:
        return json.loads(text)
    except ValueError:
        starts = [i for i in (text.find("{"), text.find("[")) if i > 0]
        if starts:
            try:
                return json.loads(text[min(starts) :])
            except ValueError:
                pass
    return _NOT_JSON


def _header(headers: dict[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _one_line(text: str) -> str:
    """WordPress messages may hold HTML (links, <strong>): plain text on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split()).strip()
