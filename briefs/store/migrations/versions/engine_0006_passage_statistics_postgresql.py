"""Passage statistics on PostgreSQL (document frequencies, totals); nothing on SQLite.

Revision ID: engine_0006
Revises: engine_0005
"""

from __future__ import annotations

from alembic import op

from briefs.answer.index_pg import create_postgres_passage_statistics

revision = "engine_0006"
down_revision = "engine_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # PostgreSQL only (the function checks); fills the tables from the passages already indexed.
    create_postgres_passage_statistics(op.get_bind())
