"""Passage index for answers on SQLite (FTS5 over sentence stems, BM25); nothing on PostgreSQL.

Revision ID: engine_0003
Revises: engine_0002
"""

from __future__ import annotations

from alembic import op

from briefs.answer.index import create_passage_index

revision = "engine_0003"
down_revision = "engine_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_passage_index(op.get_bind())  # SQLite only: the function checks the dialect
