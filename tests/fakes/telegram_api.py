"""A fake Telegram Bot API server for tests and benchmarks.

Serves what python-telegram-bot (unmodified) calls: ``getMe``, ``getUpdates`` (long polling),
``sendMessage``, ``sendChatAction``, ``setMyCommands``, ``getChatMember``,
``getChatAdministrators``, ``getFile`` (+ file download), webhook methods, and a few more.
PTB posts form fields whose values are JSON-encoded (plain strings are sent as is) to
``{root}/bot{token}/{method}``; answers are ``{"ok": true, "result": ...}``.

Rate limits are optional and configurable: overall messages per second, per chat messages per
second, and per group messages per minute. Past a limit the server answers 429 with
``parameters.retry_after`` like Telegram does, and records nothing.

Every accepted ``sendMessage`` is recorded (thread-safely) as a `SentMessage`. The server runs
in-process on the caller's loop (``async with FakeTelegramAPI() as api``), on its own thread
(``api.start_in_thread()``, for benchmarks that must not share the bot's loop), or as a separate
process (``python -m tests.fakes.telegram_api --port 0`` prints its root URL on stdout; the
``/_fake/...`` control endpoints then push updates and read what was sent).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from aiohttp import web

DEFAULT_TOKEN = "123456:TEST-TOKEN"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "briefbot", "username": "briefbot"}
ADMIN_FIELDS = {
    "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
    "can_delete_messages": True, "can_manage_video_chats": True, "can_restrict_members": True,
    "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
    "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False,
}
OK_METHODS = {
    "deleteWebhook", "setWebhook", "setMyCommands", "deleteMyCommands", "sendChatAction",
    "logOut", "close", "deleteMessage", "answerCallbackQuery", "setChatMenuButton",
}


@dataclass(frozen=True)
class SentMessage:
    """One accepted sendMessage call."""

    chat_id: str
    text: str
    message_id: int
    message_thread_id: int | None = None
    reply_to: int | None = None  # the message replied to (reply_parameters / reply_to_message_id)
    parse_mode: str | None = None
    disable_preview: bool = False
    at: float = 0.0  # the server clock when accepted
    params: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass
class RateLimits:
    """None disables a limit. Telegram's real figures: ~30/s overall, 1/s per chat, 20/min per group."""

    global_per_second: float | None = None
    per_chat_per_second: float | None = None
    per_group_per_minute: int | None = None


class _Window:
    """A sliding-window counter: at most `limit` events per `seconds`."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = max(1, limit)
        self.seconds = seconds
        self.times: deque[float] = deque()

    @classmethod
    def per_second(cls, rate: float) -> _Window:
        # 30/s -> 30 per second; 0.5/s -> 1 per 2 seconds.
        seconds = max(1.0, 1.0 / rate)
        return cls(round(rate * seconds), seconds)

    def wait_needed(self, now: float) -> float:
        while self.times and now - self.times[0] >= self.seconds:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.times[0] + self.seconds - now

    def add(self, now: float) -> None:
        self.times.append(now)


def _decode_value(value: str) -> Any:
    """PTB JSON-encodes every non-string value; plain strings arrive as they are."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def _chat_type(chat_id: int) -> str:
    if chat_id > 0:
        return "private"
    return "supergroup" if str(chat_id).startswith("-100") else "group"


class FakeTelegramAPI:
    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        limits: RateLimits | None = None,
        clock: Callable[[], float] = time.monotonic,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self.limits = limits or RateLimits()
        self.clock = clock
        self.host, self.port = host, port
        self._lock = threading.Lock()
        self._sent: list[SentMessage] = []
        self._calls: list[tuple[str, dict[str, Any]]] = []
        self._rejected: list[dict[str, Any]] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._global = self._make_global_window()
        self._per_chat: dict[str, _Window] = {}
        self._per_group: dict[str, _Window] = {}
        # Chat member status per (chat_id, user_id); anything unknown is a plain "member".
        self.member_status: dict[tuple[str, str], str] = {}
        self.blocked_chats: set[str] = set()  # sendMessage there -> 403 Forbidden
        self.missing_chats: set[str] = set()  # sendMessage there -> 400 chat not found
        self.fail_sends = 0  # the next N sendMessage calls answer 502 (a server hiccup)
        self.files: dict[str, bytes] = {}  # file_id -> content (getFile + download)
        self.chats: dict[str, dict[str, Any]] = {}  # chat_id -> Chat object, from pushed updates
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._thread: threading.Thread | None = None
        self.url = ""  # the Bot API root, e.g. http://127.0.0.1:34567

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> FakeTelegramAPI:
        self._closing = False
        self._loop = asyncio.get_running_loop()
        self._new_update = asyncio.Event()
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.*}", self._handle_file)
        app.router.add_get("/_fake/sent", self._control_sent)
        app.router.add_get("/_fake/calls", self._control_calls)
        app.router.add_get("/_fake/rejected", self._control_rejected)
        app.router.add_post("/_fake/updates", self._control_push)
        app.router.add_post("/_fake/reset", self._control_reset)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = site._server.sockets  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1]
        self.url = f"http://{self.host}:{self.port}"
        return self

    async def stop(self) -> None:
        self._closing = True  # long polls in flight return now, so shutdown does not wait them out
        if self._new_update is not None:
            self._new_update.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegramAPI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def start_in_thread(self) -> FakeTelegramAPI:
        """Serve from a daemon thread with its own event loop; returns once listening."""
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            loop.run_until_complete(self.start())
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self.stop())
            loop.close()

        self._thread = threading.Thread(target=serve, name="fake-telegram-api", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop_thread(self) -> None:
        if self._thread is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._thread = None

    @property
    def base_url(self) -> str:
        """What to pass as PTB's ``base_url`` (``{root}/bot``)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # -- what tests read -----------------------------------------------------------------------

    @property
    def sent(self) -> list[SentMessage]:
        with self._lock:
            return list(self._sent)

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        with self._lock:
            return list(self._calls)

    @property
    def rejected(self) -> list[dict[str, Any]]:
        """sendMessage calls answered with 429 (params plus ``retry_after``)."""
        with self._lock:
            return list(self._rejected)

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    def sent_to(self, chat_id: int | str) -> list[SentMessage]:
        return [m for m in self.sent if m.chat_id == str(chat_id)]

    async def wait_for(
        self, predicate: Callable[[FakeTelegramAPI], bool], timeout: float = 10.0
    ) -> None:
        """Wait (without sleeping blindly) until `predicate(self)` holds; TimeoutError otherwise."""
        async def poll() -> None:
            while not predicate(self):
                await asyncio.sleep(0.01)

        await asyncio.wait_for(poll(), timeout)

    async def wait_for_sent(self, count: int, chat_id: int | str | None = None,
                            timeout: float = 10.0) -> list[SentMessage]:
        def enough(api: FakeTelegramAPI) -> bool:
            found = api.sent if chat_id is None else api.sent_to(chat_id)
            return len(found) >= count

        await self.wait_for(enough, timeout)
        return self.sent if chat_id is None else self.sent_to(chat_id)

    def reset(self) -> None:
        with self._lock:
            self._sent.clear()
            self._calls.clear()
            self._rejected.clear()
            self._per_chat.clear()
            self._per_group.clear()
            self._global = self._make_global_window()

    # -- what tests push -------------------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (``update_id`` is assigned when missing); thread-safe."""
        with self._lock:
            update = dict(update)
            update.setdefault("update_id", next(self._update_ids))
            self._updates.append(update)
        self._notify()
        return int(update["update_id"])

    def make_message(
        self,
        chat_id: int,
        text: str | None = None,
        *,
        user_id: int = 1001,
        first_name: str = "Ada",
        chat_type: str | None = None,
        thread_id: int | None = None,
        reply_to: int | None = None,
        reply_to_text: str = "",
        document: dict[str, Any] | None = None,
        is_bot: bool = False,
    ) -> dict[str, Any]:
        """A Message object as Telegram sends it (commands get their bot_command entity)."""
        kind = chat_type or _chat_type(chat_id)
        chat: dict[str, Any] = {"id": chat_id, "type": kind}
        chat.update({"first_name": first_name} if kind == "private" else {"title": f"chat {chat_id}"})
        if thread_id is not None:
            chat["is_forum"] = True
        self.chats[str(chat_id)] = chat
        message: dict[str, Any] = {
            "message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
        }
        if kind != "channel":
            message["from"] = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
        if text is not None:
            message["text"] = text
            message["entities"] = _entities(text)
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if reply_to is not None:
            message["reply_to_message"] = {
                "message_id": reply_to, "date": int(time.time()), "chat": chat,
                "from": BOT_USER, "text": reply_to_text,
            }
        if document is not None:
            message["document"] = document
        return message

    def push_message(self, chat_id: int, text: str | None = None, **kwargs: Any) -> dict[str, Any]:
        """Queue a message update (``channel_post`` for channels); returns the message."""
        message = self.make_message(chat_id, text, **kwargs)
        key = "channel_post" if message["chat"]["type"] == "channel" else "message"
        self.push_update({key: message})
        return message

    def add_file(self, file_id: str, data: bytes) -> dict[str, Any]:
        """Register a downloadable file; returns a Document object for a message."""
        self.files[file_id] = data
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": f"{file_id}.opml",
                "mime_type": "text/x-opml", "file_size": len(data)}

    def set_member_status(self, chat_id: int | str, user_id: int | str, status: str) -> None:
        self.member_status[(str(chat_id), str(user_id))] = status

    # -- the Bot API -----------------------------------------------------------------------------

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _read_params(request)
        with self._lock:
            self._calls.append((method, params))
        handler = getattr(self, f"_api_{method}", None)
        if handler is not None:
            return await handler(params)
        if method in OK_METHODS:
            return _ok(True)
        return _error(404, "Not Found: method not found")

    async def _api_getMe(self, params: dict[str, Any]) -> web.Response:
        return _ok({**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                    "supports_inline_queries": False})

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> web.Response:
        return _ok({"url": "", "has_custom_certificate": False, "pending_update_count": 0})

    async def _api_getUpdates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        while True:
            pending = self._take_updates(offset, limit)
            remaining = deadline - time.monotonic()
            if pending or remaining <= 0 or self._closing:
                return _ok(pending)
            assert self._new_update is not None
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except TimeoutError:
                pass

    def _take_updates(self, offset: int, limit: int) -> list[dict[str, Any]]:
        with self._lock:
            # Confirmed updates (below offset) are forgotten, as Telegram does.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            return list(self._updates[:limit])

    def _notify(self) -> None:
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)

    async def _api_sendMessage(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            return _error(400, "Bad Request: message text is empty")
        if self.fail_sends > 0:
            self.fail_sends -= 1
            return _error(502, "Bad Gateway")
        if chat_id in self.blocked_chats:
            return _error(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.missing_chats:
            return _error(400, "Bad Request: chat not found")
        if len(text) > 4096:
            return _error(400, "Bad Request: message is too long")
        retry_after, limit = self._admit(chat_id)
        if retry_after:
            with self._lock:
                self._rejected.append({**params, "retry_after": retry_after, "limit": limit,
                                       "at": self.clock()})
            return _error(429, f"Too Many Requests: retry after {retry_after}",
                          parameters={"retry_after": retry_after})
        return _ok(self._record_sent(chat_id, text, params))

    async def _api_sendDocument(self, params: dict[str, Any]) -> web.Response:
        """A file upload: recorded like a message whose text is the caption (the file in params)."""
        chat_id = str(params.get("chat_id"))
        if not isinstance(params.get("document"), bytes | str):
            return _error(400, "Bad Request: there is no document in the request")
        return _ok(self._record_sent(chat_id, str(params.get("caption") or ""), params))

    def _admit(self, chat_id: str) -> tuple[int, str]:
        """(0, "") when the message may pass now (and counts it), else whole seconds to wait
        and which limit refused it ("global", "chat" or "group")."""
        now = self.clock()
        with self._lock:
            windows = {name: w for name, w in (("global", self._global),
                                                ("chat", self._chat_window(chat_id)),
                                                ("group", self._group_window(chat_id)))
                       if w is not None}
            waits = {name: w.wait_needed(now) for name, w in windows.items()}
            refused = max(waits, key=lambda name: waits[name], default="")
            if refused and waits[refused] > 0:
                return max(1, math.ceil(waits[refused])), refused
            for window in windows.values():
                window.add(now)
            return 0, ""

    def _make_global_window(self) -> _Window | None:
        rate = self.limits.global_per_second
        return _Window.per_second(rate) if rate else None

    def _chat_window(self, chat_id: str) -> _Window | None:
        rate = self.limits.per_chat_per_second
        if not rate:
            return None
        return self._per_chat.setdefault(chat_id, _Window.per_second(rate))

    def _group_window(self, chat_id: str) -> _Window | None:
        per_minute = self.limits.per_group_per_minute
        if not per_minute or not chat_id.startswith("-"):
            return None
        return self._per_group.setdefault(chat_id, _Window(per_minute, 60.0))

    def _record_sent(self, chat_id: str, text: str, params: dict[str, Any]) -> dict[str, Any]:
        reply = params.get("reply_parameters") or {}
        reply_to = reply.get("message_id") if isinstance(reply, dict) else None
        reply_to = reply_to or params.get("reply_to_message_id")
        thread = params.get("message_thread_id")
        preview = params.get("link_preview_options") or {}
        disabled = bool(params.get("disable_web_page_preview")) or bool(
            isinstance(preview, dict) and preview.get("is_disabled"))
        message_id = next(self._message_ids)
        record = SentMessage(
            chat_id=chat_id, text=text, message_id=message_id,
            message_thread_id=int(thread) if thread is not None else None,
            reply_to=int(reply_to) if reply_to is not None else None,
            parse_mode=params.get("parse_mode"), disable_preview=disabled,
            at=self.clock(), params=params,
        )
        with self._lock:
            self._sent.append(record)
        return self._message_object(chat_id, message_id, text, record.message_thread_id)

    def _message_object(self, chat_id: str, message_id: int, text: str,
                        thread_id: int | None) -> dict[str, Any]:
        chat = self.chats.get(chat_id) or {"id": int(chat_id), "type": _chat_type(int(chat_id))}
        message: dict[str, Any] = {"message_id": message_id, "date": int(time.time()),
                                   "chat": chat, "from": BOT_USER, "text": text}
        if thread_id is not None:
            message["message_thread_id"] = thread_id
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        return _ok(self._message_object(chat_id, int(params.get("message_id") or 0),
                                        str(params.get("text", "")), None))

    async def _api_getChat(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        chat = self.chats.get(chat_id) or {"id": int(chat_id), "type": _chat_type(int(chat_id))}
        return _ok({**chat, "accent_color_id": 0, "max_reaction_count": 11,
                    "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False,
                                            "unique_gifts": False, "premium_subscription": False}})

    async def _api_getChatMember(self, params: dict[str, Any]) -> web.Response:
        chat_id, user_id = str(params.get("chat_id")), str(params.get("user_id"))
        status = self.member_status.get((chat_id, user_id), "member")
        return _ok(_member(int(user_id), status))

    async def _api_getChatAdministrators(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        admins = [_member(int(user), status) for (chat, user), status in self.member_status.items()
                  if chat == chat_id and status in ("creator", "administrator")]
        return _ok(admins)

    async def _api_getFile(self, params: dict[str, Any]) -> web.Response:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:
            return _error(400, "Bad Request: invalid file_id")
        return _ok({"file_id": file_id, "file_unique_id": f"u{file_id}",
                    "file_size": len(self.files[file_id]), "file_path": f"documents/{file_id}"})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    # -- control endpoints (for a separate process) ------------------------------------------

    async def _control_sent(self, request: web.Request) -> web.Response:
        return web.json_response([_public(m) for m in self.sent])

    async def _control_calls(self, request: web.Request) -> web.Response:
        return web.json_response([{"method": m, "params": p} for m, p in self.calls])

    async def _control_rejected(self, request: web.Request) -> web.Response:
        keep = ("chat_id", "retry_after", "limit", "at")
        return web.json_response([{k: r.get(k) for k in keep} for r in self.rejected])

    async def _control_push(self, request: web.Request) -> web.Response:
        body = await request.json()
        updates = body if isinstance(body, list) else [body]
        ids = [self.push_update(u) for u in updates]
        return web.json_response({"update_ids": ids})

    async def _control_reset(self, request: web.Request) -> web.Response:
        self.reset()
        return web.json_response({"ok": True})


async def _read_params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        body = await request.json() if request.can_read_body else {}
        return dict(body or {})
    if request.method == "GET":
        raw: dict[str, Any] = dict(request.query)
    else:
        form = await request.post()
        raw = {k: v for k, v in form.items() if isinstance(v, str)}
        raw.update({k: v.file.read() for k, v in form.items() if not isinstance(v, str)})
    # Free text stays text even when it looks like JSON (a message that is just "42").
    return {k: v if k in ("text", "caption") or not isinstance(v, str) else _decode_value(v)
            for k, v in raw.items()}


def _entities(text: str) -> list[dict[str, Any]]:
    """bot_command and @mention entities, as Telegram marks them (offsets in UTF-16 units)."""
    entities = []
    if text.startswith("/"):
        entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
    for match in re.finditer(r"(?<![\w/])@[A-Za-z0-9_]{3,}", text):
        offset = len(text[:match.start()].encode("utf-16-le")) // 2
        entities.append({"type": "mention", "offset": offset, "length": len(match.group())})
    return entities


def _member(user_id: int, status: str) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": f"user{user_id}"}
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status == "administrator":
        return {"status": "administrator", "user": user, **ADMIN_FIELDS}
    if status in ("left", "member"):
        return {"status": status, "user": user}
    return {"status": "kicked", "user": user, "until_date": 0}


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


def _public(message: SentMessage) -> dict[str, Any]:
    data = asdict(message)
    data.pop("params", None)
    return data


def main(argv: list[str] | None = None) -> None:
    """Run as a separate process: prints the root URL, serves until killed."""
    parser = argparse.ArgumentParser(description="A fake Telegram Bot API server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--global-rate", type=float, default=None, help="messages/s overall")
    parser.add_argument("--per-chat-rate", type=float, default=None, help="messages/s per chat")
    parser.add_argument("--per-group-minute", type=int, default=None, help="messages/min per group")
    args = parser.parse_args(argv)
    limits = RateLimits(args.global_rate, args.per_chat_rate, args.per_group_minute)

    async def serve() -> None:
        api = await FakeTelegramAPI(args.token, limits, host=args.host, port=args.port).start()
        print(api.url, flush=True)
        while True:  # serve until killed
            # What it keeps (every message, for /_fake/sent) grows for minutes: moved out of
            # the collector's reach each second, so no full collection pauses the server.
            # Its rate limits count a message when the handler runs; a pause would bunch the
            # stamps of the messages that wait meanwhile, as Telegram's servers do not.
            gc.freeze()
            await asyncio.sleep(1.0)

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
