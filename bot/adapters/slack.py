"""Slack through slack-bolt (async): translation and delivery only.

HTTP mode: bot/http.py passes ``POST /slack/events`` to `handle_http`; bolt verifies the
signature (stale or unsigned requests get 401) because the signing secret is set. Socket
Mode instead when SLACK_APP_TOKEN is set. The one slash command ``/brief`` is acknowledged at
once and answered afterwards; ``@briefbot question`` mentions and messages in a thread are
answered in that thread. The bot's own messages and other bots' are ignored.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from aiohttp import ClientError, web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.slack_guard import SlackRequestGuard, Verdict, shared_verdict
from bot.messages import (
    ChatRef,
    ChatType,
    ChatUnavailable,
    DeliveryError,
    Document,
    Incoming,
    MessageRef,
    Payload,
    PermanentSendError,
    RateLimited,
    User,
)
from bot.metrics import (
    DEFAULT_METRICS,
    Handler,
    Metrics,
    Sleep,
    count_reply,
    dispatch,
    send_patiently,
)
from bot.render.compose import COMMANDS
from bot.render.render import render_slack
from config.settings import Settings

log = logging.getLogger(__name__)

PLATFORM = "slack"
# Words after "/brief" that name another command: "/brief ask why?" is "/ask why?".
SUBCOMMANDS = {name for name, _ in COMMANDS} | {"start", "export", "import"}
GONE = {"channel_not_found", "not_in_channel", "is_archived", "account_inactive",
        "invalid_auth", "token_revoked", "missing_scope", "user_not_found"}
RESPONSE_URL_SECONDS = 25 * 60  # Slack honours a response_url for 30 minutes
ADMIN_CACHE_SECONDS = 300.0
_USER = re.compile(r"<@([A-Z0-9]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+\|([^>]*)>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\^[^|>]*)?(?:\|[^>]*)?>")


class SlackAdapter:
    platform = PLATFORM

    def __init__(self, settings: Settings, handler: Handler, metrics: Metrics | None = None) -> None:
        secrets = settings.secrets
        if not secrets.slack_app_token and not secrets.slack_signing_secret:
            # Unverified HTTP events would let anyone on the network speak as any user.
            raise ValueError("Slack HTTP mode needs SLACK_SIGNING_SECRET "
                             "(or SLACK_APP_TOKEN for Socket Mode)")
        self.handler = handler
        self.metrics = metrics or DEFAULT_METRICS
        self.admin_rule = settings.bot.slack_admin_rule
        self.app_token = secrets.slack_app_token
        base_url = secrets.slack_api_base_url.rstrip("/") + "/"
        self.client = AsyncWebClient(token=secrets.slack_bot_token, base_url=base_url)
        self.app = AsyncApp(
            client=self.client,
            signing_secret=secrets.slack_signing_secret,
            # Socket Mode requests are not signed; HTTP requests always are.
            request_verification_enabled=bool(secrets.slack_signing_secret),
            name="briefbot",
        )
        self.guard = SlackRequestGuard(secrets.slack_signing_secret) \
            if secrets.slack_signing_secret else None
        self.app.command("/brief")(self._on_command)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("message")(self._on_message)
        self.bot_user_id: str | None = None
        self.bot_id: str | None = None
        self._response_urls: dict[str, tuple[str, float]] = {}
        self._admins: dict[str, tuple[bool, float]] = {}
        self._socket: Any = None
        # Socket Mode: records an event id, False when seen before (bot.delivery.claims).
        self.first_sighting: Callable[[str], bool] | None = None
        # HTTP mode behind a load balancer: the same record, for the guard's replay keys.
        self.shared_replays: Callable[[str], bool] | None = None
        self.running = False
        self.connect_error: str | None = None  # why the last attempt to connect failed (the app retries)
        self.sleep: Sleep = asyncio.sleep  # how replies wait out rate limits (tests replace it)

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return "socket" if self.app_token else "http"

    async def start(self) -> None:
        identity = await self.client.auth_test()
        self.bot_user_id, self.bot_id = identity.get("user_id"), identity.get("bot_id")
        if self.app_token:
            from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

            self._socket = AsyncSocketModeHandler(self.app, self.app_token)
            await self._socket.connect_async()
        self.running = True
        log.info("slack: connected as %s (%s mode)", self.bot_user_id, self.mode)

    async def stop(self) -> None:
        self.running = False
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None

    def health(self) -> dict[str, Any]:
        health = {"running": self.running, "connected": self.running, "mode": self.mode,
                  "bot_user_id": self.bot_user_id}
        if not self.running and self.connect_error:
            health["error"] = self.connect_error
        return health

    async def handle_http(self, request: web.Request, body: bytes | None = None) -> web.Response:
        """``POST /slack/events``: events, slash commands and interactions.

        `body` is the request's body, already read (within the server's time limit). The
        guard answers bad, unsigned and replayed requests itself (400/401/200) before bolt
        or any handler runs; bolt verifies the signature again.
        """
        if body is None:
            body = await request.read()
        if self.guard is not None:
            verdict = self.guard.check(body, request.headers)
            if verdict.keys and self.shared_replays is not None:
                verdict = await self._shared_verdict(verdict, request.headers)
            if verdict.status is not None:
                if verdict.status >= 400:
                    self.metrics.error(PLATFORM, f"http_{verdict.status}")
                return web.Response(status=verdict.status, text=verdict.text)
        response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def _shared_verdict(self, verdict: Verdict, headers: Any) -> Verdict:
        assert self.shared_replays is not None
        try:
            return await asyncio.to_thread(shared_verdict, verdict, self.shared_replays, headers)
        except Exception:  # noqa: BLE001 - the database is away: answering twice beats never
            log.warning("slack: could not check the shared record of answered requests")
            return verdict

    # -- incoming ------------------------------------------------------------------------------

    async def _on_command(self, ack: Any, command: dict[str, Any]) -> None:
        await ack()  # within Slack's 3 seconds; the answer follows as a message
        channel = command["channel_id"]
        if command.get("response_url"):
            self._response_urls[channel] = (command["response_url"],
                                            time.monotonic() + RESPONSE_URL_SECONDS)
        chat = ChatRef(PLATFORM, channel)
        incoming = Incoming(
            chat=chat,
            user=User(command["user_id"], command.get("user_name")),
            text=command_text(plain_text(command.get("text", ""))),
            chat_type=_chat_type(channel, command.get("channel_name")),
        )
        await dispatch(self.handler, incoming, self, self.metrics)

    async def _seen_before(self, body: dict[str, Any] | None) -> bool:
        """Socket Mode redelivers an event that was not acknowledged in time, possibly to
        another worker's connection: the shared record of seen events answers it once."""
        event_id = (body or {}).get("event_id")
        if self.first_sighting is None or not event_id:
            return False
        try:
            return not await asyncio.to_thread(self.first_sighting, f"{PLATFORM}:{event_id}")
        except Exception:  # noqa: BLE001 - the database is away: answering twice beats never
            log.warning("slack: could not record event %s", event_id)
            return False

    async def _on_mention(self, event: dict[str, Any], body: dict[str, Any] | None = None) -> None:
        if self._from_a_bot(event) or await self._seen_before(body):
            return
        text = plain_text(event.get("text", ""), self.bot_user_id)
        if not text:
            text = "/help"
        elif not text.startswith("/"):
            text = f"/ask {text}"
        await self._dispatch_event(event, text, mentioned=True)

    async def _on_message(self, event: dict[str, Any], body: dict[str, Any] | None = None) -> None:
        if event.get("subtype") or self._from_a_bot(event):
            return  # edits, joins, bot posts: nothing to answer
        direct = event.get("channel_type") == "im"
        thread_ts, ts = event.get("thread_ts"), event.get("ts")
        in_thread = bool(thread_ts) and thread_ts != ts
        mentions_us = self.bot_user_id and f"<@{self.bot_user_id}>" in event.get("text", "")
        if not direct and (not in_thread or mentions_us):
            return  # channel chatter, or a mention (app_mention handles that one)
        if await self._seen_before(body):
            return
        await self._dispatch_event(event, plain_text(event.get("text", ""), self.bot_user_id),
                                   mentioned=False)

    async def _dispatch_event(self, event: dict[str, Any], text: str, mentioned: bool) -> None:
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts")
        # A mention is answered in a thread under it; a thread message in that thread.
        reply_thread = thread_ts or (ts if mentioned else None)
        chat = ChatRef(PLATFORM, channel, reply_thread)
        incoming = Incoming(
            chat=chat,
            user=User(event.get("user", ""), None),
            text=text,
            chat_type=_chat_type(channel, event.get("channel_type")),
            message=MessageRef(chat, ts),
            reply_to=MessageRef(ChatRef(PLATFORM, channel), thread_ts)
            if thread_ts and thread_ts != ts else None,
            mentioned=mentioned,
        )
        await dispatch(self.handler, incoming, self, self.metrics)

    def _from_a_bot(self, event: dict[str, Any]) -> bool:
        return bool(event.get("bot_id")) or (
            self.bot_user_id is not None and event.get("user") == self.bot_user_id)

    # -- permissions and presence -------------------------------------------------------------

    async def is_admin(self, chat: ChatRef, user: User) -> bool:
        """Per bot.slack_admin_rule: "anyone", or workspace admins and owners."""
        if self.admin_rule == "anyone" or chat.chat_id.startswith("D"):
            return True
        cached = self._admins.get(user.id)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        try:
            info = await self.client.users_info(user=user.id)
        except (TimeoutError, SlackApiError, ClientError) as exc:
            log.warning("slack: cannot check admin status of %s: %s", user.id, exc)
            return False
        profile = info.get("user") or {}
        allowed = bool(profile.get("is_admin") or profile.get("is_owner"))
        self._admins[user.id] = (allowed, time.monotonic() + ADMIN_CACHE_SECONDS)
        return allowed

    async def typing(self, chat: ChatRef) -> None:
        """Slack bots have no typing indicator over the Web API."""

    # -- outgoing ---------------------------------------------------------------------------

    def render(self, document: Document) -> list[Payload]:
        return render_slack(document)

    async def send(self, chat: ChatRef, document: Document,
                   reply_to: MessageRef | None = None) -> list[MessageRef]:
        count_reply(self.metrics, self.platform, document)
        return await send_patiently(self._send_or_respond, chat, self.render(document), reply_to,
                                    self.sleep)

    async def _send_or_respond(self, chat: ChatRef, payload: Payload,
                               reply_to: MessageRef | None = None) -> MessageRef:
        try:
            return await self.send_payload(chat, payload, reply_to)
        except ChatUnavailable:
            # A slash command in a channel the bot has not joined: answer via response_url.
            ref = await self._respond(chat, payload)
            if ref is None:
                raise
            return ref

    async def send_payload(self, chat: ChatRef, payload: Payload,
                           reply_to: MessageRef | None = None) -> MessageRef:
        # Slack threads come from the chat (a mention's or thread message's thread); reply_to
        # alone does not open a thread, or every DM answer would hide in one.
        thread_ts = chat.thread_id
        try:
            response = await self.client.chat_postMessage(
                channel=chat.chat_id, text=payload.get("text", ""), blocks=payload.get("blocks"),
                thread_ts=thread_ts, unfurl_links=False, unfurl_media=False)
        except SlackApiError as exc:
            raise self._delivery_error(chat, exc) from exc
        except (TimeoutError, ClientError) as exc:
            self.metrics.error(PLATFORM, "send")
            raise DeliveryError(f"{chat.key}: {exc}") from exc
        self.metrics.sent(PLATFORM)
        return MessageRef(ChatRef(PLATFORM, chat.chat_id, thread_ts), str(response["ts"]))

    async def _respond(self, chat: ChatRef, payload: Payload) -> MessageRef | None:
        url, expires = self._response_urls.get(chat.chat_id, ("", 0.0))
        if not url or expires < time.monotonic():
            return None
        response = await AsyncWebhookClient(url).send(
            text=payload.get("text", ""), blocks=payload.get("blocks"),
            response_type="in_channel", unfurl_links=False, unfurl_media=False)
        if response.status_code != 200:
            return None
        self.metrics.sent(PLATFORM)
        # response_url messages have no ts we can learn; the reference is nominal.
        return MessageRef(chat, f"response:{time.time():.6f}")

    def _delivery_error(self, chat: ChatRef, exc: SlackApiError) -> DeliveryError:
        """Slack's errors in the outbox's terms."""
        response = exc.response
        error = str(response.get("error", "")) if response is not None else ""
        if response is not None and (response.status_code == 429 or error == "ratelimited"):
            self.metrics.error(PLATFORM, "rate_limited")
            retry_after = float(response.headers.get("Retry-After", response.headers.get(
                "retry-after", 1)))
            return RateLimited(retry_after, f"{chat.key}: rate limited")
        self.metrics.error(PLATFORM, "send")
        if error in GONE:
            return ChatUnavailable(f"{chat.key}: {error}")
        return PermanentSendError(f"{chat.key}: {error or exc}")


def plain_text(text: str, bot_user_id: str | None = None) -> str:
    """Slack's message markup as the plain text a user typed: our own mention dropped, other
    mentions, channels and links spelled out, and &amp; &lt; &gt; unescaped."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", "", text)
    text = _USER.sub(lambda m: "@" + (m.group(2) or m.group(1)), text)
    text = _LINK.sub(r"\1", text)
    text = _CHANNEL.sub(r"#\1", text)
    text = _SPECIAL.sub(r"@\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def command_text(text: str) -> str:
    """``/brief`` text as a neutral command: "" -> /brief, "ask x" -> /ask x, "tech" -> /brief tech."""
    text = text.strip()
    if not text:
        return "/brief"
    first, _, rest = text.partition(" ")
    if first.lower() in SUBCOMMANDS:
        return f"/{first.lower()} {rest.strip()}".rstrip()
    return f"/brief {text}"


def _chat_type(channel: str, kind: str | None) -> ChatType:
    if channel.startswith("D") or kind in ("im", "directmessage"):
        return "private"
    return "group"
