"""The outbox: every briefing part for every chat is a row, delivered at most once in practice.

Rows move pending -> sending -> sent (or failed). A row is marked ``sending`` just before the
platform call and ``sent`` (with the platform's message id) right after it, so a crash can only
leave the few rows that were really in flight as ``sending``; a restart sends those again (a
duplicate is possible only for them) and resumes everything still pending.

The worker keeps a bounded window of pending rows in memory, grouped per chat. One task per
chat sends that chat's rows in order (part 2 never overtakes part 1), waiting for the rate
limiter; a semaphore bounds how many sends are in flight at once (and so how many messages a
crash could duplicate).
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import logging
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

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
Clock = Callable[[], datetime]


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
_MARK_SENDING = (outbox.update().where(outbox.c.id == sa.bindparam("row_id"))
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
        retry_base: float = 2.0,
        retry_cap: float = 300.0,
        max_attempts: int = 8,
        poll_seconds: float = 2.0,
    ) -> None:
        self.store = store
        self.adapters = adapters
        self.limiter = limiter
        self.clock = clock or utcnow
        self.max_in_flight = max_in_flight
        self.window = window  # pending rows held in memory at most
        self.retry_base, self.retry_cap, self.max_attempts = retry_base, retry_cap, max_attempts
        self.poll_seconds = poll_seconds  # rows enqueued by another process are found this often
        self._wake = asyncio.Event()
        self._queues: dict[str, deque[_Row]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._payloads: dict[str, Payload] = {}
        self._held = 0  # rows in memory
        self._loaded: set[int] = set()  # their ids
        self._cursor = 0  # highest outbox id loaded so far
        self._horizon: float | None = None  # drain(): leave rows due later than this (seconds)
        self._sends: asyncio.Semaphore | None = None

    # -- enqueueing ------------------------------------------------------------------------

    def enqueue_briefing(
        self, chat: ChatRef, briefing_key: str, payloads: list[dict], story_ids: Iterable[int]
    ) -> int:
        """Queue each part for the chat; parts already queued are left alone. Returns new rows."""
        return self.enqueue_many([Entry(chat, briefing_key, payloads, list(story_ids))])

    def enqueue_many(
        self, entries: Sequence[Entry], also: Callable[[Connection], None] | None = None
    ) -> int:
        """Queue many chats' parts in one transaction (with `also` in the same transaction)."""
        now = self.clock()
        with self.store.engine.begin() as conn:
            added = insert_entries(conn, entries, now)
            if also is not None:
                also(conn)
        if added:
            self._wake.set()
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

    def _recover(self) -> None:
        # A crash leaves rows "sending": they may or may not have arrived; send them again.
        with self.store.engine.begin() as conn:
            conn.execute(outbox.update().where(outbox.c.state == "sending").values(state="pending"))

    async def _work(self, horizon: float | None) -> None:
        self._horizon, self._cursor = horizon, 0
        self._sends = asyncio.Semaphore(self.max_in_flight)
        try:
            while True:
                self._wake.clear()
                loaded = self._load()
                self._start_chat_tasks()
                if horizon is not None and not loaded and not self._tasks:
                    return
                await self._sleep_until_woken()
        finally:
            for task in list(self._tasks.values()):
                task.cancel()
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)
            self._queues.clear()
            self._tasks.clear()
            self._loaded.clear()
            self._held = 0

    async def _sleep_until_woken(self) -> None:
        # Not asyncio.wait_for: on Python 3.11 it can swallow a cancellation that arrives as
        # the event is set, and the worker would then never stop.
        timer = asyncio.get_running_loop().call_later(self.poll_seconds, self._wake.set)
        try:
            await self._wake.wait()
        finally:
            timer.cancel()

    def _load(self) -> int:
        """Bring pending rows after the cursor into memory, up to the window."""
        room = self.window - self._held
        if room <= max(1, self.window // 4) and self._held:
            return 0  # refill in larger steps, not one query per finished row
        c = outbox.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                sa.select(c.id, c.chat_key, c.thread_id, c.payload_hash, c.story_ids, c.attempts,
                          c.next_attempt)
                .where(c.state == "pending", c.id > self._cursor).order_by(c.id).limit(room)
            ).all()
            self._fetch_payloads(conn, {r.payload_hash for r in rows})
        rows = [r for r in rows if r.id not in self._loaded]  # after a rewind of the cursor
        for r in rows:
            self._loaded.add(r.id)
            chat = dataclasses.replace(ChatRef.parse(r.chat_key), thread_id=r.thread_id)
            row = _Row(r.id, chat, r.payload_hash, json.loads(r.story_ids), r.attempts,
                       r.next_attempt)
            self._queues.setdefault(r.chat_key, deque()).append(row)
            self._cursor = max(self._cursor, r.id)
        self._held += len(rows)
        return len(rows)

    def _fetch_payloads(self, conn: Connection, hashes: set[str]) -> None:
        missing = list(hashes - set(self._payloads))
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for h, body in conn.execute(sa.select(outbox_payloads.c.hash, outbox_payloads.c.body)
                                        .where(outbox_payloads.c.hash.in_(chunk))):
                self._payloads[h] = json.loads(body)

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
        self._held -= len(queue)  # rows left behind stay pending in the database
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
            await asyncio.sleep(wait)
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
            self._fail(row, f"no adapter for platform {row.chat.platform!r}")
            return "done"
        if self.limiter is not None:
            await self.limiter.acquire(row.chat)
        assert self._sends is not None
        async with self._sends:
            if self.limiter is not None:
                await self.limiter.gate(row.chat.platform)
            self._mark_sending(row)
            try:
                ref = await adapter.send_payload(row.chat, self._payloads[row.payload_hash], None)
            except RateLimited as exc:
                return self._rate_limited(row, exc)
            except ChatUnavailable as exc:
                self._chat_gone(row, exc)
                return "chat_gone"
            except PermanentSendError as exc:
                self._fail(row, _describe(exc))
                return "done"
            except Exception as exc:  # noqa: BLE001 - network and platform errors: retry
                return self._transient(row, exc)
        self._mark_sent(row, ref)
        return "done"

    # -- outcomes --------------------------------------------------------------------------

    def _rate_limited(self, row: _Row, exc: RateLimited) -> str:
        # Never dropped: the row waits exactly as long as the platform asked, and so does
        # everything else for that chat.
        if self.limiter is not None:
            self.limiter.pause(row.chat, exc.retry_after)
        self._reschedule(row, exc.retry_after, _describe(exc))
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
        row.attempts += 1
        self._execute(_MARK_SENDING, {"row_id": row.id, "tries": row.attempts})

    def _mark_sent(self, row: _Row, ref: MessageRef) -> None:
        from bot.chat.conversations import record_briefing_message

        # last_error stays: it tells why a sent row needed several attempts.
        self._execute(_MARK_SENT, {"row_id": row.id, "platform_id": str(ref.message_id),
                                   "sent_time": self.clock()})
        try:
            record_briefing_message(self.store, ref, row.story_ids)
        except Exception:  # the message is out; a missing follow-up link must not resend it
            log.exception("outbox: could not record briefing message %s", ref)

    def _reschedule(self, row: _Row, delay: float, error: str) -> None:
        row.next_attempt = self.clock() + timedelta(seconds=delay)
        self._update(row, state="pending", next_attempt=row.next_attempt, last_error=error)

    def _fail(self, row: _Row, error: str) -> None:
        log.warning("outbox: giving up on row %s for %s: %s", row.id, row.chat.key, error)
        self._update(row, state="failed", last_error=error)

    def _execute(self, statement: sa.Executable, params: dict[str, Any]) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(statement, params)

    def _update(self, row: _Row, **values: Any) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(outbox.update().where(outbox.c.id == row.id).values(**values))


def insert_entries(conn: Connection, entries: Sequence[Entry], now: datetime) -> int:
    """Insert the rows (and their payloads) that are not there yet; returns how many were new."""
    payloads: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for entry in entries:
        story_ids = json.dumps([int(i) for i in entry.story_ids])
        for part_no, payload in enumerate(entry.payloads, start=1):
            body = _canonical(payload)
            digest = hashlib.sha256(body.encode()).hexdigest()
            payloads[digest] = body
            rows.append(dict(
                key=row_key(entry.chat, entry.briefing_key, part_no), chat_key=entry.chat.key,
                thread_id=entry.chat.thread_id, briefing_key=entry.briefing_key, part_no=part_no,
                payload_hash=digest, story_ids=story_ids, state="pending", attempts=0,
                next_attempt=now, created_at=now,
            ))
    existing = _existing(conn, outbox.c.key, [r["key"] for r in rows])
    fresh = [r for r in rows if r["key"] not in existing]
    known = _existing(conn, outbox_payloads.c.hash, list(payloads))
    new_payloads = [{"hash": h, "body": b} for h, b in payloads.items() if h not in known]
    if new_payloads:
        conn.execute(outbox_payloads.insert(), new_payloads)
    if fresh:
        conn.execute(outbox.insert(), fresh)
    return len(fresh)


def _existing(conn: Connection, column: sa.Column[Any], values: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        found.update(conn.execute(sa.select(column).where(column.in_(chunk))).scalars())
    return found


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
