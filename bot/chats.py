"""Chat records: which chats the bot knows, whether they still want messages, and each
chat's own settings (number of stories, summary length, language of the bot's messages)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import sqlalchemy as sa

from bot.chat_schema import chats
from bot.messages import ChatRef, ChatType
from briefs.models import Briefing, utcnow
from briefs.store.store import Store
from briefs.write.briefing import MAX_SUMMARY_SENTENCES as _WRITER_MAX_SENTENCES
from config.settings import Settings

LANGUAGES = ("en", "de")
MAX_STORIES = 15
# `/settings length` goes up to the writer's cap: /brief summarizes to the chat's length.
MAX_SUMMARY_SENTENCES = _WRITER_MAX_SENTENCES


@dataclass(frozen=True)
class ChatSettings:
    stories: int = 5
    summary_sentences: int = 3
    language: str = "en"


def _ref(chat: ChatRef | str) -> ChatRef:
    return ChatRef.parse(chat) if isinstance(chat, str) else chat


def ensure_chat(store: Store, chat: ChatRef | str, chat_type: ChatType = "private") -> None:
    """Record a chat the bot heard from; hearing from it again makes it active again."""
    ref, now = _ref(chat), utcnow()
    with store.engine.begin() as conn:
        updated = conn.execute(
            chats.update().where(chats.c.key == ref.key)
            .values(chat_type=chat_type, active=True, inactive_reason=None, updated_at=now)
        ).rowcount
        if not updated:
            conn.execute(chats.insert().values(
                key=ref.key, platform=ref.platform, chat_id=ref.chat_id, chat_type=chat_type,
                active=True, created_at=now, updated_at=now,
            ))


def chat_type_of(store: Store, chat: ChatRef | str) -> ChatType | None:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.select(chats.c.chat_type).where(chats.c.key == _ref(chat).key)
        ).scalar()


def active_chats(store: Store) -> list[ChatRef]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(chats.c.platform, chats.c.chat_id).where(chats.c.active.is_(True))
            .order_by(chats.c.key)
        )
        return [ChatRef(row.platform, row.chat_id) for row in rows]


def is_active(store: Store, chat: ChatRef | str) -> bool:
    with store.engine.connect() as conn:
        value = conn.execute(sa.select(chats.c.active).where(chats.c.key == _ref(chat).key)).scalar()
    return value is not False  # unknown chats have not asked to stop


def mark_inactive(store: Store, chat: ChatRef | str, reason: str) -> None:
    """The bot was blocked or removed there: stop pushing until the chat speaks again."""
    ref, now = _ref(chat), utcnow()
    with store.engine.begin() as conn:
        updated = conn.execute(
            chats.update().where(chats.c.key == ref.key)
            .values(active=False, inactive_reason=reason[:500], updated_at=now)
        ).rowcount
        if not updated:
            conn.execute(chats.insert().values(
                key=ref.key, platform=ref.platform, chat_id=ref.chat_id, chat_type="private",
                active=False, inactive_reason=reason[:500], created_at=now, updated_at=now,
            ))


def chat_settings(
    store: Store, chat: ChatRef | str, settings: Settings | None = None
) -> ChatSettings:
    """The chat's settings: its own choices over the configured defaults."""
    defaults = settings or Settings()
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(chats.c.stories, chats.c.summary_sentences, chats.c.language)
            .where(chats.c.key == _ref(chat).key)
        ).first()
    return ChatSettings(
        stories=(row and row.stories) or defaults.brief.stories,
        summary_sentences=(row and row.summary_sentences) or defaults.brief.summary_sentences,
        language=(row and row.language) or defaults.bot.language,
    )


def update_chat_settings(store: Store, chat: ChatRef | str, **values: int | str) -> None:
    """Set `stories`, `summary_sentences` or `language` for a chat (recorded already)."""
    allowed = {"stories", "summary_sentences", "language"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown chat setting: {min(unknown)}")
    with store.engine.begin() as conn:
        conn.execute(chats.update().where(chats.c.key == _ref(chat).key)
                     .values(updated_at=utcnow(), **values))


def fit_briefing(briefing: Briefing, prefs: ChatSettings) -> Briefing:
    """A briefing cut to the chat's choices. /brief asks the writer for the chat's summary
    length (up to MAX_SUMMARY_SENTENCES); a briefing written to the defaults (one shared by
    several chats) is only ever cut here, never lengthened."""
    stories = tuple(dataclasses.replace(s, summary=s.summary[:prefs.summary_sentences])
                    for s in briefing.stories[:prefs.stories])
    return dataclasses.replace(briefing, stories=stories)
