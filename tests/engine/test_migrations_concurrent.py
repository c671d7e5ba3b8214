"""Several processes starting at once on one fresh database all start: the migrations are
applied exactly once, under a lock (a file lock for SQLite, an advisory lock on PostgreSQL).
Without the lock they race to create the same tables and some of them fail."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
import sqlalchemy as sa

from briefs.store.engine import create_engine

PROCESSES = 4


def _open_when_all_are_ready(url: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    from bot.storage import open_store
    from config.settings import load_settings

    settings = load_settings(environ={"BRIEFBOT_DATABASE_URL": url})
    barrier.wait(timeout=60)  # every process imported and ready: now all open at once
    open_store(settings).close()


def _start_together(url: str) -> list[int]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    processes = [context.Process(target=_open_when_all_are_ready, args=(url, barrier))
                 for _ in range(PROCESSES)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    return [p.exitcode for p in processes]


def _heads(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    finally:
        engine.dispose()


def _expected() -> list[str]:
    from bot.schema import VERSION_LOCATIONS
    from briefs.store.migrations import script_directory

    return sorted(script_directory(VERSION_LOCATIONS).get_heads())


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.timeout(300)
def test_processes_starting_at_once_on_a_fresh_sqlite_directory(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh' / 'briefbot.db'}"
    assert _start_together(url) == [0] * PROCESSES
    assert _heads(url) == _expected()  # each branch's head recorded once
    assert {"articles", "chats", "outbox", "passages"} <= _tables(url)


@pytest.mark.timeout(300)
def test_processes_starting_at_once_on_a_fresh_postgresql_database(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.create_database()
    assert _start_together(url) == [0] * PROCESSES
    assert _heads(url) == _expected()
    assert {"articles", "chats", "outbox", "passages"} <= _tables(url)
