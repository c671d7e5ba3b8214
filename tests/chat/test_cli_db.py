"""`briefbot db upgrade|status` on SQLite and on PostgreSQL: one line per revision, and one
line (no traceback, no password) when the database cannot be used."""

from __future__ import annotations

import socket

import pytest

from bot.cli import main
from briefs.store.engine import create_engine
from tests import legacy_runner

pytestmark = pytest.mark.backends("sqlite", "postgresql")


@pytest.fixture
def fresh_url(request, backend, tmp_path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """An empty database, named by BRIEFBOT_DATABASE_URL (or SQLite under the data dir)."""
    if backend == "sqlite":
        monkeypatch.delenv("BRIEFBOT_DATABASE_URL", raising=False)
        return f"sqlite:///{tmp_path / 'data' / 'briefbot.db'}"
    url = request.getfixturevalue("postgres_server").create_database()
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", url)
    return url


def _db(tmp_path, action: str) -> int:  # type: ignore[no-untyped-def]
    return main(["--data-dir", str(tmp_path / "data"), "db", action])


def test_status_lists_pending_then_upgrade_applies_them_once(fresh_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _db(tmp_path, "status") == 1
    before = capsys.readouterr().out.splitlines()
    assert before and all(line.startswith("pending ") for line in before)
    assert before[0] == "pending engine_0001: Sources, stories, articles, article urls, cache"
    assert "pending delivery_0003: Shared send-rate buckets, leader leases, seen events" in before
    assert _db(tmp_path, "upgrade") == 0
    upgrade = capsys.readouterr().out.splitlines()
    assert len(upgrade) == len(before) + 1 and upgrade[-1] == f"{len(before)} applied"
    assert sorted(upgrade[:-1]) == sorted(line.replace("pending ", "applied ") for line in before)
    assert _db(tmp_path, "upgrade") == 0
    assert capsys.readouterr().out.strip() == "the database is up to date"
    assert _db(tmp_path, "status") == 0
    after = capsys.readouterr().out.splitlines()
    assert after == [line.replace("pending ", "applied ") for line in before]


def test_a_database_of_the_old_runner_shows_applied_and_is_adopted(fresh_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(fresh_url)
    try:
        legacy_runner.build(engine)
    finally:
        engine.dispose()
    assert _db(tmp_path, "status") == 1  # pending: the revision added after the old runner
    pending = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("applied ")]
    assert len(pending) == 1 and pending[0].startswith("pending engine_0006")
    assert _db(tmp_path, "upgrade") == 0
    capsys.readouterr()
    assert _db(tmp_path, "upgrade") == 0
    assert capsys.readouterr().out.strip() == "the database is up to date"


def test_an_unknown_action_is_one_line(fresh_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _db(tmp_path, "downgrade") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefbot: ") and "\n" not in err


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket is closed


@pytest.mark.parametrize("action", ["upgrade", "status"])
def test_an_unreachable_database_is_one_line_without_the_password(action, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL",
                       f"postgresql+psycopg://briefbot:s3cret@127.0.0.1:{_closed_port()}/briefbot")
    assert _db(tmp_path, action) == 1
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("briefbot: db: cannot use the database: ") and "\n" not in err
    assert "s3cret" not in captured.err + captured.out and "Traceback" not in err


def test_a_bad_port_in_the_url_is_one_line(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", "postgresql+psycopg://briefbot:s3cret@127.0.0.1:port/briefbot")
    assert _db(tmp_path, "status") == 1
    err = capsys.readouterr().err.strip()
    assert err == "briefbot: db: the database URL is not valid (BRIEFBOT_DATABASE_URL / store.url)"


def test_a_sqlite_directory_that_cannot_be_made_is_one_line(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'a-file' / 'sub' / 'briefbot.db'}")
    assert _db(tmp_path, "upgrade") == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefbot: db: cannot use the database: ") and "\n" not in err


def test_a_database_migrated_by_a_newer_version_is_one_line(fresh_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _db(tmp_path, "upgrade") == 0
    engine = create_engine(fresh_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'engine_9999' "
                                 "WHERE version_num LIKE 'engine_%%'")
    finally:
        engine.dispose()
    capsys.readouterr()
    for action in ("status", "upgrade"):
        assert _db(tmp_path, action) == 1
        err = capsys.readouterr().err.strip()
        assert err == ("briefbot: db: the database has revisions this program does not know: engine_9999 "
                       "(migrated by a newer briefbot?)")
