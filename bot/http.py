"""The bot's HTTP server (aiohttp, on the bot's one event loop).

``GET /healthz``     200 with a JSON status of each platform (503 when one is configured but down)
``GET /metrics``     Prometheus text exposition of bot/metrics.py's counters
``POST /slack/events``  Slack HTTP mode: bolt verifies the signature and dispatches
``POST <webhook path>`` Telegram webhook mode: the secret token header checked in constant time

Limits against slow and idle clients: a connection that completes no request within
`idle_seconds` (idle keep-alive, or headers that never finish) is closed; a request body must
arrive within `body_seconds` and be at most MAX_BODY_BYTES; at most `max_connections` are
open at once (a new one pushes out the oldest connection that is not handling a request, or
is answered 503 when every one is busy). Errors accepting or reading connections are logged
in one line each, at most once a minute per kind, never with a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.metrics import DEFAULT_METRICS, Metrics

if TYPE_CHECKING:
    from bot.adapters.slack import SlackAdapter
    from bot.adapters.telegram import TelegramAdapter

log = logging.getLogger(__name__)

SLACK_EVENTS_PATH = "/slack/events"
MAX_BODY_BYTES = 1_000_000  # Slack and Telegram payloads are small
IDLE_SECONDS = 15.0
BODY_SECONDS = 10.0
MAX_CONNECTIONS = 256
_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
         b"Connection: close\r\n\r\n")


class HttpServer:
    def __init__(self, host: str, port: int, *, metrics: Metrics | None = None,
                 telegram: TelegramAdapter | None = None, slack: SlackAdapter | None = None,
                 extra_health: Callable[[], dict[str, Any]] | None = None,
                 idle_seconds: float = IDLE_SECONDS, body_seconds: float = BODY_SECONDS,
                 max_connections: int = MAX_CONNECTIONS) -> None:
        """`telegram` and `slack` are the adapters (or None); their routes exist only when
        they need them: the webhook in Telegram webhook mode, events in Slack HTTP mode."""
        self.host, self.port = host, port
        self.metrics = metrics or DEFAULT_METRICS
        self.telegram, self.slack = telegram, slack
        self.extra_health = extra_health
        self.idle_seconds, self.body_seconds = idle_seconds, body_seconds
        self.max_connections = max(1, max_connections)
        self._runner: web.AppRunner | None = None
        self._server: asyncio.base_events.Server | None = None

    def build(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics_page)
        if self.slack is not None and self.slack.mode == "http":
            app.router.add_post(SLACK_EVENTS_PATH, self.slack_events)
        if self.telegram is not None and self.telegram.mode == "webhook":
            app.router.add_post(self.telegram.webhook_path, self.telegram_webhook)
        return app

    async def start(self) -> None:
        # keepalive_timeout closes a connection that has not completed a request in time,
        # from the moment it is accepted: idle keep-alive and never-finished headers alike.
        self._runner = web.AppRunner(self.build(), access_log=None,
                                     keepalive_timeout=self.idle_seconds)
        await self._runner.setup()
        assert self._runner.server is not None
        install_quiet_server_logs()
        factory = CappedConnections(self._runner.server, self.max_connections, self.metrics)
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(factory, self.host, self.port, backlog=128)
        if self.port == 0:  # a random port (tests): learn which one
            self.port = self._server.sockets[0].getsockname()[1]
        log.info("http: listening on http://%s:%d", self.host, self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def connections(self) -> int:
        """Connections open now."""
        server = self._runner.server if self._runner else None
        return len(server.connections) if server is not None else 0

    async def read_body(self, request: web.Request) -> bytes | None:
        """The body within `body_seconds` (None when the client is too slow)."""
        try:
            async with asyncio.timeout(self.body_seconds):
                return await request.read()
        except TimeoutError:
            return None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # -- routes ----------------------------------------------------------------------------

    async def healthz(self, request: web.Request) -> web.Response:
        platforms = {a.platform: a.health() for a in (self.telegram, self.slack) if a is not None}
        healthy = all(p.get("running") for p in platforms.values())
        body: dict[str, Any] = {"status": "ok" if healthy else "degraded", "platforms": platforms}
        if self.extra_health is not None:
            # The worker's claims are read from the database: off the event loop, which keeps
            # sending while a health check waits on a remote PostgreSQL.
            body.update(await asyncio.to_thread(self.extra_health))
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics_page(self, request: web.Request) -> web.Response:
        return web.Response(text=self.metrics.exposition(),
                            content_type="text/plain", charset="utf-8",
                            headers={"X-Content-Type-Options": "nosniff"})

    async def slack_events(self, request: web.Request) -> web.Response:
        assert self.slack is not None
        body = await self.read_body(request)
        if body is None:
            return web.Response(status=408, text="request body too slow")
        return await self.slack.handle_http(request, body)

    async def telegram_webhook(self, request: web.Request) -> web.Response:
        assert self.telegram is not None
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if not self.telegram.check_webhook_secret(secret):
            self.metrics.error("telegram", "webhook_refused")
            log.warning("telegram: webhook call with a wrong secret token from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        body = await self.read_body(request)
        if body is None:
            return web.Response(status=408, text="request body too slow")
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return web.Response(status=400, text="not JSON")
        if not isinstance(data, dict) or "update_id" not in data:
            return web.Response(status=400, text="not an update")
        await self.telegram.process_webhook(data)
        return web.Response(text="ok")


class CappedConnections:
    """The asyncio protocol factory: aiohttp's, with at most `limit` connections open."""

    def __init__(self, server: web.Server, limit: int, metrics: Metrics) -> None:
        self.server, self.limit, self.metrics = server, limit, metrics

    def __call__(self) -> asyncio.BaseProtocol:
        open_now = self.server.connections
        if len(open_now) >= self.limit:
            # The oldest connection not handling a request makes room (an idle or half-open
            # one: the likely attacker); when all are busy, the newcomer is turned away.
            victim = next((c for c in open_now if not getattr(c, "_request_in_progress", True)), None)
            self.metrics.error("http", "connection_limit")
            if victim is None:
                return _Busy()
            victim.force_close()
        return self.server()


class _Busy(asyncio.Protocol):
    """Answers 503 and closes: every connection slot is handling a request."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.write(_BUSY)
        transport.close()


class _OneLinePerMinute(logging.Filter):
    """Accept and connection errors: no traceback, and each kind at most once a minute
    (1,000 half-open clients must not write 1,000 tracebacks)."""

    PERIOD = 60.0

    def __init__(self) -> None:
        super().__init__()
        self._last: dict[str, float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        message = record.getMessage()
        if not (isinstance(exc, (OSError, ConnectionError)) or "accept" in message
                or _is_http_error(exc)):
            return True
        kind = f"{record.name}:{type(exc).__name__ if exc else message[:40]}"
        now = time.monotonic()
        if now - self._last.get(kind, -self.PERIOD) < self.PERIOD:
            return False
        self._last[kind] = now
        detail = f": {type(exc).__name__}: {exc}" if exc else ""
        record.msg, record.args = f"{message.splitlines()[0][:200]}{detail}"[:300], None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def _is_http_error(exc: BaseException | None) -> bool:
    from aiohttp.http_exceptions import HttpProcessingError

    return isinstance(exc, HttpProcessingError)


_QUIET = _OneLinePerMinute()


def install_quiet_server_logs() -> None:
    """On the loggers that report accept errors (asyncio) and bad connections (aiohttp)."""
    for name in ("asyncio", "aiohttp.server"):
        logger = logging.getLogger(name)
        if _QUIET not in logger.filters:
            logger.addFilter(_QUIET)
