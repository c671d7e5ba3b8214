"""A fake website on 127.0.0.1 (random port) serving feeds and pages for tests.

A real HTTP server in a background thread, so it serves async tests and CLI runs
(`asyncio.run` in the test's thread) alike. Routes are added per test:

    with FakeSite() as site:
        site.add("/feed.xml", RSS, content_type="application/rss+xml", etag='"v1"')
        site.redirect("/old", "/feed.xml")
        site.add("/slow", b"...", trickle=True)       # keeps the connection busy until stop()
        site.add("/huge", size=10_000_000)            # streams zeros without Content-Length
        site.add("/bomb", gzip_bomb(20_000_000))      # gzip-encoded zeros
        url = site.url("/feed.xml")

Nothing here sleeps: slow routes wait on an event that `stop()` sets.
"""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    trickle: bool = False  # send a byte now and then, forever (until the site stops)
    hang: bool = False  # send nothing at all until the site stops
    size: int | None = None  # stream this many zero bytes, without Content-Length
    handler: Callable[["Request"], tuple[int, dict[str, str], bytes]] | None = None


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


@lru_cache(maxsize=4)
def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes, gzip-compressed (about a thousandth of the size on the wire)."""
    return gzip.compress(b"\0" * size, compresslevel=6)


class FakeSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        self._server.daemon_threads = True
        # A short poll interval keeps stop() quick (serve_forever checks for shutdown between polls).
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **options) -> str:  # type: ignore[no-untyped-def]
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        target = to if to.startswith("http") else self.url(to)
        self.routes[path] = Route(status=status, location=target)
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def start(self) -> "FakeSite":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "FakeSite":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler_class(site: FakeSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # the body ends when the connection closes

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path = self.path
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request(path, headers)
            site.requests.append(request)
            route = site.routes.get(path) or site.routes.get(path.split("?", 1)[0])
            if route is None:
                return self._send(404, {"Content-Type": "text/plain"}, b"not found")
            if route.handler is not None:
                status, extra, body = route.handler(request)
                return self._send(status, extra, body)
            if route.location:
                return self._send(route.status, {"Location": route.location}, b"")
            if _not_modified(route, headers):
                return self._send(304, _validators(route), b"")
            self._serve(route)

        def _serve(self, route: Route) -> None:
            head = {"Content-Type": route.content_type, **_validators(route), **route.headers}
            if route.hang:
                self.send_response(route.status)
                self._headers(head)
                site._stopping.wait()
                return
            if route.trickle:
                self.send_response(route.status)
                self._headers(head)
                self._trickle()
                return
            if route.size is not None:
                self.send_response(route.status)
                self._headers(head)
                self._stream_zeros(route.size)
                return
            self._send(route.status, head, route.body)

        def _trickle(self) -> None:
            try:
                while not site._stopping.wait(0.05):
                    self.wfile.write(b" ")
                    self.wfile.flush()
            except OSError:
                pass  # the client gave up: that is the point

        def _stream_zeros(self, size: int) -> None:
            chunk = b"\0" * 65536
            try:
                while size > 0 and not site._stopping.is_set():
                    self.wfile.write(chunk[:size])
                    size -= len(chunk)
            except OSError:
                pass

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            self._headers({**headers, "Content-Length": str(len(body))})
            try:
                self.wfile.write(body)
            except OSError:
                pass

        def _headers(self, headers: dict[str, str]) -> None:
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()

    return Handler


def _validators(route: Route) -> dict[str, str]:
    out = {}
    if route.etag:
        out["ETag"] = route.etag
    if route.last_modified:
        out["Last-Modified"] = route.last_modified
    return out


def _not_modified(route: Route, headers: dict[str, str]) -> bool:
    if route.etag and headers.get("if-none-match") == route.etag:
        return True
    return bool(route.last_modified and headers.get("if-modified-since") == route.last_modified)


# -- content builders ---------------------------------------------------------------------


def article_html(title: str, paragraphs: list[str], *, site: str = "Example News",
                 lang: str = "en", author: str | None = None, date: str | None = None) -> str:
    """An article page with the usual chrome (nav, share bar, footer) around the story."""
    meta = ""
    if author:
        meta += f'<meta name="author" content="{author}">'
    if date:
        meta += f'<meta property="article:published_time" content="{date}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='{lang}'><head><title>{title} | {site}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}<p>Advertisement</p></article>"
            f"<footer><p>Share this article</p><p>© 2024 {site}. All rights reserved.</p></footer>"
            f"</body></html>")


def rss(title: str, items: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed; each item has title, link and optional description/pubDate/guid."""
    from xml.sax.saxutils import escape

    entries = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>"
        for item in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>http://example.invalid/</link>{entries}</channel></rss>")
