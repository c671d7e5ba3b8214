"""The outbox: idempotent enqueueing, ordered delivery, 429s obeyed without loss, blocked
chats marked inactive, transient errors retried then failed, and resuming after a crash."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import socket
import subprocess
import sys

import pytest
import sqlalchemy as sa

from bot.chat.conversations import stories_for_message
from bot.chats import ensure_chat, is_active
from bot.delivery.outbox import LEASE_SECONDS, Outbox
from bot.delivery.ratelimit import RateLimiter, RateLimits
from bot.delivery.schema import outbox
from bot.messages import (
    ChatRef,
    ChatUnavailable,
    DeliveryError,
    MessageRef,
    Payload,
    PermanentSendError,
    RateLimited,
)
from briefs.models import utcnow
from tests.chat.test_outbox_fakes import FakeAdapter

pytestmark = pytest.mark.backends("sqlite", "postgresql")

PARTS = [{"text": "part 1"}, {"text": "part 2"}, {"text": "part 3"}]


def rows(store) -> list[sa.Row]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(outbox).order_by(outbox.c.id)))


def make(store, adapter: FakeAdapter, **kwargs) -> Outbox:  # type: ignore[no-untyped-def]
    kwargs.setdefault("retry_base", 0.001)
    return Outbox(store, {adapter.platform: adapter}, **kwargs)


async def test_enqueue_is_idempotent_and_delivers_parts_in_order(store) -> None:  # type: ignore[no-untyped-def]
    adapter = FakeAdapter()
    box = make(store, adapter)
    chat = ChatRef("telegram", "42")
    assert box.enqueue_briefing(chat, "2026-06-01T07:00Z", PARTS, [7, 8]) == 3
    assert box.enqueue_briefing(chat, "2026-06-01T07:00Z", PARTS, [7, 8]) == 0
    await box.drain()
    assert adapter.texts_to("42") == ["part 1", "part 2", "part 3"]
    assert [r.state for r in rows(store)] == ["sent"] * 3
    assert [r.message_id for r in rows(store)] == ["1", "2", "3"]
    # Every part is remembered for follow-up questions.
    assert stories_for_message(store, MessageRef(chat, "2")) == [7, 8]
    box.enqueue_briefing(chat, "2026-06-01T07:00Z", PARTS, [7, 8])
    await box.drain()
    assert len(adapter.sent) == 3  # sent rows are never sent again


async def test_a_follow_up_link_that_cannot_be_written_never_resends_the_part(store) -> None:  # type: ignore[no-untyped-def]
    # The link is written in the transaction that marks the part sent; when it fails, the
    # part must still be marked sent (it did arrive), and nothing goes out twice.
    with store.engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE message_links RENAME TO message_links_away"))
    try:
        adapter = FakeAdapter()
        box = make(store, adapter)
        box.enqueue_briefing(ChatRef("telegram", "9"), "k", PARTS, [4])
        await box.drain()
        box.enqueue_briefing(ChatRef("telegram", "9"), "k", PARTS, [4])
        await box.drain()
    finally:
        with store.engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE message_links_away RENAME TO message_links"))
    assert adapter.texts_to("9") == ["part 1", "part 2", "part 3"]
    assert [(r.state, r.message_id) for r in rows(store)] == [("sent", "1"), ("sent", "2"),
                                                              ("sent", "3")]
    assert stories_for_message(store, MessageRef(ChatRef("telegram", "9"), "1")) == []


async def test_payloads_are_stored_once_for_many_chats(store) -> None:  # type: ignore[no-untyped-def]
    box = make(store, FakeAdapter())
    for n in range(20):
        box.enqueue_briefing(ChatRef("telegram", str(n)), "k", PARTS, [])
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from outbox_payloads")).scalar() == 3
        assert conn.execute(sa.text("select count(*) from outbox")).scalar() == 60


async def test_rate_limited_row_waits_and_is_not_lost(store) -> None:  # type: ignore[no-untyped-def]
    adapter = FakeAdapter(faults={"5": [RateLimited(0.02), RateLimited(0.01)]})
    limiter = RateLimiter(RateLimits(telegram_per_second=None, telegram_chat_per_second=None))
    box = make(store, adapter, limiter=limiter)
    box.enqueue_briefing(ChatRef("telegram", "5"), "k", PARTS, [])
    box.enqueue_briefing(ChatRef("telegram", "6"), "k", PARTS, [])
    await box.drain()
    assert adapter.texts_to("5") == ["part 1", "part 2", "part 3"]
    assert adapter.texts_to("6") == ["part 1", "part 2", "part 3"]
    first = rows(store)[0]
    assert first.state == "sent" and first.attempts == 3 and "RateLimited" in first.last_error


async def test_blocked_chat_is_marked_inactive_and_its_rows_fail(store) -> None:  # type: ignore[no-untyped-def]
    chat = ChatRef("telegram", "9")
    ensure_chat(store, chat)
    adapter = FakeAdapter(faults={"9": [ChatUnavailable("Forbidden: bot was blocked by the user")]})
    box = make(store, adapter)
    box.enqueue_briefing(chat, "k", PARTS, [])
    box.enqueue_briefing(ChatRef("telegram", "10"), "k", PARTS, [])
    await box.drain()
    assert not is_active(store, chat)
    assert [r.state for r in rows(store) if r.chat_key == chat.key] == ["failed"] * 3
    assert adapter.attempts == 4  # one try for the blocked chat, three sends for the other
    assert adapter.texts_to("10") == ["part 1", "part 2", "part 3"]


async def test_transient_errors_retry_then_fail_with_last_error(store) -> None:  # type: ignore[no-untyped-def]
    adapter = FakeAdapter(faults={"1": [DeliveryError("timeout")] * 2,
                                  "2": [DeliveryError("boom")] * 10,
                                  "3": [PermanentSendError("Bad Request: can't parse entities")]})
    box = make(store, adapter, max_attempts=3)
    for chat_id in "123":
        box.enqueue_briefing(ChatRef("telegram", chat_id), "k", PARTS[:1], [])
    await box.drain()
    by_chat = {r.chat_key: r for r in rows(store)}
    assert by_chat["telegram:1"].state == "sent" and by_chat["telegram:1"].attempts == 3
    assert by_chat["telegram:2"].state == "failed" and "boom" in by_chat["telegram:2"].last_error
    assert by_chat["telegram:2"].attempts == 3
    assert by_chat["telegram:3"].state == "failed" and by_chat["telegram:3"].attempts == 1


async def test_rows_for_a_platform_without_adapter_fail(store) -> None:  # type: ignore[no-untyped-def]
    box = make(store, FakeAdapter())
    box.enqueue_briefing(ChatRef("slack", "C1"), "k", PARTS[:1], [])
    await box.drain()
    assert rows(store)[0].state == "failed"


async def test_restart_resumes_pending_and_resends_the_one_in_flight(store) -> None:  # type: ignore[no-untyped-def]
    chat = ChatRef("telegram", "77")
    in_flight = asyncio.Event()

    class HangsOnSecondPart(FakeAdapter):
        async def send_payload(self, chat, payload, reply_to=None):  # type: ignore[no-untyped-def]
            if payload["text"] == "part 2":
                in_flight.set()
                await asyncio.Event().wait()  # the process dies while part 2 is in flight
            return await super().send_payload(chat, payload, reply_to)

    box = make(store, HangsOnSecondPart())
    box.enqueue_briefing(chat, "k", PARTS, [])
    worker = asyncio.create_task(box.drain())
    await asyncio.wait_for(in_flight.wait(), 10)
    worker.cancel()
    await asyncio.gather(worker, return_exceptions=True)
    assert [r.state for r in rows(store)] == ["sent", "sending", "pending"]

    # Another worker takes the rows once the dead worker's lease has run out.
    second = FakeAdapter()
    await make(store, second, clock=lambda: utcnow() + dt.timedelta(seconds=LEASE_SECONDS)).drain()
    assert second.texts_to("77") == ["part 2", "part 3"]
    assert [r.state for r in rows(store)] == ["sent"] * 3


async def test_a_live_workers_claims_are_left_alone_until_its_lease_runs_out(store) -> None:  # type: ignore[no-untyped-def]
    chat = ChatRef("telegram", "78")
    first = make(store, FakeAdapter())
    first.enqueue_briefing(chat, "k", PARTS, [])
    await first._load()  # claimed, not sent yet: the worker is busy or stalled
    other = FakeAdapter()
    await make(store, other).drain()
    assert other.sent == []
    assert [r.claimed_by for r in rows(store)] == [first.worker_id] * 3
    await make(store, other, clock=lambda: utcnow() + dt.timedelta(seconds=LEASE_SECONDS + 1)).drain()
    assert other.texts_to("78") == ["part 1", "part 2", "part 3"]


async def test_claims_of_a_dead_process_on_this_host_are_taken_at_once(store) -> None:  # type: ignore[no-untyped-def]
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = f"{socket.gethostname()}:{int(ended.stdout)}:abc123"
    box = make(store, FakeAdapter())
    box.enqueue_briefing(ChatRef("telegram", "79"), "k", PARTS, [])
    with store.engine.begin() as conn:
        conn.execute(outbox.update().values(claimed_by=dead, lease_until=utcnow() + dt.timedelta(hours=1)))
        conn.execute(outbox.update().where(outbox.c.part_no == 1).values(state="sending"))
    adapter = FakeAdapter()
    await make(store, adapter).drain()
    assert adapter.texts_to("79") == ["part 1", "part 2", "part 3"]


async def test_rows_of_a_worker_that_just_died_wait_for_the_chats_own_limit(store) -> None:  # type: ignore[no-untyped-def]
    # It may have sent part 1 a moment ago: part 2 from the next worker must not follow at once.
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = f"{socket.gethostname()}:{int(ended.stdout)}:abc123"
    now = utcnow()
    box = make(store, FakeAdapter(), clock=lambda: now, takeover_pause=5.0)
    box.enqueue_briefing(ChatRef("telegram", "81"), "k", PARTS, [])
    with store.engine.begin() as conn:
        conn.execute(outbox.update().values(claimed_by=dead, lease_until=now + dt.timedelta(hours=1)))
        conn.execute(outbox.update().where(outbox.c.part_no == 1).values(state="sending"))
    box._recover()
    taken = rows(store)
    assert {(r.state, r.claimed_by) for r in taken} == {("pending", None)}
    assert all(r.next_attempt >= now + dt.timedelta(seconds=5) for r in taken)


async def test_release_hands_claims_back_at_once(store) -> None:  # type: ignore[no-untyped-def]
    first = make(store, FakeAdapter())
    first.enqueue_briefing(ChatRef("telegram", "80"), "k", PARTS, [])
    await first._load()
    assert first.held() == {"pending": 3}
    assert first.release() == 3 and first.held() == {}
    adapter = FakeAdapter()
    await make(store, adapter).drain()
    assert adapter.texts_to("80") == ["part 1", "part 2", "part 3"]


async def test_two_workers_share_the_rows_each_sent_once_and_in_order(store) -> None:  # type: ignore[no-untyped-def]
    # Small windows: each worker holds a few chats at a time, so rows stay for the other.
    # Each worker's first send waits (a bounded while) for the other's, so which worker the
    # event loop happens to run first cannot let one of them send everything alone.
    met = [asyncio.Event(), asyncio.Event()]
    adapters = [_GatedAdapter(gate=met[1], arrived=met[0]),
                _GatedAdapter(gate=met[0], arrived=met[1])]
    workers = [make(store, a, window=8) for a in adapters]
    for n in range(30):
        workers[0].enqueue_briefing(ChatRef("telegram", str(100 + n)), "k", PARTS, [])
    await asyncio.gather(*(w.drain() for w in workers))
    sent = [(chat, p["text"]) for a in adapters for chat, p in a.sent]
    assert len(sent) == len(set(sent)) == 90  # every part once
    for n in range(30):  # one worker per chat, parts in order
        texts = [a.texts_to(str(100 + n)) for a in adapters]
        assert sorted(texts, key=len) == [[], ["part 1", "part 2", "part 3"]]
    assert all(a.sent for a in adapters)
    assert {r.state for r in rows(store)} == {"sent"}


async def test_workers_claim_in_batches_so_the_work_stays_spread(store) -> None:  # type: ignore[no-untyped-def]
    # Windows big enough for everything: without batches the first worker would claim all
    # the rows and send them alone while the other idles. The first worker's sends wait (a
    # bounded while) for the second's first send, so how the two threads happen to be
    # scheduled cannot decide the outcome: with batches the second finds rows to claim.
    gate = asyncio.Event()
    adapters = [_GatedAdapter(gate=gate), FakeAdapter(on_send=lambda _chat, _payload: gate.set())]
    workers = [make(store, a, claim_batch=6) for a in adapters]
    for n in range(30):
        workers[0].enqueue_briefing(ChatRef("telegram", str(200 + n)), "k", PARTS, [])
    await asyncio.gather(*(w.drain() for w in workers))
    assert sorted(len(a.sent) for a in adapters)[0] >= 6  # each sent at least a batch
    assert sum(len(a.sent) for a in adapters) == 90


@dataclasses.dataclass
class _GatedAdapter(FakeAdapter):
    gate: asyncio.Event | None = None
    arrived: asyncio.Event | None = None  # set at this adapter's first send

    async def send_payload(self, chat: ChatRef, payload: Payload,
                           reply_to: MessageRef | None = None) -> MessageRef:
        if self.arrived is not None:
            self.arrived.set()
        if self.gate is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.gate.wait(), timeout=10)
            self.gate = None  # waited once: the other worker had its chance
        return await super().send_payload(chat, payload, reply_to)


async def test_rows_waiting_to_retry_leave_room_for_other_chats(store) -> None:  # type: ignore[no-untyped-def]
    adapter = FakeAdapter(faults={"5": [RateLimited(0.3)]})
    limiter = RateLimiter(RateLimits(telegram_per_second=None, telegram_chat_per_second=None))
    box = make(store, adapter, limiter=limiter, claim_batch=3, poll_seconds=0.01)
    box.enqueue_briefing(ChatRef("telegram", "5"), "k", PARTS, [])
    box.enqueue_briefing(ChatRef("telegram", "6"), "k", PARTS, [])
    await box.drain()
    # Chat 5 holds a whole batch while it waits out its 429; chat 6 is claimed meanwhile.
    assert [chat for chat, _ in adapter.sent] == ["6", "6", "6", "5", "5", "5"]


async def test_run_delivers_rows_enqueued_while_running(store) -> None:  # type: ignore[no-untyped-def]
    adapter = FakeAdapter()
    box = make(store, adapter)
    worker = asyncio.create_task(box.run())
    try:
        box.enqueue_briefing(ChatRef("telegram", "1"), "a", PARTS, [])
        async with asyncio.timeout(10):
            while len(adapter.sent) < 3:
                await asyncio.sleep(0.005)
        box.enqueue_briefing(ChatRef("telegram", "1"), "b", PARTS[:1], [])
        async with asyncio.timeout(10):
            while len(adapter.sent) < 4:
                await asyncio.sleep(0.005)
    finally:
        worker.cancel()
        await asyncio.gather(worker, return_exceptions=True)
    assert adapter.texts_to("1") == ["part 1", "part 2", "part 3", "part 1"]


async def test_an_unexpected_error_leaves_the_chats_rows_to_be_tried_again(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import bot.delivery.outbox as outbox_module

    monkeypatch.setattr(outbox_module, "ERROR_PAUSE_SECONDS", 0.0)
    adapter = FakeAdapter()
    box = make(store, adapter)
    failures = iter([True])
    real = box._mark_sending

    def flaky(row):  # type: ignore[no-untyped-def]
        if next(failures, False):
            raise RuntimeError("database is locked")
        real(row)

    box._mark_sending = flaky  # type: ignore[method-assign]
    box.enqueue_briefing(ChatRef("telegram", "3"), "k", PARTS, [])
    worker = asyncio.create_task(box.run())
    try:
        async with asyncio.timeout(10):
            while len(adapter.sent) < 3:
                await asyncio.sleep(0.005)
    finally:
        worker.cancel()
        await asyncio.gather(worker, return_exceptions=True)
    assert adapter.texts_to("3") == ["part 1", "part 2", "part 3"]


async def test_prune_forgets_old_delivered_rows_and_unused_payloads(store) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    now = [dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)]
    adapter = FakeAdapter()
    box = make(store, adapter, clock=lambda: now[0])
    box.enqueue_briefing(ChatRef("telegram", "1"), "old", PARTS, [])
    await box.drain()
    now[0] += dt.timedelta(days=40)
    box.enqueue_briefing(ChatRef("telegram", "1"), "new", [{"text": "fresh"}], [])
    assert box.prune(dt.timedelta(days=30)) == 3
    assert [r.briefing_key for r in rows(store)] == ["new"]
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from outbox_payloads")).scalar() == 1


async def test_healthz_says_which_worker_and_what_it_holds(store) -> None:  # type: ignore[no-untyped-def]
    import aiohttp

    from bot.delivery.claims import claim_slot
    from bot.http import HttpServer
    from bot.metrics import Metrics

    box = make(store, FakeAdapter(), worker_id="host-a:1:abc")
    box.enqueue_briefing(ChatRef("telegram", "81"), "k", PARTS, [])
    await box._load()
    slot = dt.datetime(2026, 6, 1, 7, tzinfo=dt.UTC)
    assert claim_slot(store, slot, box.worker_id, utcnow())
    server = HttpServer("127.0.0.1", 0, metrics=Metrics(), extra_health=box.health)
    await server.start()
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{server.url}/healthz") as response:
                body = await response.json()
    finally:
        await server.stop()
    assert body["worker"] == {"id": "host-a:1:abc", "outbox_rows": {"pending": 3},
                              "planning_slots": ["2026-06-01T07:00:00+00:00"],
                              "sources_this_interval": 0}


async def test_rows_enqueued_for_a_chat_another_worker_holds_wait_for_that_worker(store) -> None:  # type: ignore[no-untyped-def]
    chat = ChatRef("telegram", "82")
    first_adapter, other_adapter = FakeAdapter(), FakeAdapter()
    first = make(store, first_adapter)
    first.enqueue_briefing(chat, "morning", PARTS, [])
    await first._load()  # holds the chat's morning parts, not sent yet
    first.enqueue_briefing(chat, "evening", PARTS[:1], [])
    await make(store, other_adapter).drain()
    assert other_adapter.sent == []  # would overtake the morning parts
    await first.drain()
    assert first_adapter.texts_to("82") == ["part 1", "part 2", "part 3", "part 1"]


async def test_fresh_entries_that_exist_after_all_fall_back_to_the_checked_insert(store) -> None:  # type: ignore[no-untyped-def]
    from bot.delivery.outbox import Entry

    box = make(store, FakeAdapter())
    box.enqueue_briefing(ChatRef("telegram", "83"), "k", PARTS, [])  # another worker's rows
    entries = [Entry(ChatRef("telegram", str(n)), "k", PARTS, []) for n in (83, 84)]
    assert box.enqueue_many(entries, fresh=True) == 3
    assert len(rows(store)) == 6
