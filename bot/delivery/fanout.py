"""Scheduled pushes to many chats, paying once per distinct digest.

Chats due at the same slot are grouped by what their digest depends on: the scope key (their
sources and topics), the chat settings that shape it, and the window (new since their last
briefing). `service.brief` runs once per group (and the writer summarizes each article once,
whatever the number of groups), the document is rendered once per platform, and then one
outbox entry per chat is written, together with the push records, in one transaction.

What each chat's digest depends on is read for a batch of chats in a few queries
(bot.delivery.planning), and each batch is enqueued before the next one is read: the first
messages leave while later chats are still being planned.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.delivery.bulk import among, bulk_insert
from bot.delivery.outbox import Entry, Outbox
from bot.delivery.planning import BRIEFED, IN_CHUNK, aware, chat_profiles
from bot.delivery.schema import briefings, push_records
from bot.messages import ChatRef, Document, Payload
from briefs.models import Briefing, Scope, iso, utcnow
from briefs.store.store import Store
from config.settings import Settings

log = logging.getLogger(__name__)
# A composer takes the briefing and, if it accepts it, the chat language as `language=`.
Composer = Callable[..., Document]
ENQUEUE_CHUNK = 1000  # chats per enqueue transaction (about 50 ms of work)
PLAN_CHUNK = 2000  # chats looked up and grouped together before their groups are enqueued


@dataclass(frozen=True)
class Due:
    """One chat's scheduled push at one slot."""

    chat: ChatRef
    slot: datetime
    schedule_id: int | None = None


@dataclass
class PushReport:
    queued: int = 0  # chats that got parts queued
    silent: int = 0  # chats with nothing new
    skipped: int = 0  # already pushed for this slot, or inactive
    digests: int = 0  # service.brief calls
    rows: int = 0  # outbox rows written
    elsewhere: int = 0  # schedules left to the worker planning this slot already


@dataclass
class _Digest:
    """A group's digest: its briefing key, the document (None: nothing new) and renderings."""

    key: str
    document: Document | None
    story_ids: list[int]
    rendered: dict[str, list[Payload]] = field(default_factory=dict)


@dataclass
class _Group:
    scope: Scope
    limit: int
    summary_sentences: int | None = None
    language: str = "en"  # the chats' /settings language: the document's labels
    dues: list[Due] = field(default_factory=list)


def default_composer(briefing: Briefing, language: str = "en") -> Document:
    from bot.render.compose import briefing_document

    return briefing_document(briefing, language=language)


def accepts_language(compose: Composer) -> bool:
    """Whether `compose` takes `language=` (older composers take the briefing only)."""
    try:
        params = inspect.signature(compose).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "language" or p.kind is p.VAR_KEYWORD for p in params)


class FanOut:
    def __init__(
        self, service: Any, store: Store, settings: Settings, outbox: Outbox, *,
        compose: Composer | None = None, clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.service = service
        self.store = store
        self.settings = settings
        self.outbox = outbox
        self.compose = compose or default_composer
        self.clock = clock or utcnow

    async def push(self, slot: datetime, dues: Iterable[Due]) -> PushReport:
        """Brief every due chat for `slot`; a chat already pushed for `slot` is left alone.

        Chats are planned a batch at a time (a few queries per batch), and each batch's groups
        are enqueued before the next batch is looked up, so the outbox starts sending the
        first chats while the others are planned. A digest is computed once per group and
        kept for the later batches that share it."""
        report = PushReport()
        digests: dict[str, _Digest | None] = {}
        # Every query runs in a thread: the loop keeps sending (and pacing) meanwhile.
        fresh = await asyncio.to_thread(self._not_yet_pushed, slot, list(dues), report)
        for start in range(0, len(fresh), PLAN_CHUNK):
            groups = await asyncio.to_thread(self._groups, slot, fresh[start:start + PLAN_CHUNK],
                                             report)
            for key, group in groups.items():
                await self._push_group(slot, key, group, report, digests)
            await asyncio.sleep(0)  # let the outbox send what is queued already
        return report

    # -- who, and with which digest ---------------------------------------------------------

    def _not_yet_pushed(self, slot: datetime, dues: list[Due], report: PushReport) -> list[Due]:
        done = pushed_chats(self.store, slot)
        fresh = []
        for due in dues:
            if due.chat.key in done:
                report.skipped += 1
            else:
                fresh.append(due)
                done.add(due.chat.key)  # the same chat twice in one slot is pushed once
        return fresh

    def _groups(self, slot: datetime, dues: list[Due], report: PushReport) -> dict[str, _Group]:
        """Group the batch's active chats by what their digest depends on."""
        profiles = chat_profiles(self.store, [d.chat.key for d in dues], self.settings)
        default_start = slot - timedelta(hours=self.settings.brief.since_hours)
        groups: dict[str, _Group] = {}
        inactive = []
        for due in dues:
            profile = profiles[due.chat.key]
            if not profile.active:
                inactive.append(due)
                continue
            prefs = profile.settings
            scope = dataclasses.replace(profile.scope, since=profile.last_briefed or default_start)
            key = "|".join([scope.key, str(prefs.stories), str(prefs.summary_sentences),
                            prefs.language])
            group = groups.setdefault(key, _Group(scope, prefs.stories, prefs.summary_sentences,
                                                  prefs.language))
            group.dues.append(due)
        if inactive:
            self._record(inactive, "skipped", detail="chat inactive")
            report.skipped += len(inactive)
        return groups

    # -- one digest, many chats ---------------------------------------------------------------

    async def _digest(self, slot: datetime, group: _Group) -> _Digest | None:
        try:
            briefing = await self.service.brief(
                group.scope, limit=group.limit, summary_sentences=group.summary_sentences
            )
        except Exception:  # one failing digest must not stop the other groups' pushes
            log.exception("push %s: briefing for %d chats failed", iso(slot), len(group.dues))
            return None
        key = await asyncio.to_thread(self._save_briefing, slot, group, briefing)
        if not briefing.stories:
            return _Digest(key, None, [])
        story_ids = [s.story_id for s in briefing.stories if s.story_id is not None]
        return _Digest(key, self._compose(briefing, group.language), story_ids)

    async def _push_group(self, slot: datetime, key: str, group: _Group, report: PushReport,
                          digests: dict[str, _Digest | None]) -> None:
        if key not in digests:
            digests[key] = await self._digest(slot, group)
            report.digests += digests[key] is not None
        digest = digests[key]
        if digest is None:  # no record: a restart within the grace window tries them again
            return
        if digest.document is None:
            await asyncio.to_thread(self._record, group.dues, "silent", briefing_key=digest.key,
                                    window=group.scope.since)
            report.silent += len(group.dues)
            return
        payloads = self._payloads(digest, {d.chat.platform for d in group.dues})
        reachable = [d for d in group.dues if payloads.get(d.chat.platform)]
        unreachable = [d for d in group.dues if not payloads.get(d.chat.platform)]
        if unreachable:
            await asyncio.to_thread(self._record, unreachable, "skipped",
                                    detail="platform not running")
        # In chunks, each chunk's rows and push records in one transaction, so that the loop
        # (and the outbox, already sending the first chunks) is never held for long.
        for start in range(0, len(reachable), ENQUEUE_CHUNK):
            chunk = reachable[start:start + ENQUEUE_CHUNK]
            entries = [Entry(d.chat, iso(slot) or "", payloads[d.chat.platform], digest.story_ids)
                       for d in chunk]

            def record(conn: Connection, chunk: list[Due] = chunk) -> None:
                _insert_records(conn, chunk, "queued", self.clock(), briefing_key=digest.key,
                                window=group.scope.since)

            # Fresh: these chats have no push record for the slot, and their rows are written
            # with their records, so none of the rows can exist.
            report.rows += await self.outbox.enqueue(entries, also=record, fresh=True)
        report.queued += len(reachable)
        report.skipped += len(unreachable)

    def _payloads(self, digest: _Digest, platforms: set[str]) -> dict[str, list[Payload]]:
        """The digest rendered for each platform, once (kept for the later batches)."""
        assert digest.document is not None
        for platform in platforms - set(digest.rendered):
            adapter = self.outbox.adapters.get(platform)
            if adapter is None:
                log.warning("push: no adapter for %s; its chats are skipped", platform)
                digest.rendered[platform] = []
            else:
                digest.rendered[platform] = adapter.render(digest.document)
        return digest.rendered

    def _compose(self, briefing: Briefing, language: str) -> Document:
        # Checked per digest, not once: `compose` may be replaced after construction.
        if accepts_language(self.compose):
            return self.compose(briefing, language=language)
        return self.compose(briefing)

    def _save_briefing(self, slot: datetime, group: _Group, briefing: Briefing) -> str:
        key = f"{group.scope.key}|{group.limit}|{iso(slot)}"
        story_ids = [s.story_id for s in briefing.stories if s.story_id is not None]
        with self.store.engine.begin() as conn:
            exists = conn.execute(sa.select(briefings.c.id).where(briefings.c.key == key)).first()
            if exists is None:
                conn.execute(briefings.insert().values(
                    key=key, scope_key=group.scope.key, window_start=group.scope.since,
                    window_end=slot, story_ids=json.dumps(story_ids),
                    stories=len(briefing.stories), generated_by=briefing.generated_by,
                    created_at=self.clock(),
                ))
        return key

    def _record(self, dues: list[Due], status: str, **values: Any) -> None:
        with self.store.engine.begin() as conn:
            _insert_records(conn, dues, status, self.clock(), **values)


def _insert_records(
    conn: Connection, dues: list[Due], status: str, now: datetime, *,
    briefing_key: str | None = None, window: datetime | None = None, detail: str | None = None,
) -> None:
    """One push record per due chat and slot that has none yet."""
    p = push_records.c
    for slot in {d.slot for d in dues}:
        keys = [d.chat.key for d in dues if d.slot == slot]
        existing: set[str] = set()  # only these chats' records, not the slot's thousands
        for start in range(0, len(keys), IN_CHUNK):
            existing.update(conn.execute(sa.select(p.chat_key).where(
                p.slot == slot, among(conn, p.chat_key, keys[start:start + IN_CHUNK]))).scalars())
        rows = [dict(chat_key=d.chat.key, schedule_id=d.schedule_id, status=status,
                     briefing_key=briefing_key, detail=detail)
                for d in dues if d.slot == slot and d.chat.key not in existing]
        if rows:
            shared = dict(slot=slot, created_at=now, window_start=window)
            bulk_insert(conn, push_records, rows, shared)


def record_skipped(store: Store, dues: list[Due], detail: str, now: datetime | None = None) -> None:
    """Record pushes that will not happen (missed beyond the grace window)."""
    with store.engine.begin() as conn:
        _insert_records(conn, dues, "skipped", now or utcnow(), detail=detail)


def pushed_chats(store: Store, slot: datetime) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(
            sa.select(push_records.c.chat_key).where(push_records.c.slot == slot)).scalars())


def last_briefed(store: Store, chat_keys: list[str]) -> dict[str, datetime]:
    """Each chat's last briefed slot (queued or silent push)."""
    p = push_records.c
    out: dict[str, datetime] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(chat_keys), 500):
            chunk = chat_keys[start:start + 500]
            query = (sa.select(p.chat_key, sa.func.max(p.slot))
                     .where(p.chat_key.in_(chunk), p.status.in_(BRIEFED)).group_by(p.chat_key))
            for key, slot in conn.execute(query):
                out[key] = aware(slot)
    return out


def last_push(store: Store) -> dict[str, datetime]:
    """Each chat's latest push record of any kind (for finding pushes missed while down)."""
    p = push_records.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(p.chat_key, sa.func.max(p.slot)).group_by(p.chat_key))
        return {key: aware(slot) for key, slot in rows}


def prune_records(store: Store, cutoff: datetime) -> None:
    """Forget push records and computed briefings older than `cutoff` (a chat whose last
    record is gone is then briefed on the default window, as a new chat is)."""
    with store.engine.begin() as conn:
        conn.execute(push_records.delete().where(push_records.c.slot < cutoff))
        conn.execute(briefings.delete().where(briefings.c.window_end < cutoff))


def grouped_by_slot(dues: Iterable[Due]) -> dict[datetime, list[Due]]:
    out: dict[datetime, list[Due]] = defaultdict(list)
    for due in dues:
        out[due.slot].append(due)
    return out
