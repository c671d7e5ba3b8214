"""Chats, subscriptions, message links, conversation turns.

Revision ID: chat_0001
Revises: (the first of its branch)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefs.store.engine import UTCDateTime

revision = "chat_0001"
down_revision = None
branch_labels = ("chat",)
depends_on = ("engine_0001",)


def upgrade() -> None:
    op.create_table("chats",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("chat_id", sa.String(length=180), nullable=False),
        sa.Column("chat_type", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("inactive_reason", sa.Text()),
        sa.Column("stories", sa.Integer()),
        sa.Column("summary_sentences", sa.Integer()),
        sa.Column("language", sa.String(length=8)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key")
    )
    op.create_table("subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("source_id", sa.Integer()),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("exclude", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["chat_key"], ["chats.key"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_key", "source_id", name="uq_subscription_feed")
    )
    op.create_index("ix_subscriptions_chat_key", "subscriptions", ["chat_key"])
    op.create_index("ix_subscriptions_source_id", "subscriptions", ["source_id"])
    op.create_table("message_links",
        sa.Column("chat_key", sa.String(length=200), nullable=False),
        sa.Column("message_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("thread_root", sa.String(length=100), nullable=False),
        sa.Column("story_ids", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chat_key", "message_id")
    )
    op.create_table("conversation_turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_key", sa.String(length=200), nullable=False),
        sa.Column("thread_root", sa.String(length=100), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index("ix_turns_thread", "conversation_turns", ["chat_key", "thread_root", "id"])
