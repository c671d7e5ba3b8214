"""Follow-up questions: which stories a sent message carried, and each thread's history.

A thread is rooted at the message a conversation started from (a briefing part or the first
answer). Replying to any message of the thread continues it: the answer is focused on the
stories the thread is about, and the last few turns are passed to the answerer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.chat_schema import conversation_turns, message_links
from bot.messages import ChatRef, MessageRef
from briefs.models import Turn, utcnow
from briefs.store.store import Store


@dataclass(frozen=True)
class Thread:
    root: str  # message id of the thread's first message
    story_ids: tuple[int, ...] = ()


def record_briefing_message(store: Store, ref: MessageRef, story_ids: Sequence[int]) -> None:
    """Remember a sent briefing part (the outbox calls this for every part it sends)."""
    _link(store, ref, "briefing", ref.message_id, story_ids)


def record_answer_message(store: Store, ref: MessageRef, thread: Thread) -> None:
    """Remember a sent answer, so a reply to it continues the same thread."""
    _link(store, ref, "answer", thread.root, thread.story_ids)


def stories_for_message(store: Store, ref: MessageRef) -> list[int]:
    thread = thread_for_message(store, ref)
    return list(thread.story_ids) if thread else []


def thread_for_message(store: Store, ref: MessageRef) -> Thread | None:
    """The thread a bot message belongs to; None when the bot does not know the message."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(message_links.c.thread_root, message_links.c.story_ids).where(
            message_links.c.chat_key == ref.chat.key,
            message_links.c.message_id == ref.message_id,
        )).first()
    if row is None:
        return None
    return Thread(row.thread_root, tuple(json.loads(row.story_ids or "[]")))


def history(store: Store, chat: ChatRef, root: str, turns: int) -> list[Turn]:
    """The last `turns` questions and answers of a thread, oldest first."""
    if turns <= 0:
        return []
    t = conversation_turns.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(t.question, t.answer)
            .where(t.chat_key == chat.key, t.thread_root == root)
            .order_by(t.id.desc()).limit(turns)
        ).all()
    return [Turn(row.question, row.answer) for row in reversed(rows)]


def record_turn(store: Store, chat: ChatRef, root: str, question: str, answer: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(conversation_turns.insert().values(
            chat_key=chat.key, thread_root=root, question=question, answer=answer,
            created_at=utcnow(),
        ))


# Built once: the outbox links every part it sends, and building a statement costs more than
# running it. Replace, not insert: a retried send may record the same platform message again.
_UNLINK = message_links.delete().where(
    message_links.c.chat_key == sa.bindparam("chat"),
    message_links.c.message_id == sa.bindparam("message"))
_LINK = message_links.insert().values(
    chat_key=sa.bindparam("chat"), message_id=sa.bindparam("message"), kind=sa.bindparam("kind"),
    thread_root=sa.bindparam("root"), story_ids=sa.bindparam("ids"),
    created_at=sa.bindparam("at", type_=message_links.c.created_at.type))


def link_briefing_message(conn: Connection, ref: MessageRef, story_ids: Sequence[int]) -> None:
    """`record_briefing_message` inside the caller's transaction (the outbox marks the part
    sent in the same one)."""
    _link_on(conn, ref, "briefing", ref.message_id, story_ids)


def _link(store: Store, ref: MessageRef, kind: str, root: str, story_ids: Sequence[int]) -> None:
    with store.engine.begin() as conn:
        _link_on(conn, ref, kind, root, story_ids)


def _link_on(conn: Connection, ref: MessageRef, kind: str, root: str,
             story_ids: Sequence[int]) -> None:
    ids = json.dumps([int(i) for i in dict.fromkeys(story_ids) if i is not None])
    key = {"chat": ref.chat.key, "message": ref.message_id}
    conn.execute(_UNLINK, key)
    conn.execute(_LINK, {**key, "kind": kind, "root": root, "ids": ids, "at": utcnow()})


