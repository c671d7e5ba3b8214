"""Full-text index over articles (SQLite FTS5, BM25); nothing on PostgreSQL.

Revision ID: engine_0002
Revises: engine_0001
"""

from __future__ import annotations

from alembic import op

from briefs.store.schema import create_article_fts

revision = "engine_0002"
down_revision = "engine_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_article_fts(op.get_bind())  # SQLite only: the function checks the dialect
