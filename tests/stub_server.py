"""A tiny OpenAI-compatible stub server for fault tests: loopback only, bounded, self-stopping.

Each instance answers every request with one behaviour (`mode`):

- ``ok``: a normal chat completion (streamed as SSE when the request asks for a stream)
- ``slow``: waits past the client's timeout before answering (bounded by ``delay``)
- ``429``: rate limited, with a ``retry-after`` header
- ``500`` / ``401`` / ``400``: an internal error / a rejected key / a rejected request (the
  last two echo the key, as some servers do, so tests can check that it is scrubbed)
- ``malformed``: status 200 with a body that is not JSON
- ``cut``: starts a streamed (or plain) reply and drops the connection half-way
- ``trickle``: streams the reply one word every 0.1 s, padded with spaces until ``delay``, as a
  slow server generates; ``srv.disconnected`` is set when the client goes away mid-stream
- ``format500``: refuses json_schema response formats with a 500, as llama.cpp's server does,
  and answers every other request normally
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: Hard bounds so a forgotten server never outlives its test.
MAX_REQUESTS = 40
MAX_LIFETIME = 30.0


def free_port() -> int:
    """A loopback port that nothing listens on (connection refused until someone binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _completion(text: str) -> dict:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
    }


def _chunk(text: str | None, finish: str | None = None, first: bool = False) -> bytes:
    delta = {"content": text} if text is not None else {}
    if first:  # real servers name the role in the first chunk; structured streams need it
        delta = {"role": "assistant", **delta}
    body = {
        "id": "chatcmpl-stub",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "stub",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


class _Handler(BaseHTTPRequestHandler):
    server: StubServer  # type: ignore[assignment]
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.record(self.path, dict(self.headers), body)
        getattr(self, f"_mode_{self.server.mode}")(bool(body.get("stream")))

    def _send(self, status: int, body: bytes, ctype="application/json", headers=None) -> None:
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str, headers=None) -> None:
        err = {"error": {"message": message, "type": "stub_error", "code": status}}
        self._send(status, json.dumps(err).encode(), headers=headers)

    def _mode_ok(self, stream: bool) -> None:
        text = self.server.next_reply()
        if not stream:
            self._send(200, json.dumps(_completion(text)).encode())
            return
        words = [w + " " for w in text.split(" ")]
        chunks = [_chunk(w, first=i == 0) for i, w in enumerate(words)]
        payload = b"".join(chunks) + _chunk(None, "stop") + b"data: [DONE]\n\n"
        self._send(200, payload, ctype="text/event-stream")

    def _mode_slow(self, stream: bool) -> None:
        self.server.stopping.wait(self.server.delay)
        if not self.server.stopping.is_set():
            self._mode_ok(stream)

    def _mode_429(self, stream: bool) -> None:
        self._error(429, "Rate limit reached", headers={"retry-after": self.server.retry_after})

    def _mode_500(self, stream: bool) -> None:
        self._error(500, "The server had an error while processing your request")

    def _mode_401(self, stream: bool) -> None:
        key = self.headers.get("authorization", "").removeprefix("Bearer ")
        # Real servers echo part of the key: the coach must scrub it from anything it shows.
        self._error(401, f"Incorrect API key provided: {key}")

    def _mode_400(self, stream: bool) -> None:
        key = self.headers.get("authorization", "").removeprefix("Bearer ")
        self._error(400, f"Invalid 'response_format' for key {key}")

    def _mode_format500(self, stream: bool) -> None:
        """llama.cpp's server: json_schema response formats are refused with a 500."""
        fmt = (self.server.last_body.get("response_format") or {}).get("type")
        if fmt == "json_schema":
            self._error(500, "Input should be 'text' or 'json_object'")
        else:
            self._mode_ok(stream)

    def _mode_malformed(self, stream: bool) -> None:
        ctype = "text/event-stream" if stream else "application/json"
        body = b"data: {not json at all\n\n" if stream else b"{not json at all"
        self._send(200, body, ctype=ctype)

    def _mode_trickle(self, stream: bool) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        self.end_headers()
        self.close_connection = True
        words = [w + " " for w in self.server.next_reply().split(" ")]
        until = time.monotonic() + self.server.delay
        pieces = (_chunk(w, first=i == 0) for i, w in enumerate(words))
        try:
            for piece in pieces:
                self.wfile.write(piece)
                self.wfile.flush()
                self.server.stopping.wait(0.1)
            while time.monotonic() < until and not self.server.stopping.is_set():
                self.wfile.write(_chunk(" "))  # still generating: whitespace the parser skips
                self.wfile.flush()
                self.server.stopping.wait(0.1)
            self.wfile.write(_chunk(None, "stop") + b"data: [DONE]\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.server.disconnected = True

    def _mode_cut(self, stream: bool) -> None:
        if stream:
            part = _chunk("The first words ", first=True) + _chunk("of a reply ")
            ctype = "text/event-stream"
        else:
            part = json.dumps(_completion("a reply that never ends")).encode()[:40]
            ctype = "application/json"
        self.send_response(200)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(part) + 500))  # promise more than we send
        self.end_headers()
        self.wfile.write(part)
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)


class StubServer(ThreadingHTTPServer):
    """Start with `with StubServer("429") as srv:`; `srv.base_url` points at it."""

    daemon_threads = True

    def __init__(
        self,
        mode: str = "ok",
        replies: str | list[str] = "Hello there.",
        delay: float = 3.0,
        retry_after: str = "7",
    ):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.replies = [replies] if isinstance(replies, str) else list(replies)
        self.retry_after = retry_after
        self.delay = min(delay, 10.0)
        self.requests: list[dict] = []
        self.disconnected = False
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._started = 0.0

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/v1"

    def next_reply(self) -> str:
        """The queued replies in order; the last one repeats."""
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    def record(self, path: str, headers: dict, body: dict) -> None:
        self.requests.append({"path": path, "headers": headers, "body": body})
        self.last_body = body
        if len(self.requests) >= MAX_REQUESTS:
            self.stopping.set()

    def _serve(self) -> None:
        self.timeout = 0.1
        while not self.stopping.is_set() and time.monotonic() - self._started < MAX_LIFETIME:
            self.handle_request()

    def __enter__(self) -> StubServer:
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._thread.join(timeout=5)
        self.server_close()
