"""Shared fixtures: settings on a temporary data dir, and a migrated store."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Defaults with the data dir under tmp_path; private addresses allowed (fake servers)."""
    return load_settings(
        data_dir=tmp_path / "data",
        environ={"BRIEFBOT_ALLOW_PRIVATE_NETWORKS": "1"},
    )


@pytest.fixture
def store(settings: Settings):  # type: ignore[no-untyped-def]
    from bot.storage import open_store

    opened = open_store(settings)
    yield opened
    opened.close()
