"""Telegram through python-telegram-bot (v22, asyncio): translation and delivery only.

The PTB `Application` runs on the bot's one event loop with the manual lifecycle (initialize,
start, updater.start_polling; never run_polling) and without PTB's job queue. Updates are
translated into `Incoming` and passed to the handler (the router); documents are rendered to
Telegram HTML and sent. In webhook mode bot/http.py receives the updates and hands them to
`process_webhook`, which checks the secret token in constant time.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
import warnings
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    InputFile,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram import User as TgUser
from telegram.constants import ChatAction, ChatMemberStatus, ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.warnings import PTBDeprecationWarning

from bot.adapters.telegram_http import AiohttpRequest
from bot.chat.commands_text import say
from bot.chats import LANGUAGES
from bot.messages import (
    Attachment,
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
from bot.render.render import render_telegram
from config.settings import Settings

if TYPE_CHECKING:
    from bot.delivery.claims import Leadership

log = logging.getLogger(__name__)

# PTB 22 warns, whenever it raises RetryAfter, that retry_after will become a timedelta; we
# already read it either way (_retry_after), so the warning would only fill the logs.
warnings.filterwarnings("ignore", category=PTBDeprecationWarning, message=".*retry_after.*")

PLATFORM = "telegram"
DEFAULT_WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ADMIN_CACHE_SECONDS = 60.0  # admin lists change rarely; don't ask Telegram on every command
MAX_ATTACHMENT_BYTES = 2_000_000  # an OPML file is small; refuse to download anything huge
ALLOWED_UPDATES = ["message", "channel_post"]
_GONE = ("chat not found", "bot was kicked", "bot is not a member", "user is deactivated",
         "group chat was upgraded", "have no rights to send", "not enough rights")


class TelegramAdapter:
    platform = PLATFORM

    def __init__(self, settings: Settings, handler: Handler, metrics: Metrics | None = None,
                 poll_timeout: float = 30.0) -> None:
        secrets = settings.secrets
        self.handler = handler
        self.metrics = metrics or DEFAULT_METRICS
        self.poll_timeout = poll_timeout
        self.webhook_url = secrets.telegram_webhook_url
        # We register the webhook ourselves, so without a configured secret we derive one from
        # the bot token (one-way): an unchecked webhook would let anyone forge updates, and every
        # worker of a deployment must register and accept the same secret.
        self._webhook_secret = secrets.telegram_webhook_secret or \
            derived_webhook_secret(secrets.telegram_bot_token)
        self.application: Application = self._build(secrets.telegram_bot_token,
                                                     secrets.telegram_api_base_url.rstrip("/"))
        self._admins: dict[tuple[str, str], tuple[bool, float]] = {}
        self.username: str | None = None
        self.running = False
        self.sleep: Sleep = asyncio.sleep  # how replies wait out rate limits (tests replace it)
        self._handler_added = False
        self.connect_error: str | None = None  # why the last attempt to connect failed
        # Several workers: long polling only while holding this lease (bot.delivery.claims).
        self.leader: Leadership | None = None
        self._leading: asyncio.Task[None] | None = None

    @staticmethod
    def is_transient(exc: Exception) -> bool:
        """The Bot API could not be reached (worth retrying), as opposed to refusing us."""
        from telegram.error import NetworkError

        return isinstance(exc, (NetworkError, OSError, TimeoutError))

    @staticmethod
    def _build(token: str, root: str) -> Application:
        # TELEGRAM_API_BASE_URL is the server root; PTB appends the token to these bases.
        return (ApplicationBuilder().token(token)
                .base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
                .request(AiohttpRequest())  # sends: less CPU per message than PTB's default
                .job_queue(None)  # one scheduler in the process: APScheduler, not PTB's
                .concurrent_updates(True)  # a slow /brief must not hold up other chats
                .build())

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return "webhook" if self.webhook_url else "polling"

    @property
    def webhook_path(self) -> str:
        if not self.webhook_url:
            return ""
        return urlsplit(self.webhook_url).path or DEFAULT_WEBHOOK_PATH

    async def start(self) -> None:
        """Connect; may be called again after a failure (the app retries an unreachable API)."""
        app = self.application
        if not self._handler_added:
            app.add_handler(TypeHandler(Update, self._on_update))
            self._handler_added = True
        await app.initialize()
        self.username = app.bot.username
        await self._register_menu()
        if not app.running:  # a retry after a failure further down
            await app.start()
        if self.webhook_url:
            await app.bot.set_webhook(self.webhook_url, secret_token=self._webhook_secret,
                                      allowed_updates=ALLOWED_UPDATES)
        elif self.leader is None:
            await self._start_polling()
        elif self._leading is None:  # several workers: only the one holding the lease polls
            self._leading = asyncio.create_task(self._poll_while_leader())
        self.running = True
        log.info("telegram: @%s connected (%s)", self.username, self.mode)

    async def _start_polling(self) -> None:
        updater = self.application.updater
        assert updater is not None
        await updater.start_polling(poll_interval=0, timeout=timedelta(seconds=self.poll_timeout),
                                    allowed_updates=ALLOWED_UPDATES)

    @property
    def polling(self) -> bool:
        updater = self.application.updater
        return updater is not None and updater.running

    async def _poll_while_leader(self) -> None:
        """Long polling by one worker at a time (Telegram answers a second poller with 409):
        poll while holding the leader lease, stop when it is lost, take over when the leader
        dies. A database error counts as not leading, so two workers never poll at once."""
        assert self.leader is not None
        while True:
            try:
                leading = await asyncio.to_thread(self.leader.hold)  # off the event loop
            except Exception:  # noqa: BLE001 - the database is away: let its lease run out
                log.exception("telegram: could not renew the polling lease")
                leading = False
            try:
                if leading and not self.polling:
                    await self._start_polling()
                    log.info("telegram: this worker polls for updates now")
                elif not leading and self.polling:
                    await self.application.updater.stop()  # type: ignore[union-attr]
                    log.info("telegram: another worker polls for updates now")
            except Exception:  # noqa: BLE001 - the API is away; try again at the next renewal
                log.exception("telegram: could not switch polling")
            await asyncio.sleep(self.leader.renew_seconds)

    async def _register_menu(self) -> None:
        """The command menu, in English by default and in each language the bot speaks."""
        bot = self.application.bot
        await bot.set_my_commands([BotCommand(n, d) for n, d in command_menu("en")])
        for language in LANGUAGES:
            if language != "en":
                await bot.set_my_commands([BotCommand(n, d) for n, d in command_menu(language)],
                                          language_code=language)

    async def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        app = self.application
        leading, self._leading = self._leading, None
        if leading is not None:
            leading.cancel()
            await asyncio.gather(leading, return_exceptions=True)
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if leading is not None:
            # Only once this worker's poll has ended: Telegram answers two pollers with 409.
            try:
                await asyncio.to_thread(self.leader.release)  # type: ignore[union-attr]
            except Exception:  # noqa: BLE001 - the lease then simply runs out
                log.warning("telegram: could not hand the polling lease back")
        await app.stop()
        await app.shutdown()

    def health(self) -> dict[str, Any]:
        health = {"running": self.running, "connected": self.running, "mode": self.mode,
                  "username": self.username}
        if not self.running and self.connect_error:
            health["error"] = self.connect_error
        return health

    # -- incoming ----------------------------------------------------------------------------

    def check_webhook_secret(self, received: str | None) -> bool:
        """Constant-time comparison, so the secret cannot be guessed byte by byte."""
        return hmac.compare_digest((received or "").encode(), self._webhook_secret.encode())

    async def process_webhook(self, data: dict[str, Any]) -> None:
        """Queue an update that arrived on the webhook (the secret was checked by the caller)."""
        update = Update.de_json(data, self.application.bot)
        await self.application.update_queue.put(update)

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message or update.channel_post
        if message is None:
            return
        incoming = await self.translate(message)
        if incoming is not None:
            await dispatch(self.handler, incoming, self, self.metrics)

    async def translate(self, message: Message) -> Incoming | None:
        """The neutral form of a Telegram message; None for what the bot should not answer."""
        sender = message.from_user
        if sender is not None and sender.is_bot and not _is_anonymous_admin(message):
            return None
        if message.is_automatic_forward:
            return None  # a channel's post copied into its discussion group: not said to us
        text = self._command_text(message.text or message.caption or "")
        if text is None:
            return None  # a command addressed to another bot in the group
        chat = ChatRef(PLATFORM, str(message.chat_id), _thread_id(message))
        return Incoming(
            chat=chat,
            user=_user(message, sender),
            text=text,
            chat_type=_chat_type(message.chat.type),
            message=MessageRef(chat, str(message.message_id)),
            reply_to=_reply_to(message, chat),
            attachment=await self._attachment(message),
            mentioned=self._mentions_us(message),
        )

    def _mentions_us(self, message: Message) -> bool:
        """"@briefbot what happened?" in a group: addressed to the bot like a private message."""
        if not self.username:
            return False
        mentions = {*message.parse_entities(["mention"]).values(),
                    *message.parse_caption_entities(["mention"]).values()}
        return f"@{self.username}".lower() in {m.lower() for m in mentions}

    def _command_text(self, text: str) -> str | None:
        """``/brief@briefbot x`` -> ``/brief x``; None when addressed to a different bot."""
        if not text.startswith("/"):
            return text
        first, sep, rest = text.partition(" ")
        command, at, target = first.partition("@")
        if at and self.username and target.lower() != self.username.lower():
            return None
        return f"{command}{sep}{rest}"

    async def _attachment(self, message: Message) -> Attachment | None:
        document = message.document
        if document is None:
            return None
        if message.chat.type != "private" and not _looks_like_opml(document.file_name,
                                                                    document.mime_type):
            return None  # files shared in a group are rarely for the bot
        if document.file_size and document.file_size > MAX_ATTACHMENT_BYTES:
            log.info("telegram: ignoring a %d-byte file", document.file_size)
            return None
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
        return Attachment(document.file_name or "upload", data[:MAX_ATTACHMENT_BYTES],
                          document.mime_type)

    # -- permissions and presence -------------------------------------------------------------

    async def is_admin(self, chat: ChatRef, user: User) -> bool:
        if user.id == chat.chat_id:
            return True  # a channel posting as itself, or an anonymous group admin
        if not chat.chat_id.startswith("-"):
            return True  # a private chat belongs to its user
        key = (chat.chat_id, user.id)
        cached = self._admins.get(key)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        try:
            member = await self.application.bot.get_chat_member(int(chat.chat_id), int(user.id))
        except TelegramError as exc:
            log.warning("telegram: cannot check admin status in %s: %s", chat.key, exc)
            return False
        allowed = member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
        self._admins[key] = (allowed, time.monotonic() + ADMIN_CACHE_SECONDS)
        return allowed

    async def typing(self, chat: ChatRef) -> None:
        try:
            await self.application.bot.send_chat_action(
                _chat_id(chat), ChatAction.TYPING, message_thread_id=_int(chat.thread_id))
        except TelegramError as exc:  # cosmetic: never fail an answer for it
            log.debug("telegram: typing in %s failed: %s", chat.key, exc)

    # -- outgoing ---------------------------------------------------------------------------

    def render(self, document: Document) -> list[Payload]:
        # Link previews would show one arbitrary article's card under a whole briefing.
        return [{"text": text, "parse_mode": ParseMode.HTML.value, "disable_preview": True}
                for text in render_telegram(document)]

    async def send(self, chat: ChatRef, document: Document,
                   reply_to: MessageRef | None = None) -> list[MessageRef]:
        count_reply(self.metrics, self.platform, document)
        if document.meta.get("kind") == "opml" and document.meta.get("opml"):
            return [await self._send_file(chat, document, reply_to)]
        return await send_patiently(self.send_payload, chat, self.render(document), reply_to,
                                    self.sleep)

    async def _send_file(self, chat: ChatRef, document: Document,
                         reply_to: MessageRef | None) -> MessageRef:
        """An export (OPML) as a file the user can save and import elsewhere."""
        caption = " ".join(span.text for span in document.blocks[0].spans) if document.blocks else None
        data = str(document.meta["opml"]).encode("utf-8")
        try:
            sent = await self.application.bot.send_document(
                chat_id=_chat_id(chat),
                document=InputFile(data, filename=str(document.meta.get("filename") or "feeds.opml")),
                caption=caption,
                message_thread_id=_int(chat.thread_id),
                reply_parameters=ReplyParameters(int(reply_to.message_id), allow_sending_without_reply=True)
                if reply_to else None,
            )
        except TelegramError as exc:
            raise self._delivery_error(chat, exc) from exc
        self.metrics.sent(PLATFORM)
        return MessageRef(ChatRef(PLATFORM, str(sent.chat_id), chat.thread_id), str(sent.message_id))

    async def send_payload(self, chat: ChatRef, payload: Payload,
                           reply_to: MessageRef | None = None) -> MessageRef:
        try:
            sent = await self.application.bot.send_message(
                chat_id=_chat_id(chat),
                text=payload["text"],
                parse_mode=payload.get("parse_mode"),
                link_preview_options=LinkPreviewOptions(is_disabled=True)
                if payload.get("disable_preview") else None,
                message_thread_id=_int(chat.thread_id),
                reply_parameters=ReplyParameters(int(reply_to.message_id),
                                                 allow_sending_without_reply=True)
                if reply_to else None,
            )
        except TelegramError as exc:
            raise self._delivery_error(chat, exc) from exc
        self.metrics.sent(PLATFORM)
        return MessageRef(ChatRef(PLATFORM, str(sent.chat_id), chat.thread_id), str(sent.message_id))

    def _delivery_error(self, chat: ChatRef, exc: TelegramError) -> DeliveryError:
        """Telegram's errors in the outbox's terms."""
        if isinstance(exc, RetryAfter):
            self.metrics.error(PLATFORM, "rate_limited")
            return RateLimited(_retry_after(exc), str(exc))
        self.metrics.error(PLATFORM, "send")
        message = str(exc).lower()
        if isinstance(exc, (Forbidden, ChatMigrated)) or any(g in message for g in _GONE):
            return ChatUnavailable(f"{chat.key}: {exc}")
        if isinstance(exc, BadRequest):  # (a NetworkError subclass in PTB: test it first)
            return PermanentSendError(f"{chat.key}: {exc}")
        # NetworkError, TimedOut, InvalidToken, server errors: this chat is not the problem.
        return DeliveryError(f"{chat.key}: {exc}")


def derived_webhook_secret(token: str) -> str:
    """A webhook secret only the token's holders can compute (64 characters of [0-9a-f])."""
    return hmac.new(token.encode(), b"briefbot telegram webhook secret", hashlib.sha256).hexdigest()


def command_menu(language: str) -> list[tuple[str, str]]:
    """(command, description) pairs; descriptions in `language` where translated."""
    names = [name for name, _ in COMMANDS] + ["export"]
    english = dict(COMMANDS)
    return [(name, say(language, f"cmd_{name}") if language != "en" or name not in english
             else english[name]) for name in names]


def _looks_like_opml(name: str | None, mime: str | None) -> bool:
    return (name or "").lower().endswith((".opml", ".xml")) or "opml" in (mime or "")


def _chat_type(kind: str) -> ChatType:
    if kind == "private":
        return "private"
    return "channel" if kind == "channel" else "group"


def _thread_id(message: Message) -> str | None:
    # Only forum topics are threads; plain reply chains also carry message_thread_id.
    if message.is_topic_message and message.message_thread_id is not None:
        return str(message.message_thread_id)
    return None


def _reply_to(message: Message, chat: ChatRef) -> MessageRef | None:
    replied = message.reply_to_message
    # In a forum topic every message "replies" to the topic's creation message: not a reply.
    if replied is None or replied.forum_topic_created is not None:
        return None
    return MessageRef(chat, str(replied.message_id))


def _user(message: Message, sender: TgUser | None) -> User:
    if sender is None or _is_anonymous_admin(message):
        origin = message.sender_chat or message.chat  # a channel or an anonymous admin
        return User(str(origin.id), origin.title or origin.username)
    return User(str(sender.id), sender.full_name or sender.username, sender.is_bot)


def _is_anonymous_admin(message: Message) -> bool:
    return message.sender_chat is not None and message.sender_chat.id == message.chat_id


def _chat_id(chat: ChatRef) -> int | str:
    return int(chat.chat_id) if chat.chat_id.lstrip("-").isdigit() else chat.chat_id


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _retry_after(exc: RetryAfter) -> float:
    # PTB 22 keeps a timedelta; its public property warns (int vs timedelta migration).
    value = getattr(exc, "_retry_after", None)
    if value is None:
        value = exc.retry_after
    return float(value.total_seconds()) if hasattr(value, "total_seconds") else float(value)
