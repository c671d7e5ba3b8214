"""Schedules, briefings, outbox, push records.

Revision ID: delivery_0001
Revises: (the first of its branch)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefs.store.engine import UTCDateTime

revision = "delivery_0001"
down_revision = None
branch_labels = ("delivery",)
depends_on = None


def upgrade() -> None:
    op.create_table("schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_key", sa.String(length=200), nullable=False),
        sa.Column("thread_id", sa.String(length=100)),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("weekdays", sa.String(length=20), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_key", "hour", "minute", "tz", "weekdays", name="uq_schedule")
    )
    op.create_table("briefings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("scope_key", sa.Text(), nullable=False),
        sa.Column("window_start", UTCDateTime()),
        sa.Column("window_end", UTCDateTime(), nullable=False),
        sa.Column("story_ids", sa.Text(), nullable=False),
        sa.Column("stories", sa.Integer(), nullable=False),
        sa.Column("generated_by", sa.String(length=12), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key")
    )
    op.create_table("outbox_payloads",
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("hash")
    )
    op.create_table("outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("chat_key", sa.String(length=200), nullable=False),
        sa.Column("thread_id", sa.String(length=100)),
        sa.Column("briefing_key", sa.String(length=300), nullable=False),
        sa.Column("part_no", sa.Integer(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("story_ids", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt", UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("message_id", sa.String(length=100)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime()),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key")
    )
    op.create_index("ix_outbox_chat_state", "outbox", ["chat_key", "state"])
    op.create_index("ix_outbox_state_id", "outbox", ["state", "id"])
    op.create_table("push_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_key", sa.String(length=200), nullable=False),
        sa.Column("slot", UTCDateTime(), nullable=False),
        sa.Column("schedule_id", sa.Integer()),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("briefing_key", sa.String(length=500)),
        sa.Column("window_start", UTCDateTime()),
        sa.Column("detail", sa.Text()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_key", "slot", name="uq_push_chat_slot")
    )
    op.create_index("ix_push_chat_slot", "push_records", ["chat_key", "slot"])
