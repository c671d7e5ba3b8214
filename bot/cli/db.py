"""`briefbot db upgrade|status`: the database's migrations, applied or listed without running
the bot (a deployment can migrate once before starting its workers; `briefbot run` migrates at
start too, under the same lock)."""

from __future__ import annotations

import argparse
from typing import Any

from briefs.store.engine import Migration, applied_versions, create_engine, migrate


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "db", help="apply or list the database migrations",
        description="Apply pending migrations (upgrade) or list applied and pending ones "
                    "(status), on the database of BRIEFBOT_DATABASE_URL (SQLite under the data "
                    "directory when unset). Safe while other processes start or run.",
    )
    parser.add_argument("action", choices=["upgrade", "status"])
    parser.set_defaults(func=run)


def every_migration() -> list[Migration]:
    from bot.schema import MIGRATIONS as CHAT_MIGRATIONS
    from briefs.store.schema import MIGRATIONS as ENGINE_MIGRATIONS

    return [*ENGINE_MIGRATIONS, *CHAT_MIGRATIONS]


def run(context: Any) -> int:
    engine = create_engine(context.settings.database_url)
    try:
        if context.args.action == "upgrade":
            applied = migrate(engine, every_migration())
            for m in applied:
                print(f"applied {m.component} {m.version}: {m.description}")
            print("the database is up to date" if not applied else f"{len(applied)} applied")
            return 0
        done = applied_versions(engine)
        pending = [m for m in every_migration() if (m.component, m.version) not in done]
        for m in every_migration():
            state = "pending" if m in pending else "applied"
            print(f"{state:8} {m.component} {m.version}: {m.description}")
        return 1 if pending else 0  # scripts can wait for "nothing pending"
    finally:
        engine.dispose()
