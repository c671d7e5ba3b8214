"""The scheduler: pushes at each chat's local times, and collection on each source's interval.

APScheduler 3's `AsyncIOScheduler` runs on the bot's one event loop with its default in-memory
job store: nothing is pickled, and every job is rebuilt from the database at start (schedules
and sources are the truth, principle 4).

Pushes: every stored schedule's next fire instant is computed with zoneinfo
(bot.delivery.schedules.next_fire_times, DST-correct), and one DateTrigger job is kept per distinct
instant, holding every schedule due then. Chats due at the same instant are pushed together,
which is what lets a digest be computed once for all chats that share it (bot.delivery.fanout). After a
slot fires, each of its schedules moves on to its own next instant.

Collection: one IntervalTrigger job per source (its interval: the configured default, or
longer when the feed's TTL / Cache-Control asks), separate from pushes, so a push never waits
on a slow feed.

At start, pushes missed while the bot was down are found from the push records: the latest
missed slot of a schedule is pushed once if it is still within the grace window; older or
later-than-grace ones are recorded as skipped.

Several workers on one database each run this scheduler. A slot is planned by the worker that
claims it first (bot.delivery.claims; the others skip it, and the push records make every
chat's push happen once even when a later catch-up plans the slot again), and a source is
fetched by the worker that claims it for the interval.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.delivery.claims import (
    claim_slot,
    claim_source,
    prune_slots,
    release_slot,
    release_source,
    unclaimed_sources,
)
from bot.delivery.fanout import Due, FanOut, PushReport, last_push, prune_records, record_skipped
from bot.delivery.outbox import Outbox
from bot.delivery.schedules import (
    Schedule,
    ScheduleSpec,
    next_fire_times,
    previous_fire_times,
    stored_schedules,
)
from bot.messages import ChatRef
from briefs.models import CollectReport, Source, iso, utcnow
from briefs.store.store import Store
from config.settings import Settings

log = logging.getLogger(__name__)
CATCH_UP_DAYS = 7  # how far back missed pushes are looked for (and recorded as skipped)
RESYNC_MINUTES = 5  # re-read schedules and sources changed by another process (the CLI)
RESYNC_MIN_AGE = timedelta(minutes=2)  # a slot younger than this is the push job's to send
MAX_INTERVAL_MINUTES = 24 * 60
KEEP_DELIVERY = timedelta(days=30)  # sent rows, push records and briefings kept this long


class Scheduler:
    """Also the router's SchedulerHooks: `schedule_changed(chat)` and `source_added(source)`."""

    def __init__(
        self, service: Any, store: Store, settings: Settings, outbox: Outbox, *,
        clock: Callable[[], datetime] | None = None, fanout: FanOut | None = None,
    ) -> None:
        self.service = service
        self.store = store
        self.settings = settings
        self.outbox = outbox
        self.clock = clock or utcnow
        self.fanout = fanout or FanOut(service, store, settings, outbox, clock=self.clock)
        self.worker_id = outbox.worker_id  # one identity per worker for every claim
        self.grace = timedelta(minutes=settings.schedule.grace_minutes)
        self.aps = AsyncIOScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1,
            # APScheduler drops a run later than this; a busy loop must not cost a push.
            "misfire_grace_time": max(60, int(self.grace.total_seconds())),
        })
        self._slots: dict[datetime, set[int]] = defaultdict(set)  # instant -> schedule ids
        self._firing: set[datetime] = set()  # slots being pushed right now
        self._planned_from: frozenset[tuple[int, str, ScheduleSpec]] = frozenset()

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start on the running loop: catch up on missed pushes, then plan every job."""
        self.aps.start()
        self.plan_collection()
        self.plan_pushes()
        self.aps.add_job(self.resync, IntervalTrigger(minutes=RESYNC_MINUTES), id="resync",
                         replace_existing=True)
        self.aps.add_job(self.prune, IntervalTrigger(hours=24), id="prune", replace_existing=True,
                         next_run_time=self.clock() + timedelta(minutes=10))
        await self.catch_up()

    async def stop(self) -> None:
        if self.aps.running:
            self.aps.shutdown(wait=False)

    # -- router hooks --------------------------------------------------------------------------

    def schedule_changed(self, chat: ChatRef) -> None:
        self.plan_pushes()

    def source_added(self, source: Source) -> None:
        self._add_collect_job(source, first_run=self._first_run(source, self.clock()))

    async def resync(self) -> None:
        """Re-read the database: schedules and sources changed elsewhere, and any push a
        stalled loop or a clock jump let slip by (still within the grace window)."""
        await self.catch_up(min_age=RESYNC_MIN_AGE, within=self.grace + 2 * RESYNC_MIN_AGE)
        if self._fingerprint(stored_schedules(self.store)) != self._planned_from:
            self.plan_pushes()
        else:
            self._replan_stale(self.clock() - RESYNC_MIN_AGE)
        self.plan_collection(keep_existing=True)

    async def prune(self) -> None:
        """Keep the delivery tables from growing without end."""
        self.outbox.prune(KEEP_DELIVERY)
        prune_records(self.store, self.clock() - KEEP_DELIVERY)
        prune_slots(self.store, self.clock() - KEEP_DELIVERY)

    # -- pushes --------------------------------------------------------------------------------

    def plan_pushes(self) -> None:
        """(Re)build the push jobs from the stored schedules."""
        now = self.clock()
        self._slots.clear()
        for job in self.aps.get_jobs():
            if job.id.startswith("push:"):
                job.remove()
        schedules = stored_schedules(self.store)
        for schedule in schedules:
            self._plan(schedule, now)
        self._planned_from = self._fingerprint(schedules)

    def _replan_stale(self, before: datetime) -> None:
        """Slots whose job never ran (APScheduler drops a run later than its grace time):
        move their schedules on, or each would stop at its lost slot."""
        stale = [slot for slot in self._slots if slot < before and slot not in self._firing]
        schedules = {s.id: s for s in stored_schedules(self.store)} if stale else {}
        for slot in stale:
            for schedule_id in self._slots.pop(slot):
                if schedule_id in schedules:
                    self._plan(schedules[schedule_id], max(self.clock(), slot))

    @staticmethod
    def _fingerprint(schedules: list[Schedule]) -> frozenset[tuple[int, str, ScheduleSpec]]:
        return frozenset((s.id, s.chat_key, s.spec) for s in schedules)

    def _plan(self, schedule: Schedule, after: datetime) -> None:
        upcoming = next_fire_times(schedule.spec, after, 1)
        if not upcoming:
            return
        slot = upcoming[0]
        if not self._slots[slot]:
            self.aps.add_job(self.fire, DateTrigger(run_date=slot), args=[slot],
                             id=f"push:{iso(slot)}", replace_existing=True)
        self._slots[slot].add(schedule.id)

    def planned(self) -> dict[datetime, set[int]]:
        """Upcoming slots and the schedules due at each (for /status and tests)."""
        return {slot: set(ids) for slot, ids in self._slots.items() if ids}

    async def fire(self, slot: datetime) -> PushReport:
        """Push every schedule due at `slot`, then plan each one's next instant."""
        ids = self._slots.pop(slot, set())
        self._firing.add(slot)
        schedules: list[Schedule] = []
        try:
            stored = await asyncio.to_thread(stored_schedules, self.store)
            schedules = [s for s in stored if s.id in ids]
            return await self.push(slot, schedules)
        finally:
            self._firing.discard(slot)
            after = max(self.clock(), slot)
            for schedule in schedules:
                self._plan(schedule, after)

    async def push(self, slot: datetime, schedules: list[Schedule]) -> PushReport:
        """Push the slot if no other worker is planning it now (the claim on the slot)."""
        if not await asyncio.to_thread(claim_slot, self.store, slot, self.worker_id, self.clock()):
            log.info("push %s: planned by another worker", iso(slot))
            return PushReport(elsewhere=len(schedules))
        try:
            report = await self.fanout.push(slot, [_due(s, slot) for s in schedules])
        finally:
            # Shielded: a stop while planning still hands the slot back.
            await asyncio.shield(asyncio.to_thread(release_slot, self.store, slot,
                                                   self.worker_id, self.clock()))
        log.info("push %s: %d chats queued, %d silent, %d skipped, %d digests", iso(slot),
                 report.queued, report.silent, report.skipped, report.digests)
        return report

    async def catch_up(
        self, min_age: timedelta = timedelta(0), within: timedelta = timedelta(days=CATCH_UP_DAYS)
    ) -> list[PushReport]:
        """Push what was missed while down (within grace); record older misses as skipped.
        Slots younger than `min_age` or older than `within` are not looked at."""
        now = self.clock()
        until = now - min_age
        last = last_push(self.store)
        to_push: dict[datetime, list[Schedule]] = defaultdict(list)
        skipped: list[Due] = []
        for schedule in stored_schedules(self.store):
            lower = max(schedule.created_at, now - within,
                        last.get(schedule.chat_key, schedule.created_at))
            missed = [t for t in previous_fire_times(schedule.spec, lower, until)
                      if t not in self._firing]
            if missed and now - missed[-1] <= self.grace:
                to_push[missed[-1]].append(schedule)
                missed = missed[:-1]
            skipped.extend(_due(schedule, slot) for slot in missed)
        if skipped:
            record_skipped(self.store, skipped, "missed while the bot was down, past the grace "
                           f"window of {int(self.grace.total_seconds() // 60)} minutes", now)
            log.info("catch-up: %d missed pushes past the grace window skipped", len(skipped))
        return [await self.push(slot, items) for slot, items in sorted(to_push.items())]

    # -- collection ----------------------------------------------------------------------------

    def plan_collection(self, keep_existing: bool = False) -> None:
        """One interval job per stored source (or one for "whatever is due" when none)."""
        sources = self.store.list_sources()
        wanted = {f"collect:{s.id}" for s in sources} or {"collect:all"}
        for job in self.aps.get_jobs():
            if job.id.startswith("collect:") and (job.id not in wanted or not keep_existing):
                job.remove()
        now = self.clock()
        present = {job.id for job in self.aps.get_jobs()}
        if not sources and "collect:all" not in present:
            self.aps.add_job(self._collect_all, self._interval(None), id="collect:all",
                             next_run_time=now)
        for index, source in enumerate(sources):
            if f"collect:{source.id}" not in present:
                # Spread the first pass over a minute rather than hitting every feed at once.
                first = self._first_run(source, now + timedelta(seconds=index % 60))
                self._add_collect_job(source, first_run=first)

    def _first_run(self, source: Source, earliest: datetime) -> datetime:
        # A source fetched recently (the app's first pass, a /subscribe preview, a restart)
        # waits for its interval rather than being fetched again at once.
        if source.last_success is None:
            return earliest
        return max(earliest, source.last_success + self._minutes(source))

    def _add_collect_job(self, source: Source, first_run: datetime) -> None:
        self.aps.add_job(self._collect, self._interval(source), args=[source.id],
                         id=f"collect:{source.id}", replace_existing=True,
                         next_run_time=first_run)

    def _interval(self, source: Source | None) -> IntervalTrigger:
        return IntervalTrigger(minutes=self._minutes(source).total_seconds() / 60)

    def _minutes(self, source: Source | None) -> timedelta:
        minutes = self.settings.collect.interval_minutes or 15
        if source is not None and source.interval_minutes:
            # A feed's TTL / Cache-Control may ask for less frequent fetches, never more.
            minutes = min(MAX_INTERVAL_MINUTES, max(minutes, source.interval_minutes))
        return timedelta(minutes=minutes)

    async def _collect(self, source_id: int) -> None:
        source = await asyncio.to_thread(self.store.get_source, source_id)
        if source is None:  # removed since: drop its job
            self._remove_job(f"collect:{source_id}")
            return
        if not await asyncio.to_thread(claim_source, self.store, source_id, self.worker_id,
                                       self.clock(), self._minutes(source)):
            log.debug("collect: %s fetched by another worker this interval", source.url)
            return
        try:
            await self.service.collect([source])
        except asyncio.CancelledError:  # shutting down mid-fetch: another worker may fetch it
            await asyncio.shield(asyncio.to_thread(release_source, self.store, source_id,
                                                   self.worker_id))
            raise
        except Exception:
            log.exception("collect: %s failed", source.url)
        updated = await asyncio.to_thread(self.store.get_source, source_id)
        if updated is not None and updated.interval_minutes != source.interval_minutes:
            self.aps.reschedule_job(f"collect:{source_id}", trigger=self._interval(updated))

    async def collect_due(self, lanes: int | None = None) -> CollectReport:
        """The first collection at start: fetch the due sources `lanes` at a time (the fetches
        this worker runs at once), each claimed for its interval right before it is fetched.
        Workers starting together so share the sources as they go; claiming them all first
        would leave one worker fetching most of them alone (and, all at once, past their
        time budgets)."""
        due = iter(await asyncio.to_thread(self._due_sources))
        fetched: list[Any] = []

        async def lane() -> None:
            for source in due:  # one iterator for every lane: each source is tried once here
                if not await asyncio.to_thread(claim_source, self.store, source.id,
                                               self.worker_id, self.clock(), self._minutes(source)):
                    continue  # another worker has it
                try:
                    report = await self.service.collect([source])
                except asyncio.CancelledError:  # stopping: another worker may fetch it
                    await asyncio.shield(asyncio.to_thread(release_source, self.store, source.id,
                                                           self.worker_id))
                    raise
                fetched.extend(getattr(report, "sources", ()))

        # return_exceptions: when this worker stops, gather then waits for every lane to hand
        # its source back; without it, the first cancelled lane ends the gather and a source
        # still being released stays claimed for the interval.
        outcomes = await asyncio.gather(*(lane() for _ in range(max(1, lanes or self.settings.fetch.concurrency))),
                                        return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        return CollectReport(tuple(fetched))

    def _due_sources(self) -> list[Source]:
        now = self.clock()
        return [s for s in self.store.list_sources() if s.next_attempt is None or s.next_attempt <= now]

    def claim_due_sources(self, limit: int | None = None) -> list[Source]:
        """Due sources (at most `limit`) that this worker claimed for their interval; sources
        another worker claimed for this interval are left alone."""
        now = self.clock()
        due = self._due_sources()
        free = unclaimed_sources(self.store, [s.id for s in due], now)
        claimed: list[Source] = []
        for source in due:
            if limit is not None and len(claimed) >= limit:
                break
            if source.id in free and claim_source(self.store, source.id, self.worker_id, now,
                                                  self._minutes(source)):
                claimed.append(source)
        return claimed


    async def _collect_all(self) -> None:
        try:
            await self.service.collect(None)
        except Exception:
            log.exception("collect: pass over all sources failed")

    def _remove_job(self, job_id: str) -> None:
        if self.aps.get_job(job_id) is not None:
            self.aps.remove_job(job_id)


def _due(schedule: Schedule, slot: datetime) -> Due:
    chat = dataclasses.replace(ChatRef.parse(schedule.chat_key), thread_id=schedule.thread_id)
    return Due(chat, slot, schedule.id)
