"""The outbox: every briefing part for every chat is a row, delivered at most once in practice.

Rows move pending -> sending -> sent (or failed). A row is marked ``sending`` just before the
platform call and ``sent`` (with the platform's message id) right after it, so a crash can only
leave the few rows that were really in flight as ``sending``; a restart sends those again (a
duplicate is possible only for them) and resumes everything still pending.

Several workers (processes, on PostgreSQL possibly on several machines) share the outbox by
claiming rows: a worker claims whole chats' pending rows (so one chat's parts stay in order
with one worker), with a lease it renews while alive. On PostgreSQL the claim takes the rows
``FOR UPDATE SKIP LOCKED`` under a transaction-scoped advisory lock (claims are short and
serialized, so two workers never split a chat); on SQLite the claim is one UPDATE statement,
atomic under SQLite's write lock. Rows of a worker that died are taken by the others once its
lease has run out (at once when it was a process on this host that no longer exists);
`release()` hands a stopping worker's claims back.

The worker keeps a bounded window of pending rows in memory, grouped per chat, and claims them
in batches: a new batch once fewer than a batch are held, so the work stays spread over the
workers to the end. One task per chat sends that chat's rows in order (part 2 never overtakes
part 1), waiting for the rate limiter; a semaphore bounds how many sends are in flight at once
(and so how many messages a crash could duplicate).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import hashlib
import json
import logging
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.chat.conversations import link_briefing_message
from bot.delivery.bulk import among, bulk_insert
from bot.delivery.claims import holder_is_gone, worker_identity
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.schema import outbox, outbox_payloads
from bot.messages import (
    Adapter,
    ChatRef,
    ChatUnavailable,
    MessageRef,
    Payload,
    PermanentSendError,
    RateLimited,
)
from briefs.models import utcnow
from briefs.store.store import Store

log = logging.getLogger(__name__)
ERROR_PAUSE_SECONDS = 5.0  # after an unexpected error, before that chat's rows are tried again
LEASE_SECONDS = 60.0  # a dead worker's rows wait this long before others send them
CLAIM_LOCK_KEY = 0x62726966_6F757462  # "brifoutb": PostgreSQL advisory lock serializing claims
RELEASED = datetime(1970, 1, 1, tzinfo=UTC)  # lease_until of a row handed back: free at once
# Rows taken over from a worker that just died wait this long: it may have sent to the same
# chat a moment ago, and the chat's own limit (Telegram: 1/s) counted that send.
TAKEOVER_PAUSE_SECONDS = 1.1
Clock = Callable[[], datetime]


class ClaimLost(Exception):
    """Another worker took the row (our lease ran out): it is theirs to send now."""


@dataclass(frozen=True)
class Entry:
    """One chat's share of a briefing: its parts, in order."""

    chat: ChatRef
    briefing_key: str
    payloads: Sequence[Payload]
    story_ids: Sequence[int] = ()


@dataclass
class _Row:
    id: int
    chat: ChatRef
    payload_hash: str
    story_ids: list[int]
    attempts: int
    next_attempt: datetime


# The two updates every message makes, built once: constructing a statement per call costs
# more than executing it.
_MARK_SENDING = (outbox.update().where(outbox.c.id == sa.bindparam("row_id"),
                                       outbox.c.claimed_by == sa.bindparam("worker"))
                 .values(state="sending", attempts=sa.bindparam("tries")))
_MARK_SENT = (outbox.update().where(outbox.c.id == sa.bindparam("row_id"))
              .values(state="sent", message_id=sa.bindparam("platform_id"),
                      sent_at=sa.bindparam("sent_time", type_=outbox.c.sent_at.type)))


def row_key(chat: ChatRef, briefing_key: str, part_no: int) -> str:
    return f"{chat.key}|{briefing_key}|{part_no}"


def payload_hash(payload: Payload) -> str:
    return hashlib.sha256(_canonical(payload).encode()).hexdigest()


def _canonical(payload: Payload) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Outbox:
    def __init__(
        self,
        store: Store,
        adapters: Mapping[str, Adapter],
        *,
        limiter: RateLimiter | None = None,
        clock: Clock | None = None,
        max_in_flight: int = 8,
        window: int = 5000,
        claim_batch: int = 300,
        retry_base: float = 2.0,
        retry_cap: float = 300.0,
        max_attempts: int = 8,
        poll_seconds: float = 2.0,
        worker_id: str | None = None,
        lease_seconds: float = LEASE_SECONDS,
        takeover_pause: float = TAKEOVER_PAUSE_SECONDS,
    ) -> None:
        self.store = store
        self.adapters = adapters
        self.limiter = limiter
        self.clock = clock or utcnow
        self.max_in_flight = max_in_flight
        self.window = window  # pending rows held in memory at most
        # Rows claimed at a time, and claimed again once fewer are held: what one worker holds
        # stays near this, so the rows stay spread over the workers. A worker holding a whole
        # window would, at the end of a push or after another worker died, be left sending
        # alone (at one worker's pace) while the others idle.
        self.claim_batch = max(1, claim_batch)
        self.retry_base, self.retry_cap, self.max_attempts = retry_base, retry_cap, max_attempts
        self.poll_seconds = poll_seconds  # rows enqueued by another process are found this often
        self.worker_id = worker_id or worker_identity()
        self.lease = timedelta(seconds=lease_seconds)
        self.takeover_pause = timedelta(seconds=takeover_pause)
        self._renewed: datetime | None = None  # when this worker's leases were last renewed
        self._wake = asyncio.Event()
        self._queues: dict[str, deque[_Row]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._payloads: dict[str, Payload] = {}
        self._held = 0  # rows in memory
        self._retrying = 0  # of them, rows of chats waiting to retry (they leave room to claim)
        self._loaded: set[int] = set()  # their ids
        self._cursor = 0  # highest outbox id loaded so far
        self._horizon: float | None = None  # drain(): leave rows due later than this (seconds)
        self._sends: asyncio.Semaphore | None = None
        self._writes: set[asyncio.Future[Any]] = set()  # outcome writes running in threads

    # -- enqueueing ------------------------------------------------------------------------

    def enqueue_briefing(
        self, chat: ChatRef, briefing_key: str, payloads: list[dict], story_ids: Iterable[int]
    ) -> int:
        """Queue each part for the chat; parts already queued are left alone. Returns new rows."""
        return self.enqueue_many([Entry(chat, briefing_key, payloads, list(story_ids))])

    def enqueue_many(
        self, entries: Sequence[Entry], also: Callable[[Connection], None] | None = None,
        *, fresh: bool = False,
    ) -> int:
        """Queue many chats' parts in one transaction (with `also` in the same transaction).

        `fresh`: the caller knows none of these rows exist (the fan-out enqueues a chat once
        per slot), so the lookup of existing keys is skipped; the unique key still guards, and
        on a conflict the entries are inserted again with the lookup."""
        added = self._insert_entries(entries, also, fresh)
        if added:
            self._wake.set()
        return added

    async def enqueue(
        self, entries: Sequence[Entry], also: Callable[[Connection], None] | None = None,
        *, fresh: bool = False,
    ) -> int:
        """`enqueue_many` with the database work in a thread: the loop goes on sending."""
        added = await asyncio.to_thread(self._insert_entries, entries, also, fresh)
        if added:
            self._wake.set()
        return added

    def _insert_entries(self, entries: Sequence[Entry],
                        also: Callable[[Connection], None] | None, fresh: bool) -> int:
        try:
            return self._insert(entries, also, checked=not fresh)
        except sa.exc.IntegrityError:
            if not fresh:
                raise
            return self._insert(entries, also, checked=True)

    def _insert(self, entries: Sequence[Entry], also: Callable[[Connection], None] | None,
                checked: bool) -> int:
        with self.store.engine.begin() as conn:
            added = insert_entries(conn, entries, self.clock(), checked=checked)
            if also is not None:
                also(conn)
        return added

    def prune(self, older_than: timedelta = timedelta(days=30)) -> int:
        """Forget delivered and failed rows older than `older_than`, and payloads no row needs."""
        cutoff = self.clock() - older_than
        c = outbox.c
        with self.store.engine.begin() as conn:
            removed = conn.execute(outbox.delete().where(
                c.state.in_(("sent", "failed")), c.created_at < cutoff)).rowcount
            conn.execute(outbox_payloads.delete().where(
                ~outbox_payloads.c.hash.in_(sa.select(c.payload_hash).distinct())))
        return removed

    # -- the worker ------------------------------------------------------------------------

    async def run(self) -> None:
        """Deliver forever: resume what a previous run left, then whatever is enqueued."""
        self._recover()
        await self._work(horizon=None)

    async def drain(self, horizon: float = 60.0) -> None:
        """Deliver until nothing is due (rows due more than `horizon` seconds later wait)."""
        self._recover()
        await self._work(horizon=horizon)
        self.release()

    def release(self) -> int:
        """Hand this worker's claims back (graceful shutdown): others may send them at once.
        A row that was being sent goes back to pending: it may have arrived, and is sent again
        (as after a crash)."""
        c = outbox.c
        with self.store.engine.begin() as conn:
            return conn.execute(outbox.update().where(
                c.claimed_by == self.worker_id, c.state.in_(("pending", "sending")))
                .values(state="pending", claimed_by=None, lease_until=RELEASED)).rowcount

    def held(self) -> dict[str, int]:
        """Rows this worker holds, by state (for /healthz)."""
        c = outbox.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(sa.select(c.state, sa.func.count()).where(
                c.claimed_by == self.worker_id, c.state.in_(("pending", "sending")))
                .group_by(c.state))
            return {state: count for state, count in rows}

    def health(self) -> dict[str, Any]:
        """For /healthz: this worker's id and the claims it holds (outbox rows by state, push
        slots being planned, sources claimed for this interval)."""
        from bot.delivery.claims import worker_health

        return worker_health(self.store, self.worker_id, self.held(), self.clock())

    def _recover(self) -> None:
        """Rows left "sending" by a worker that is gone (lease run out, or a dead process on
        this host) may or may not have arrived: send them again. Their pending rows are
        freed too. Rows of a process that just died wait a moment (TAKEOVER_PAUSE_SECONDS)."""
        now = self.clock()
        c = outbox.c
        later = now + self.takeover_pause
        paused = sa.case((c.next_attempt < later, later), else_=c.next_attempt)
        with self.store.engine.begin() as conn:
            holders = conn.execute(sa.select(c.claimed_by).distinct().where(
                c.state.in_(("pending", "sending")), c.claimed_by.is_not(None),
                c.claimed_by != self.worker_id, c.lease_until >= now)).scalars().all()
            gone = [h for h in holders if holder_is_gone(h)]
            stale = sa.or_(c.lease_until.is_(None), c.lease_until < now, c.claimed_by.in_(gone))
            conn.execute(outbox.update().where(c.state == "sending", stale)
                         .values(state="pending", claimed_by=None, lease_until=RELEASED,
                                 next_attempt=paused))
            if gone:
                conn.execute(outbox.update().where(c.state == "pending", c.claimed_by.in_(gone))
                             .values(claimed_by=None, lease_until=RELEASED, next_attempt=paused))

    def _renew(self) -> None:
        """Extend this worker's leases, and take over what dead workers left, now and then."""
        now = self.clock()
        if self._renewed is not None and now - self._renewed < self.lease / 3:
            if not self._held:  # idle: take over a dead worker's rows without waiting
                self._recover()
            return
        self._renewed = now
        c = outbox.c
        with self.store.engine.begin() as conn:
            conn.execute(outbox.update().where(
                c.claimed_by == self.worker_id, c.state.in_(("pending", "sending")))
                .values(lease_until=now + self.lease))
        self._recover()

    async def _work(self, horizon: float | None) -> None:
        self._horizon, self._cursor = horizon, 0
        self._sends = asyncio.Semaphore(self.max_in_flight)
        try:
            while True:
                self._wake.clear()
                await asyncio.to_thread(self._renew)
                loaded = await self._load()
                self._start_chat_tasks()
                if horizon is not None and not loaded and not self._tasks:
                    return
                await self._sleep_until_woken()
        finally:
            for task in list(self._tasks.values()):
                task.cancel()
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)
            await asyncio.gather(*self._writes, return_exceptions=True)
            self._queues.clear()
            self._tasks.clear()
            self._loaded.clear()
            self._held = self._retrying = 0

    async def _sleep_until_woken(self) -> None:
        # Not asyncio.wait_for: on Python 3.11 it can swallow a cancellation that arrives as
        # the event is set, and the worker would then never stop.
        timer = asyncio.get_running_loop().call_later(self.poll_seconds, self._wake.set)
        try:
            await self._wake.wait()
        finally:
            timer.cancel()

    async def _load(self) -> int:
        """Claim pending rows (whole chats) and bring them into memory: a batch whenever fewer
        than a batch are held, up to the window."""
        room = min(self.window - self._held, self.claim_batch)
        if room <= 0 or self._held - self._retrying >= self.claim_batch:
            return 0  # refill in steps of a batch, not one query per finished row
        rows, payloads = await asyncio.to_thread(self._claim_rows, room, self._cursor)
        self._payloads.update(payloads)
        rows = sorted((r for r in rows if r.id not in self._loaded), key=lambda r: r.id)
        for r in rows:
            self._loaded.add(r.id)
            chat = dataclasses.replace(ChatRef.parse(r.chat_key), thread_id=r.thread_id)
            row = _Row(r.id, chat, r.payload_hash, json.loads(r.story_ids), r.attempts,
                       r.next_attempt)
            self._queues.setdefault(r.chat_key, deque()).append(row)
            self._cursor = max(self._cursor, r.id)
        self._held += len(rows)
        return len(rows)

    def _claim_rows(self, room: int, cursor: int) -> tuple[list[sa.Row[Any]], dict[str, Payload]]:
        """In a thread: claim rows (see `_claim`) and read their payloads (a few distinct
        ones: thousands of chats share one rendering). All of them, not just those missing
        from memory now: the loop may forget payloads meanwhile."""
        with self.store.engine.begin() as conn:
            rows = self._claim(conn, room, cursor)
            payloads = self._fetch_payloads(conn, {r.payload_hash for r in rows})
        return rows, payloads

    def _claim(self, conn: Connection, room: int, cursor: int) -> list[sa.Row[Any]]:
        """Claim the pending rows of the chats of the next `room` free rows (rows after
        `cursor`, or handed back), except chats that another live worker holds rows of;
        returns the rows claimed (or held already)."""
        c, now, me = outbox.c, self.clock(), self.worker_id
        postgres = conn.dialect.name == "postgresql"
        if postgres:  # claims one at a time: two workers never split a chat between them
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLAIM_LOCK_KEY})
        # Never claimed and after the cursor, held by us already, or handed back / expired.
        free = sa.or_(sa.and_(c.id > cursor, sa.or_(c.lease_until.is_(None), c.claimed_by == me)),
                      c.lease_until < now)
        chats = (sa.select(c.chat_key).where(c.state == "pending", free)
                 .order_by(c.id).limit(room).scalar_subquery())
        busy = (sa.select(c.chat_key).where(c.state.in_(("pending", "sending")), c.claimed_by != me,
                                             c.lease_until >= now).scalar_subquery())
        pick = sa.select(c.id).where(c.state == "pending", c.chat_key.in_(chats),
                                     c.chat_key.not_in(busy),
                                     sa.or_(c.lease_until.is_(None), c.lease_until < now,
                                            c.claimed_by == me))
        if postgres:
            pick = pick.with_for_update(skip_locked=True)
        claim = (outbox.update().where(c.id.in_(pick.scalar_subquery()))
                 .values(claimed_by=me, lease_until=now + self.lease)
                 .returning(c.id, c.chat_key, c.thread_id, c.payload_hash, c.story_ids,
                            c.attempts, c.next_attempt))
        return list(conn.execute(claim).all())

    @staticmethod
    def _fetch_payloads(conn: Connection, hashes: set[str]) -> dict[str, Payload]:
        missing, found = list(hashes), {}
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for h, body in conn.execute(sa.select(outbox_payloads.c.hash, outbox_payloads.c.body)
                                        .where(outbox_payloads.c.hash.in_(chunk))):
                found[h] = json.loads(body)
        return found

    def _start_chat_tasks(self) -> None:
        for chat_key in self._queues:
            if chat_key not in self._tasks:
                self._tasks[chat_key] = asyncio.create_task(self._serve_chat(chat_key))

    async def _serve_chat(self, chat_key: str) -> None:
        queue = self._queues[chat_key]
        rewind = False
        try:
            while queue:
                if not await self._deliver_first(queue):
                    break
        except Exception:  # never let one chat stop the worker (a database error, say)
            log.exception("outbox: delivery to %s failed unexpectedly; retrying soon", chat_key)
            await asyncio.sleep(ERROR_PAUSE_SECONDS)
            rewind = True
        finally:
            self._forget(chat_key, rewind)

    def _forget(self, chat_key: str, rewind: bool = False) -> None:
        queue = self._queues.pop(chat_key, deque())
        self._held -= len(queue)  # rows left behind stay pending (and ours) in the database
        self._loaded.difference_update(row.id for row in queue)
        if rewind and queue:  # load them again on the next pass
            self._cursor = min(self._cursor, queue[0].id - 1)
        self._tasks.pop(chat_key, None)
        if not self._queues:
            self._payloads.clear()
        self._wake.set()

    async def _deliver_first(self, queue: deque[_Row]) -> bool:
        """Deliver the chat's first row; False when the chat's other rows must wait."""
        row = queue[0]
        wait = (row.next_attempt - self.clock()).total_seconds()
        if wait > 0:
            if self._horizon is not None and wait > self._horizon:
                return False
            waiting = len(queue)
            self._retrying += waiting
            try:
                await asyncio.sleep(wait)
            finally:
                self._retrying -= waiting
        outcome = await self._send(row)
        if outcome == "done":
            self._loaded.discard(queue.popleft().id)
            self._held -= 1
            return True
        if outcome == "chat_gone":
            return False
        return True  # retry: the row's next_attempt moved on; loop waits for it

    async def _send(self, row: _Row) -> str:
        try:
            return await self._send_once(row)
        finally:
            if self.limiter is not None:
                self.limiter.completed(row.chat)

    async def _send_once(self, row: _Row) -> str:
        adapter = self.adapters.get(row.chat.platform)
        if adapter is None:
            await self._in_thread(self._fail, row, f"no adapter for platform {row.chat.platform!r}")
            return "done"
        if self.limiter is not None:
            await self.limiter.acquire(row.chat)
        assert self._sends is not None
        async with self._sends:
            try:
                await self._mark_and_gate(row)
                ref = await adapter.send_payload(row.chat, self._payloads[row.payload_hash], None)
            except RateLimited as exc:
                return await self._rate_limited(row, exc)
            except ChatUnavailable as exc:
                await self._in_thread(self._chat_gone, row, exc)
                return "chat_gone"
            except PermanentSendError as exc:
                await self._in_thread(self._fail, row, _describe(exc))
                return "done"
            except ClaimLost:
                log.warning("outbox: row %s for %s was taken by another worker", row.id, row.chat.key)
                return "done"  # not ours any more: nothing was sent
            except Exception as exc:  # noqa: BLE001 - network and platform errors: retry
                return await self._in_thread(self._transient, row, exc)
            # Still holding the slot: a message counts as in flight until it is recorded as
            # sent, so `max_in_flight` bounds what a crash can send twice.
            await self._in_thread(self._mark_sent, row, ref)
        return "done"

    async def _mark_and_gate(self, row: _Row) -> None:
        """Marked first, then the overall token: the token's moment is followed by nothing but
        the send (the platform counts when the send arrives). With a shared bucket both happen
        in one transaction on the limiter's thread."""
        platform = row.chat.platform
        if self.limiter is not None and self.limiter.shares(platform):
            await self.limiter.gate(platform, before=functools.partial(self._mark_sending_on, row))
            return
        await self._in_thread(self._mark_sending, row)
        if self.limiter is not None:
            await self.limiter.gate(platform)

    async def _in_thread(self, function: Callable[..., Any], *args: Any) -> Any:
        """A database write off the event loop, which keeps serving the other chats' sends
        (and their timing) meanwhile. Shielded: a write once started finishes (its thread runs
        on regardless), and stopping waits for it, so `release()` comes after it."""
        write = asyncio.ensure_future(asyncio.to_thread(function, *args))
        self._writes.add(write)
        write.add_done_callback(self._writes.discard)
        return await asyncio.shield(write)

    # -- outcomes --------------------------------------------------------------------------

    async def _rate_limited(self, row: _Row, exc: RateLimited) -> str:
        # Never dropped: the row waits exactly as long as the platform asked, and so does
        # everything else for that chat.
        if self.limiter is not None:
            self.limiter.pause(row.chat, exc.retry_after)
        await self._in_thread(self._reschedule, row, exc.retry_after, _describe(exc))
        return "retry"

    def _transient(self, row: _Row, exc: Exception) -> str:
        if row.attempts >= self.max_attempts:
            self._fail(row, _describe(exc))
            return "done"
        delay = min(self.retry_cap, self.retry_base * 2 ** (row.attempts - 1))
        self._reschedule(row, delay, _describe(exc))
        return "retry"

    def _chat_gone(self, row: _Row, exc: ChatUnavailable) -> None:
        from bot.chats import mark_inactive

        reason = _describe(exc)
        mark_inactive(self.store, row.chat, reason)
        c = outbox.c
        with self.store.engine.begin() as conn:
            conn.execute(outbox.update()
                         .where(c.chat_key == row.chat.key, c.state.in_(("pending", "sending")))
                         .values(state="failed", last_error=reason))

    def _mark_sending(self, row: _Row) -> None:
        with self.store.engine.begin() as conn:
            self._mark_sending_on(row, conn)

    def _mark_sending_on(self, row: _Row, conn: Connection) -> None:
        row.attempts += 1
        marked = conn.execute(_MARK_SENDING, {"row_id": row.id, "tries": row.attempts,
                                              "worker": self.worker_id}).rowcount
        if not marked:
            raise ClaimLost(row.id)

    def _mark_sent(self, row: _Row, ref: MessageRef) -> None:
        """Record the platform's message id and, in the same transaction (one round trip fewer
        per message), the message's link to its stories for follow-up questions."""
        # last_error stays: it tells why a sent row needed several attempts.
        with self.store.engine.begin() as conn:
            conn.execute(_MARK_SENT, {"row_id": row.id, "platform_id": str(ref.message_id),
                                      "sent_time": self.clock()})
            try:
                with conn.begin_nested():  # a failed link rolls back alone
                    link_briefing_message(conn, ref, row.story_ids)
            except Exception:  # the message is out; a missing follow-up link must not resend it
                log.exception("outbox: could not record briefing message %s", ref)

    def _reschedule(self, row: _Row, delay: float, error: str) -> None:
        row.next_attempt = self.clock() + timedelta(seconds=delay)
        self._update(row, state="pending", next_attempt=row.next_attempt, last_error=error)

    def _fail(self, row: _Row, error: str) -> None:
        log.warning("outbox: giving up on row %s for %s: %s", row.id, row.chat.key, error)
        self._update(row, state="failed", last_error=error)

    def _update(self, row: _Row, **values: Any) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(outbox.update().where(outbox.c.id == row.id).values(**values))


def insert_entries(conn: Connection, entries: Sequence[Entry], now: datetime,
                   checked: bool = True) -> int:
    """Insert the rows (and their payloads) that are not there yet; returns how many were new.
    Unchecked, every row is inserted (the caller knows they are new)."""
    payloads: dict[str, str] = {}
    hashes: dict[int, str] = {}  # by payload object: thousands of chats share one rendering
    rows: list[dict[str, Any]] = []
    for entry in entries:
        story_ids = json.dumps([int(i) for i in entry.story_ids])
        for part_no, payload in enumerate(entry.payloads, start=1):
            digest = hashes.get(id(payload))
            if digest is None:
                body = _canonical(payload)
                digest = hashes[id(payload)] = hashlib.sha256(body.encode()).hexdigest()
                payloads[digest] = body
            rows.append(dict(
                key=row_key(entry.chat, entry.briefing_key, part_no), chat_key=entry.chat.key,
                thread_id=entry.chat.thread_id, briefing_key=entry.briefing_key, part_no=part_no,
                payload_hash=digest, story_ids=story_ids,
            ))
    existing = _existing(conn, outbox.c.key, [r["key"] for r in rows]) if checked else set()
    fresh = [r for r in rows if r["key"] not in existing]
    known = _existing(conn, outbox_payloads.c.hash, list(payloads))
    new_payloads = [{"hash": h, "body": b} for h, b in payloads.items() if h not in known]
    if new_payloads:
        conn.execute(outbox_payloads.insert(), new_payloads)
    bulk_insert(conn, outbox, fresh, dict(state="pending", attempts=0, next_attempt=now,
                                          created_at=now))
    return len(fresh)


def _existing(conn: Connection, column: sa.Column[Any], values: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(values), 5000):
        chunk = values[start:start + 5000]
        found.update(conn.execute(sa.select(column).where(among(conn, column, chunk))).scalars())
    return found


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
