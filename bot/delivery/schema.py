"""The delivery side's tables: schedules, computed briefings, the outbox of messages to send,
and a record of every scheduled push per chat and slot. They are created and changed by the
Alembic revisions of the ``delivery`` branch (bot/migrations, docs/MIGRATIONS.md).

The outbox is what makes delivery exactly-once in practice: each briefing part for each chat
is one row with a unique key, so enqueueing twice does nothing, and a restart resumes it.
Payloads are stored once per content (``outbox_payloads``, keyed by a hash): ten thousand
chats receiving the same rendered part share one payload row.

Several workers share one database through claims with a lease: an outbox row is sent by the
worker that claimed it (``claimed_by``, until ``lease_until``), a push slot is planned by the
worker holding its ``push_claims`` row, and a source is collected by the worker that claimed it
for the interval (``sources.claimed_by`` / ``claim_until``). A worker renews its leases while
alive; when it dies, the others take its claims once the lease has run out.
"""

from __future__ import annotations

import sqlalchemy as sa

from briefs.store.engine import UTCDateTime

metadata = sa.MetaData()

schedules = sa.Table(
    "schedules",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("chat_key", sa.String(200), nullable=False),  # "platform:chat_id"
    sa.Column("thread_id", sa.String(100)),  # pushes go to this forum topic / thread, if any
    sa.Column("hour", sa.Integer, nullable=False),
    sa.Column("minute", sa.Integer, nullable=False),
    sa.Column("tz", sa.String(64), nullable=False),
    sa.Column("weekdays", sa.String(20), nullable=False, default=""),  # "0,1,2,3,4"; "" = daily
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("chat_key", "hour", "minute", "tz", "weekdays", name="uq_schedule"),
)

briefings = sa.Table(
    "briefings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # content key (scope key + what shapes the digest) | window start | window end
    sa.Column("key", sa.String(500), nullable=False, unique=True),
    sa.Column("scope_key", sa.Text, nullable=False),
    sa.Column("window_start", UTCDateTime),
    sa.Column("window_end", UTCDateTime, nullable=False),
    sa.Column("story_ids", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("stories", sa.Integer, nullable=False, default=0),
    sa.Column("generated_by", sa.String(12), nullable=False, default="extractive"),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

outbox_payloads = sa.Table(
    "outbox_payloads",
    metadata,
    sa.Column("hash", sa.String(64), primary_key=True),  # sha256 of the canonical JSON
    sa.Column("body", sa.Text, nullable=False),
)

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(400), nullable=False, unique=True),  # chat|briefing|part
    sa.Column("chat_key", sa.String(200), nullable=False),
    sa.Column("thread_id", sa.String(100)),
    sa.Column("briefing_key", sa.String(300), nullable=False),
    sa.Column("part_no", sa.Integer, nullable=False),
    sa.Column("payload_hash", sa.String(64), nullable=False),
    sa.Column("story_ids", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("state", sa.String(10), nullable=False),  # pending, sending, sent, failed
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt", UTCDateTime, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("message_id", sa.String(100)),  # the platform's id, for follow-ups
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("claimed_by", sa.String(100)),  # the worker sending it (added by delivery_0002)
    sa.Column("lease_until", UTCDateTime),  # NULL: never claimed; past: free again
    sa.Index("ix_outbox_state_id", "state", "id"),
    sa.Index("ix_outbox_chat_state", "chat_key", "state"),
)
OUTBOX_CLAIM_INDEX = sa.Index("ix_outbox_state_lease", outbox.c.state, outbox.c.lease_until)

push_records = sa.Table(
    "push_records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("chat_key", sa.String(200), nullable=False),
    sa.Column("slot", UTCDateTime, nullable=False),  # the scheduled instant (UTC)
    sa.Column("schedule_id", sa.Integer),
    # queued (parts in the outbox), silent (nothing new), skipped (missed beyond grace)
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("briefing_key", sa.String(500)),
    sa.Column("window_start", UTCDateTime),
    sa.Column("detail", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("chat_key", "slot", name="uq_push_chat_slot"),
    sa.Index("ix_push_chat_slot", "chat_key", "slot"),
)

# Who is planning a push slot right now (a lease: a worker that dies leaves it to others).
push_claims = sa.Table(
    "push_claims",
    metadata,
    sa.Column("slot", UTCDateTime, primary_key=True),
    sa.Column("claimed_by", sa.String(100), nullable=False),
    sa.Column("lease_until", UTCDateTime, nullable=False),
)

# Send-rate buckets shared by every worker (a platform's overall limit, on PostgreSQL): the
# GCRA theoretical arrival time, in seconds of the database's clock.
rate_buckets = sa.Table(
    "rate_buckets",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("tat", sa.Float(53), nullable=False),
)

# Work that one worker at a time may do (Telegram long polling): a lease row, renewed by its
# holder, taken over by another worker once it runs out.
leader_leases = sa.Table(
    "leader_leases",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("holder", sa.String(100), nullable=False),
    sa.Column("lease_until", UTCDateTime, nullable=False),
)

# Incoming platform events already taken by some worker (Slack Socket Mode delivers an event
# again, possibly to another worker's connection, when it is not acknowledged in time).
seen_events = sa.Table(
    "seen_events",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # "platform:event id"
    sa.Column("seen_at", UTCDateTime, nullable=False),
    sa.Index("ix_seen_events_seen_at", "seen_at"),
)

# The claim columns this branch adds to the engine's sources table (delivery_0002).
source_claims = sa.Table(
    "sources",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("claimed_by", sa.String(100)),
    sa.Column("claim_until", UTCDateTime),  # fetched for this interval by `claimed_by`
)
