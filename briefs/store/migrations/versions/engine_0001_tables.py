"""Sources, stories, articles, article urls, cache.

Revision ID: engine_0001
Revises: (the first of its branch)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefs.store.engine import UTCDateTime

revision = "engine_0001"
down_revision = None
branch_labels = ("engine",)
depends_on = None


def upgrade() -> None:
    op.create_table("sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt", UTCDateTime()),
        sa.Column("last_success", UTCDateTime()),
        sa.Column("last_error", sa.Text()),
        sa.Column("interval_minutes", sa.Integer()),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url")
    )
    op.create_table("stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_table("articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("author", sa.Text()),
        sa.Column("published", UTCDateTime()),
        sa.Column("language", sa.String(length=16)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("simhash", sa.BigInteger()),
        sa.Column("source", sa.Text()),
        sa.Column("source_id", sa.Integer()),
        sa.Column("story_id", sa.Integer()),
        sa.Column("collected_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url")
    )
    op.create_index("ix_articles_collected_at", "articles", ["collected_at"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_index("ix_articles_source_id", "articles", ["source_id"])
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_table("article_urls",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("url")
    )
    op.create_index("ix_article_urls_article_id", "article_urls", ["article_id"])
    op.create_table("cache",
        sa.Column("namespace", sa.String(length=50), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("namespace", "key")
    )
