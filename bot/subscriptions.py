"""A chat's subscriptions: feeds/sites (engine sources linked to the chat) and topic filters.

A chat's `Scope` is what it sees: its own feeds (or everything collected when it has none),
filtered by its topics and exclusions.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.chat_schema import subscriptions
from bot.messages import ChatRef
from briefs.models import Scope, Source, utcnow
from briefs.store.store import Store


class SubscriptionError(ValueError):
    """A subscription cannot be made; the message is for the user (a catalogue key + args)."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


@dataclass(frozen=True)
class Subscription:
    id: int
    chat_key: str
    kind: str  # "feed" or "topic"
    source: Source | None = None
    words: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    created_at: datetime | None = None


def _key(chat: ChatRef | str) -> str:
    return chat if isinstance(chat, str) else chat.key


def parse_topic(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``climate "heat pump" -football`` -> (("climate", "heat pump"), ("football",))."""
    try:
        parts = shlex.split(text)
    except ValueError:  # an unbalanced quote: take the words as they are
        parts = text.replace('"', " ").split()
    words = [p.strip().lower() for p in parts if p.strip() and not p.startswith("-")]
    exclude = [p[1:].strip().lower() for p in parts if p.startswith("-") and p[1:].strip()]
    return tuple(dict.fromkeys(words)), tuple(dict.fromkeys(exclude))


def list_subscriptions(store: Store, chat: ChatRef | str) -> list[Subscription]:
    with store.engine.connect() as conn:
        rows = list(conn.execute(
            sa.select(subscriptions).where(subscriptions.c.chat_key == _key(chat))
            .order_by(subscriptions.c.id)
        ))
    return [_subscription(store, row) for row in rows]


def count(store: Store, chat: ChatRef | str, kind: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.select(sa.func.count()).select_from(subscriptions)
            .where(subscriptions.c.chat_key == _key(chat), subscriptions.c.kind == kind)
        ).scalar_one()


def has_feed(store: Store, chat: ChatRef | str, source_id: int) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.select(subscriptions.c.id).where(
                subscriptions.c.chat_key == _key(chat), subscriptions.c.source_id == source_id)
        ).first() is not None


def add_feed(store: Store, chat: ChatRef | str, source: Source, limit: int) -> Subscription:
    """Link `source` to the chat; the chat must be recorded (bot.chats.ensure_chat)."""
    if has_feed(store, chat, source.id):
        raise SubscriptionError("sub_exists", url=source.url)
    if count(store, chat, "feed") >= limit:
        raise SubscriptionError("sub_limit", limit=limit)
    return _insert(store, chat, kind="feed", source_id=source.id)


def add_topic(store: Store, chat: ChatRef | str, text: str, limit: int) -> Subscription:
    words, exclude = parse_topic(text)
    if not words and not exclude:
        raise SubscriptionError("topic_usage")
    if count(store, chat, "topic") >= limit:
        raise SubscriptionError("topic_limit", limit=limit)
    return _insert(store, chat, kind="topic", words=json.dumps(words), exclude=json.dumps(exclude))


def remove(store: Store, chat: ChatRef | str, subscription_id: int) -> Subscription | None:
    """Remove one of this chat's subscriptions; None when the chat has no such id."""
    found = get(store, chat, subscription_id)
    if found is None:
        return None
    with store.engine.begin() as conn:
        conn.execute(subscriptions.delete().where(subscriptions.c.id == subscription_id))
    return found


def get(store: Store, chat: ChatRef | str, subscription_id: int) -> Subscription | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(subscriptions).where(
            subscriptions.c.id == subscription_id, subscriptions.c.chat_key == _key(chat))
        ).first()
    return _subscription(store, row) if row else None


def subscriber_count(store: Store, source_id: int) -> int:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.select(sa.func.count()).select_from(subscriptions)
            .where(subscriptions.c.source_id == source_id)
        ).scalar_one()


def scope_for_chat(store: Store, chat: ChatRef | str) -> Scope:
    """What the chat sees; a chat without feeds of its own sees everything collected."""
    subs = list_subscriptions(store, chat)
    feeds = frozenset(s.source.id for s in subs if s.kind == "feed" and s.source)
    topics = tuple(dict.fromkeys(w for s in subs if s.kind == "topic" for w in s.words))
    exclude = tuple(dict.fromkeys(w for s in subs if s.kind == "topic" for w in s.exclude))
    return Scope(source_ids=feeds or None, topics=topics, exclude=exclude)


def _insert(store: Store, chat: ChatRef | str, **values: object) -> Subscription:
    with store.engine.begin() as conn:
        new_id = conn.execute(subscriptions.insert().values(
            chat_key=_key(chat), created_at=utcnow(), **values
        )).inserted_primary_key[0]
    return get(store, chat, new_id)  # type: ignore[return-value]


def _subscription(store: Store, row: sa.Row) -> Subscription:
    return Subscription(
        id=row.id, chat_key=row.chat_key, kind=row.kind,
        source=store.get_source(row.source_id) if row.source_id is not None else None,
        words=tuple(json.loads(row.words or "[]")), exclude=tuple(json.loads(row.exclude or "[]")),
        created_at=row.created_at,
    )
