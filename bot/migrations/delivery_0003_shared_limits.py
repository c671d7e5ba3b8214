"""Shared send-rate buckets, leader leases, seen events.

Revision ID: delivery_0003
Revises: delivery_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefs.store.engine import UTCDateTime

revision = "delivery_0003"
down_revision = "delivery_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("rate_buckets",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("tat", sa.Float(precision=53), nullable=False),
        sa.PrimaryKeyConstraint("key")
    )
    op.create_table("leader_leases",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("holder", sa.String(length=100), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name")
    )
    op.create_table("seen_events",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key")
    )
    op.create_index("ix_seen_events_seen_at", "seen_events", ["seen_at"])
