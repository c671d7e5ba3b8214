"""Claims for several workers: outbox rows, push slots, sources.

Revision ID: delivery_0002
Revises: delivery_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefs.store.engine import UTCDateTime

revision = "delivery_0002"
down_revision = "delivery_0001"
branch_labels = None
depends_on = ("engine_0001",)


def upgrade() -> None:
    # The outbox row a worker is sending, until its lease runs out.
    op.add_column("outbox", sa.Column("claimed_by", sa.String(length=100)))
    op.add_column("outbox", sa.Column("lease_until", UTCDateTime()))
    op.create_index("ix_outbox_state_lease", "outbox", ["state", "lease_until"])
    # The source a worker collects for the interval (the engine"s table, this branch"s columns).
    op.add_column("sources", sa.Column("claimed_by", sa.String(length=100)))
    op.add_column("sources", sa.Column("claim_until", UTCDateTime()))
    op.create_table("push_claims",
        sa.Column("slot", UTCDateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("slot")
    )
