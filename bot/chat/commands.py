"""Chat commands, the same on every platform: small async handlers taking a `Context`.

This module holds the context, the general commands (/start, /help, /brief, /ask,
/settings) and the question flow used by follow-ups; feeds and schedules live in
`commands_feeds` and `commands_schedule`. The router maps names to handlers.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.chat import conversations
from bot.chat.commands_text import say
from bot.chat.permissions import may_change
from bot.chats import (
    LANGUAGES,
    MAX_STORIES,
    MAX_SUMMARY_SENTENCES,
    ChatSettings,
    fit_briefing,
    update_chat_settings,
)
from bot.messages import Adapter, Block, Document, Incoming, MessageRef, Span
from bot.render.compose import COMMANDS, answer_document, briefing_document, help_document
from bot.subscriptions import scope_for_chat
from briefs.models import Source, parse_public_id
from briefs.service import BriefingService
from briefs.store.store import Store
from config.settings import Settings

TYPING_REFRESH_SECONDS = 4.5  # Telegram shows "typing…" for about 5 s per call
MAX_QUESTION_CHARS = 1000  # a pasted article is not a question; keep retrieval cheap


class SchedulerHooks(Protocol):
    """What the scheduler wants to hear from chat commands (methods may be sync or async)."""

    def schedule_changed(self, chat: Any) -> Any: ...

    def source_added(self, source: Source) -> Any: ...


@dataclass
class Context:
    incoming: Incoming
    adapter: Adapter
    service: BriefingService
    store: Store
    settings: Settings
    chat_settings: ChatSettings
    args: str = ""
    hooks: SchedulerHooks | None = None

    @property
    def lang(self) -> str:
        return self.chat_settings.language

    def t(self, key: str, **args: object) -> str:
        return say(self.lang, key, **args)

    async def reply(self, content: str | Document) -> list[MessageRef]:
        document = Document.text(content) if isinstance(content, str) else content
        return await self.adapter.send(self.incoming.chat, document, reply_to=self.incoming.message)

    async def allowed_to_change(self) -> bool:
        """True when the user may change this chat; otherwise tells them why not."""
        if await may_change(self.incoming, self.adapter, self.settings):
            return True
        await self.reply(self.t("not_admin"))
        return False

    async def notify_scheduler(self, hook: str, *args: object) -> None:
        method = getattr(self.hooks, hook, None) if self.hooks else None
        if method is None:
            return
        result = method(*args)
        if inspect.isawaitable(result):
            await result


Handler = Callable[[Context], Awaitable[None]]


@contextlib.asynccontextmanager
async def typing(ctx: Context) -> AsyncIterator[None]:
    """Show "typing…" for as long as the work inside takes (refreshed, never fatal)."""

    async def keep_typing() -> None:
        while True:
            with contextlib.suppress(Exception):
                await ctx.adapter.typing(ctx.incoming.chat)
            await asyncio.sleep(TYPING_REFRESH_SECONDS)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def start(ctx: Context) -> None:
    await ctx.reply(ctx.t("start"))


async def help_(ctx: Context) -> None:
    commands = [(name, ctx.t(f"cmd_{name}") if ctx.lang != "en" else text) for name, text in COMMANDS]
    commands.append(("export", ctx.t("cmd_export")))
    document = help_document(ctx.t("help_intro"), commands, ctx.incoming.chat.platform,
                             language=ctx.lang)
    # The console has its own tip (from compose); other private chats get this one.
    if ctx.incoming.chat_type == "private" and ctx.incoming.chat.platform != "console":
        hint = Block("context", (Span(ctx.t("ask_hint_private")),))
        document = Document((*document.blocks, hint), meta=document.meta)
    await ctx.reply(document)


async def brief(ctx: Context) -> None:
    """The briefing now: the current top stories of the chat's scope, new or not."""
    topic = ctx.args.strip() or None
    async with typing(ctx):
        scope = scope_for_chat(ctx.store, ctx.incoming.chat)
        briefing = await ctx.service.brief(
            scope, limit=ctx.chat_settings.stories, topic=topic,
            summary_sentences=ctx.chat_settings.summary_sentences,
        )
    briefing = fit_briefing(briefing, ctx.chat_settings)
    if not briefing.stories:
        await ctx.reply(ctx.t("brief_empty_topic", topic=topic) if topic else ctx.t("brief_empty"))
        return
    refs = await ctx.reply(briefing_document(briefing, language=ctx.lang))
    story_ids = [s.story_id for s in briefing.stories if s.story_id is not None]
    for ref in refs:
        conversations.record_briefing_message(ctx.store, ref, story_ids)



async def ask(ctx: Context) -> None:
    question = ctx.args.strip()
    if not question:
        await ctx.reply(ctx.t("ask_usage"))
        return
    reply_to = ctx.incoming.reply_to
    thread = conversations.thread_for_message(ctx.store, reply_to) if reply_to else None
    await answer_question(ctx, question, thread)


async def answer_question(ctx: Context, question: str, thread: conversations.Thread | None) -> None:
    """Answer from the chat's articles; in a thread, focused on its stories, with its history."""
    chat = ctx.incoming.chat
    question = question[:MAX_QUESTION_CHARS]
    history = conversations.history(ctx.store, chat, thread.root, ctx.settings.ask.history_turns) \
        if thread else []
    async with typing(ctx):
        answer = await ctx.service.ask(
            question, scope_for_chat(ctx.store, chat), history=history,
            focus_story_ids=thread.story_ids if thread else (),
        )
    refs = await ctx.reply(answer_document(answer, language=ctx.lang))
    if thread is None:  # a new conversation, about the stories the answer cites
        root = ctx.incoming.message.message_id if ctx.incoming.message else (
            refs[0].message_id if refs else None)
        if root is None:
            return
        thread = conversations.Thread(root, _cited_story_ids(ctx.store, answer.citations))
    for ref in [*refs, *([ctx.incoming.message] if ctx.incoming.message else [])]:
        # The question too: a Slack thread's root may be the user's own message.
        conversations.record_answer_message(ctx.store, ref, thread)
    conversations.record_turn(ctx.store, chat, thread.root, question, answer.answer)


def _cited_story_ids(store: Store, citations: Any) -> tuple[int, ...]:
    ids = []
    for citation in citations:
        with contextlib.suppress(ValueError):
            ids.append(parse_public_id(citation.source_id))
    stories = [a.story_id for a in store.get_articles(ids) if a.story_id is not None]
    return tuple(dict.fromkeys(stories))


_SETTING_NAMES = {
    "stories": "stories", "story": "stories", "n": "stories",
    "length": "summary_sentences", "sentences": "summary_sentences", "summary": "summary_sentences",
    "language": "language", "lang": "language",
}


async def settings(ctx: Context) -> None:
    parts = ctx.args.split()
    if not parts:
        cs = ctx.chat_settings
        await ctx.reply(ctx.t("settings_show", stories=cs.stories, length=cs.summary_sentences,
                              language=cs.language, languages="|".join(LANGUAGES)))
        return
    name = _SETTING_NAMES.get(parts[0].lower())
    usage = ctx.t("settings_usage", max_stories=MAX_STORIES, max_length=_max_sentences(ctx),
                  languages="|".join(LANGUAGES))
    if name is None and len(parts) == 2:
        await ctx.reply(f"{ctx.t('setting_unknown', name=parts[0][:40])} {usage}")
        return
    if name is None or len(parts) != 2:
        await ctx.reply(usage)
        return
    value, problem = _setting_value(ctx, name, parts[1])
    if value is None:
        await ctx.reply(f"{problem} {usage}")
        return
    if not await ctx.allowed_to_change():
        return
    update_chat_settings(ctx.store, ctx.incoming.chat, **{name: value})
    lang = value if name == "language" else ctx.lang
    shown = {"summary_sentences": "length"}.get(name, name)
    await ctx.reply(say(str(lang), "settings_saved", name=shown, value=value))


def _setting_value(ctx: Context, name: str, raw: str) -> tuple[int | str | None, str]:
    """(the value, "") or (None, what was wrong with `raw`, in one sentence)."""
    shown = raw[:40]
    if name == "language":
        if raw.lower() in LANGUAGES:
            return raw.lower(), ""
        return None, ctx.t("setting_language", languages="|".join(LANGUAGES), value=shown)
    top = MAX_STORIES if name == "stories" else _max_sentences(ctx)
    label = {"summary_sentences": "length"}.get(name, name)
    # ASCII digits only: "²" and "٣" are digits to str.isdigit but not numbers to int().
    if raw.isascii() and raw.isdigit() and len(raw) <= 6 and 1 <= int(raw) <= top:
        return int(raw), ""
    return None, ctx.t("setting_range", name=label, top=top, value=shown)


def _max_sentences(ctx: Context) -> int:
    # The writer summarizes to the chat's own length, up to the engine's cap.
    return max(MAX_SUMMARY_SENTENCES, ctx.settings.brief.summary_sentences)


HANDLERS: dict[str, Handler] = {
    "start": start,
    "help": help_,
    "brief": brief,
    "ask": ask,
    "settings": settings,
}
