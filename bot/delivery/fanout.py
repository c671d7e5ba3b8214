"""Scheduled pushes to many chats, paying once per distinct digest.

Chats due at the same slot are grouped by what their digest depends on: the scope key (their
sources and topics), the chat settings that shape it, and the window (new since their last
briefing). `service.brief` runs once per group (and the writer summarizes each article once,
whatever the number of groups), the document is rendered once per platform, and then one
outbox entry per chat is written, together with the push records, in one transaction.
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
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.delivery.outbox import Entry, Outbox
from bot.delivery.schema import briefings, push_records
from bot.messages import ChatRef, Document, Payload
from briefs.models import Briefing, Scope, iso, utcnow
from briefs.store.store import Store
from config.settings import Settings

log = logging.getLogger(__name__)
# A composer takes the briefing and, if it accepts it, the chat language as `language=`.
Composer = Callable[..., Document]
# A push counts as a briefing (for "new since the last one") when parts were queued, or when
# it was silent because nothing was new; a skipped push does not move the window on.
BRIEFED = ("queued", "silent")
ENQUEUE_CHUNK = 500  # chats per enqueue transaction
YIELD_EVERY = 100  # chats looked up between two yields to the event loop


async def _breathe(index: int) -> None:
    """Per-chat lookups are short but many: let other tasks run now and then."""
    if index and index % YIELD_EVERY == 0:
        await asyncio.sleep(0)


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
        """Brief every due chat for `slot`; a chat already pushed for `slot` is left alone."""
        report = PushReport()
        pending = await self._not_yet_pushed(slot, list(dues), report)
        for group in (await self._groups(slot, pending)).values():
            await self._push_group(slot, group, report)
        return report

    # -- who, and with which digest ---------------------------------------------------------

    async def _not_yet_pushed(
        self, slot: datetime, dues: list[Due], report: PushReport
    ) -> list[Due]:
        from bot.chats import is_active

        done = pushed_chats(self.store, slot)
        fresh, inactive = [], []
        for index, due in enumerate(dues):
            await _breathe(index)
            if due.chat.key in done:
                report.skipped += 1
            elif not is_active(self.store, due.chat):
                inactive.append(due)
            else:
                fresh.append(due)
                done.add(due.chat.key)  # the same chat twice in one slot is pushed once
        if inactive:
            self._record(inactive, "skipped", detail="chat inactive")
            report.skipped += len(inactive)
        return fresh

    async def _groups(self, slot: datetime, dues: list[Due]) -> dict[str, _Group]:
        from bot.chats import chat_settings
        from bot.subscriptions import scope_for_chat

        last = last_briefed(self.store, [d.chat.key for d in dues])
        default_start = slot - timedelta(hours=self.settings.brief.since_hours)
        groups: dict[str, _Group] = {}
        for index, due in enumerate(dues):
            await _breathe(index)
            prefs = chat_settings(self.store, due.chat, self.settings)
            since = last.get(due.chat.key) or default_start
            scope = dataclasses.replace(scope_for_chat(self.store, due.chat), since=since)
            key = "|".join([scope.key, str(prefs.stories), str(prefs.summary_sentences),
                            prefs.language])
            group = groups.setdefault(key, _Group(scope, prefs.stories, prefs.summary_sentences,
                                                  prefs.language))
            group.dues.append(due)
        return groups

    # -- one digest, many chats ---------------------------------------------------------------

    async def _push_group(self, slot: datetime, group: _Group, report: PushReport) -> None:
        try:
            briefing = await self.service.brief(
                group.scope, limit=group.limit, summary_sentences=group.summary_sentences
            )
        except Exception:  # one failing digest must not stop the other groups' pushes
            log.exception("push %s: briefing for %d chats failed", iso(slot), len(group.dues))
            return
        report.digests += 1
        digest_key = self._save_briefing(slot, group, briefing)
        if not briefing.stories:
            self._record(group.dues, "silent", briefing_key=digest_key, window=group.scope.since)
            report.silent += len(group.dues)
            return
        story_ids = [s.story_id for s in briefing.stories if s.story_id is not None]
        document = self._compose(briefing, group.language)
        payloads = self._render_per_platform(document, {d.chat.platform for d in group.dues})
        reachable = [d for d in group.dues if payloads.get(d.chat.platform)]
        unreachable = [d for d in group.dues if not payloads.get(d.chat.platform)]
        if unreachable:
            self._record(unreachable, "skipped", detail="platform not running")
        # In chunks, each chunk's rows and push records in one transaction, so that the loop
        # (and the outbox, already sending the first chunks) is never held for long.
        for start in range(0, len(reachable), ENQUEUE_CHUNK):
            chunk = reachable[start:start + ENQUEUE_CHUNK]
            entries = [Entry(d.chat, iso(slot) or "", payloads[d.chat.platform], story_ids)
                       for d in chunk]

            def record(conn: Connection, chunk: list[Due] = chunk) -> None:
                _insert_records(conn, chunk, "queued", self.clock(), briefing_key=digest_key,
                                window=group.scope.since)

            report.rows += self.outbox.enqueue_many(entries, also=record)
            await asyncio.sleep(0)
        report.queued += len(reachable)
        report.skipped += len(unreachable)

    def _compose(self, briefing: Briefing, language: str) -> Document:
        # Checked per digest, not once: `compose` may be replaced after construction.
        if accepts_language(self.compose):
            return self.compose(briefing, language=language)
        return self.compose(briefing)

    def _render_per_platform(self, document: Document, platforms: set[str]) -> dict[str, list[Payload]]:
        out: dict[str, list[Payload]] = {}
        for platform in platforms:
            adapter = self.outbox.adapters.get(platform)
            if adapter is None:
                log.warning("push: no adapter for %s; its chats are skipped", platform)
                continue
            out[platform] = adapter.render(document)
        return out

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
    if not dues:
        return
    slots = {d.slot for d in dues}
    existing = set()
    for slot in slots:
        existing |= set(conn.execute(sa.select(push_records.c.chat_key).where(
            push_records.c.slot == slot)).scalars())
    rows = [dict(chat_key=d.chat.key, slot=d.slot, schedule_id=d.schedule_id, status=status,
                 briefing_key=briefing_key, window_start=window, detail=detail, created_at=now)
            for d in dues if d.chat.key not in existing]
    if rows:
        conn.execute(push_records.insert(), rows)


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
                out[key] = _aware(slot)
    return out


def last_push(store: Store) -> dict[str, datetime]:
    """Each chat's latest push record of any kind (for finding pushes missed while down)."""
    p = push_records.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(p.chat_key, sa.func.max(p.slot)).group_by(p.chat_key))
        return {key: _aware(slot) for key, slot in rows}


def _aware(value: Any) -> datetime:
    # func.max() bypasses the column type: SQLite hands back the stored naive UTC text.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
