"""The neutral chat model: what adapters translate to and from, whatever the platform.

Adapters only translate and carry messages (no command logic). The router receives an
`Incoming`, and answers with a `Document` sent through the `Adapter` it came from.
Delivery (the outbox) works on rendered payloads: `Adapter.render` turns a document into
one or more platform payloads (JSON-able dicts), `Adapter.send_payload` sends one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

ChatType = Literal["private", "group", "channel"]
Payload = dict[str, Any]


@dataclass(frozen=True)
class ChatRef:
    platform: str  # "telegram", "slack", "console"
    chat_id: str
    # Telegram forum topic (message_thread_id) or Slack thread (thread_ts); None for the chat itself
    thread_id: str | None = None

    @property
    def key(self) -> str:
        """``platform:id`` as on the command line (threads are not part of a chat's identity)."""
        return f"{self.platform}:{self.chat_id}"

    @classmethod
    def parse(cls, value: str) -> "ChatRef":
        platform, sep, chat_id = value.partition(":")
        if not sep or not platform or not chat_id:
            raise ValueError(f"not a chat (expected platform:id, e.g. telegram:-1001234): {value!r}")
        return cls(platform, chat_id)


@dataclass(frozen=True)
class MessageRef:
    chat: ChatRef
    message_id: str


@dataclass(frozen=True)
class User:
    id: str
    name: str | None = None
    is_bot: bool = False


@dataclass(frozen=True)
class Attachment:
    """A file sent to the bot (an OPML file for import)."""

    filename: str
    data: bytes
    mime_type: str | None = None


@dataclass(frozen=True)
class Incoming:
    chat: ChatRef
    user: User
    text: str
    chat_type: ChatType = "private"
    message: MessageRef | None = None  # this message
    reply_to: MessageRef | None = None  # the message replied to, or the thread's root message
    attachment: Attachment | None = None
    mentioned: bool = False  # the bot was @-mentioned (Slack app_mention)


# -- the neutral document -------------------------------------------------------------------

SpanStyle = Literal["plain", "bold", "italic", "code", "link"]
BlockKind = Literal["heading", "paragraph", "quote", "bullets", "divider", "context"]


@dataclass(frozen=True)
class Span:
    text: str
    style: SpanStyle = "plain"
    url: str | None = None


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...] = ()
    items: tuple[tuple[Span, ...], ...] = ()  # for bullets
    attribution: str | None = None  # for quotes: who said it


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...] = ()
    # What this message is, so replies to it can be understood (e.g. story ids of a briefing).
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def text(cls, text: str) -> "Document":
        """A document of plain paragraphs (blank lines separate them)."""
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        return cls(tuple(Block("paragraph", (Span(p),)) for p in paragraphs))


# -- delivery errors the outbox understands ---------------------------------------------------


class DeliveryError(Exception):
    """A send failed and may be retried later."""


class RateLimited(DeliveryError):
    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(f"{message}; retry after {retry_after:g}s")
        self.retry_after = retry_after


class ChatUnavailable(DeliveryError):
    """The bot was blocked, removed, or the chat no longer exists: stop sending there."""


class PermanentSendError(DeliveryError):
    """The platform refused this message for good (bad request): do not retry it."""


@runtime_checkable
class Adapter(Protocol):
    platform: str

    def render(self, document: Document) -> list[Payload]:
        """Platform payloads for a document, split to fit the platform's limits."""

    async def send_payload(
        self, chat: ChatRef, payload: Payload, reply_to: MessageRef | None = None
    ) -> MessageRef:
        """Send one rendered payload; raises RateLimited, ChatUnavailable, DeliveryError."""

    async def send(
        self, chat: ChatRef, document: Document, reply_to: MessageRef | None = None
    ) -> list[MessageRef]:
        """Render and send a document now (interactive replies)."""

    async def is_admin(self, chat: ChatRef, user: User) -> bool:
        """Whether `user` may change this chat's subscriptions, schedules and settings."""

    async def typing(self, chat: ChatRef) -> None:
        """Show that the bot is working (Telegram "typing…"); may do nothing."""
