"""The bot's HTTP server (aiohttp, on the bot's one event loop).

``GET /healthz``     200 with a JSON status of each platform (503 when one is configured but down)
``GET /metrics``     Prometheus text exposition of bot/metrics.py's counters
``POST /slack/events``  Slack HTTP mode: bolt verifies the signature and dispatches
``POST <webhook path>`` Telegram webhook mode: the secret token header checked in constant time
"""

from __future__ import annotations

import json
import logging
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


class HttpServer:
    def __init__(self, host: str, port: int, *, metrics: Metrics | None = None,
                 telegram: TelegramAdapter | None = None, slack: SlackAdapter | None = None,
                 extra_health: Callable[[], dict[str, Any]] | None = None) -> None:
        """`telegram` and `slack` are the adapters (or None); their routes exist only when
        they need them: the webhook in Telegram webhook mode, events in Slack HTTP mode."""
        self.host, self.port = host, port
        self.metrics = metrics or DEFAULT_METRICS
        self.telegram, self.slack = telegram, slack
        self.extra_health = extra_health
        self._runner: web.AppRunner | None = None

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
        self._runner = web.AppRunner(self.build(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0:  # a random port (tests): learn which one
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.info("http: listening on http://%s:%d", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # -- routes ----------------------------------------------------------------------------

    async def healthz(self, request: web.Request) -> web.Response:
        platforms = {a.platform: a.health() for a in (self.telegram, self.slack) if a is not None}
        healthy = all(p.get("running") for p in platforms.values())
        body: dict[str, Any] = {"status": "ok" if healthy else "degraded", "platforms": platforms}
        if self.extra_health is not None:
            body.update(self.extra_health())
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics_page(self, request: web.Request) -> web.Response:
        return web.Response(text=self.metrics.exposition(),
                            content_type="text/plain", charset="utf-8",
                            headers={"X-Content-Type-Options": "nosniff"})

    async def slack_events(self, request: web.Request) -> web.Response:
        assert self.slack is not None
        return await self.slack.handle_http(request)

    async def telegram_webhook(self, request: web.Request) -> web.Response:
        assert self.telegram is not None
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if not self.telegram.check_webhook_secret(secret):
            self.metrics.error("telegram", "webhook_refused")
            log.warning("telegram: webhook call with a wrong secret token from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        try:
            data = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return web.Response(status=400, text="not JSON")
        if not isinstance(data, dict) or "update_id" not in data:
            return web.Response(status=400, text="not an update")
        await self.telegram.process_webhook(data)
        return web.Response(text="ok")
