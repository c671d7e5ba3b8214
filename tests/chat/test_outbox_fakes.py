"""An in-memory adapter for delivery tests: records sends and raises scripted errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.messages import ChatRef, Document, MessageRef, Payload, User


@dataclass
class FakeAdapter:
    platform: str = "telegram"
    sent: list[tuple[str, Payload]] = field(default_factory=list)
    # chat_id -> errors to raise, one per attempt, before sends succeed
    faults: dict[str, list[Exception]] = field(default_factory=dict)
    on_send: Callable[[ChatRef, Payload], None] | None = None
    attempts: int = 0

    def render(self, document: Document) -> list[Payload]:
        texts = [s.text for b in document.blocks for s in b.spans]
        return [{"text": t} for t in texts] or [{"text": "(empty)"}]

    async def send_payload(
        self, chat: ChatRef, payload: Payload, reply_to: MessageRef | None = None
    ) -> MessageRef:
        self.attempts += 1
        pending = self.faults.get(chat.chat_id)
        if pending:
            raise pending.pop(0)
        if self.on_send is not None:
            self.on_send(chat, payload)
        self.sent.append((chat.chat_id, payload))
        return MessageRef(chat, str(len(self.sent)))

    async def send(self, chat: ChatRef, document: Document,
                   reply_to: MessageRef | None = None) -> list[MessageRef]:
        return [await self.send_payload(chat, p) for p in self.render(document)]

    async def is_admin(self, chat: ChatRef, user: User) -> bool:
        return True

    async def typing(self, chat: ChatRef) -> None:
        return None

    def texts_to(self, chat_id: str) -> list[Any]:
        return [p["text"] for c, p in self.sent if c == chat_id]
