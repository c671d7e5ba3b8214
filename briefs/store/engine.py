"""Database engine and the lock that serializes migrations.

SQLite (WAL) is the embedded default; PostgreSQL (``postgresql+psycopg://...``) is the
choice for several workers. SQL elsewhere goes through SQLAlchemy Core; the schema is made by
Alembic revisions (briefs/store/migrations).

Several processes may start at once on one fresh database: the upgrade holds `migration_lock`
while it reads and applies revisions (a file lock next to a SQLite file, an advisory lock on
PostgreSQL), so exactly one of them creates the tables and the others find them there.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from filelock import FileLock
from sqlalchemy.engine import Engine


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


# Any fixed 64-bit number: the PostgreSQL advisory lock that serializes migrations.
MIGRATION_LOCK_KEY = 0x62726966_6D696772  # "brifmigr"
MIGRATION_LOCK_TIMEOUT = 600.0  # seconds a starting process waits for another's migrations


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (None for other databases and in-memory ones)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def create_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, future=True
        )
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = sa.create_engine(postgres_driver(url), future=True)
    _ping_when_idle(engine)
    return engine


# A pooled connection back in the pool this recently is used without a ping: pinging on every
# checkout (pool_pre_ping) costs a round trip per transaction, and the outbox makes a few
# transactions per message it sends. One idle for longer (the server may have restarted, a
# proxy may have dropped it) is pinged first and replaced when the ping fails.
PING_AFTER_IDLE_SECONDS = 5.0


def _ping_when_idle(engine: Engine) -> None:
    dialect = engine.dialect

    def checked_in(_dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        record.info["checked_in"] = time.monotonic()

    def checked_out(dbapi_conn, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        idle_since = record.info.get("checked_in")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return  # just connected, or in use a moment ago
        try:
            dialect.do_ping(dbapi_conn)
        except Exception as exc:  # the pool replaces the connection and tries again
            raise sa.exc.DisconnectionError(f"stale pooled connection: {exc}") from exc

    sa.event.listen(engine, "checkin", checked_in)
    sa.event.listen(engine, "checkout", checked_out)


def postgres_driver(url: str) -> str:
    """PostgreSQL URLs go through psycopg 3 (SQLAlchemy's default driver is psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL may wait for others
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@contextlib.contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Held by one process at a time, across processes (and machines, on PostgreSQL)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # A session lock on its own connection: migrations run in other transactions.
            conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                conn.commit()
        return
    path = sqlite_path(f"sqlite:///{engine.url.database or ''}")
    if path is None:  # in memory: private to this process
        yield
        return
    with FileLock(f"{path}.migrate-lock", timeout=MIGRATION_LOCK_TIMEOUT):
        yield
