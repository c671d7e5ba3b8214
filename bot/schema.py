"""Every chat-side migration: chats and subscriptions (``chat``), schedules and the outbox
(``delivery``). Each component keeps its own tables and version sequence."""

from __future__ import annotations

import importlib

from briefs.db import Migration


def _component(module: str) -> list[Migration]:
    try:
        return list(importlib.import_module(module).MIGRATIONS)
    except ModuleNotFoundError as exc:  # while the component is being written
        if exc.name != module:
            raise
        return []


MIGRATIONS: list[Migration] = [*_component("bot.chat_schema"), *_component("bot.delivery_schema")]
