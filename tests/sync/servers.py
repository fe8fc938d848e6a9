"""Small real TCP servers that misbehave the way hostile or broken hosts do (for the
transport tests): one byte a second, an endless answer, 503 then 200, dropped connections."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Seen:
    requests: list[bytes] = field(default_factory=list)  # raw request heads, in order
    connections: int = 0
    sent: int = 0  # bytes written to clients
    closed_early: bool = False  # a client hung up while we were still sending


Handler = Callable[[socket.socket, bytes, Seen], None]


def _read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        rest += conn.recv(65536)
    return head


@contextmanager
def serve(handler: Handler, host: str = "127.0.0.1") -> Iterator[tuple[str, Seen]]:
    """Run `handler(conn, request_head, seen)` for each request on each connection; the
    handler answers and may close the connection (then the next request opens another)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, 0))
    listener.listen()
    listener.settimeout(0.2)
    seen = Seen()
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def client(conn: socket.socket) -> None:
        with conn:
            while not stop.is_set():
                try:
                    head = _read_head(conn)
                except OSError:
                    return
                if not head:
                    return
                seen.requests.append(head)
                try:
                    handler(conn, head, seen)
                except (BrokenPipeError, ConnectionResetError):
                    seen.closed_early = True
                    return
                if conn.fileno() < 0:
                    return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            seen.connections += 1
            thread = threading.Thread(target=client, args=(conn,), daemon=True)
            threads.append(thread)
            thread.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield f"http://{host}:{listener.getsockname()[1]}", seen
    finally:
        stop.set()
        acceptor.join()
        listener.close()
        for thread in threads:
            thread.join(timeout=5)


def send(conn: socket.socket, data: bytes, seen: Seen) -> None:
    conn.sendall(data)
    seen.sent += len(data)


def answer(status: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def one_byte_a_second(conn: socket.socket, head: bytes, seen: Seen) -> None:
    """A valid answer, trickled: the client gets a byte every second, never a read timeout."""
    whole = answer("200 OK", b'{"id": 1, "name": "slow"}' + b" " * 100)
    for i in range(len(whole)):
        send(conn, whole[i : i + 1], seen)
        time.sleep(1)


def endless(conn: socket.socket, head: bytes, seen: Seen) -> None:
    """200, no length, then JSON-looking bytes until the client hangs up (a 400 MB answer)."""
    send(
        conn,
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[",
        seen,
    )
    block = b'"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",' * 1024
    for _ in range(400 * 1024 * 1024 // len(block)):
        send(conn, block, seen)
    conn.close()


def declared_huge(conn: socket.socket, head: bytes, seen: Seen) -> None:
    """Says 400 MB are coming, sends a little, then waits."""
    send(conn, b"HTTP/1.1 200 OK\r\nContent-Length: 419430400\r\n\r\n[", seen)
    time.sleep(3)
    conn.close()


def gzip_json(body: bytes) -> bytes:
    packed = gzip.compress(body)
    return answer(
        "200 OK", packed, {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    )
