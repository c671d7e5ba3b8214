"""Passage index for answers on PostgreSQL (tsvector of stems, GIN); nothing on SQLite.

Revision ID: engine_0005
Revises: engine_0004
"""

from __future__ import annotations

from alembic import op

from briefs.answer.index_pg import create_postgres_passage_index

revision = "engine_0005"
down_revision = "engine_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_postgres_passage_index(op.get_bind())  # PostgreSQL only: the function checks
