"""A fake Slack Web API server, and helpers to sign requests the way Slack does.

Serves what slack-bolt and slack-sdk (unmodified) call: ``auth.test`` (with ``user_id`` and
``bot_id``, which bolt needs to ignore the bot's own events), ``chat.postMessage``,
``users.info``, ``conversations.info``, plus ``response_url`` endpoints for slash commands.
Every accepted post is recorded thread-safely. Optional per-channel rate limit answers 429 with
a ``Retry-After`` header, as Slack does. Point slack-sdk at ``api.base_url`` (``{root}/api/``).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0001"


@dataclass(frozen=True)
class Post:
    """One accepted chat.postMessage (or response_url post)."""

    channel: str
    text: str
    ts: str
    thread_ts: str | None = None
    blocks: list[dict[str, Any]] = field(default_factory=list)
    via: str = "chat.postMessage"  # or "response_url"
    body: dict[str, Any] = field(default_factory=dict, compare=False)


class FakeSlackAPI:
    def __init__(self, token: str = BOT_TOKEN, per_channel_per_second: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.token = token
        self.per_channel_per_second = per_channel_per_second
        self.clock = clock
        self._lock = threading.Lock()
        self._posts: list[Post] = []
        self._calls: list[tuple[str, dict[str, Any]]] = []
        self._ts = itertools.count(1)
        self._last_post: dict[str, float] = {}
        self.users: dict[str, dict[str, Any]] = {}  # user id -> users.info "user" object
        self.channel_errors: dict[str, str] = {}  # channel -> error (channel_not_found, ...)
        self._runner: web.AppRunner | None = None
        self.url = ""
        # Socket Mode: apps.connections.open hands out ws://.../socket; envelopes go down it.
        self.app_token = APP_TOKEN
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_acks: list[dict[str, Any]] = []

    async def start(self) -> FakeSlackAPI:
        app = web.Application()
        app.router.add_post("/api/{method}", self._handle_method)
        app.router.add_get("/api/{method}", self._handle_method)
        app.router.add_post("/response/{key}", self._handle_response_url)
        app.router.add_get("/socket", self._handle_socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeSlackAPI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """SLACK_API_BASE_URL for slack-sdk (it must end with a slash)."""
        return f"{self.url}/api/"

    def response_url(self, key: str = "cmd1") -> str:
        return f"{self.url}/response/{key}"

    # -- what tests read ---------------------------------------------------------------------

    @property
    def posts(self) -> list[Post]:
        with self._lock:
            return list(self._posts)

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        return [body for name, body in self.calls if name == method]

    async def wait_for(self, predicate: Callable[[FakeSlackAPI], bool],
                       timeout: float = 10.0) -> None:
        """Wait until `predicate(self)` holds (polling, not sleeping blindly); TimeoutError else."""
        async def poll() -> None:
            while not predicate(self):
                await asyncio.sleep(0.01)

        await asyncio.wait_for(poll(), timeout)

    async def wait_for_posts(self, count: int, timeout: float = 10.0) -> list[Post]:
        await self.wait_for(lambda api: len(api.posts) >= count, timeout)
        return self.posts

    def set_user(self, user_id: str, *, is_admin: bool = False, is_owner: bool = False) -> None:
        self.users[user_id] = {"id": user_id, "team_id": TEAM_ID, "name": user_id.lower(),
                               "is_admin": is_admin, "is_owner": is_owner, "is_bot": False}

    # -- the Web API -------------------------------------------------------------------------

    async def _handle_method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await _read_body(request)
        with self._lock:
            self._calls.append((method, body))
        if method == "apps.connections.open":
            if request.headers.get("Authorization") != f"Bearer {self.app_token}":
                return web.json_response({"ok": False, "error": "invalid_auth"})
            return web.json_response({"ok": True, "url": f"{self.url.replace('http', 'ws', 1)}/socket"})
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if method == "auth.test":
            return web.json_response({
                "ok": True, "url": "https://fake.slack.test/", "team": "Fake", "user": "briefbot",
                "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID,
                "is_enterprise_install": False})
        if method == "chat.postMessage":
            return self._post_message(body)
        if method == "users.info":
            user = self.users.get(str(body.get("user")))
            if user is None:
                return web.json_response({"ok": False, "error": "user_not_found"})
            return web.json_response({"ok": True, "user": user})
        if method == "conversations.info":
            channel = str(body.get("channel"))
            return web.json_response({"ok": True, "channel": {"id": channel, "is_im": channel.startswith("D")}})
        return web.json_response({"ok": False, "error": "unknown_method"}, status=404)

    def _post_message(self, body: dict[str, Any]) -> web.Response:
        channel = str(body.get("channel", ""))
        if channel in self.channel_errors:
            return web.json_response({"ok": False, "error": self.channel_errors[channel]})
        if not body.get("text") and not body.get("blocks"):
            return web.json_response({"ok": False, "error": "no_text"})
        wait = self._rate_wait(channel)
        if wait:
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": str(wait)})
        ts = self._record(channel, body, "chat.postMessage")
        message = {"type": "message", "text": body.get("text", ""), "ts": ts, "user": BOT_USER_ID,
                   "bot_id": BOT_ID}
        return web.json_response({"ok": True, "channel": channel, "ts": ts, "message": message})

    def _rate_wait(self, channel: str) -> int:
        if not self.per_channel_per_second:
            return 0
        now, gap = self.clock(), 1.0 / self.per_channel_per_second
        with self._lock:
            last = self._last_post.get(channel)
            if last is not None and now - last < gap:
                return max(1, math.ceil(gap - (now - last)))
            self._last_post[channel] = now
            return 0

    def _record(self, channel: str, body: dict[str, Any], via: str) -> str:
        blocks = body.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        with self._lock:
            ts = f"{1700000000 + next(self._ts)}.000100"
            self._posts.append(Post(channel, str(body.get("text", "")), ts,
                                    body.get("thread_ts"), blocks, via, body))
        return ts

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        self._record(f"response:{request.match_info['key']}", body, "response_url")
        return web.Response(text="ok")


    # -- Socket Mode ---------------------------------------------------------------------------

    async def _handle_socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1,
                                "connection_info": {"app_id": "A0001"}, "debug_info": {}})
        try:
            async for message in socket:
                if message.type == web.WSMsgType.TEXT:
                    with self._lock:
                        self._socket_acks.append(json.loads(message.data))
        finally:
            self._sockets.remove(socket)
        return socket

    @property
    def socket_acks(self) -> list[dict[str, Any]]:
        """What the app sent back over the socket (acknowledgements by envelope_id)."""
        with self._lock:
            return list(self._socket_acks)

    async def socket_send(self, kind: str, payload: dict[str, Any], envelope_id: str,
                          timeout: float = 10.0) -> None:
        """Push one envelope (``events_api``, ``slash_commands``) to the connected app."""
        async def connected() -> None:
            while not self._sockets:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(connected(), timeout)
        await self._sockets[-1].send_json({
            "envelope_id": envelope_id, "type": kind, "payload": payload,
            "accepts_response_payload": kind != "events_api", "retry_attempt": 0,
            "retry_reason": ""})


async def _read_body(request: web.Request) -> dict[str, Any]:
    body: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            body.update(await request.json())
        else:
            body.update(dict(await request.post()))
    return body


# -- signed requests to the bot's /slack/events ----------------------------------------------


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack adds: ``v0=`` HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{timestamp}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def event_body(event: dict[str, Any], event_id: str = "Ev1") -> str:
    """An Events API envelope around `event`, as JSON text."""
    return json.dumps({
        "token": "legacy", "team_id": TEAM_ID, "api_app_id": "A0001", "type": "event_callback",
        "event_id": event_id, "event_time": int(time.time()), "event": event,
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    })


def command_body(text: str, *, channel: str = "C0001", user: str = "U0001",
                 response_url: str = "", channel_name: str = "general") -> str:
    """A slash command's form body (``/brief TEXT``)."""
    return urlencode({
        "token": "legacy", "team_id": TEAM_ID, "team_domain": "fake", "channel_id": channel,
        "channel_name": channel_name, "user_id": user, "user_name": user.lower(),
        "command": "/brief", "text": text, "api_app_id": "A0001", "response_url": response_url,
        "trigger_id": "1.2.3",
    })


def message_event(text: str, *, channel: str = "C0001", user: str = "U0001", ts: str = "1.000200",
                  thread_ts: str | None = None, bot_id: str | None = None,
                  kind: str = "message", channel_type: str = "channel") -> dict[str, Any]:
    event: dict[str, Any] = {"type": kind, "channel": channel, "user": user, "text": text,
                             "ts": ts, "event_ts": ts, "channel_type": channel_type}
    if thread_ts:
        event["thread_ts"] = thread_ts
    if bot_id:
        event["bot_id"] = bot_id
    return event
