"""Opening the store with every component's migrations (engine and chat side)."""

from __future__ import annotations

from briefs.store.store import Store
from config.settings import Settings


def open_store(settings: Settings) -> Store:
    from bot.schema import MIGRATIONS as CHAT_MIGRATIONS

    return Store.open(settings.database_url, extra_migrations=CHAT_MIGRATIONS)
