"""`briefbot db upgrade|status` on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from bot.cli import main

pytestmark = pytest.mark.backends("sqlite", "postgresql")


@pytest.fixture
def fresh_url(request, backend, tmp_path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """An empty database, named by BRIEFBOT_DATABASE_URL (or SQLite under the data dir)."""
    if backend == "sqlite":
        monkeypatch.delenv("BRIEFBOT_DATABASE_URL", raising=False)
        return ""
    url = request.getfixturevalue("postgres_server").create_database()
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", url)
    return url


def test_status_lists_pending_then_upgrade_applies_them_once(fresh_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "db", "status"]) == 1
    before = capsys.readouterr().out.splitlines()
    assert before and all(line.startswith("pending ") for line in before)
    assert any("delivery 3: shared send-rate buckets" in line for line in before)
    assert main([*data, "db", "upgrade"]) == 0
    upgrade = capsys.readouterr().out.splitlines()
    assert len(upgrade) == len(before) + 1 and upgrade[-1] == f"{len(before)} applied"
    assert main([*data, "db", "upgrade"]) == 0
    assert capsys.readouterr().out.strip() == "the database is up to date"
    assert main([*data, "db", "status"]) == 0
    assert all(line.startswith("applied ") for line in capsys.readouterr().out.splitlines())


def test_an_unknown_action_is_one_line(fresh_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", str(tmp_path / "data"), "db", "downgrade"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefbot: ") and "\n" not in err
