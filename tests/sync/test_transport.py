"""The HTTP transport against real sockets: whole-request deadline, size cap, retries,
persistent connections, gzip; the application password only over https or loopback."""

from __future__ import annotations

import base64
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reeltui.services import Blog
from reeltui.services.sync.client import WPClient
from reeltui.services.sync.credentials import Credentials
from reeltui.services.sync.errors import NetworkDown, ServerFailed
from reeltui.services.sync.run import sync
from tests.sync import servers
from tests.sync.servers import Seen, answer, send

PASSWORD = "abcd EFGH ijkl MNOP qrst UVWX"


def client(url: str, **kw: object) -> WPClient:
    return WPClient(url, "ruth", PASSWORD, **kw)  # type: ignore[arg-type]


def test_a_server_sending_one_byte_a_second_is_cut_at_the_deadline() -> None:
    """httpx's timeouts are per read: 1 byte a second never trips them. The deadline does."""
    with servers.serve(servers.one_byte_a_second) as (url, seen):
        wp = client(url, timeout=2)
        with pytest.raises(NetworkDown) as caught:
            wp.get("/wp/v2/users/me")
        wp.close()
    assert str(caught.value).startswith(f"timeout: {url} did not answer within 2 s")
    # the client hung up after ~2 bytes of the 140-byte answer, not at its end
    assert seen.sent <= 5, seen.sent


def test_sync_timeout_bounds_a_trickling_server(tmp_path: Path, empty_blog: Blog) -> None:
    with servers.serve(servers.one_byte_a_second) as (url, seen):
        result = sync(empty_blog, Credentials(url, "ruth", PASSWORD), timeout=1)
    assert result.stopped_by == "network"
    assert result.error.startswith(f"timeout: {url} did not answer within 1 s")
    assert seen.sent <= 4, seen.sent


def test_an_endless_answer_is_refused_at_the_size_cap() -> None:
    with servers.serve(servers.endless) as (url, seen):
        wp = client(url, max_bytes=4 * 1024 * 1024, timeout=30)
        with pytest.raises(ServerFailed) as caught:
            wp.get("/wp/v2/posts")
        wp.close()
    assert str(caught.value).startswith(f"too_big: {url} sent an answer larger than 4 MB")
    # reading stopped near the cap (plus what the kernel buffers), not at 400 MB
    assert seen.sent < 4 * 1024 * 1024 + 8 * 1024 * 1024, seen.sent


def test_a_declared_huge_answer_is_refused_before_reading_it() -> None:
    with servers.serve(servers.declared_huge) as (url, _seen):
        wp = client(url, timeout=30)
        with pytest.raises(ServerFailed, match="larger than 32 MB"):
            wp.get("/wp/v2/posts")
        wp.close()


def test_503_and_429_are_retried_over_one_kept_alive_connection() -> None:
    """Backoff honours a short Retry-After; the answer comes gzipped; one TCP connection."""
    calls = []

    def flaky(conn: socket.socket, head: bytes, seen: Seen) -> None:
        calls.append(head)
        if len(calls) == 1:
            send(conn, answer("503 Service Unavailable", b"{}", {"Retry-After": "0"}), seen)
        elif len(calls) == 2:
            send(conn, answer("429 Too Many Requests", b"{}", {"Retry-After": "0"}), seen)
        else:
            send(conn, servers.gzip_json(b'{"id": 7, "name": "Ruth"}'), seen)

    with servers.serve(flaky) as (url, seen):
        wp = client(url)
        assert wp.get("/wp/v2/users/me") == {"id": 7, "name": "Ruth"}
        assert wp.get("/wp/v2/users/me")["id"] == 7
        wp.close()
    assert len(seen.requests) == 4 and seen.connections == 1
    head = seen.requests[0].decode().lower()
    assert "accept-encoding: gzip" in head and "user-agent: reeltui/" in head


def test_long_retry_after_is_not_waited_for() -> None:
    def maintenance(conn: socket.socket, head: bytes, seen: Seen) -> None:
        send(conn, answer("503 Service Unavailable", b"{}", {"Retry-After": "600"}), seen)

    with servers.serve(maintenance) as (url, seen):
        wp = client(url)
        with pytest.raises(ServerFailed, match="HTTP 503"):
            wp.get("/wp/v2/users/me")
        wp.close()
    assert len(seen.requests) == 1


def test_a_dropped_connection_is_retried_for_a_read_not_for_a_post() -> None:
    def drops_first(conn: socket.socket, head: bytes, seen: Seen) -> None:
        if len(seen.requests) == 1:
            conn.close()  # hung up without a word
            return
        send(conn, answer("200 OK", b'{"id": 3}'), seen)

    with servers.serve(drops_first) as (url, seen):
        wp = client(url)
        assert wp.get("/wp/v2/posts/3") == {"id": 3}
        wp.close()
    assert len(seen.requests) == 2

    def drops_always(conn: socket.socket, head: bytes, seen: Seen) -> None:
        conn.close()

    with servers.serve(drops_always) as (url, seen):
        wp = client(url)
        with pytest.raises(NetworkDown, match=r"connection to .* broke"):
            wp.post("/wp/v2/comments", {"post": 1, "content": "hi"})
        wp.close()
    assert len(seen.requests) == 1  # a reply is never sent twice on a guess


def test_password_refused_over_plain_http_to_another_machine(empty_blog: Blog) -> None:
    with pytest.raises(ValueError) as caught:
        sync(empty_blog, Credentials("http://blog.example/wp", "ruth", PASSWORD))
    message = str(caught.value)
    assert "plain http to blog.example" in message
    assert "use https://blog.example/wp" in message and "--insecure-http" in message
    assert PASSWORD not in message
    # loopback is fine (a local test site): no refusal, only "cannot reach"
    result = sync(empty_blog, Credentials("http://127.0.0.1:9", "ruth", PASSWORD))
    assert result.stopped_by == "network"


def _outside_address() -> str:
    """This machine's address on its network (not loopback), or skip."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.123", 9))  # no packet is sent for UDP connect
            address = str(probe.getsockname()[0])
        except OSError:
            address = ""
    if not address or address.startswith("127."):
        pytest.skip("no network address other than loopback on this machine")
    return address


def test_insecure_http_lets_a_test_site_through(empty_blog: Blog) -> None:
    host = _outside_address()

    def me(conn: socket.socket, head: bytes, seen: Seen) -> None:
        send(conn, answer("401 Unauthorized", b'{"code": "incorrect_password"}'), seen)

    with servers.serve(me, host=host) as (url, seen):
        with pytest.raises(ValueError, match="refusing to send"):
            sync(empty_blog, Credentials(url, "ruth", PASSWORD))
        assert seen.requests == []  # refused before any byte went out
        result = sync(empty_blog, Credentials(url, "ruth", PASSWORD), insecure_http=True)
    assert result.stopped_by == "auth" and len(seen.requests) == 1


def reeltui(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REELTUI_")}
    env["REELTUI_CONFIG"] = str(tmp_path / "config" / "config.toml")
    env["REELTUI_WP_APP_PASSWORD"] = PASSWORD
    return subprocess.run(
        [sys.executable, "-m", "reeltui", "--store", str(tmp_path / "store"), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_refuses_http_and_user_password_in_the_address(tmp_path: Path) -> None:
    plain = reeltui(
        tmp_path, "sync", "--site", "http://blog.example", "--user", "ruth", "--save-credentials"
    )
    assert plain.returncode == 2, plain.stderr
    assert (
        plain.stderr.strip()
        .splitlines()[-1]
        .startswith(
            "reeltui: refusing to send the application password over plain http to blog.example: "
            "use https://blog.example"
        )
    )
    assert not (tmp_path / "config" / "credentials.toml").exists()
    inline = reeltui(tmp_path, "sync", "--site", "https://ruth:s3cr3t-pw@blog.example")
    assert inline.returncode == 2
    assert "user name or password" in inline.stderr and "Traceback" not in inline.stderr
    assert "s3cr3t" not in inline.stdout + inline.stderr
    bad = reeltui(tmp_path, "sync", "--site", "https://blog.example", "--timeout", "0")
    assert bad.returncode == 2 and "--timeout must be" in bad.stderr


def test_no_secret_in_debug_logs(empty_blog: Blog, caplog: pytest.LogCaptureFixture) -> None:
    """httpx and httpcore log every request at DEBUG: the password never appears there."""
    token = base64.b64encode(f"ruth:{PASSWORD}".encode()).decode()

    def me(conn: socket.socket, head: bytes, seen: Seen) -> None:
        send(conn, answer("401 Unauthorized", b'{"code": "incorrect_password"}'), seen)

    with caplog.at_level(logging.DEBUG), servers.serve(me) as (url, _seen):
        result = sync(empty_blog, Credentials(url, "ruth", PASSWORD))
    assert result.stopped_by == "auth"
    logged = caplog.text + " ".join(result.lines())
    assert "HTTP Request" in logged or "send_request_headers" in logged  # logging was on
    assert PASSWORD not in logged and token not in logged
