"""A misbehaving web server on 127.0.0.1, written on raw sockets: it does what no polite server does.

Modes (chosen per path by the test):

- ``endless``: a 200 JSON answer whose body never ends (chunked, as fast as the client reads);
- ``huge-announced``: a ``Content-Length`` of 100 GB, then bytes as fast as the client reads;
- ``drip-body`` / ``drip-headers``: one byte every ``drip_interval`` seconds, in the body or already in
  the status line and headers, so no single read ever waits long enough to time out;
- ``deep-json``: a complete, valid answer nested ``depth`` levels deep;
- ``json``: a fixed JSON body (for the paths a test wants answered normally).

It counts the bytes it managed to send per connection, so a test can tell that the client hung up
early. It shares nothing with the app's code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any


@dataclasses.dataclass
class Route:
    mode: str
    body: Any = None
    depth: int = 200_000
    drip_interval: float = 0.2
    give_up_after: float = 15.0  # a dripping or endless answer stops after this long anyway
    frame_interval: float = 0.001  # an endless body: 64 KB per frame, about 60 MB/s at most


class HostileServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.sent: list[int] = []  # bytes sent, per finished connection
        self.connection_done = threading.Event()  # set when a connection has ended (tests wait on it)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def start(self) -> HostileServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._sock.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept(self) -> None:
        self._sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        sent = _Count()
        try:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                more = conn.recv(65536)
                if not more:
                    return
                data += more
            head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            method, target, _ = head[0].split(" ", 2)
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            path = target.split("?", 1)[0]
            with self._lock:
                self.requests.append((method, target, headers))
            route = self.routes.get(path, Route("json", {"errors": ["not here"]}))
            self._answer(conn, route, sent)
        except OSError:
            pass
        finally:
            with self._lock:
                self.sent.append(sent.n)
            self.connection_done.set()
            with contextlib.suppress(OSError):
                conn.close()

    def _answer(self, conn: socket.socket, route: Route, sent: _Count) -> None:
        started = time.monotonic()

        def send(data: bytes) -> None:
            conn.sendall(data)
            sent.n += len(data)

        def running() -> bool:
            return not self._stop.is_set() and time.monotonic() - started < route.give_up_after

        if route.mode in ("json", "deep-json"):
            if route.mode == "json":
                payload = json.dumps(route.body).encode()
            else:
                payload = b'{"topic_list":' + b"[" * route.depth + b"]" * route.depth + b"}"
            head = (
                "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
            ).encode()
            send(head + payload)
            return
        if route.mode == "drip-headers":
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"a" * 10_000:
                if not running():
                    break
                send(bytes([byte]))
                time.sleep(route.drip_interval)
            return
        if route.mode == "drip-body":
            payload = json.dumps({"topic_list": {"topics": []}, "pad": "x" * 10_000}).encode()
            head = (
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
            ).encode()
            send(head)
            for byte in payload:
                if not running():
                    break
                send(bytes([byte]))
                time.sleep(route.drip_interval)
            return
        if route.mode in ("endless", "huge-announced"):
            chunk = b'{"pad":"' + b"x" * 65_000 + b'",'
            if route.mode == "endless":
                head = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                )
                frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            else:
                head = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 100000000000\r\n\r\n"
                )
                frame = chunk
            send(head)
            conn.settimeout(2)
            while running():
                send(frame)
                time.sleep(route.frame_interval)
            return
        raise ValueError(route.mode)


class _Count:
    n = 0


@contextlib.contextmanager
def hostile_server(routes: dict[str, Route]) -> Iterator[HostileServer]:
    server = HostileServer()
    server.routes.update(routes)
    server.start()
    try:
        yield server
    finally:
        server.stop()
