"""Shared fixtures: settings on a temporary data dir, and a migrated store.

A test module (or test) marked ``@pytest.mark.backends("sqlite", "postgresql")`` runs once per
database: SQLite under the temporary data dir, and a fresh database on one real PostgreSQL
server that the session starts itself (tests/postgres.py). If that server cannot start, those
tests fail: they are never skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import Settings, load_settings

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "backends(*names): run the test once per database backend named"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker("backends")
    if marker is not None and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", marker.args or BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    from tests.postgres import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest) -> str:
    """'' for SQLite under the data dir; else a fresh, migrated PostgreSQL database."""
    if backend == "sqlite":
        return ""
    return request.getfixturevalue("postgres_server").migrated_database()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Defaults with the data dir under tmp_path; private addresses allowed (fake servers)."""
    environ = {"BRIEFBOT_ALLOW_PRIVATE_NETWORKS": "1"}
    if database_url:
        environ["BRIEFBOT_DATABASE_URL"] = database_url
    return load_settings(data_dir=tmp_path / "data", environ=environ)


@pytest.fixture
def store(settings: Settings):  # type: ignore[no-untyped-def]
    from bot.storage import open_store

    opened = open_store(settings)
    yield opened
    opened.close()
