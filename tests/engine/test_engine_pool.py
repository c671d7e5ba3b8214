"""PostgreSQL connections in the pool: one the server dropped while it sat idle is replaced
before use, without a ping on every checkout."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from briefs.store import engine as engine_module

pytestmark = pytest.mark.backends("postgresql")

PID = sa.text("SELECT pg_backend_pid()")


def _drop_server_side(url: str, pid: int) -> None:
    other = sa.create_engine(engine_module.postgres_driver(url), poolclass=NullPool)
    with other.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    other.dispose()


def _pooled_pid(url: str) -> tuple[sa.Engine, int]:
    engine = engine_module.create_engine(url)
    with engine.connect() as conn:
        pid = conn.execute(PID).scalar()
    return engine, int(pid)


def test_an_idle_connection_the_server_dropped_is_replaced(database_url, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    engine, pid = _pooled_pid(database_url)
    _drop_server_side(database_url, pid)
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.0)  # it has been idle
    with engine.connect() as conn:
        assert conn.execute(PID).scalar() != pid
    engine.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(database_url, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Proves the ping above is what saved the query: without it the dead connection is used.
    engine, pid = _pooled_pid(database_url)
    _drop_server_side(database_url, pid)
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 3600.0)
    with pytest.raises(sa.exc.OperationalError), engine.connect() as conn:
        conn.execute(PID)
    with engine.connect() as conn:  # the pool dropped it: the next checkout connects afresh
        assert conn.execute(PID).scalar() != pid
    engine.dispose()
