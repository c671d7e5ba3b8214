"""End to end on Telegram: the fake Bot API, unmodified python-telegram-bot, our adapter, the real
Router and commands, and the real engine on a store with a few articles.

Only the digest is scripted (`ScriptedService.brief`), so that the briefing has the exact
stories and length each test needs; answers, subscriptions, schedules and permissions are real.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from html.parser import HTMLParser
from typing import Any

import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.chat import conversations
from bot.chat.router import Router
from bot.chats import chat_settings, fit_briefing
from bot.messages import ChatRef, MessageRef
from bot.metrics import Metrics
from bot.render.compose import briefing_document
from briefs.models import Briefing, Figure, Quote, SourceRef, StoryBrief
from briefs.service import BriefingService
from config.settings import Secrets, Settings
from tests.chat.conftest import ARTICLES, RecordingHooks, insert_articles
from tests.fakes.telegram_api import FakeTelegramAPI


class ScriptedService:
    """The real BriefingService, except that `brief` returns the digest a test sets."""

    def __init__(self, real: BriefingService, briefing: Briefing) -> None:
        self.real = real
        self.briefing = briefing
        self.asked: list[dict[str, Any]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    async def brief(self, scope: Any, *, limit: int | None = None, topic: str | None = None,
                    since: Any = None, summary_sentences: int | None = None) -> Briefing:
        return self.briefing

    async def ask(self, question: str, scope: Any, **kwargs: Any) -> Any:
        self.asked.append({"question": question, **kwargs})
        return await self.real.ask(question, scope, **kwargs)


def story_briefs(stories: dict[str, int], sentences: int = 1,
                 whole_text: bool = False) -> tuple[StoryBrief, ...]:
    """Briefs of the inserted test articles (article ids follow insertion order)."""
    briefs = []
    for key, story_id in stories.items():
        members = [(i + 1, a) for i, a in enumerate(ARTICLES) if a[2] == key]
        first = members[0][1]
        lead = (first[1].replace("\n\n", " ") * 2) if whole_text else first[1].split("\n\n")[0]
        summary = tuple(lead for _ in range(sentences))
        briefs.append(StoryBrief(
            title=first[0], summary=summary,
            quotes=(Quote("Libraries are the living rooms of a town", "Maria Lopez", f"a{members[0][0]}"),)
            if key == "library" else (),
            numbers=(Figure("$2.5 million", "an 18-month renovation that cost $2.5 million",
                            f"a{members[0][0]}"),) if key == "library" else (),
            sources=tuple(SourceRef(f"a{i}", a[0], f"https://news{i - 1}.example.org/x")
                          for i, a in members),
            story_id=story_id,
        ))
    return tuple(briefs)


class Bot:
    def __init__(self, api: FakeTelegramAPI, adapter: TelegramAdapter, service: ScriptedService,
                 stories: dict[str, int], store: Any) -> None:
        self.api, self.adapter, self.service, self.stories = api, adapter, service, stories
        self.store = store

    async def known_as_briefing(self, chat_id: int, message_id: int) -> None:
        """Wait until the router has recorded a sent message (it does so after sending)."""
        ref = MessageRef(ChatRef("telegram", str(chat_id)), str(message_id))
        await self.api.wait_for(lambda _: bool(conversations.stories_for_message(self.store, ref)))

    async def say(self, chat_id: int, text: str, **kwargs: Any) -> list[Any]:
        """Send a message as a user; return the bot's replies in that chat once they came."""
        before = len(self.api.sent_to(chat_id))
        message = self.api.push_message(chat_id, text, **kwargs)
        await self.api.wait_for(lambda api: any(
            m.reply_to == message["message_id"] for m in api.sent_to(chat_id)[before:]))
        return self.api.sent_to(chat_id)[before:]


@pytest.fixture
async def bot(settings: Settings, store: Any) -> AsyncIterator[Bot]:
    stories = insert_articles(store)
    real = BriefingService(store, settings)
    service = ScriptedService(real, Briefing(stories=story_briefs(stories)))
    async with FakeTelegramAPI() as api:
        configured = settings.replace(secrets=Secrets(
            telegram_bot_token=api.token, telegram_api_base_url=api.url))
        router = Router(service, store, configured, scheduler_hooks=RecordingHooks())  # type: ignore[arg-type]
        adapter = TelegramAdapter(configured, router.handle, Metrics(), poll_timeout=5)
        await adapter.start()
        try:
            yield Bot(api, adapter, service, stories, store)
        finally:
            await adapter.stop()
            for part in (real._collector, real._writer, real._answerer):
                if part is not None and hasattr(part, "aclose"):
                    await part.aclose()


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        assert tag in {"b", "i", "a", "code", "blockquote"}, tag
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag


def assert_telegram_html(text: str) -> None:
    parser = _Html()
    parser.feed(text)
    parser.close()
    assert parser.stack == []


async def test_start_and_help(bot: Bot) -> None:
    [hello] = await bot.say(42, "/start")
    assert "briefbot" in hello.text and "/brief" in hello.text
    replies = await bot.say(42, "/help")
    text = "\n".join(r.text for r in replies)
    for name in ("/brief", "/ask", "/subscribe", "/unsubscribe", "/sources", "/schedule", "/settings"):
        assert name in text


async def test_brief_sends_the_briefing_with_quotes_numbers_and_links(bot: Bot) -> None:
    [briefing] = await bot.say(42, "/brief")
    assert "<b>Lakeside library reopens after $2.5 million renovation</b>" in briefing.text
    assert "<blockquote>“Libraries are the living rooms of a town”\n— Maria Lopez</blockquote>" in briefing.text
    assert '<a href="https://news0.example.org/x">' in briefing.text
    assert "Also reported by" in briefing.text
    assert briefing.disable_preview and briefing.parse_mode == "HTML"
    assert_telegram_html(briefing.text)


async def test_ask_answers_with_sources(bot: Bot) -> None:
    replies = await bot.say(42, "/ask How much did the Lakeside library renovation cost?")
    text = "\n".join(r.text for r in replies)
    assert "2.5 million" in text
    assert "https://news" in text  # a numbered citation links its article
    assert_telegram_html(text)


async def test_subscribe_with_a_bad_url_is_refused_helpfully(bot: Bot) -> None:
    [reply] = await bot.say(42, "/subscribe ftp://example.org/feed")
    assert "isn't a web address" in reply.text
    [usage] = await bot.say(42, "/subscribe")
    assert "/subscribe" in usage.text


async def test_unknown_command_gets_a_helpful_reply(bot: Bot) -> None:
    [reply] = await bot.say(42, "/frobnicate")
    assert "/help" in reply.text


async def test_reply_to_a_briefing_is_a_follow_up_about_its_stories(bot: Bot) -> None:
    [briefing] = await bot.say(-100200, "/brief", user_id=5)
    await bot.known_as_briefing(-100200, briefing.message_id)
    replies = await bot.say(-100200, "What did Maria Lopez say about the library?", user_id=5,
                            reply_to=briefing.message_id, reply_to_text="briefing")
    assert replies and all(r.reply_to for r in replies)
    [asked] = bot.service.asked
    assert asked["question"] == "What did Maria Lopez say about the library?"
    assert bot.stories["library"] in asked["focus_story_ids"]


async def test_group_chatter_is_not_answered(bot: Bot) -> None:
    bot.api.push_message(-100200, "lunch anyone?", user_id=5)
    await bot.say(-100200, "/help", user_id=5)
    assert not bot.service.asked


async def test_a_mention_in_a_group_is_a_question(bot: Bot) -> None:
    replies = await bot.say(-100200, "@briefbot how much did the library renovation cost?", user_id=5)
    assert "2.5 million" in "\n".join(r.text for r in replies)
    assert bot.service.asked[0]["question"] == "how much did the library renovation cost?"


async def test_only_group_admins_change_the_schedule(bot: Bot) -> None:
    [refused] = await bot.say(-100300, "/schedule 07:30 Europe/Berlin", user_id=6)
    assert "Only the chat's admins" in refused.text
    bot.api.set_member_status(-100300, 7, "administrator")
    [accepted] = await bot.say(-100300, "/schedule 07:30 Europe/Berlin", user_id=7)
    assert "07:30" in accepted.text and "Only" not in accepted.text
    assert bot.api.calls_to("getChatMember")


async def test_forum_topic_replies_stay_in_the_topic(bot: Bot) -> None:
    replies = await bot.say(-100400, "/brief", thread_id=11, user_id=5)
    assert replies and all(r.message_thread_id == 11 for r in replies)


async def test_a_long_briefing_is_split_into_valid_messages(bot: Bot) -> None:
    long_stories = story_briefs(bot.stories, sentences=3, whole_text=True) * 4
    bot.service.briefing = Briefing(stories=long_stories)
    # What the chat gets: the briefing cut to its settings (stories, summary length).
    prefs = chat_settings(bot.store, ChatRef("telegram", "42"))
    shown = briefing_document(fit_briefing(bot.service.briefing, prefs))
    expected = len(bot.adapter.render(shown))
    assert expected >= 3
    replies = await bot.say(42, "/brief")
    parts = await bot.api.wait_for_sent(expected, chat_id=42)
    assert len(parts) == expected
    await bot.known_as_briefing(42, parts[-1].message_id)
    for part in parts:
        assert len(part.text) < 4096
        assert_telegram_html(part.text)
    assert replies[0].reply_to is not None
    # Every part is known as a briefing: a reply to the last part is a follow-up too.
    await bot.say(42, "And the ferry fares?", reply_to=parts[-1].message_id)
    assert bot.service.asked[-1]["focus_story_ids"]


async def test_export_sends_the_chat_feeds_as_an_opml_file(bot: Bot) -> None:
    from bot import subscriptions
    from bot.chats import ensure_chat
    from briefs.collect.opml import parse_opml

    ensure_chat(bot.store, "telegram:42")
    source = bot.store.add_source("https://feeds.example.org/city.xml", kind="feed",
                                  title="City desk", origin="chat")
    subscriptions.add_feed(bot.store, "telegram:42", source, limit=50)
    [reply] = await bot.say(42, "/export")
    upload = reply.params["document"]
    assert isinstance(upload, bytes)
    assert [feed.url for feed in parse_opml(upload)] == ["https://feeds.example.org/city.xml"]
    assert "OPML" in reply.text or "opml" in reply.text.lower()
