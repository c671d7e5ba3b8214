"""`briefbot db upgrade|status`: the database's Alembic revisions, applied or listed without
running the bot (a deployment can migrate once before starting its workers; `briefbot run`
migrates at start too, under the same lock). One line per revision; a database that cannot
be reached or a bad URL is one line too, exit 1."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import sqlalchemy as sa

from bot.schema import VERSION_LOCATIONS
from briefs.store.engine import create_engine
from briefs.store.migrations import MigrationError, Revision, status, upgrade

EXIT_FAILURE = 1


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "db", help="apply or list the database migrations",
        description="Apply pending migrations (upgrade) or list applied and pending ones "
                    "(status, exit 1 while any is pending), on the database of "
                    "BRIEFBOT_DATABASE_URL (SQLite under the data directory when unset). "
                    "Safe while other processes start or run.",
    )
    parser.add_argument("action", choices=["upgrade", "status"])
    parser.set_defaults(func=run)


def run(context: Any) -> int:
    try:
        engine = create_engine(context.settings.database_url)
    except (sa.exc.ArgumentError, ValueError):  # the message may quote the URL: not shown
        print("briefbot: db: the database URL is not valid (BRIEFBOT_DATABASE_URL / store.url)", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:  # a SQLite directory that cannot be created
        print(f"briefbot: db: cannot use the database: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        return _upgrade(engine) if context.args.action == "upgrade" else _status(engine)
    except MigrationError as exc:
        print(f"briefbot: db: {exc}", file=sys.stderr)
    except sa.exc.SQLAlchemyError as exc:
        print(f"briefbot: db: cannot use the database: {_reason(exc)}", file=sys.stderr)
    except OSError as exc:  # e.g. a SQLite directory that cannot be created
        print(f"briefbot: db: cannot use the database: {exc.strerror or exc}", file=sys.stderr)
    finally:
        engine.dispose()
    return EXIT_FAILURE


def _upgrade(engine: sa.Engine) -> int:
    applied = upgrade(engine, VERSION_LOCATIONS)
    for revision in applied:
        print(f"applied {_line(revision)}")
    print(f"{len(applied)} applied" if applied else "the database is up to date")
    return 0


def _status(engine: sa.Engine) -> int:
    revisions = status(engine, VERSION_LOCATIONS)
    for revision in sorted(revisions, key=_listing_order):
        print(f"{'applied' if revision.applied else 'pending':8}{_line(revision)}")
    return 0 if all(r.applied for r in revisions) else 1  # scripts can wait for "nothing pending"


def _listing_order(revision: Revision) -> tuple[bool, str]:
    return (not revision.id.startswith("engine_"), revision.id)  # the engine's branch first


def _line(revision: Revision) -> str:
    return f"{revision.id}: {revision.description}"


def _reason(exc: sa.exc.SQLAlchemyError) -> str:
    """The driver's own first line (it names the host, never the password)."""
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__
