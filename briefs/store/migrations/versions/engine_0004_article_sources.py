"""Articles linked to every source they were seen in; story links; matching features.

Revision ID: engine_0004
Revises: engine_0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefs.store.engine import UTCDateTime

revision = "engine_0004"
down_revision = "engine_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("article_sources",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "source_id")
    )
    op.create_index("ix_article_sources_source_id", "article_sources", ["source_id"])
    op.create_table("story_links",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["previous_id"], ["stories.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id")
    )
    op.create_index("ix_story_links_previous_id", "story_links", ["previous_id"])
    op.create_table("article_features",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id")
    )
    # Every article"s first source becomes its first link.
    op.execute("INSERT INTO article_sources (article_id, source_id) "
               "SELECT id, source_id FROM articles WHERE source_id IS NOT NULL")
