"""The router: one `Incoming` in, the right command handler run, replies sent back.

The same on every platform; adapters only translate. `handle` never raises: a failure
inside one update is logged with its context and answered with a short apology, and the
bot goes on serving everyone else.
"""

from __future__ import annotations

import dataclasses
import logging
import re

from bot.chat import commands, commands_feeds, commands_schedule, conversations
from bot.chat.commands import Context, Handler, SchedulerHooks
from bot.chat.commands_text import say
from bot.chat.conversations import Thread
from bot.chats import chat_settings, ensure_chat
from bot.messages import Adapter, Incoming
from bot.render.compose import notice_document
from briefs.service import BriefingService
from briefs.store.store import Store
from config.settings import Settings

__all__ = ["Router", "SchedulerHooks"]

log = logging.getLogger(__name__)

COMMANDS: dict[str, Handler] = {
    **commands.HANDLERS, **commands_feeds.HANDLERS, **commands_schedule.HANDLERS,
}
ALIASES = {"unsub": "unsubscribe", "sub": "subscribe", "source": "sources", "q": "ask",
           "setting": "settings", "briefing": "brief"}
# "/cmd@botname args" (Telegram groups) or "/cmd args"
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?$", re.DOTALL)
# A leading mention: Slack "<@U123>" or "@briefbot"
_MENTION = re.compile(r"^\s*(<@[A-Z0-9]+(?:\|[^>]*)?>|@[A-Za-z0-9_]+)[\s,:]*")


class Router:
    def __init__(
        self, service: BriefingService, store: Store, settings: Settings, *,
        scheduler_hooks: SchedulerHooks | None = None,
    ) -> None:
        self.service = service
        self.store = store
        self.settings = settings
        self.scheduler_hooks = scheduler_hooks

    async def handle(self, incoming: Incoming, adapter: Adapter) -> None:
        """Handle one update; never raises (except cancellation)."""
        try:
            await self._dispatch(incoming, adapter)
        except Exception:
            log.exception("update failed: platform=%s chat=%s user=%s command=%s",
                          incoming.chat.platform, incoming.chat.key, incoming.user.id,
                          _command_name(incoming.text))
            await self._apologize(incoming, adapter)

    async def _apologize(self, incoming: Incoming, adapter: Adapter) -> None:
        try:
            language = chat_settings(self.store, incoming.chat, self.settings).language
        except Exception:
            language = self.settings.bot.language
        try:
            # kind "error": the adapters count it as a failed update in the metrics.
            await adapter.send(incoming.chat, notice_document(say(language, "apology"), "error"),
                               reply_to=incoming.message)
        except Exception:
            log.warning("could not send the apology to %s", incoming.chat.key, exc_info=True)

    async def _dispatch(self, incoming: Incoming, adapter: Adapter) -> None:
        if incoming.user.is_bot:  # our own messages and other bots: never answer
            return
        if _has_surrogates(incoming.text):  # undecodable input: storable text, or nothing works
            incoming = dataclasses.replace(incoming, text=_without_surrogates(incoming.text))
        text = incoming.text.strip()
        match = _COMMAND.match(text)
        question, thread = None, None
        if incoming.attachment is None and not text.startswith("/"):
            question, thread = self._question(incoming, text)
            if question is None:
                return  # group chatter that is not addressed to the bot
        # Only chats that address the bot are recorded (not every message of a busy group).
        ensure_chat(self.store, incoming.chat, incoming.chat_type)
        ctx = Context(incoming, adapter, self.service, self.store, self.settings,
                      chat_settings(self.store, incoming.chat, self.settings),
                      hooks=self.scheduler_hooks)
        if incoming.attachment is not None:
            await commands_feeds.import_attachment(ctx)
        elif match:
            await self._command(ctx, match.group(1).lower(), (match.group(2) or "").strip())
        elif question is None:  # "/ask?" or "/settings:": not a command
            name = (text[1:].split() or ["?"])[0][:40]
            await ctx.reply(ctx.t("unknown_command", name=name))
        else:
            await commands.answer_question(ctx, question, thread)

    def _question(self, incoming: Incoming, text: str) -> tuple[str | None, Thread | None]:
        """Free text is a question when it follows up a bot message, is private, or mentions us."""
        if incoming.mentioned:
            text = _MENTION.sub("", text, count=1).strip()
        thread = conversations.thread_for_message(self.store, incoming.reply_to) \
            if incoming.reply_to else None
        direct = incoming.chat_type == "private" or incoming.chat.platform == "console" \
            or incoming.mentioned
        if not text or (thread is None and not direct):
            return None, None
        return text, thread

    async def _command(self, ctx: Context, name: str, args: str) -> None:
        name = ALIASES.get(name, name)
        if name == "brief" and args:
            # Slack has one slash command: "/brief subscribe URL" means /subscribe URL.
            first, _, rest = args.partition(" ")
            sub = ALIASES.get(first.lower(), first.lower())
            if sub in COMMANDS and sub != "brief":
                name, args = sub, rest.strip()
        handler = COMMANDS.get(name)
        if handler is None:
            await ctx.reply(ctx.t("unknown_command", name=name))
            return
        ctx.args = args
        await handler(ctx)


def _command_name(text: str) -> str | None:
    match = _COMMAND.match(text.strip())
    return match.group(1).lower() if match else None


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def _without_surrogates(text: str) -> str:
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
