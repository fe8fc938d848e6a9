"""A WordPress REST API (v2) client over `transport.Http` (httpx), application password.

Every failure becomes a `WPError` (see `errors`). The application password goes only to an
https site or to this machine (loopback); never in a message, a URL or `repr()`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import re
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reeltui.services.sync.address import check_secure, normalise_site
from reeltui.services.sync.errors import (
    AuthFailed,
    NetworkDown,
    Refused,
    ServerFailed,
    WPError,
)
from reeltui.services.sync.transport import MAX_BYTES, Http

__all__ = [
    "AuthFailed",
    "NetworkDown",
    "Refused",
    "ServerFailed",
    "WPClient",
    "WPError",
    "normalise_site",
]
MAX_PER_PAGE = 100


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: dict[str, str]
    data: Any


@dataclass
class WPClient:
    """Calls /wp/v2 routes through `?rest_route=` (works with or without pretty permalinks)."""

    site: str
    user: str
    app_password: str = field(repr=False)
    timeout: float = 20.0
    per_page: int = MAX_PER_PAGE
    insecure_http: bool = False
    max_bytes: int = MAX_BYTES
    calls: int = 0
    user_id: int = 0  # who the application password belongs to (users/me)
    user_name: str = ""
    server_date: str = ""  # the site's clock (Date header of the last answer), ISO UTC
    answered: bool = False  # the site accepted a request (so the credentials are good)
    http: Http = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.site = normalise_site(self.site)
        check_secure(self.site, self.insecure_http)
        self.http = Http(
            self.site, (self.user, self.app_password), self.timeout, max_bytes=self.max_bytes
        )

    def close(self) -> None:
        self.http.close()

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
        self.calls += 1
        where = f"{method} {route}"
        answer = self.http.send(method, self.url(route, params), data, where)
        status, headers = answer.status, answer.headers
        self.server_date = _server_date(headers.get("date")) or self.server_date
        payload = _decode(answer.body)
        if 200 <= status < 300:
            if payload is _NOT_JSON:
                raise ServerFailed(
                    "not_wordpress",
                    f"{self.site} did not answer with WordPress JSON ({where}, HTTP {status}); "
                    "is the site URL right?",
                    status,
                )
            self.answered = True
            return Response(status, headers, payload)
        raise self._error(status, payload, where, headers.get("location") or "")

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

    def first_page(self, route: str, **params: Any) -> tuple[list[Any], int]:
        """The first page of a collection and the collection's size (X-WP-Total)."""
        resp = self.request("GET", route, {**params, "per_page": self.per_page, "page": 1})
        items = resp.data if isinstance(resp.data, list) else []
        return items, _int(_header(resp.headers, "X-WP-Total"), default=len(items))

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
    return headers.get(name.lower())


def _server_date(value: str | None) -> str:
    """An HTTP Date header as ISO 8601 UTC ("2026-03-01T10:00:00+00:00"), or ""."""
    if not value:
        return ""
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return ""
    if when.tzinfo is None:
        return ""
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _one_line(text: str) -> str:
    """WordPress messages may hold HTML (links, <strong>): plain text on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split()).strip()
