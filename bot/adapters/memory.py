"""An in-memory adapter for tests and demos: say a line, get the reply.

It speaks the `Adapter` protocol without any network: sent documents are rendered to plain
text and kept in `sent`; admins are whoever the test says they are.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.messages import (
    Attachment,
    ChatRef,
    ChatType,
    Document,
    Incoming,
    MessageRef,
    Payload,
    User,
)
from bot.render.render import render_plain


@dataclass
class SentMessage:
    ref: MessageRef
    text: str
    document: Document | None
    reply_to: MessageRef | None


@dataclass
class MemoryAdapter:
    platform: str = "memory"
    admins: set[str] = field(default_factory=set)  # user ids that are chat admins
    sent: list[SentMessage] = field(default_factory=list)
    typing_chats: list[ChatRef] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def next_id(self) -> str:
        return str(next(self._ids))

    def render(self, document: Document) -> list[Payload]:
        return [{"text": render_plain(document)}]

    async def send_payload(
        self, chat: ChatRef, payload: Payload, reply_to: MessageRef | None = None,
        document: Document | None = None,
    ) -> MessageRef:
        ref = MessageRef(chat, self.next_id())
        self.sent.append(SentMessage(ref, str(payload.get("text", "")), document, reply_to))
        return ref

    async def send(
        self, chat: ChatRef, document: Document, reply_to: MessageRef | None = None
    ) -> list[MessageRef]:
        return [await self.send_payload(chat, p, reply_to, document) for p in self.render(document)]

    async def is_admin(self, chat: ChatRef, user: User) -> bool:
        return user.id in self.admins

    async def typing(self, chat: ChatRef) -> None:
        self.typing_chats.append(chat)

    # -- the test side: make incoming messages ---------------------------------------------

    def incoming(
        self, text: str, *, chat_id: str = "1", chat_type: ChatType = "private",
        user: User | None = None, reply_to: MessageRef | None = None,
        attachment: Attachment | None = None, mentioned: bool = False,
    ) -> Incoming:
        chat = ChatRef(self.platform, chat_id)
        return Incoming(
            chat=chat, user=user or User("u1", "Ada"), text=text, chat_type=chat_type,
            message=MessageRef(chat, self.next_id()), reply_to=reply_to,
            attachment=attachment, mentioned=mentioned,
        )
