"""Opening the store with every component's migrations (engine and chat side)."""

from __future__ import annotations

from briefs.store.store import Store
from config.settings import Settings


def open_store(settings: Settings) -> Store:
    from bot.schema import VERSION_LOCATIONS

    return Store.open(settings.database_url, version_locations=VERSION_LOCATIONS)
