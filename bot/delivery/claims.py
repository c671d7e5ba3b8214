"""Claims that let several workers share one database without doing the same work twice.

A worker is known by ``host:pid:token``. A claim names its worker and carries a lease (an
instant); the worker renews it while alive, and others may take it once it has run out. A
claim whose worker is a process on this very host that no longer exists is taken at once (a
restart after a crash need not wait for the lease).

Claims here: push slots (one worker plans a slot at a time; the push records then make each
chat's push happen once), sources (one worker fetches a source per interval), leadership (one
worker at a time does a job such as Telegram long polling) and incoming events (one worker
answers an event that the platform delivered twice). Outbox rows
are claimed by the outbox itself (bot.delivery.outbox).
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.delivery.schema import leader_leases, push_claims, seen_events, source_claims
from briefs.models import utcnow
from briefs.store.store import Store

PUSH_LEASE = timedelta(minutes=15)  # planning a slot for every chat takes far less
LEADER_LEASE = timedelta(seconds=30)  # a dead leader's job waits at most this long
SEEN_KEEP = timedelta(hours=1)  # platforms redeliver within minutes
RELEASED = datetime(1970, 1, 1, tzinfo=UTC)


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def holder_is_gone(worker: str | None) -> bool:
    """Whether the claim's worker was a process on this host that has ended."""
    if not worker:
        return True
    host, _, rest = worker.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False  # another machine, or this process (its owner may still be running)
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process: alive
        return False
    return False


def claim_slot(store: Store, slot: datetime, worker: str, now: datetime,
               lease: timedelta = PUSH_LEASE) -> bool:
    """Claim the right to plan `slot`; False while another live worker holds it."""
    c = push_claims.c
    try:
        with store.engine.begin() as conn:
            conn.execute(push_claims.insert().values(slot=slot, claimed_by=worker,
                                                     lease_until=now + lease))
        return True
    except sa.exc.IntegrityError:
        pass  # claimed before: ours to take only when released, expired or its worker died
    with store.engine.begin() as conn:
        holder = conn.execute(sa.select(c.claimed_by).where(c.slot == slot)).scalar()
        free = sa.or_(c.lease_until < now, c.claimed_by == worker)
        if holder_is_gone(holder):
            free = sa.or_(free, c.claimed_by == holder)
        taken = conn.execute(push_claims.update().where(c.slot == slot, free)
                             .values(claimed_by=worker, lease_until=now + lease)).rowcount
    return taken == 1


def release_slot(store: Store, slot: datetime, worker: str, now: datetime) -> None:
    """Planning is over: another worker's catch-up may take the slot again (its push records
    say which chats were pushed already)."""
    c = push_claims.c
    with store.engine.begin() as conn:
        conn.execute(push_claims.update().where(c.slot == slot, c.claimed_by == worker)
                     .values(lease_until=RELEASED))


def prune_slots(store: Store, cutoff: datetime) -> None:
    with store.engine.begin() as conn:
        conn.execute(push_claims.delete().where(push_claims.c.slot < cutoff))


def claim_source(store: Store, source_id: int, worker: str, now: datetime,
                 interval: timedelta) -> bool:
    """Claim a source for this collection interval; False when another worker fetched or is
    fetching it in this interval. The claim ends a little before the interval does, so the
    same worker's next run (one interval later) finds it free."""
    c = source_claims.c
    free = sa.or_(c.claim_until.is_(None), c.claim_until <= now)
    with store.engine.begin() as conn:
        return conn.execute(source_claims.update().where(c.id == source_id, free).values(
            claimed_by=worker, claim_until=now + interval * 0.9)).rowcount == 1


def unclaimed_sources(store: Store, source_ids: list[int], now: datetime) -> set[int]:
    """Which of `source_ids` no worker has claimed for the current interval."""
    c = source_claims.c
    free: set[int] = set()
    with store.engine.connect() as conn:
        for start in range(0, len(source_ids), 5000):
            chunk = source_ids[start:start + 5000]
            free.update(conn.execute(sa.select(c.id).where(
                c.id.in_(chunk), sa.or_(c.claim_until.is_(None), c.claim_until <= now))).scalars())
    return free


def release_source(store: Store, source_id: int, worker: str) -> None:
    """Give a source back unfetched (shutdown during its collection)."""
    c = source_claims.c
    with store.engine.begin() as conn:
        conn.execute(source_claims.update().where(c.id == source_id, c.claimed_by == worker)
                     .values(claimed_by=None, claim_until=None))


def worker_health(store: Store, worker: str, outbox_rows: dict[str, int], now: datetime) -> dict:
    """What /healthz says about this worker: its id and the claims it holds now."""
    slots, sources = push_claims.c, source_claims.c
    with store.engine.connect() as conn:
        planning = conn.execute(sa.select(slots.slot).where(
            slots.claimed_by == worker, slots.lease_until > now).order_by(slots.slot)).scalars()
        planning_now = [slot.isoformat() for slot in planning]
        fetched = conn.execute(sa.select(sa.func.count()).select_from(source_claims).where(
            sources.claimed_by == worker, sources.claim_until > now)).scalar_one()
    return {"worker": {"id": worker, "outbox_rows": outbox_rows, "planning_slots": planning_now,
                       "sources_this_interval": fetched}}


class Leadership:
    """One worker at a time holds `name` (a lease row it renews every third of the lease);
    when it dies, another takes over once the lease has run out (at once when the holder was a
    process on this host that is gone). On SQLite the one worker is always the leader."""

    def __init__(self, store: Store, name: str, worker: str, *, lease: timedelta = LEADER_LEASE,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.store, self.name, self.worker = store, name, worker
        self.lease, self.clock = lease, clock

    @property
    def renew_seconds(self) -> float:
        return self.lease.total_seconds() / 3

    def hold(self) -> bool:
        """Take or renew the lease; True while this worker holds it."""
        now, c = self.clock(), leader_leases.c
        try:
            with self.store.engine.begin() as conn:
                conn.execute(leader_leases.insert().values(name=self.name, holder=self.worker,
                                                           lease_until=now + self.lease))
            return True
        except sa.exc.IntegrityError:
            pass
        with self.store.engine.begin() as conn:
            holder = conn.execute(sa.select(c.holder).where(c.name == self.name)).scalar()
            free = sa.or_(c.holder == self.worker, c.lease_until < now)
            if holder != self.worker and holder_is_gone(holder):
                free = sa.or_(free, c.holder == holder)
            return conn.execute(leader_leases.update().where(c.name == self.name, free).values(
                holder=self.worker, lease_until=now + self.lease)).rowcount == 1

    def release(self) -> None:
        """Stopping: the next worker may take over at once."""
        c = leader_leases.c
        with self.store.engine.begin() as conn:
            conn.execute(leader_leases.update().where(c.name == self.name, c.holder == self.worker)
                         .values(lease_until=RELEASED))


def first_sighting(store: Store, key: str, now: datetime | None = None) -> bool:
    """Record an incoming event (or request); False when some worker took it within the last
    SEEN_KEEP (answer it once). One statement, insert-if-absent-or-expired, so two workers
    recording the same key at once never both get True."""
    now = now or utcnow()
    c = seen_events.c
    insert = (postgresql.insert if store.engine.dialect.name == "postgresql" else sqlite.insert)
    record = insert(seen_events).values(key=key[:200], seen_at=now).on_conflict_do_update(
        index_elements=[c.key], set_={"seen_at": now}, where=c.seen_at < now - SEEN_KEEP
    ).returning(c.key)  # a row back: inserted, or an expired one renewed
    with store.engine.begin() as conn:
        first = conn.execute(record).first() is not None
        if first:  # forget what no platform will deliver again
            conn.execute(seen_events.delete().where(c.seen_at < now - SEEN_KEEP))
    return first
