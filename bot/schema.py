"""Every chat-side migration: the directory of the ``chat`` and ``delivery`` branches' Alembic
revisions, given to the engine's upgrade beside its own."""

from __future__ import annotations

from pathlib import Path

VERSION_LOCATIONS: tuple[Path, ...] = (Path(__file__).resolve().parent / "migrations",)
