"""The chat side's tables: chats with their settings, subscriptions, and what follow-up
questions need (which stories a message carried, earlier turns).

They are created and changed by the Alembic revisions of the ``chat`` branch (bot/migrations,
docs/MIGRATIONS.md): a change here needs a revision there."""

from __future__ import annotations

import sqlalchemy as sa

from briefs.store import schema as engine_schema
from briefs.store.engine import UTCDateTime

metadata = sa.MetaData()

chats = sa.Table(
    "chats",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # "platform:chat_id"
    sa.Column("platform", sa.String(20), nullable=False),
    sa.Column("chat_id", sa.String(180), nullable=False),
    sa.Column("chat_type", sa.String(16), nullable=False, default="private"),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("inactive_reason", sa.Text),
    # Per-chat overrides; NULL means the configured default.
    sa.Column("stories", sa.Integer),
    sa.Column("summary_sentences", sa.Integer),
    sa.Column("language", sa.String(8)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

subscriptions = sa.Table(
    "subscriptions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("chat_key", sa.String(200), sa.ForeignKey("chats.key", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("kind", sa.String(8), nullable=False),  # "feed" or "topic"
    # A feed: the engine's source row (removing the source removes the subscriptions).
    sa.Column("source_id", sa.Integer,
              sa.ForeignKey(engine_schema.sources.c.id, ondelete="CASCADE"), index=True),
    sa.Column("words", sa.Text, nullable=False, default="[]"),  # a topic: JSON list of terms
    sa.Column("exclude", sa.Text, nullable=False, default="[]"),  # JSON list of excluded terms
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("chat_key", "source_id", name="uq_subscription_feed"),
)

# Messages the bot sent that a reply can refer to: briefing parts and answers.
message_links = sa.Table(
    "message_links",
    metadata,
    sa.Column("chat_key", sa.String(200), primary_key=True),
    sa.Column("message_id", sa.String(100), primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),  # "briefing" or "answer"
    sa.Column("thread_root", sa.String(100), nullable=False),  # the conversation it belongs to
    sa.Column("story_ids", sa.Text, nullable=False, default="[]"),  # JSON list of story ids
    sa.Column("created_at", UTCDateTime, nullable=False),
)

conversation_turns = sa.Table(
    "conversation_turns",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("chat_key", sa.String(200), nullable=False),
    sa.Column("thread_root", sa.String(100), nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("answer", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_turns_thread", "chat_key", "thread_root", "id"),
)
