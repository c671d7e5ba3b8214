"""What each due chat's digest depends on, for many chats in a handful of queries.

A push to N chats needs, per chat: whether it is active, its settings, its subscriptions (the
scope) and when it was last briefed (the window). Asked one chat at a time that is 3N+
statements; here each is one query per batch of up to `IN_CHUNK` chats, and the answers equal
those of bot.chats.is_active / chat_settings and bot.subscriptions.scope_for_chat.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.chat_schema import chats, subscriptions
from bot.chats import ChatSettings
from bot.delivery.bulk import among
from bot.delivery.schema import push_records
from briefs.models import Scope
from briefs.store import schema as engine_schema
from briefs.store.store import Store
from config.settings import Settings

# Keys per IN (...) query: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
IN_CHUNK = 5000
# A push counts as a briefing (for "new since the last one") when parts were queued, or when
# it was silent because nothing was new; a skipped push does not move the window on.
BRIEFED = ("queued", "silent")


@dataclass
class ChatProfile:
    active: bool = True  # unknown chats have not asked to stop
    settings: ChatSettings = field(default_factory=ChatSettings)
    scope: Scope = field(default_factory=Scope)
    last_briefed: datetime | None = None


def chat_profiles(store: Store, keys: Sequence[str], settings: Settings) -> dict[str, ChatProfile]:
    """Every key's profile (in one read transaction, four queries per `IN_CHUNK` keys)."""
    defaults = ChatSettings(settings.brief.stories, settings.brief.summary_sentences,
                            settings.bot.language)
    profiles = {key: ChatProfile(settings=defaults) for key in keys}
    subs: dict[str, list[Any]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(list(profiles)):
            _read_chats(conn, chunk, profiles, defaults)
            _read_last_briefed(conn, chunk, profiles)
            for row in _subscriptions(conn, chunk):
                subs.setdefault(row.chat_key, []).append(row)
    for key, rows in subs.items():
        profiles[key].scope = _scope(rows)
    return profiles


def _chunks(keys: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(keys), IN_CHUNK):
        yield keys[start:start + IN_CHUNK]


def _read_chats(conn: Connection, keys: list[str], profiles: dict[str, ChatProfile],
                defaults: ChatSettings) -> None:
    c = chats.c
    rows = conn.execute(sa.select(c.key, c.active, c.stories, c.summary_sentences, c.language)
                        .where(among(conn, c.key, keys)))
    for row in rows:
        profile = profiles[row.key]
        profile.active = row.active is not False
        profile.settings = ChatSettings(
            stories=row.stories or defaults.stories,
            summary_sentences=row.summary_sentences or defaults.summary_sentences,
            language=row.language or defaults.language,
        )


def _read_last_briefed(conn: Connection, keys: list[str], profiles: dict[str, ChatProfile]) -> None:
    p = push_records.c
    rows = conn.execute(sa.select(p.chat_key, sa.func.max(p.slot))
                        .where(among(conn, p.chat_key, keys), p.status.in_(BRIEFED)).group_by(p.chat_key))
    for key, slot in rows:
        profiles[key].last_briefed = aware(slot)


def _subscriptions(conn: Connection, keys: list[str]) -> list[Any]:
    s, src = subscriptions.c, engine_schema.sources.c
    joined = subscriptions.outerjoin(engine_schema.sources, src.id == s.source_id)
    return list(conn.execute(
        sa.select(s.chat_key, s.kind, src.id.label("source_id"), s.words, s.exclude)
        .select_from(joined).where(among(conn, s.chat_key, keys)).order_by(s.id)))


def _scope(rows: list[Any]) -> Scope:
    """As bot.subscriptions.scope_for_chat: no feeds of its own means everything collected."""
    feeds = frozenset(r.source_id for r in rows if r.kind == "feed" and r.source_id is not None)
    topics = [r for r in rows if r.kind == "topic"]
    words = tuple(dict.fromkeys(w for r in topics for w in json.loads(r.words or "[]")))
    exclude = tuple(dict.fromkeys(w for r in topics for w in json.loads(r.exclude or "[]")))
    return Scope(source_ids=feeds or None, topics=words, exclude=exclude)


def aware(value: Any) -> datetime:
    # func.max() bypasses the column type: SQLite hands back the stored naive UTC text.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
