"""The chat side's tables and their migrations (chats, subscriptions, schedules, outbox)."""

from __future__ import annotations

from briefs.db import Migration

MIGRATIONS: list[Migration] = []
