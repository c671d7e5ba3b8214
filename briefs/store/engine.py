"""Database engine and versioned migrations.

SQLite (WAL) is the embedded default; SQL elsewhere goes through SQLAlchemy Core so that a
PostgreSQL URL can be used later. Each component (``engine``, ``chat``, ``delivery`` ...)
owns an ordered list of migrations; applied versions are recorded per component in
``schema_migrations`` so components evolve independently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine


class UTCDateTime(sa.types.TypeDecorator):
    """Timestamps stored as naive UTC and always returned timezone-aware (UTC)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Migration:
    component: str
    version: int
    description: str
    apply: Callable[[Connection], None]


migrations_table = sa.Table(
    "schema_migrations",
    sa.MetaData(),
    sa.Column("component", sa.String(50), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", UTCDateTime, nullable=False),
)


def create_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, future=True
        )
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, future=True, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def applied_versions(engine: Engine) -> set[tuple[str, int]]:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("schema_migrations"):
            return set()
        rows = conn.execute(sa.select(migrations_table.c.component, migrations_table.c.version))
        return {(r.component, r.version) for r in rows}


def migrate(engine: Engine, migrations: Iterable[Migration]) -> list[Migration]:
    """Apply the migrations not yet applied, each in its own transaction, in order."""
    migrations_table.create(engine, checkfirst=True)
    done = applied_versions(engine)
    applied: list[Migration] = []
    for migration in sorted(migrations, key=lambda m: (m.component, m.version)):
        if (migration.component, migration.version) in done:
            continue
        with engine.begin() as conn:
            migration.apply(conn)
            conn.execute(
                migrations_table.insert().values(
                    component=migration.component,
                    version=migration.version,
                    description=migration.description,
                    applied_at=datetime.now(timezone.utc),
                )
            )
        applied.append(migration)
    return applied


def create_tables(*tables: sa.Table) -> Callable[[Connection], None]:
    """A migration step that creates the given tables (and their indexes) portably."""

    def apply(conn: Connection) -> None:
        for table in tables:
            table.create(conn)

    return apply
