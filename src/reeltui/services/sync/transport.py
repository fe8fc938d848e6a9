"""HTTP for sync: httpx with persistent connections and gzip, a whole-request deadline, a cap
on the size of an answer, and retries with backoff.

- The deadline bounds a request from its first byte sent to the last byte of the answer: every
  socket read and write gets at most the time left (httpx's own timeouts are per read, so a
  server sending one byte a second would otherwise never time out).
- An answer larger than `max_bytes` (after gzip is undone) is refused while it streams in.
- 429 and 503 are tried again after 1, 2, 4 s (or the server's Retry-After when it is at most
  10 s); a connection dropped under a GET likewise. A POST is never sent twice unless the
  server said it did nothing (429/503).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from reeltui import __version__
from reeltui.services.sync.errors import NetworkDown, ServerFailed

USER_AGENT = f"reeltui/{__version__} (WordPress sync)"
MAX_BYTES = 32 * 1024 * 1024
BACKOFF = (1.0, 2.0, 4.0)
MAX_RETRY_AFTER = 10.0
RETRY_STATUSES = (429, 503)
_DROPPED = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes


class Deadline:
    """The time a request must be done by; every socket operation is bounded by what is left."""

    def __init__(self) -> None:
        self.until: float | None = None

    def bound(self, timeout: float | None) -> float | None:
        if self.until is None:
            return timeout
        left = self.until - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the whole-request deadline passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self.inner = inner
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.deadline.bound(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.deadline.bound(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self.inner.start_tls(ssl_context, server_hostname, self.deadline.bound(timeout))
        return _Stream(tls, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, deadline: Deadline) -> None:
        self.inner = httpcore.SyncBackend()
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self.inner.connect_tcp(
            host, port, self.deadline.bound(timeout), local_address, socket_options
        )
        return _Stream(stream, self.deadline)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class _Transport(httpx.HTTPTransport):
    """httpx's transport with a connection pool whose sockets obey the deadline."""

    def __init__(self, deadline: Deadline) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=4,
            max_keepalive_connections=4,
            keepalive_expiry=30.0,
            network_backend=_Backend(deadline),
        )


class _TooBig(Exception):
    pass


class Http:
    """One site's connection pool. `send` returns an Answer or raises a WPError."""

    def __init__(
        self,
        site: str,
        auth: tuple[str, str],
        timeout: float,
        max_bytes: int = MAX_BYTES,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.site = site
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.deadline = Deadline()
        self.client = httpx.Client(
            transport=_Transport(self.deadline),
            auth=auth,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,  # a redirected POST would lose the reply: an error instead
            trust_env=False,
        )

    def close(self) -> None:
        self.client.close()

    def send(self, method: str, url: str, body: bytes | None, where: str) -> Answer:
        headers = {"Content-Type": "application/json; charset=utf-8"} if body is not None else {}
        for attempt in range(len(BACKOFF) + 1):
            last = attempt == len(BACKOFF)
            try:
                answer = self._once(method, url, body, headers)
            except httpx.TimeoutException:
                raise NetworkDown(
                    "timeout", f"{self.site} did not answer within {self.timeout:g} s ({where})"
                ) from None
            except _DROPPED as exc:
                if method != "GET" or last:
                    raise NetworkDown(
                        "network", f"connection to {self.site} broke ({_reason(exc)}, {where})"
                    ) from None
                self.sleep(BACKOFF[attempt])
                continue
            except httpx.HTTPError as exc:
                raise NetworkDown("network", f"cannot reach {self.site}: {_reason(exc)}") from None
            except _TooBig:
                megabytes = self.max_bytes / (1024 * 1024)
                raise ServerFailed(
                    "too_big",
                    f"{self.site} sent an answer larger than {megabytes:g} MB ({where}); refused",
                ) from None
            if answer.status in RETRY_STATUSES and not last:
                wait = _retry_after(answer.headers.get("retry-after"), BACKOFF[attempt])
                if wait is not None:
                    self.sleep(wait)
                    continue
            return answer
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Answer:
        self.deadline.until = time.monotonic() + self.timeout
        try:
            with self.client.stream(method, url, content=body, headers=headers) as resp:
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise _TooBig
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise _TooBig
                    chunks.append(chunk)
                found = {k.lower(): v for k, v in resp.headers.items()}
                return Answer(resp.status_code, found, b"".join(chunks))
        finally:
            self.deadline.until = None


def _retry_after(value: str | None, default: float) -> float | None:
    """Seconds to wait before trying again, or None when the server asks for too long."""
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        return default  # an HTTP date: not worth parsing, use our own backoff
    return seconds if 0 <= seconds <= MAX_RETRY_AFTER else None


def _reason(exc: BaseException) -> str:
    """The OS's words for a failed connection ("Connection refused"), else the error's."""
    seen: BaseException | None = exc
    while seen is not None:
        strerror = getattr(seen, "strerror", None)
        if strerror:
            return str(strerror)
        seen = seen.__cause__ or seen.__context__
    text = str(exc).strip()
    if text.startswith("[Errno"):
        text = text.split("]", 1)[-1].strip()
    return text or type(exc).__name__
