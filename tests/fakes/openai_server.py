"""A fake OpenAI-compatible chat-completions server on 127.0.0.1 (real HTTP, random port).

Scripted replies and faults, for the briefing writer, question answering and e2e tests:

    with FakeOpenAI() as llm:                      # or the `fake_openai` fixture
        llm.script(FakeOpenAI.error(429, retry_after="0"), FakeOpenAI.json_reply({"a": 1}))
        llm.default = FakeOpenAI.json_reply({...})  # used once the script is exhausted
        ... settings with base_url=llm.base_url ...
        assert len(llm.requests) == 2               # the JSON bodies received, in order

A reply may also be a callable taking the request body and returning a reply, so a test can
answer from what was asked. Runs in its own threads, so it serves sync and async callers
alike (and subprocesses); a hanging reply is released when the server stops.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Union


@dataclass
class FakeReply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # never answer (until the server stops)


Scripted = Union[FakeReply, Callable[[dict], FakeReply]]


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.paths: list[str] = []
        self.default: Scripted = FakeReply(500, b'{"error": {"message": "no reply scripted"}}')
        self._script: list[Scripted] = []
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- replies -------------------------------------------------------------------------

    @staticmethod
    def chat_reply(content: str, *, model: str = "fake-model") -> FakeReply:
        """A chat completion whose message content is `content` (a string, sent as is)."""
        body = {
            "id": "chatcmpl-fake", "object": "chat.completion", "model": model,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        return FakeReply(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    @classmethod
    def json_reply(cls, data: Any) -> FakeReply:
        """A chat completion whose content is `data` serialised as JSON (structured output)."""
        return cls.chat_reply(json.dumps(data))

    @staticmethod
    def error(status: int, *, retry_after: str | None = None, message: str = "fake error") -> FakeReply:
        headers = {"Content-Type": "application/json"}
        if retry_after is not None:
            headers["Retry-After"] = retry_after
        body = json.dumps({"error": {"message": message, "type": "fake"}}).encode()
        return FakeReply(status, body, headers)

    @staticmethod
    def hang() -> FakeReply:
        return FakeReply(hang=True)

    @staticmethod
    def raw(body: bytes, status: int = 200, content_type: str = "application/json") -> FakeReply:
        return FakeReply(status, body, {"Content-Type": content_type})

    def script(self, *replies: Scripted) -> None:
        """Queue replies: each request takes the next one; then `default` answers."""
        with self._lock:
            self._script.extend(replies)

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def calls(self) -> int:
        return len(self.requests)

    def start(self) -> "FakeOpenAI":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                fake._handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- serving -------------------------------------------------------------------------

    def _next(self, body: dict) -> FakeReply:
        with self._lock:
            self.requests.append(body)
            scripted = self._script.pop(0) if self._script else self.default
        return scripted(body) if callable(scripted) else scripted

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_invalid": raw.decode("utf-8", "replace")}
        self.paths.append(handler.path)
        if not handler.path.rstrip("/").endswith("/chat/completions"):
            reply = self.error(404, message="unknown path")
        else:
            reply = self._next(body)
        if reply.hang:
            self._released.wait()
            return
        try:
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            handler.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)
