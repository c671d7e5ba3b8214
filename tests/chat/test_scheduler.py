"""The scheduler on a frozen clock: slots planned per local time, two pushes a day, chats at
UTC+14 and UTC-11, missed pushes inside and outside the grace window, only-new-stories pushes
that stay silent, a digest computed once per group of identical subscriptions, and the real
AsyncIOScheduler running collection jobs."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

from bot.chats import ensure_chat, mark_inactive
from bot.delivery.outbox import Outbox
from bot.delivery.scheduler import Scheduler
from bot.delivery.schedules import add_schedule, parse_schedule
from bot.delivery.schema import outbox as outbox_table
from bot.delivery.schema import push_records
from bot.messages import ChatRef
from bot.subscriptions import add_topic
from briefs.models import Briefing, Scope, StoryBrief
from tests.chat.test_outbox_fakes import FakeAdapter

pytestmark = pytest.mark.backends("sqlite", "postgresql")

UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class FakeService:
    """Stories with the moment they were collected; brief() returns those in the window."""

    stories: list[tuple[dt.datetime, str]] = field(default_factory=list)
    briefs: list[Scope] = field(default_factory=list)
    collected: list[object] = field(default_factory=list)

    def add(self, at: dt.datetime, title: str) -> None:
        self.stories.append((at, title))

    async def brief(self, scope: Scope, *, limit: int | None = None, **_: object) -> Briefing:
        self.briefs.append(scope)
        found = [t for at, t in self.stories if scope.since is None or at >= scope.since]
        if scope.topics:
            found = [t for t in found if any(w in t.lower() for w in scope.topics)]
        return Briefing(tuple(StoryBrief(title=t, summary=(f"About {t}.",), story_id=n)
                              for n, t in enumerate(found[:limit], start=1)))

    async def collect(self, sources=None, progress=None):  # type: ignore[no-untyped-def]
        self.collected.append(sources)


def setup(store, settings, now):  # type: ignore[no-untyped-def]
    clock = Clock(now)
    service = FakeService()
    adapter = FakeAdapter()
    box = Outbox(store, {"telegram": adapter}, clock=clock)
    scheduler = Scheduler(service, store, settings, box, clock=clock)
    return clock, service, adapter, box, scheduler


def schedule(store, chat_key: str, text: str, created: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    sid = add_schedule(store, chat_key, parse_schedule(text, "UTC"))
    with store.engine.begin() as conn:  # as if added at `created`
        conn.execute(sa.text("update schedules set created_at = :c where id = :i"),
                     {"c": created.replace(tzinfo=None), "i": sid})
    return sid


def records(store) -> list[tuple[str, dt.datetime, str]]:  # type: ignore[no-untyped-def]
    p = push_records.c
    with store.engine.connect() as conn:
        return [(r.chat_key, r.slot, r.status) for r in conn.execute(
            sa.select(p.chat_key, p.slot, p.status).order_by(p.slot, p.chat_key))]


def queued_rows(store) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(outbox_table)).scalar_one()


async def test_two_pushes_a_day_show_only_what_is_new(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 1, 5))
    schedule(store, "telegram:1", "08:00 Europe/Berlin", utc(2026, 5, 1))
    schedule(store, "telegram:1", "20:00 Europe/Berlin", utc(2026, 5, 1))
    scheduler.plan_pushes()
    morning, evening = utc(2026, 6, 1, 6), utc(2026, 6, 1, 18)  # CEST is UTC+2
    assert sorted(scheduler.planned()) == [morning, evening]
    service.add(utc(2026, 6, 1, 4), "Dawn story")

    clock.now = morning
    report = await scheduler.fire(morning)
    assert report.queued == 1
    assert sorted(scheduler.planned()) == [evening, utc(2026, 6, 2, 6)]
    await box.drain()
    assert "Dawn story" in " ".join(adapter.texts_to("1"))

    # Nothing new by the evening: the push stays silent.
    clock.now = evening
    silent = await scheduler.fire(evening)
    assert silent.silent == 1 and silent.queued == 0
    sent_before = len(adapter.sent)
    await box.drain()
    assert len(adapter.sent) == sent_before
    assert sorted(scheduler.planned()) == [utc(2026, 6, 2, 6), utc(2026, 6, 2, 18)]

    # The next morning shows only the story collected since the evening push.
    service.add(utc(2026, 6, 1, 22), "Night story")
    clock.now = utc(2026, 6, 2, 6)
    await scheduler.fire(clock.now)
    await box.drain()
    latest = " ".join(adapter.texts_to("1")[sent_before:])
    assert "Night story" in latest and "Dawn story" not in latest
    assert [status for _, _, status in records(store)] == ["queued", "silent", "queued"]


async def test_firing_the_same_slot_twice_pushes_once(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 1, 7))
    sid = schedule(store, "telegram:1", "07:00 UTC", utc(2026, 5, 1))
    service.add(utc(2026, 6, 1, 6), "Story")
    from bot.delivery.schedules import stored_schedules
    first = await scheduler.push(utc(2026, 6, 1, 7), stored_schedules(store))
    rows = queued_rows(store)
    assert first.queued == 1 and rows == first.rows > 0
    again = await scheduler.push(utc(2026, 6, 1, 7), stored_schedules(store))
    assert again.skipped == 1 and queued_rows(store) == rows and sid


async def test_date_line_chats_fire_at_their_local_morning(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 1, 0))
    kiri = schedule(store, "telegram:14", "07:00 Pacific/Kiritimati", utc(2026, 5, 1))
    pago = schedule(store, "telegram:-11", "07:00 Pacific/Pago_Pago", utc(2026, 5, 1))
    scheduler.plan_pushes()
    # UTC+14: 07:00 local on 2 June is 17:00 UTC on 1 June; UTC-11: 07:00 is 18:00 UTC.
    assert scheduler.planned() == {utc(2026, 6, 1, 17): {kiri}, utc(2026, 6, 1, 18): {pago}}
    service.add(utc(2026, 6, 1, 1), "Pacific story")
    for slot in sorted(scheduler.planned()):
        clock.now = slot
        await scheduler.fire(slot)
    await box.drain()
    assert adapter.texts_to("14") and adapter.texts_to("-11")
    assert sorted(scheduler.planned()) == [utc(2026, 6, 2, 17), utc(2026, 6, 2, 18)]


async def test_missed_push_within_grace_is_sent_once_on_restart(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 2, 8, 30))
    schedule(store, "telegram:1", "07:00 UTC", utc(2026, 6, 1, 6))
    service.add(utc(2026, 6, 2, 5), "Missed story")
    reports = await scheduler.catch_up()  # down from before 07:00; 90 min late < 120 min grace
    assert [r.queued for r in reports] == [1]
    # June 1st's 07:00 was missed too, but long ago: recorded as skipped.
    assert records(store) == [("telegram:1", utc(2026, 6, 1, 7), "skipped"),
                              ("telegram:1", utc(2026, 6, 2, 7), "queued")]
    # A second restart sends nothing again.
    clock.now = utc(2026, 6, 2, 8, 45)
    assert await Scheduler(service, store, settings, box, clock=clock).catch_up() == []
    await box.drain()
    assert "Missed story" in " ".join(adapter.texts_to("1"))


async def test_missed_push_beyond_grace_is_skipped_and_recorded(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 2, 9, 30))
    schedule(store, "telegram:1", "07:00 UTC", utc(2026, 6, 2, 6))
    service.add(utc(2026, 6, 2, 5), "Late story")
    assert await scheduler.catch_up() == []
    assert records(store) == [("telegram:1", utc(2026, 6, 2, 7), "skipped")]
    assert queued_rows(store) == 0 and service.briefs == []


async def test_digest_computed_once_per_group_of_identical_subscriptions(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 1, 7))
    for n in range(30):
        schedule(store, f"telegram:{n}", "07:00 UTC", utc(2026, 5, 1))
    for n in (100, 101):  # two chats that only follow a topic
        ensure_chat(store, f"telegram:{n}")
        add_topic(store, f"telegram:{n}", "climate", limit=20)
        schedule(store, f"telegram:{n}", "07:00 UTC", utc(2026, 5, 1))
    ensure_chat(store, "telegram:29")
    mark_inactive(store, "telegram:29", "blocked")
    service.add(utc(2026, 6, 1, 6), "Climate summit")
    service.add(utc(2026, 6, 1, 6), "Football final")
    from bot.delivery.schedules import stored_schedules
    report = await scheduler.push(utc(2026, 6, 1, 7), stored_schedules(store))
    assert report.digests == 2 and len(service.briefs) == 2
    assert report.queued == 31 and report.skipped == 1  # the inactive chat is left out
    await box.drain()
    assert adapter.texts_to("29") == []
    assert "Football" not in " ".join(adapter.texts_to("100"))
    assert "Football" in " ".join(adapter.texts_to("0"))


async def test_real_scheduler_plans_jobs_and_runs_collection(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, dt.datetime.now(UTC))
    schedule(store, "telegram:1", "07:00 Europe/Berlin mon-fri", utc(2026, 1, 1))
    source = store.add_source("https://example.org/feed.xml")
    await scheduler.start()
    try:
        jobs = {job.id: job for job in scheduler.aps.get_jobs()}
        pushes = [j for j in jobs if j.startswith("push:")]
        assert len(pushes) == 1 and f"collect:{source.id}" in jobs
        assert jobs[pushes[0]].next_run_time.astimezone(UTC) == min(scheduler.planned())
        async with asyncio.timeout(10):
            while not service.collected:
                await asyncio.sleep(0.01)
        assert service.collected[0][0].id == source.id
        second = store.add_source("https://example.org/other.xml")
        scheduler.source_added(second)
        async with asyncio.timeout(10):
            while len(service.collected) < 2:
                await asyncio.sleep(0.01)
        assert service.collected[1][0].id == second.id
        scheduler.schedule_changed(ChatRef("telegram", "1"))
        assert len([j for j in scheduler.aps.get_jobs() if j.id.startswith("push:")]) == 1
    finally:
        await scheduler.stop()


async def test_resync_sends_a_push_the_running_bot_let_slip(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 2, 6, 50))
    schedule(store, "telegram:1", "07:00 UTC", utc(2026, 6, 2, 6))
    scheduler.plan_pushes()
    service.add(utc(2026, 6, 2, 6), "Story")
    clock.now = utc(2026, 6, 2, 7, 1)  # the 07:00 job has not run (a stalled loop, say)
    await scheduler.resync()
    assert records(store) == []  # too fresh: the push job may still be running it
    clock.now = utc(2026, 6, 2, 7, 5)
    await scheduler.resync()
    assert records(store) == [("telegram:1", utc(2026, 6, 2, 7), "queued")]
    assert sorted(scheduler.planned()) == [utc(2026, 6, 3, 7)]


async def test_pushes_across_berlin_dst_changes_fire_once_each_day(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 3, 28, 12))
    schedule(store, "telegram:1", "02:30 Europe/Berlin", utc(2026, 3, 1))
    service.add(utc(2026, 3, 28, 12), "Spring story")
    scheduler.plan_pushes()
    # 02:30 does not exist on 29 March: the push goes at 03:30 CEST (01:30 UTC), once.
    assert sorted(scheduler.planned()) == [utc(2026, 3, 29, 1, 30)]
    clock.now = utc(2026, 3, 29, 1, 30)
    assert (await scheduler.fire(clock.now)).queued == 1
    assert sorted(scheduler.planned()) == [utc(2026, 3, 30, 0, 30)]

    # 02:30 happens twice on 25 October: one push, at the first (00:30 UTC).
    clock.now = utc(2026, 10, 24, 12)
    scheduler.plan_pushes()
    assert sorted(scheduler.planned()) == [utc(2026, 10, 25, 0, 30)]
    clock.now = utc(2026, 10, 25, 0, 30)
    await scheduler.fire(clock.now)
    assert sorted(scheduler.planned()) == [utc(2026, 10, 26, 1, 30)]  # not 01:30 UTC on the 25th


def test_collection_intervals_follow_the_feed_and_recent_fetches(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 1, 12))
    fresh = store.add_source("https://example.org/fresh.xml")
    store.update_source(fresh.id, last_success=utc(2026, 6, 1, 11, 55), interval_minutes=60)
    never = store.add_source("https://example.org/new.xml")
    scheduler.plan_collection()
    jobs = {job.id: job for job in scheduler.aps.get_jobs()}
    # fetched 5 minutes ago with a one-hour TTL: next in 55 minutes, then hourly
    assert jobs[f"collect:{fresh.id}"].next_run_time == utc(2026, 6, 1, 12, 55)
    assert jobs[f"collect:{fresh.id}"].trigger.interval == dt.timedelta(hours=1)
    # never fetched: right away, then on the default interval
    assert jobs[f"collect:{never.id}"].next_run_time <= utc(2026, 6, 1, 12, 1)
    assert jobs[f"collect:{never.id}"].trigger.interval == dt.timedelta(minutes=15)


class SlowService(FakeService):
    """brief() waits until released, so that a second worker fires while the first plans."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = asyncio.Event()
        self.go_on = asyncio.Event()

    async def brief(self, scope: Scope, *, limit: int | None = None, **kw: object) -> Briefing:
        self.entered.set()
        await self.go_on.wait()
        return await super().brief(scope, limit=limit, **kw)


async def test_two_workers_firing_one_slot_plan_it_once(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(utc(2026, 6, 1, 6, 59))
    services = [SlowService(), SlowService()]
    workers = [Scheduler(s, store, settings, Outbox(store, {"telegram": FakeAdapter()}, clock=clock),
                         clock=clock) for s in services]
    for n in range(5):
        schedule(store, f"telegram:{n}", "07:00 UTC", utc(2026, 5, 1))
    for service in services:
        service.add(utc(2026, 6, 1, 6), "Story")
    for worker in workers:
        worker.plan_pushes()
    clock.now = utc(2026, 6, 1, 7)
    first = asyncio.create_task(workers[0].fire(utc(2026, 6, 1, 7)))
    await asyncio.wait_for(services[0].entered.wait(), 10)
    second = await workers[1].fire(utc(2026, 6, 1, 7))  # the first one is still planning
    assert (second.queued, second.elsewhere) == (0, 5) and not services[1].briefs
    services[0].go_on.set()
    report = await first
    assert report.queued == 5 and report.digests == 1
    assert len(records(store)) == 5 and queued_rows(store) == report.rows
    # Both move on to the next morning.
    assert all(sorted(w.planned()) == [utc(2026, 6, 2, 7)] for w in workers)


async def test_a_slot_claim_of_a_dead_worker_is_taken_after_its_lease(store, settings) -> None:  # type: ignore[no-untyped-def]
    from bot.delivery.claims import PUSH_LEASE, claim_slot

    clock, service, adapter, box, scheduler = setup(store, settings, utc(2026, 6, 1, 6, 59))
    schedule(store, "telegram:1", "07:00 UTC", utc(2026, 5, 1))
    service.add(utc(2026, 6, 1, 6), "Story")
    slot = utc(2026, 6, 1, 7)
    scheduler.plan_pushes()
    clock.now = slot
    assert claim_slot(store, slot, "elsewhere:1:dead", clock())  # it died while planning
    assert (await scheduler.fire(slot)).elsewhere == 1
    clock.now = slot + PUSH_LEASE + dt.timedelta(seconds=1)
    reports = await scheduler.catch_up()
    assert [r.queued for r in reports] == [1]


async def test_each_source_is_fetched_once_per_interval_across_workers(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(utc(2026, 6, 1, 7))
    services = [FakeService(), FakeService()]
    workers = [Scheduler(s, store, settings, Outbox(store, {"telegram": FakeAdapter()}, clock=clock),
                         clock=clock) for s in services]
    source = store.add_source("https://example.org/feed.xml")
    for worker in workers:
        await worker._collect(source.id)
    clock.now += dt.timedelta(minutes=5)
    await workers[1]._collect(source.id)
    assert [len(s.collected) for s in services] == [1, 0]
    clock.now += dt.timedelta(minutes=settings.collect.interval_minutes)  # the next interval
    await workers[1]._collect(source.id)
    await workers[0]._collect(source.id)
    assert [len(s.collected) for s in services] == [1, 1]


async def test_workers_starting_together_split_the_first_collection(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(utc(2026, 6, 1, 7))
    workers = [Scheduler(FakeService(), store, settings,
                         Outbox(store, {"telegram": FakeAdapter()}, clock=clock), clock=clock)
               for _ in range(2)]
    for n in range(4):
        store.add_source(f"https://example.org/{n}.xml")
    first = workers[0].claim_due_sources()
    second = workers[1].claim_due_sources()
    assert len(first) == 4 and second == []  # each due source is fetched by one of them
    clock.now += dt.timedelta(minutes=settings.collect.interval_minutes)
    assert len(workers[1].claim_due_sources()) == 4  # the next interval is anyone's again


class HeldService(FakeService):
    """Its collect() waits until the test lets it go on (a worker busy fetching a batch)."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.go_on = asyncio.Event(), asyncio.Event()

    async def collect(self, sources=None, progress=None):  # type: ignore[no-untyped-def]
        self.collected.append(sources)
        self.entered.set()
        await self.go_on.wait()


def claimed_ids(service: FakeService) -> list[int]:
    return [s.id for batch in service.collected for s in batch]


async def test_the_first_collection_claims_sources_as_it_goes(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(utc(2026, 6, 1, 7))
    held, other = HeldService(), FakeService()
    workers = [Scheduler(service, store, settings,
                         Outbox(store, {"telegram": FakeAdapter()}, clock=clock), clock=clock)
               for service in (held, other)]
    ids = [store.add_source(f"https://example.org/{n}.xml").id for n in range(10)]
    first = asyncio.create_task(workers[0].collect_due(lanes=3))
    # The first worker is busy with its first three sources (one per lane)...
    await asyncio.wait_for(_until(lambda: len(held.collected) == 3), 10)
    await workers[1].collect_due(lanes=3)  # ...so the other one takes the other seven
    held.go_on.set()
    await first
    assert [len(batch) for batch in held.collected] == [1, 1, 1]
    assert [len(batch) for batch in other.collected] == [1] * 7
    assert sorted(claimed_ids(held) + claimed_ids(other)) == ids  # each source once


async def _until(condition) -> None:  # type: ignore[no-untyped-def]
    while not condition():
        await asyncio.sleep(0.01)


async def test_a_stopped_first_collection_hands_its_sources_back(store, settings) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(utc(2026, 6, 1, 7))
    held, other = HeldService(), FakeService()
    workers = [Scheduler(service, store, settings,
                         Outbox(store, {"telegram": FakeAdapter()}, clock=clock), clock=clock)
               for service in (held, other)]
    for n in range(4):
        store.add_source(f"https://example.org/{n}.xml")
    first = asyncio.create_task(workers[0].collect_due(lanes=2))
    await asyncio.wait_for(_until(lambda: len(held.collected) == 2), 10)
    first.cancel()  # the worker stops while fetching two sources
    await asyncio.gather(first, return_exceptions=True)
    await workers[1].collect_due(lanes=10)
    assert sorted(claimed_ids(other)) == sorted(s.id for s in store.list_sources())


async def test_a_worker_stopped_while_planning_hands_the_slot_back(store, settings) -> None:  # type: ignore[no-untyped-def]
    from bot.delivery.claims import claim_slot

    clock = Clock(utc(2026, 6, 1, 6, 59))
    service = SlowService()
    worker = Scheduler(service, store, settings,
                       Outbox(store, {"telegram": FakeAdapter()}, clock=clock), clock=clock)
    schedule(store, "telegram:1", "07:00 UTC", utc(2026, 5, 1))
    service.add(utc(2026, 6, 1, 6), "Story")
    worker.plan_pushes()
    clock.now = slot = utc(2026, 6, 1, 7)
    firing = asyncio.create_task(worker.fire(slot))
    await asyncio.wait_for(service.entered.wait(), 10)
    firing.cancel()  # stopping mid-plan
    await asyncio.gather(firing, return_exceptions=True)
    # Another worker may plan the slot at once (its catch-up), not after the 15-minute lease.
    assert claim_slot(store, slot, "host-b:2:b", clock())
