"""Every chat-side migration: chats and subscriptions (``chat``), schedules and the outbox
(``delivery``). Each component keeps its own tables and version sequence."""

from __future__ import annotations

from bot import chat_schema
from bot.delivery import schema as delivery_schema
from briefs.store.engine import Migration

MIGRATIONS: list[Migration] = [*chat_schema.MIGRATIONS, *delivery_schema.MIGRATIONS]
